// create_video's use case: a Video Agent video presented by a look. Started only for a look that
// is ready (a video with any other fails later, after paying); with a key, never twice; and never
// more sessions at once than this server allows (HeyGen's queue congests beyond 2–3).

import { createHash } from 'node:crypto';
import { UserError } from '../core/errors.ts';
import type { HeyGenClient } from '../domain/heygen/client.ts';
import { HeyGenError } from '../domain/heygen/errors.ts';
import { FINISHED, getSession, startSession, type SessionRequest } from '../domain/heygen/video-agent.ts';
import type { VideoKeyEntry } from '../store/keys.ts';
import type { VideoRecord } from '../store/videos.ts';
import type { Services } from './deps.ts';
import { heygenAccount, otherHeyGen } from './heygen-account.ts';
import { onNotFound } from './heygen-steps.ts';
import { readLook } from './look-status.ts';

export interface VideoStarted {
  session_id: string;
  status: string;
  video_id?: string | undefined;
  avatar_id: string;
  key?: string | undefined;
  /** True when the key's earlier session was returned instead of starting another. */
  existing: boolean;
  sessions_in_flight: number;
  limit: number;
  next_step: string;
}

export async function createVideo(
  services: Services,
  args: SessionRequest & { key?: string | undefined },
  signal: AbortSignal,
): Promise<VideoStarted> {
  const request = {
    avatar_id: args.avatar_id,
    prompt_sha256: createHash('sha256').update(args.prompt).digest('hex'),
    orientation: args.orientation ?? null,
    // Only when it is not the default, so a key used before modes existed still matches.
    ...(args.mode === 'chat' ? { mode: 'chat' } : {}),
    voice_id: args.voice_id ?? null,
    style_id: args.style_id ?? null,
    asset_ids: args.asset_ids ?? [],
  };
  const client = await services.heygen();
  const notFound = onNotFound(
    `There is no look "${args.avatar_id}": pass the look_id from create_look or add_look (list_looks shows the group's looks).`,
  );
  // 1. The key: its session, if it has one.
  const claimed = args.key ? await services.videoKeys.get(args.key) : undefined;
  if (claimed) return existingSession(services, claimed, request, client, signal);
  // 2. The look must be ready; otherwise the render fails later, after paying.
  await refuseUnreadyLook(client, args.avatar_id, signal).catch(notFound);
  // 3. The limit on sessions in flight.
  const running = await sessionsInFlight(services, client, signal);
  const limit = services.config.maxVideoSessions;
  if (running.length >= limit) {
    const list = running.map(
      (record) => `${record.session_id} (${record.status}${record.key ? `, key "${record.key}"` : ''})`,
    );
    throw new UserError(
      'busy',
      `${running.length} Video Agent session${running.length === 1 ? ' is' : 's are'} already running from this server (the limit is ${limit}; HeyGen's queue congests beyond 2–3): ${list.join(', ')}.`,
      'Wait for one to finish (get_video_status with its session_id), then call create_video again. AVATAR_LOOKS_MAX_VIDEO_SESSIONS raises the limit.',
    );
  }
  // 4. Claim the key before paying, then start the session.
  const now = new Date().toISOString();
  const heygen = heygenAccount(services.config);
  if (args.key && !(await services.videoKeys.claim({ key: args.key, request, created_at: now, heygen }))) {
    const winner = await services.videoKeys.get(args.key);
    if (winner) return existingSession(services, winner, request, client, signal);
  }
  const session = await start(services, args, request, now, signal).catch(notFound);
  const run = await runOfLook(services, args.avatar_id);
  const record: VideoRecord = {
    session_id: session.session_id,
    ...(args.key ? { key: args.key } : {}),
    avatar_id: args.avatar_id,
    prompt_sha256: request.prompt_sha256,
    prompt_start: args.prompt.slice(0, 80),
    ...(args.orientation ? { orientation: args.orientation } : {}),
    mode: args.mode ?? 'generate',
    created_at: now,
    updated_at: now,
    status: session.status,
    ...(session.video_id ? { video_id: session.video_id } : {}),
    ...(run ? { run_id: run.id, run_dir: run.dir } : {}),
  };
  await services.videos.put(record);
  if (args.key)
    await services.videoKeys.put({ key: args.key, session_id: session.session_id, request, created_at: now, heygen });
  return {
    session_id: session.session_id,
    status: session.status,
    video_id: session.video_id ?? undefined,
    avatar_id: args.avatar_id,
    key: args.key,
    existing: false,
    sessions_in_flight: running.length + 1,
    limit,
    next_step: `Call get_video_status with session_id "${session.session_id}" (wait_seconds 50) every few minutes: Video Agent takes 20–45 minutes.`,
  };
}

/** POST /v3/video-agents; a key whose request may have been carried out is kept, one certainly refused is freed. */
async function start(
  services: Services,
  args: SessionRequest & { key?: string | undefined },
  request: Record<string, unknown>,
  now: string,
  signal: AbortSignal,
) {
  try {
    return await startSession(await services.heygen(), { ...args, callback_id: args.key }, signal);
  } catch (error) {
    const maybe = error instanceof HeyGenError && error.maybeProcessed;
    if (args.key) {
      if (maybe)
        await services.videoKeys.put({
          key: args.key,
          request,
          created_at: now,
          unknown: true,
          heygen: heygenAccount(services.config),
        });
      else await services.videoKeys.release(args.key); // HeyGen refused it: nothing was started
    }
    if (!maybe) throw error;
    throw new UserError(
      'start_unresolved',
      `${error.message} The request had reached HeyGen, so a video may have been started (no session id came back).`,
      'Look in HeyGen (Video Agent sessions) before starting another: a second create_video would pay twice.',
    );
  }
}

/** Refuses, before anything is paid, a look that cannot present a video yet. */
async function refuseUnreadyLook(client: HeyGenClient, avatarId: string, signal: AbortSignal): Promise<void> {
  const current = await readLook(client, avatarId, signal);
  switch (current.state) {
    case 'ready':
      return;
    case 'pending_consent':
      throw new UserError(
        'consent_pending',
        `Look ${avatarId} is waiting for the avatar owner's consent; a video with it would fail. Nothing was started.`,
        `Call request_avatar_consent${current.look.group_id ? ` with group_id "${current.look.group_id}"` : ''} and have the owner open the link; then create_video again.`,
      );
    case 'failed':
      throw new UserError(
        'look_failed',
        `Look ${avatarId} failed at HeyGen (${current.reason}); it cannot present a video. Nothing was started.`,
        'Make a new look (create_look with force_new: true, or a new key), then create_video with its look_id.',
      );
    default: {
      const status = 'look' in current ? current.look.status : 'not visible yet';
      throw new UserError(
        'look_not_ready',
        `Look ${avatarId} is not ready yet (${status === 'completed' ? 'completed, but its preview is still being made' : status}); a video with it would fail. Nothing was started.`,
        `Wait with get_look_status (look_id "${avatarId}") until it is completed — photo looks take 30–90 s — then call create_video again.`,
      );
    }
  }
}

/** The sessions this server started that have not finished, refreshed from HeyGen. */
async function sessionsInFlight(services: Services, client: HeyGenClient, signal: AbortSignal): Promise<VideoRecord[]> {
  const horizon = Date.now() - 6 * 3_600_000; // older sessions have long finished or died
  const open = (await services.videos.all()).filter(
    (record) => !FINISHED.has(record.status) && Date.parse(record.created_at) > horizon,
  );
  const running: VideoRecord[] = [];
  for (const record of open) {
    const current = await getSession(client, record.session_id, signal).catch(() => undefined);
    if (current) {
      record.status = current.status;
      if (current.video_id) record.video_id = current.video_id;
      await services.videos.put(record);
    }
    if (!FINISHED.has(record.status)) running.push(record);
  }
  return running;
}

async function existingSession(
  services: Services,
  entry: VideoKeyEntry,
  request: Record<string, unknown>,
  client: HeyGenClient,
  signal: AbortSignal,
): Promise<VideoStarted> {
  const elsewhere = otherHeyGen(services.config, {
    kind: 'video',
    key: entry.key,
    made: entry.session_id ? `its session ${entry.session_id}` : 'its session',
    stored: entry.heygen,
  });
  if (elsewhere) throw elsewhere;
  const differences = Object.keys(request).filter(
    (field) => JSON.stringify(entry.request[field] ?? null) !== JSON.stringify(request[field] ?? null),
  );
  if (differences.length > 0) {
    const named = differences.map((field) => (field === 'prompt_sha256' ? 'prompt' : field));
    throw new UserError(
      'key_reused',
      `The key "${entry.key}" already started a video with different inputs (${named.join(', ')} differ${differences.length === 1 ? 's' : ''}).`,
      'Use a new key for a new video, or call again with the same inputs to follow that video.',
    );
  }
  if (!entry.session_id) {
    const age = Date.now() - Date.parse(entry.created_at);
    throw new UserError(
      entry.unknown ? 'start_unresolved' : 'busy',
      entry.unknown
        ? `The key "${entry.key}" may already have started a video: the request reached HeyGen but no session id came back.`
        : `Another call with key "${entry.key}" is starting its video right now (${Math.round(age / 1000)} s ago).`,
      entry.unknown
        ? 'Look in HeyGen (Video Agent sessions) before starting another with a new key.'
        : 'Call create_video again with the same key in a few seconds.',
    );
  }
  const current = await getSession(client, entry.session_id, signal);
  const record = await services.videos.get(entry.session_id);
  if (record) {
    record.status = current.status;
    if (current.video_id) record.video_id = current.video_id;
    await services.videos.put(record);
  }
  const next =
    FINISHED.has(current.status) && current.video_id
      ? `Call get_video_status with video_id "${current.video_id}".`
      : `Call get_video_status with session_id "${entry.session_id}" (wait_seconds 50).`;
  return {
    session_id: entry.session_id,
    status: current.status,
    video_id: current.video_id ?? undefined,
    avatar_id: String(entry.request.avatar_id),
    key: entry.key,
    existing: true,
    sessions_in_flight: (await services.videos.all()).filter((item) => !FINISHED.has(item.status)).length,
    limit: services.config.maxVideoSessions,
    next_step: next,
  };
}

/** The create_look run whose look this is: its folder gets the video. */
export async function runOfLook(services: Services, lookId: string): Promise<{ id: string; dir: string } | undefined> {
  const runs = await services.runs.recent(500);
  const found = runs.find((run) => run.look?.look_id === lookId);
  return found ? { id: found.id, dir: found.dir } : undefined;
}
