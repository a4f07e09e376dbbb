// get_video_status and download_video: following a Video Agent session to its video, and keeping
// the finished MP4 under AVATAR_LOOKS_HOME (in the look's run folder when it came from create_look).

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { anySignal, poll } from '../core/retry.ts';
import { fetchToFile } from '../domain/heygen/download.ts';
import type { Session, Video } from '../domain/heygen/schemas.ts';
import { describeSession, getSession, getVideo, sendMessage, stopSession } from '../domain/heygen/video-agent.ts';
import type { Services } from './deps.ts';
import { runOfLook } from './create-video.ts';
import { onNotFound } from './heygen-steps.ts';

/** How often a wait asks about a session: HeyGen's cadence (a local double's is shorter). */
const POLL_MS = 10_000;

export interface VideoState {
  sessionId?: string | undefined;
  session?: Session | undefined;
  video?: Video | undefined;
  meaning: string;
  stuck: boolean;
  /** How the session was started, when this server started it: only `chat` sessions take answers. */
  mode?: 'generate' | 'chat' | undefined;
}

/** The session's and video's state now, recorded; settled when nothing will change by waiting. */
async function readVideo(
  services: Services,
  ids: { sessionId?: string | undefined; videoId?: string | undefined },
  signal: AbortSignal,
) {
  const client = await services.heygen();
  const session = ids.sessionId ? await getSession(client, ids.sessionId, signal) : undefined;
  const videoId = ids.videoId ?? session?.video_id ?? undefined;
  const video = videoId ? await getVideo(client, videoId, signal) : undefined;
  const record = ids.sessionId
    ? await services.videos.get(ids.sessionId)
    : videoId
      ? await services.videos.byVideoId(videoId)
      : undefined;
  if (record) {
    if (session) record.status = session.status;
    if (videoId) record.video_id = videoId;
    if (video) record.video_status = video.status;
    if (video?.status === 'completed' || video?.status === 'failed') record.status = video.status;
    await services.videos.put(record);
  }
  const createdAt = session?.created_at
    ? session.created_at * 1000
    : record
      ? Date.parse(record.created_at)
      : Date.now();
  const described = describeSession(session?.status ?? (video ? 'generating' : 'thinking'), {
    minutesInThinking: (Date.now() - createdAt) / 60_000,
    stuckAfterMinutes: services.config.stuckThinkingMinutes,
  });
  const settled =
    video?.status === 'completed' ||
    video?.status === 'failed' ||
    session?.status === 'failed' ||
    session?.status === 'waiting_for_input';
  const state: VideoState = { sessionId: ids.sessionId, session, video, ...described, mode: record?.mode };
  return { state, settled: settled || described.stuck };
}

/** Follows the video until it settles or `waitMs` passes, reporting each state. */
export async function followVideo(
  services: Services,
  ids: { sessionId?: string | undefined; videoId?: string | undefined },
  options: { waitMs: number; signal: AbortSignal; onState: (state: VideoState) => void },
): Promise<VideoState> {
  if (!ids.sessionId && !ids.videoId) {
    throw new UserError(
      'bad_request',
      'Pass session_id (from create_video) or video_id.',
      'Call get_video_status with the session_id create_video returned.',
    );
  }
  let last: VideoState | undefined;
  const { pollScale } = await services.heygen();
  // The wait ends early when the server shuts down: the video goes on, and the client asks again.
  const waitEnds = anySignal(options.signal, services.stopping);
  const outcome = await poll(
    async () => {
      const read = await readVideo(services, ids, options.signal).catch(
        onNotFound('There is no such Video Agent session or video: use the session_id create_video returned.'),
      );
      last = read.state;
      if (read.settled) return read.state;
      options.onState(read.state);
      return undefined;
    },
    { intervalMs: POLL_MS * pollScale, deadline: Date.now() + options.waitMs, signal: waitEnds.signal },
  ).finally(waitEnds.dispose);
  if ('aborted' in outcome && options.signal.aborted)
    throw new UserError('cancelled', 'The wait was cancelled.', 'Call get_video_status again when ready.');
  return 'value' in outcome ? outcome.value : (last as VideoState);
}

export interface Downloaded {
  video_id: string;
  path: string;
  size_bytes: number;
  sha256: string;
  run_dir: string;
  already_downloaded: boolean;
}

export async function downloadVideo(
  services: Services,
  videoId: string,
  options: { signal: AbortSignal; progress: (done: number, total: number | undefined) => void },
): Promise<Downloaded> {
  const client = await services.heygen();
  const video = await getVideo(client, videoId, options.signal).catch(
    onNotFound(`There is no video "${videoId}": use the video_id get_video_status reported.`),
  );
  if (video.status !== 'completed' || !video.video_url) {
    throw new UserError(
      'not_ready',
      `Video ${videoId} is ${video.status}, not completed: there is nothing to download yet.`,
      video.status === 'failed'
        ? 'Start a new video with create_video.'
        : `Wait with get_video_status (video_id "${videoId}") until it is completed.`,
    );
  }
  const record = await services.videos.byVideoId(videoId);
  let runDir = record?.run_dir;
  if (!runDir) {
    const run = record ? await runOfLook(services, record.avatar_id) : undefined;
    runDir = run?.dir ?? (await services.runs.create(`video ${videoId}`)).dir;
  }
  const path = join(runDir, `video-${videoId}.mp4`);
  const have = await stat(path).catch(() => undefined);
  if (have?.isFile() && record?.download?.path === path && record.download.size_bytes === have.size) {
    return {
      video_id: videoId,
      path,
      size_bytes: have.size,
      sha256: record.download.sha256,
      run_dir: runDir,
      already_downloaded: true,
    };
  }
  // Only the configured HeyGen's own host may be a private address (a local double serves its videos).
  const trustedHosts = [new URL(client.baseUrl).hostname];
  const saved = await fetchToFile(video.video_url, path, options.signal, options.progress, { trustedHosts });
  if (record) {
    record.download = { path, size_bytes: saved.size, sha256: saved.sha256 };
    record.run_dir = runDir;
    await services.videos.put(record);
  }
  return {
    video_id: videoId,
    path,
    size_bytes: saved.size,
    sha256: saved.sha256,
    run_dir: runDir,
    already_downloaded: false,
  };
}

/** answer_video_agent: the user's answer (or more context) to a chat-mode session. */
export async function answerVideoAgent(services: Services, sessionId: string, message: string, signal: AbortSignal) {
  const client = await services.heygen();
  const record = await services.videos.get(sessionId);
  if (record && record.mode !== 'chat') {
    throw new UserError(
      'not_chat',
      `Session ${sessionId} was started in generate mode: HeyGen takes messages only in sessions started in chat mode.`,
      'Answer the agent in HeyGen\'s app, or stop the session (stop_video_agent) and start a new one with create_video mode "chat".',
    );
  }
  const sent = await sendMessage(client, sessionId, message, signal).catch(
    onNotFound('There is no such Video Agent session: use the session_id create_video returned.'),
  );
  return { sessionId: sent.session_id, runId: sent.run_id ?? undefined };
}

/** stop_video_agent: halts a session at its next checkpoint (partial results are kept by HeyGen). */
export async function stopVideoAgent(services: Services, sessionId: string, signal: AbortSignal) {
  const client = await services.heygen();
  const stopped = await stopSession(client, sessionId, signal).catch(
    onNotFound('There is no such Video Agent session: use the session_id create_video returned.'),
  );
  const record = await services.videos.get(sessionId);
  if (record) await services.videos.put({ ...record, stop_requested_at: new Date().toISOString() });
  return { sessionId: stopped.session_id };
}
