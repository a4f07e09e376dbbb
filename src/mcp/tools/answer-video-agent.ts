// answer_video_agent: the user's answer to a Video Agent session that asked something (chat mode).

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { answerVideoAgent } from '../../flows/video-status.ts';
import { heygenIdSchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const ANSWER_VIDEO_AGENT = 'answer_video_agent';

export function registerAnswerVideoAgentTool(server: McpServer, services: Services): void {
  server.registerTool(
    ANSWER_VIDEO_AGENT,
    {
      title: 'Answer Video Agent',
      description:
        'Sends the user\'s answer (or more context, or an edit request) to a Video Agent session started with create_video mode "chat" (POST /v3/video-agents/{session_id}). Use it when get_video_status says waiting_for_input and shows the question; then follow the session with get_video_status again. Sessions started in generate mode take no messages: HeyGen refuses them.',
      inputSchema: z.object({
        session_id: heygenIdSchema.describe('The session_id create_video returned.'),
        message: z.string().trim().min(1).max(10_000).describe("The user's answer, in their words."),
      }),
      outputSchema: z.object({ session_id: z.string(), sandbox: z.boolean(), next_step: z.string() }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ session_id, message }, extra) => {
      try {
        const sent = await answerVideoAgent(services, session_id, message, extra.signal);
        const next = `Call get_video_status with session_id "${sent.sessionId}" (wait_seconds 50).`;
        return success(lines(services, [`Sent to Video Agent session ${sent.sessionId}.`], next), {
          session_id: sent.sessionId,
          sandbox: services.config.sandbox !== null,
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
