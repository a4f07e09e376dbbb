// stop_video_agent: halts a Video Agent session (a stuck one, or one not wanted any more).

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { stopVideoAgent } from '../../flows/video-status.ts';
import { heygenIdSchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const STOP_VIDEO_AGENT = 'stop_video_agent';

export function registerStopVideoAgentTool(server: McpServer, services: Services): void {
  server.registerTool(
    STOP_VIDEO_AGENT,
    {
      title: 'Stop Video Agent',
      description:
        'Stops a Video Agent session at its next checkpoint (POST /v3/video-agents/{session_id}/stop); HeyGen keeps partial results. Use it for a session that is stuck or no longer wanted, before starting another: it frees one of the sessions this server lets run at once.',
      inputSchema: z.object({ session_id: heygenIdSchema.describe('The session_id create_video returned.') }),
      outputSchema: z.object({ session_id: z.string(), sandbox: z.boolean(), next_step: z.string() }),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    async ({ session_id }, extra) => {
      try {
        const stopped = await stopVideoAgent(services, session_id, extra.signal);
        const next = `Call get_video_status with session_id "${stopped.sessionId}" to see it end; start a new video with create_video (a new key) if you still want one.`;
        return success(lines(services, [`Asked HeyGen to stop Video Agent session ${stopped.sessionId}.`], next), {
          session_id: stopped.sessionId,
          sandbox: services.config.sandbox !== null,
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
