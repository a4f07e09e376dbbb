// get_video_status: follows a Video Agent video to its URL, with progress, for up to wait_seconds.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { HEYGEN_PRICES, PRICE_NOTE } from '../../domain/heygen/prices.ts';
import type { Video } from '../../domain/heygen/schemas.ts';
import { failureOf, questionOf, URL_LIFETIME_DAYS } from '../../domain/heygen/video-agent.ts';
import type { Services } from '../../flows/deps.ts';
import { followVideo, type VideoState } from '../../flows/video-status.ts';
import { heygenIdSchema } from '../fields.ts';
import { progressSender } from '../progress.ts';
import { errorResult, failure, sandboxNotice, success } from '../render.ts';

export const GET_VIDEO_STATUS = 'get_video_status';

const statusInput = z.object({
  session_id: heygenIdSchema.optional().describe('The session_id create_video returned.'),
  video_id: heygenIdSchema.optional().describe('Or the video_id, once known.'),
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
  question: z.string().optional().describe('When waiting_for_input: what Video Agent asked.'),
  cost_estimate_usd: z
    .number()
    .optional()
    .describe("When completed: the duration at HeyGen's pay-as-you-go $0.0333 per second (an estimate)."),
  failure_code: z.string().optional(),
  failure_message: z.string().optional(),
  meaning: z.string(),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerGetVideoStatusTool(server: McpServer, services: Services): void {
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
      const send = progressSender(extra);
      try {
        const state = await followVideo(
          services,
          { sessionId: session_id, videoId: video_id },
          {
            waitMs: wait_seconds * 1000,
            signal: extra.signal,
            onState: ({ session, video }) => {
              const percent =
                session?.progress !== undefined && session?.progress !== null ? ` (${session.progress}%)` : '';
              send(session?.progress ?? (video ? 90 : 5), `Video Agent: ${session?.status ?? video?.status}${percent}`);
            },
          },
        );
        return renderStatus(state, services);
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}

function renderStatus(state: VideoState, services: Services) {
  const { sessionId, session, video } = state;
  const base = {
    ...(sessionId ? { session_id: sessionId } : {}),
    ...(session ? { session_status: session.status } : {}),
    ...(session?.progress !== undefined && session?.progress !== null ? { progress: session.progress } : {}),
    stuck: state.stuck,
    ...(video
      ? { video_id: video.id, video_status: video.status }
      : session?.video_id
        ? { video_id: session.video_id }
        : {}),
    sandbox: services.config.sandbox !== null,
  };
  if (video?.status === 'failed' || session?.status === 'failed') return renderFailed(state);
  if (video?.status === 'completed') return renderReady(video, base, services);
  const question = session?.status === 'waiting_for_input' ? questionOf(session) : undefined;
  const next = state.stuck
    ? 'Open the session in HeyGen to see what it is waiting for; if nothing moves in a few more minutes, stop it (stop_video_agent) and start a new video with create_video (a new key).'
    : session?.status === 'waiting_for_input'
      ? state.mode === 'chat'
        ? `Answer it with answer_video_agent (session_id "${sessionId}"), then call get_video_status again.`
        : 'This session was started in generate mode, which takes no answers here: answer in HeyGen\'s app, or stop it (stop_video_agent) and start again with create_video mode "chat".'
      : 'Call get_video_status again in a few minutes (wait_seconds 50): Video Agent takes 20–45 minutes.';
  const progress =
    session?.progress !== undefined && session?.progress !== null ? ` Progress ${session.progress}%.` : '';
  const text = [
    `${state.meaning}${progress}${video ? ` Video ${video.id}: ${video.status}.` : ''}`,
    ...(question ? [`Video Agent asks: "${question}"`] : []),
    ...sandboxNotice(services),
    `Next step: ${next}`,
  ];
  return success(text.join('\n'), {
    ...base,
    meaning: state.meaning,
    ...(question ? { question } : {}),
    next_step: next,
  });
}

/** Why it failed: the video's failure, else the session's newest error message. */
function renderFailed({ session, video }: VideoState) {
  const fromVideo = [video?.failure_code, video?.failure_message].filter(Boolean).join(': ');
  const reason = fromVideo || (session ? failureOf(session) : undefined) || 'no reason given';
  const next = /stopped/i.test(reason)
    ? 'The session was stopped. Start the video again with create_video (with a new key: the old key keeps this session).'
    : /avatar|face|look/i.test(reason)
      ? 'The look could not be rendered: make a new look (create_look with force_new: true), then create_video with its look_id.'
      : 'Fix what HeyGen named if it is about the prompt or the assets, then start the video again with create_video (with a new key: the old key keeps this failed session).';
  return failure(`The video failed at HeyGen (${reason}).`, next);
}

function renderReady(video: Video, base: Record<string, unknown>, services: Services) {
  const made = video.completed_at ? video.completed_at * 1000 : Date.now();
  const expires = new Date(made + URL_LIFETIME_DAYS * 86_400_000).toISOString();
  const next = `Call download_video with video_id "${video.id}" to keep the MP4 (the URL expires ${expires.slice(0, 10)}).`;
  const cost = video.duration
    ? Math.round(video.duration * HEYGEN_PRICES.videoAgentUsdPerSecond * 100) / 100
    : undefined;
  const text = [
    `The video is ready: ${video.duration ? `${Math.round(video.duration)} s, ` : ''}${video.video_url}`,
    ...(video.thumbnail_url ? [`Thumbnail: ${video.thumbnail_url}`] : []),
    ...(video.video_page_url ? [`Page: ${video.video_page_url}`] : []),
    `The URLs are signed and expire after ${URL_LIFETIME_DAYS} days (${expires}).`,
    ...(cost !== undefined ? [`Cost: about $${cost.toFixed(2)} (${PRICE_NOTE})`] : []),
    ...sandboxNotice(services),
    `Next step: ${next}`,
  ];
  return success(text.join('\n'), {
    ...base,
    ...(video.video_url ? { video_url: video.video_url } : {}),
    ...(video.thumbnail_url ? { thumbnail_url: video.thumbnail_url } : {}),
    ...(video.video_page_url ? { video_page_url: video.video_page_url } : {}),
    ...(video.duration ? { duration_seconds: video.duration } : {}),
    ...(cost !== undefined ? { cost_estimate_usd: cost } : {}),
    urls_expire_at: expires,
    meaning: 'The video is ready.',
    next_step: next,
  });
}
