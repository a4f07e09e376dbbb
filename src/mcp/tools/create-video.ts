// create_video: a look handed to HeyGen Video Agent (v3). The flow refuses a look that is not
// ready, a key already used, or one session too many, before anything is paid for.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createVideo } from '../../flows/create-video.ts';
import type { Services } from '../../flows/deps.ts';
import { heygenIdSchema, keySchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const CREATE_VIDEO = 'create_video';

const createInput = z.object({
  prompt: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .describe(
      'What the video should say and show (1–10000 characters): Video Agent writes the script and scenes from it.',
    ),
  avatar_id: heygenIdSchema.describe(
    'The look to present it: the look_id from create_look or add_look. It must be completed (get_look_status).',
  ),
  orientation: z.enum(['landscape', 'portrait']).optional().describe("The video's shape; use the look's orientation."),
  mode: z
    .enum(['generate', 'chat'])
    .optional()
    .describe(
      '"generate" (default): Video Agent makes the video on its own. "chat": it may stop to ask you something (status waiting_for_input), and you answer with answer_video_agent.',
    ),
  voice_id: z.string().max(200).optional().describe("A HeyGen voice id; default: the avatar's own."),
  style_id: z.string().max(200).optional().describe('A Video Agent style id.'),
  asset_ids: z
    .array(heygenIdSchema)
    .max(20)
    .optional()
    .describe('Up to 20 uploaded assets (upload_to_heygen) for Video Agent to use: images, clips, PDFs.'),
  callback_url: z
    .url({ protocol: /^https$/ })
    .optional()
    .describe('An https URL HeyGen calls when the video is done.'),
  key: keySchema
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

export function registerCreateVideoTool(server: McpServer, services: Services): void {
  server.registerTool(
    CREATE_VIDEO,
    {
      title: 'Create video (Video Agent)',
      description: [
        'Starts a HeyGen Video Agent video presented by a look (POST /v3/video-agents, avatar_id = look_id). Costs about $0.0333 per second of finished video on pay-as-you-go (≈ $2 a minute), and takes 20–45 minutes: follow it with get_video_status, then download_video; stop_video_agent halts a session.',
        'Checks the look first and refuses before spending if it is not completed: still processing (wait with get_look_status), waiting for consent (request_avatar_consent) or failed (make a new look).',
        `With key (e.g. the video's slug), a second call returns the same session instead of starting another. At most ${services.config.maxVideoSessions} sessions run at once from this server (HeyGen's queue congests beyond 2–3): beyond that, the call is refused and names the sessions still running.`,
      ].join('\n\n'),
      inputSchema: createInput,
      outputSchema: sessionOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      try {
        const started = await createVideo(services, args, extra.signal);
        const said = started.existing
          ? `Key "${started.key}" already has Video Agent session ${started.session_id} (status ${started.status}): this is that session; nothing new was started.`
          : `Started Video Agent session ${started.session_id} with look ${started.avatar_id} (status ${started.status}).`;
        const { video_id, key, ...rest } = started;
        return success(lines(services, [said], started.next_step), {
          ...rest,
          ...(video_id ? { video_id } : {}),
          ...(key ? { key } : {}),
          sandbox: services.config.sandbox !== null,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
