// create_video, get_video_status, download_video: the look, handed to HeyGen Video Agent (v3).
// A video is only started for a look that is ready; with a key, never twice; and never more
// sessions at once than this server allows (HeyGen's queue congests beyond 2–3).

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { HeyGenClient } from '../../domain/heygen/client.ts';
import { HeyGenError } from '../../domain/heygen/errors.ts';
import { isLookReady } from '../../domain/heygen/looks.ts';
import {
  data,
  look,
  session as sessionSchema,
  startedSession,
  video as videoSchema,
  type Session,
  type Video,
} from '../../domain/heygen/schemas.ts';
import {
  describeSession,
  DownloadError,
  fetchToFile,
  FINISHED,
  promptHash,
  URL_LIFETIME_DAYS,
  VideoStore,
  type VideoKeyEntry,
  type VideoRecord,
} from '../../domain/heygen/videos.ts';
import { heygenFailure, sandboxNotice } from '../heygen-render.ts';
import type { ToolContext } from '../registry.ts';
import { progressSender } from '../progress.ts';
import { failure, success } from '../render.ts';

export const CREATE_VIDEO = 'create_video';
export const GET_VIDEO_STATUS = 'get_video_status';
export const DOWNLOAD_VIDEO = 'download_video';

const POLL_MS = 3_000;

const stores = new WeakMap<ToolContext, VideoStore>();
const storeOf = (context: ToolContext) => {
  let store = stores.get(context);
  if (!store) {
    store = new VideoStore(context.config.home);
    stores.set(context, store);
  }
  return store;
};

// ---------------------------------------------------------------------------------------- create_video

const createInput = z.object({
  prompt: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .describe(
      'What the video should say and show (1–10000 characters): Video Agent writes the script and scenes from it.',
    ),
  avatar_id: z
    .string()
    .regex(/^[\w-]{1,200}$/)
    .describe(
      'The look to present it: the look_id from create_look or add_look. It must be completed (get_look_status).',
    ),
  orientation: z.enum(['landscape', 'portrait']).optional().describe("The video's shape; use the look's orientation."),
  voice_id: z.string().max(200).optional().describe("A HeyGen voice id; default: the avatar's own."),
  style_id: z.string().max(200).optional().describe('A Video Agent style id.'),
  asset_ids: z
    .array(z.string().regex(/^[\w-]{1,200}$/))
    .max(20)
    .optional()
    .describe('Up to 20 uploaded assets (upload_to_heygen) for Video Agent to use: images, clips, PDFs.'),
  callback_url: z
    .url({ protocol: /^https$/ })
    .optional()
    .describe('An https URL HeyGen calls when the video is done.'),
  key: z
    .string()
    .trim()
    .regex(/^[\w.:@#/+-]{1,120}$/)
    .optional()
    .describe(
      "The video's id or slug (e.g. the same key as create_look): a second call with it returns the same session instead of starting (and paying for) another. Sent to HeyGen as callback_id.",
    ),
});

const sessionOutput = z.object({
  session_id: z.string(),
  status: z.string().describe('thinking, waiting_for_input, reviewing, generating, completed or failed.'),
  video_id: z.string().optional(),
  avatar_id: z.string(),
  key: z.string().optional(),
  existing: z.boolean().describe("True when the key's earlier session was returned instead of starting another."),
  sessions_in_flight: z.number().int(),
  limit: z.number().int(),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerCreateVideoTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    CREATE_VIDEO,
    {
      title: 'Create video (Video Agent)',
      description: [
        'Starts a HeyGen Video Agent video presented by a look (POST /v3/video-agents, avatar_id = look_id). Costs about $0.033 per second of video, and takes 20–45 minutes: follow it with get_video_status, then download_video.',
        'Checks the look first and refuses before spending if it is not completed: still processing (wait with get_look_status), waiting for consent (request_avatar_consent) or failed (make a new look).',
        `With key (e.g. the video's slug), a second call returns the same session instead of starting another. At most ${context.config.maxVideoSessions} sessions run at once from this server (HeyGen's queue congests beyond 2–3): beyond that, the call is refused and names the sessions still running.`,
      ].join('\n\n'),
      inputSchema: createInput,
      outputSchema: sessionOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      const store = storeOf(context);
      const request = {
        avatar_id: args.avatar_id,
        prompt_sha256: promptHash(args.prompt),
        orientation: args.orientation ?? null,
        voice_id: args.voice_id ?? null,
        style_id: args.style_id ?? null,
        asset_ids: args.asset_ids ?? [],
      };
      let client: HeyGenClient;
      try {
        client = await context.services.heygen();
      } catch (error) {
        return heygenFailure(error, context);
      }
      const sandbox = context.config.sandbox !== null;
      try {
        // 1. The key: its session, if it has one.
        if (args.key) {
          const claimed = await store.key(args.key);
          if (claimed) return await existingSession(claimed, request, client, context, extra.signal);
        }
        // 2. The look must be ready; otherwise the render fails later, after paying.
        const refusal = await lookRefusal(client, args.avatar_id, extra.signal);
        if (refusal) return refusal;
        // 3. The limit on sessions in flight.
        const running = await sessionsInFlight(store, client, extra.signal);
        if (running.length >= context.config.maxVideoSessions) {
          return failure(
            `${running.length} Video Agent session${running.length === 1 ? ' is' : 's are'} already running from this server (the limit is ${context.config.maxVideoSessions}; HeyGen's queue congests beyond 2–3): ${running.map((record) => `${record.session_id} (${record.status}${record.key ? `, key "${record.key}"` : ''})`).join(', ')}.`,
            `Wait for one to finish (get_video_status with its session_id), then call create_video again. AVATAR_LOOKS_MAX_VIDEO_SESSIONS raises the limit.`,
          );
        }
        // 4. Claim the key before paying, then start the session.
        const now = new Date().toISOString();
        if (args.key && !(await store.claimKey({ key: args.key, request, created_at: now }))) {
          const winner = await store.key(args.key);
          if (winner) return await existingSession(winner, request, client, context, extra.signal);
        }
        let started;
        try {
          started = await client.post(
            '/v3/video-agents',
            data(startedSession),
            {
              json: {
                prompt: args.prompt,
                avatar_id: args.avatar_id,
                ...(args.orientation ? { orientation: args.orientation } : {}),
                ...(args.voice_id ? { voice_id: args.voice_id } : {}),
                ...(args.style_id ? { style_id: args.style_id } : {}),
                ...(args.asset_ids?.length
                  ? { files: args.asset_ids.map((asset_id) => ({ type: 'asset_id', asset_id })) }
                  : {}),
                ...(args.callback_url ? { callback_url: args.callback_url } : {}),
                ...(args.key ? { callback_id: args.key } : {}),
              },
            },
            extra.signal,
          );
        } catch (error) {
          if (args.key) {
            if (error instanceof HeyGenError && error.maybeProcessed)
              await store.putKey({ key: args.key, request, created_at: now, unknown: true });
            else await store.releaseKey(args.key); // HeyGen refused it: nothing was started
          }
          if (error instanceof HeyGenError && error.maybeProcessed) {
            return failure(
              `${error.summary()} The request had reached HeyGen, so a video may have been started (no session id came back).`,
              'Look in HeyGen (Video Agent sessions) before starting another: a second create_video would pay twice.',
            );
          }
          throw error;
        }
        const session = started.data;
        const run = await runOfLook(context, args.avatar_id);
        const record: VideoRecord = {
          session_id: session.session_id,
          ...(args.key ? { key: args.key } : {}),
          avatar_id: args.avatar_id,
          prompt_sha256: request.prompt_sha256,
          prompt_start: args.prompt.slice(0, 80),
          ...(args.orientation ? { orientation: args.orientation } : {}),
          created_at: now,
          updated_at: now,
          status: session.status,
          ...(session.video_id ? { video_id: session.video_id } : {}),
          ...(run ? { run_id: run.id, run_dir: run.dir } : {}),
        };
        await store.put(record);
        if (args.key) await store.putKey({ key: args.key, session_id: session.session_id, request, created_at: now });
        const next = `Call get_video_status with session_id "${session.session_id}" (wait_seconds 50) every few minutes: Video Agent takes 20–45 minutes.`;
        return success(
          [
            `Started Video Agent session ${session.session_id} with look ${args.avatar_id} (status ${session.status}).`,
            ...sandboxNotice(context),
            `Next step: ${next}`,
          ].join('\n'),
          {
            session_id: session.session_id,
            status: session.status,
            ...(session.video_id ? { video_id: session.video_id } : {}),
            avatar_id: args.avatar_id,
            ...(args.key ? { key: args.key } : {}),
            existing: false,
            sessions_in_flight: running.length + 1,
            limit: context.config.maxVideoSessions,
            sandbox,
            next_step: next,
          },
        );
      } catch (error) {
        return heygenFailure(
          error,
          context,
          `There is no look "${args.avatar_id}": pass the look_id from create_look or add_look (list_looks shows the group's looks).`,
        );
      }
    },
  );
}

/** Why a look cannot present a video yet, or undefined when it can. */
async function lookRefusal(client: HeyGenClient, avatarId: string, signal: AbortSignal) {
  const current = (await client.get(`/v3/avatars/looks/${encodeURIComponent(avatarId)}`, data(look), signal)).data;
  if (isLookReady(current)) return undefined;
  switch (current.status) {
    case 'pending_consent':
      return failure(
        `Look ${avatarId} is waiting for the avatar owner's consent; a video with it would fail. Nothing was started.`,
        `Call request_avatar_consent${current.group_id ? ` with group_id "${current.group_id}"` : ''} and have the owner open the link; then create_video again.`,
      );
    case 'failed':
      return failure(
        `Look ${avatarId} failed at HeyGen (${[current.error?.code, current.error?.message].filter(Boolean).join(': ') || 'no reason given'}); it cannot present a video. Nothing was started.`,
        'Make a new look (create_look with force_new: true, or a new key), then create_video with its look_id.',
      );
    default:
      return failure(
        `Look ${avatarId} is not ready yet (${current.status === 'completed' ? 'completed, but its preview is still being made' : current.status}); a video with it would fail. Nothing was started.`,
        `Wait with get_look_status (look_id "${avatarId}") until it is completed — photo looks take 30–90 s — then call create_video again.`,
      );
  }
}

/** The sessions this server started that have not finished, refreshed from HeyGen. */
async function sessionsInFlight(store: VideoStore, client: HeyGenClient, signal: AbortSignal): Promise<VideoRecord[]> {
  const horizon = Date.now() - 6 * 3_600_000; // older sessions have long finished or died
  const open = (await store.all()).filter(
    (record) => !FINISHED.has(record.status) && Date.parse(record.created_at) > horizon,
  );
  const running: VideoRecord[] = [];
  for (const record of open) {
    const current = await client
      .get(`/v3/video-agents/${encodeURIComponent(record.session_id)}`, data(sessionSchema), signal)
      .catch(() => undefined);
    if (current) {
      record.status = current.data.status;
      if (current.data.video_id) record.video_id = current.data.video_id;
      await store.put(record);
    }
    if (!FINISHED.has(record.status)) running.push(record);
  }
  return running;
}

async function existingSession(
  entry: VideoKeyEntry,
  request: Record<string, unknown>,
  client: HeyGenClient,
  context: ToolContext,
  signal: AbortSignal,
) {
  const differences = Object.keys(request).filter(
    (field) => JSON.stringify(entry.request[field] ?? null) !== JSON.stringify(request[field] ?? null),
  );
  if (differences.length > 0) {
    return failure(
      `The key "${entry.key}" already started a video with different inputs (${differences.map((field) => (field === 'prompt_sha256' ? 'prompt' : field)).join(', ')} differ${differences.length === 1 ? 's' : ''}).`,
      'Use a new key for a new video, or call again with the same inputs to follow that video.',
    );
  }
  if (!entry.session_id) {
    const age = Date.now() - Date.parse(entry.created_at);
    return failure(
      entry.unknown
        ? `The key "${entry.key}" may already have started a video: the request reached HeyGen but no session id came back.`
        : `Another call with key "${entry.key}" is starting its video right now (${Math.round(age / 1000)} s ago).`,
      entry.unknown
        ? 'Look in HeyGen (Video Agent sessions) before starting another with a new key.'
        : 'Call create_video again with the same key in a few seconds.',
    );
  }
  const store = storeOf(context);
  const current = (
    await client.get(`/v3/video-agents/${encodeURIComponent(entry.session_id)}`, data(sessionSchema), signal)
  ).data;
  const record = await store.get(entry.session_id);
  if (record) {
    record.status = current.status;
    if (current.video_id) record.video_id = current.video_id;
    await store.put(record);
  }
  const next =
    FINISHED.has(current.status) && current.video_id
      ? `Call get_video_status with video_id "${current.video_id}".`
      : `Call get_video_status with session_id "${entry.session_id}" (wait_seconds 50).`;
  return success(
    [
      `Key "${entry.key}" already has Video Agent session ${entry.session_id} (status ${current.status}): this is that session; nothing new was started.`,
      ...sandboxNotice(context),
      `Next step: ${next}`,
    ].join('\n'),
    {
      session_id: entry.session_id,
      status: current.status,
      ...(current.video_id ? { video_id: current.video_id } : {}),
      avatar_id: String(entry.request.avatar_id),
      key: entry.key,
      existing: true,
      sessions_in_flight: (await store.all()).filter((item) => !FINISHED.has(item.status)).length,
      limit: context.config.maxVideoSessions,
      sandbox: context.config.sandbox !== null,
      next_step: next,
    },
  );
}

/** The create_look run whose look this is: its folder gets the video. */
async function runOfLook(context: ToolContext, lookId: string): Promise<{ id: string; dir: string } | undefined> {
  const runs = await context.services.runs.recent(500);
  const found = runs.find((run) => (run.look as { look_id?: string } | undefined)?.look_id === lookId);
  return found ? { id: found.id, dir: found.dir } : undefined;
}

// ------------------------------------------------------------------------------------ get_video_status

const statusInput = z.object({
  session_id: z
    .string()
    .regex(/^[\w-]{1,200}$/)
    .optional()
    .describe('The session_id create_video returned.'),
  video_id: z
    .string()
    .regex(/^[\w-]{1,200}$/)
    .optional()
    .describe('Or the video_id, once known.'),
  wait_seconds: z
    .number()
    .min(0)
    .max(50)
    .default(40)
    .describe('How long to wait for a change to completed or failed, with progress (0–50 s, default 40).'),
});

const statusOutput = z.object({
  session_id: z.string().optional(),
  session_status: z.string().optional(),
  progress: z.number().optional().describe('0–100, as Video Agent reports it.'),
  stuck: z
    .boolean()
    .describe(
      'True when the session has been thinking longer than the stuck threshold (AVATAR_LOOKS_STUCK_THINKING_MINUTES, default 15).',
    ),
  video_id: z.string().optional(),
  video_status: z.string().optional().describe('pending, processing, completed or failed.'),
  video_url: z.string().optional().describe('Signed; expires 7 days after the video was made.'),
  thumbnail_url: z.string().optional(),
  video_page_url: z.string().optional(),
  duration_seconds: z.number().optional(),
  urls_expire_at: z.string().optional(),
  failure_code: z.string().optional(),
  failure_message: z.string().optional(),
  meaning: z.string(),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerGetVideoStatusTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    GET_VIDEO_STATUS,
    {
      title: 'Get video status',
      description:
        "Follows a Video Agent video (GET /v3/video-agents/{session_id}, then GET /v3/videos/{video_id}) for up to wait_seconds (at most 50) with progress, until it completes or fails. Completed: the video URL (signed, expires after 7 days), thumbnail, duration and page; then call download_video. Failed: HeyGen's failure code and message with what to do. A session thinking longer than 15 minutes is flagged as stuck. Free; call it every few minutes — videos take 20–45 minutes.",
      inputSchema: statusInput,
      outputSchema: statusOutput,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ session_id, video_id, wait_seconds }, extra) => {
      if (!session_id && !video_id)
        return failure(
          'Pass session_id (from create_video) or video_id.',
          'Call get_video_status with the session_id create_video returned.',
        );
      const store = storeOf(context);
      const deadline = Date.now() + wait_seconds * 1000;
      const send = progressSender(extra);
      try {
        const client = await context.services.heygen();
        for (;;) {
          let session: Session | undefined;
          let videoId = video_id;
          if (session_id) {
            session = (
              await client.get(`/v3/video-agents/${encodeURIComponent(session_id)}`, data(sessionSchema), extra.signal)
            ).data;
            videoId ??= session.video_id ?? undefined;
          }
          const video = videoId
            ? (await client.get(`/v3/videos/${encodeURIComponent(videoId)}`, data(videoSchema), extra.signal)).data
            : undefined;
          const record = session_id
            ? await store.get(session_id)
            : videoId
              ? await store.byVideoId(videoId)
              : undefined;
          if (record) {
            if (session) record.status = session.status;
            if (videoId) record.video_id = videoId;
            if (video) record.video_status = video.status;
            if (video?.status === 'completed' || video?.status === 'failed') record.status = video.status;
            await store.put(record);
          }
          const createdAt = session?.created_at
            ? session.created_at * 1000
            : record
              ? Date.parse(record.created_at)
              : Date.now();
          const settled =
            video?.status === 'completed' ||
            video?.status === 'failed' ||
            session?.status === 'failed' ||
            session?.status === 'waiting_for_input';
          const described = describeSession(session?.status ?? (video ? 'generating' : 'thinking'), {
            minutesInThinking: (Date.now() - createdAt) / 60_000,
            stuckAfterMinutes: context.config.stuckThinkingMinutes,
          });
          if (settled || described.stuck || Date.now() + POLL_MS > deadline || context.services.stopping.aborted)
            return renderStatus(session_id, session, video, described, context);
          send(
            session?.progress ?? (video ? 90 : 5),
            `Video Agent: ${session?.status ?? video?.status}${session?.progress !== undefined && session?.progress !== null ? ` (${session.progress}%)` : ''}`,
          );
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          if (extra.signal.aborted)
            return failure('The wait was cancelled.', 'Call get_video_status again when ready.');
        }
      } catch (error) {
        return heygenFailure(
          error,
          context,
          `There is no such Video Agent session or video: use the session_id create_video returned.`,
        );
      }
    },
  );
}

function renderStatus(
  sessionId: string | undefined,
  session: Session | undefined,
  video: Video | undefined,
  described: { meaning: string; stuck: boolean },
  context: ToolContext,
) {
  const sandbox = context.config.sandbox !== null;
  const base = {
    ...(sessionId ? { session_id: sessionId } : {}),
    ...(session ? { session_status: session.status } : {}),
    ...(session?.progress !== undefined && session?.progress !== null ? { progress: session.progress } : {}),
    stuck: described.stuck,
    ...(video
      ? { video_id: video.id, video_status: video.status }
      : session?.video_id
        ? { video_id: session.video_id }
        : {}),
    sandbox,
  };
  if (video?.status === 'failed' || session?.status === 'failed') {
    const reason = [video?.failure_code, video?.failure_message].filter(Boolean).join(': ') || 'no reason given';
    const next = /avatar|face|look/i.test(reason)
      ? 'The look could not be rendered: make a new look (create_look with force_new: true), then create_video with its look_id.'
      : 'Fix what HeyGen named if it is about the prompt or the assets, then start the video again with create_video (with a new key: the old key keeps this failed session).';
    return failure(`The video failed at HeyGen (${reason}).`, next);
  }
  if (video?.status === 'completed') {
    const made = video.completed_at ? video.completed_at * 1000 : Date.now();
    const expires = new Date(made + URL_LIFETIME_DAYS * 86_400_000).toISOString();
    const next = `Call download_video with video_id "${video.id}" to keep the MP4 (the URL expires ${expires.slice(0, 10)}).`;
    return success(
      [
        `The video is ready: ${video.duration ? `${Math.round(video.duration)} s, ` : ''}${video.video_url}`,
        ...(video.thumbnail_url ? [`Thumbnail: ${video.thumbnail_url}`] : []),
        ...(video.video_page_url ? [`Page: ${video.video_page_url}`] : []),
        `The URLs are signed and expire after ${URL_LIFETIME_DAYS} days (${expires}).`,
        ...sandboxNotice(context),
        `Next step: ${next}`,
      ].join('\n'),
      {
        ...base,
        ...(video.video_url ? { video_url: video.video_url } : {}),
        ...(video.thumbnail_url ? { thumbnail_url: video.thumbnail_url } : {}),
        ...(video.video_page_url ? { video_page_url: video.video_page_url } : {}),
        ...(video.duration ? { duration_seconds: video.duration } : {}),
        urls_expire_at: expires,
        meaning: 'The video is ready.',
        next_step: next,
      },
    );
  }
  const next = described.stuck
    ? 'Open the session in HeyGen to see what it is waiting for; if nothing moves in a few more minutes, start a new video with create_video (a new key).'
    : session?.status === 'waiting_for_input'
      ? "Answer Video Agent in HeyGen's app, then call get_video_status again."
      : 'Call get_video_status again in a few minutes (wait_seconds 50): Video Agent takes 20–45 minutes.';
  const text = [
    `${described.meaning}${session?.progress !== undefined && session?.progress !== null ? ` Progress ${session.progress}%.` : ''}${video ? ` Video ${video.id}: ${video.status}.` : ''}`,
    ...sandboxNotice(context),
    `Next step: ${next}`,
  ];
  return success(text.join('\n'), { ...base, meaning: described.meaning, next_step: next });
}

// -------------------------------------------------------------------------------------- download_video

const downloadInput = z.object({
  video_id: z
    .string()
    .regex(/^[\w-]{1,200}$/)
    .describe('The video_id get_video_status reported as completed.'),
});

const downloadOutput = z.object({
  video_id: z.string(),
  path: z.string().describe('The MP4 on disk.'),
  size_bytes: z.number(),
  sha256: z.string(),
  run_dir: z.string(),
  already_downloaded: z.boolean(),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerDownloadVideoTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    DOWNLOAD_VIDEO,
    {
      title: 'Download video',
      description:
        "Saves a completed video's MP4 under AVATAR_LOOKS_HOME: in the run folder of its look when the look came from create_look, with progress, resuming a partial download. Returns the path, size and SHA-256. Calling it again returns the file already saved. Do it within 7 days: HeyGen's video URLs expire.",
      inputSchema: downloadInput,
      outputSchema: downloadOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ video_id }, extra) => {
      const store = storeOf(context);
      const send = progressSender(extra);
      try {
        const client = await context.services.heygen();
        const video = (await client.get(`/v3/videos/${encodeURIComponent(video_id)}`, data(videoSchema), extra.signal))
          .data;
        if (video.status !== 'completed' || !video.video_url) {
          return failure(
            `Video ${video_id} is ${video.status}, not completed: there is nothing to download yet.`,
            video.status === 'failed'
              ? 'Start a new video with create_video.'
              : `Wait with get_video_status (video_id "${video_id}") until it is completed.`,
          );
        }
        const record = await store.byVideoId(video_id);
        let runDir = record?.run_dir;
        if (!runDir) {
          const run = record ? await runOfLook(context, record.avatar_id) : undefined;
          runDir = run?.dir ?? (await context.services.runs.create(`video ${video_id}`)).dir;
        }
        const path = join(runDir, `video-${video_id}.mp4`);
        const have = await stat(path).catch(() => undefined);
        if (have?.isFile() && record?.download?.path === path && record.download.size_bytes === have.size) {
          const next = `The video is at ${path}.`;
          return success(
            `Already downloaded: ${path} (${(have.size / 1024 / 1024).toFixed(1)} MB).\nNext step: ${next}`,
            {
              video_id,
              path,
              size_bytes: have.size,
              sha256: record.download.sha256,
              run_dir: runDir,
              already_downloaded: true,
              sandbox: context.config.sandbox !== null,
              next_step: next,
            },
          );
        }
        const saved = await fetchToFile(video.video_url, path, extra.signal, (done, total) =>
          send(
            total ? (100 * done) / total : 50,
            `Downloading ${(done / 1024 / 1024).toFixed(1)}${total ? ` of ${(total / 1024 / 1024).toFixed(1)}` : ''} MB`,
          ),
        );
        if (record) {
          record.download = { path, size_bytes: saved.size, sha256: saved.sha256 };
          record.run_dir = runDir;
          await store.put(record);
        }
        const next = `The video is at ${path}.`;
        return success(
          [
            `Saved ${path} (${(saved.size / 1024 / 1024).toFixed(1)} MB, sha256 ${saved.sha256.slice(0, 12)}…).`,
            ...sandboxNotice(context),
            `Next step: ${next}`,
          ].join('\n'),
          {
            video_id,
            path,
            size_bytes: saved.size,
            sha256: saved.sha256,
            run_dir: runDir,
            already_downloaded: false,
            sandbox: context.config.sandbox !== null,
            next_step: next,
          },
        );
      } catch (error) {
        if (error instanceof DownloadError) return failure(error.message, error.nextStep);
        return heygenFailure(
          error,
          context,
          `There is no video "${video_id}": use the video_id get_video_status reported.`,
        );
      }
    },
  );
}
