// Video Agent (POST /v3/video-agents, GET /v3/video-agents/{id}) and its videos
// (GET /v3/videos/{id}): typed calls, and what a session's status means for the person waiting.

import type { HeyGenClient } from './client.ts';
import {
  data,
  sentMessage,
  session,
  startedSession,
  stoppedSession,
  video,
  type Session,
  type Video,
} from './schemas.ts';

export interface SessionRequest {
  prompt: string;
  /** `chat` lets the user answer the agent's questions (sendMessage); `generate` (default) runs on its own. */
  mode?: 'generate' | 'chat' | undefined;
  avatar_id: string;
  orientation?: 'landscape' | 'portrait' | undefined;
  voice_id?: string | undefined;
  style_id?: string | undefined;
  asset_ids?: string[] | undefined;
  callback_url?: string | undefined;
  callback_id?: string | undefined;
}

/** Starts a session: paid. Never retried by the client beyond a connection that was never made. */
export async function startSession(client: HeyGenClient, request: SessionRequest, signal: AbortSignal) {
  const body = {
    prompt: request.prompt,
    avatar_id: request.avatar_id,
    ...(request.orientation ? { orientation: request.orientation } : {}),
    ...(request.mode ? { mode: request.mode } : {}),
    ...(request.voice_id ? { voice_id: request.voice_id } : {}),
    ...(request.style_id ? { style_id: request.style_id } : {}),
    ...(request.asset_ids?.length
      ? { files: request.asset_ids.map((asset_id) => ({ type: 'asset_id', asset_id })) }
      : {}),
    ...(request.callback_url ? { callback_url: request.callback_url } : {}),
    ...(request.callback_id ? { callback_id: request.callback_id } : {}),
  };
  return (await client.post('/v3/video-agents', data(startedSession), { json: body }, signal)).data;
}

export async function getSession(client: HeyGenClient, sessionId: string, signal: AbortSignal): Promise<Session> {
  return (await client.get(`/v3/video-agents/${encodeURIComponent(sessionId)}`, data(session), signal)).data;
}

export async function getVideo(client: HeyGenClient, videoId: string, signal: AbortSignal): Promise<Video> {
  return (await client.get(`/v3/videos/${encodeURIComponent(videoId)}`, data(video), signal)).data;
}

/** POST /v3/video-agents/{id}: the user's message to the agent (chat-mode sessions only). */
export async function sendMessage(client: HeyGenClient, sessionId: string, message: string, signal: AbortSignal) {
  const path = `/v3/video-agents/${encodeURIComponent(sessionId)}`;
  return (await client.post(path, data(sentMessage), { json: { message } }, signal)).data;
}

/** POST /v3/video-agents/{id}/stop: halts the run at its next checkpoint; partial results are kept. */
export async function stopSession(client: HeyGenClient, sessionId: string, signal: AbortSignal) {
  const path = `/v3/video-agents/${encodeURIComponent(sessionId)}/stop`;
  return (await client.post(path, data(stoppedSession), { json: {} }, signal)).data;
}

/** Why a session failed: its newest message of type "error" (HeyGen: "check messages for error details"). */
export function failureOf(session: Session): string | undefined {
  return session.messages?.find((message) => message.type === 'error')?.content ?? undefined;
}

/** What a session waiting for input asked: its newest message from the agent. */
export function questionOf(session: Session): string | undefined {
  return (
    session.messages?.find((message) => message.role === 'model' && message.type !== 'error')?.content ?? undefined
  );
}

/** Statuses after which a session or video changes no more. */
export const FINISHED = new Set(['completed', 'failed']);

/** What a session's status means for the user, and what to do next. */
export function describeSession(
  status: string,
  options: { minutesInThinking: number; stuckAfterMinutes: number },
): { meaning: string; stuck: boolean } {
  switch (status) {
    case 'thinking': {
      const stuck = options.minutesInThinking >= options.stuckAfterMinutes;
      return {
        stuck,
        meaning: stuck
          ? `Video Agent has been thinking for ${Math.round(options.minutesInThinking)} minutes (over ${options.stuckAfterMinutes}): the session looks stuck.`
          : 'Video Agent is planning the video (script, scenes).',
      };
    }
    case 'waiting_for_input':
      return { stuck: false, meaning: 'Video Agent is waiting for an answer from you.' };
    case 'reviewing':
      return { stuck: false, meaning: 'Video Agent is reviewing its draft.' };
    case 'generating':
      return { stuck: false, meaning: 'Video Agent is rendering the video.' };
    case 'completed':
      return { stuck: false, meaning: 'Video Agent has finished.' };
    case 'failed':
      return { stuck: false, meaning: 'Video Agent failed.' };
    default:
      return { stuck: false, meaning: `Video Agent reports "${status}".` };
  }
}

/** HeyGen's signed video URLs expire this long after the video is made. */
export const URL_LIFETIME_DAYS = 7;
