// get_look_status: waits until HeyGen has the look ready. Ready means completed, with a preview
// image and real dimensions. A 404 right after creation means "not visible yet", not failure.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { INVISIBLE_GRACE_MS, isLookNotFound, isLookReady } from '../../domain/heygen/looks.ts';
import { data, look, type Look } from '../../domain/heygen/schemas.ts';
import { heygenFailure, sandboxNotice } from '../heygen-render.ts';
import type { ToolContext } from '../registry.ts';
import { progressSender } from '../progress.ts';
import { failure, success } from '../render.ts';

export const GET_LOOK_STATUS = 'get_look_status';
const POLL_MS = 3_000;

const inputSchema = z.object({
  look_id: z
    .string()
    .regex(/^[\w-]{1,200}$/)
    .describe('The look_id add_look returned.'),
  wait_seconds: z
    .number()
    .min(0)
    .max(50)
    .default(40)
    .describe(
      'How long to wait for the look to become ready, with progress (0–50 s, default 40). Photo looks take 30–90 s: call again if it is still processing.',
    ),
});

const outputSchema = z.object({
  look_id: z.string(),
  status: z.string().describe('processing, pending_consent, failed, completed, or not_visible_yet.'),
  ready: z.boolean().describe('True when the look can be used: completed, with a preview and dimensions.'),
  avatar_id: z.string().optional().describe('When ready: the id to pass to Video Agent as avatar_id (the look_id).'),
  name: z.string().optional(),
  group_id: z.string().optional(),
  preview_image_url: z.string().optional(),
  image_width: z.number().optional(),
  image_height: z.number().optional(),
  orientation: z.string().optional(),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerGetLookStatusTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    GET_LOOK_STATUS,
    {
      title: 'Get look status',
      description:
        "Step 5: checks a look (GET /v3/avatars/looks/{id}) and waits up to wait_seconds, with progress, until HeyGen has it ready: completed with a preview image. Then its look_id is the avatar_id for HeyGen Video Agent. pending_consent says how to get the owner's consent (request_avatar_consent); failed gives HeyGen's reason and what to try. Free and safe to call repeatedly.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ look_id, wait_seconds }, extra) => {
      const deadline = Date.now() + wait_seconds * 1000;
      const send = progressSender(extra);
      const createdAt = context.services.lookCreatedAt.get(look_id);
      let polls = 0;
      try {
        const client = await context.services.heygen();
        for (;;) {
          polls += 1;
          let current: Look | undefined;
          // Each read fits in what is left of the wait, so retries never push the call past it.
          const remaining = deadline - Date.now();
          try {
            current = (
              await client.get(
                `/v3/avatars/looks/${encodeURIComponent(look_id)}`,
                data(look),
                extra.signal,
                {},
                {
                  timeoutMs: Math.max(2_000, Math.min(context.config.heygen.timeoutMs, remaining)),
                  retries: remaining > 4_000 ? 2 : 0,
                },
              )
            ).data;
          } catch (error) {
            // A JSON 404 for a look this process added moments ago means "not visible yet".
            const young = createdAt !== undefined && Date.now() - createdAt < INVISIBLE_GRACE_MS;
            const notFound = isLookNotFound(error);
            if (!(notFound && young)) throw error;
          }
          const ready = isLookReady(current);
          const settled = ready || current?.status === 'failed' || current?.status === 'pending_consent';
          if (settled || Date.now() + POLL_MS > deadline || context.services.stopping.aborted)
            return render(look_id, current, ready, context, createdAt);
          const state = current
            ? current.status === 'completed'
              ? 'completed, preview not ready yet'
              : current.status
            : 'not visible yet';
          send(
            Math.min(95, polls * 8),
            `Look ${look_id}: ${state} (${Math.round((Date.now() - (deadline - wait_seconds * 1000)) / 1000)} s)`,
          );
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          if (extra.signal.aborted) return failure('The wait was cancelled.', 'Call get_look_status again when ready.');
        }
      } catch (error) {
        return heygenFailure(
          error,
          context,
          `If look "${look_id}" was added in the last minute (possibly by another server process), call get_look_status again in 10 s: new looks can take a few seconds to appear. Otherwise check the id with list_looks.`,
        );
      }
    },
  );
}

function render(
  lookId: string,
  current: Look | undefined,
  ready: boolean,
  context: ToolContext,
  createdAt: number | undefined,
) {
  const sandbox = context.config.sandbox !== null;
  if (!current) {
    const next = `HeyGen has not shown the new look yet (normal for a few seconds after add_look): call get_look_status again in 10 s.`;
    return success(
      [
        `Look ${lookId} is not visible at HeyGen yet${createdAt ? ` (${Math.round((Date.now() - createdAt) / 1000)} s after it was added)` : ''}.`,
        ...sandboxNotice(context),
        `Next step: ${next}`,
      ].join('\n'),
      {
        look_id: lookId,
        status: 'not_visible_yet',
        ready: false,
        sandbox,
        next_step: next,
      },
    );
  }
  const details = {
    look_id: lookId,
    status: current.status,
    ready,
    ...(current.name ? { name: current.name } : {}),
    ...(current.group_id ? { group_id: current.group_id } : {}),
    ...(current.preview_image_url ? { preview_image_url: current.preview_image_url } : {}),
    ...(current.image_width ? { image_width: current.image_width } : {}),
    ...(current.image_height ? { image_height: current.image_height } : {}),
    ...(current.preferred_orientation ? { orientation: current.preferred_orientation } : {}),
    sandbox,
  };
  if (current.status === 'failed') {
    const reason = [current.error?.code, current.error?.message].filter(Boolean).join(': ') || 'no reason given';
    return failure(
      `HeyGen could not make look ${lookId} (${reason}).`,
      /face/i.test(reason)
        ? 'HeyGen found no usable face: generate the look again with the face clearly visible and facing the camera (one person, good light), then upload and add the new image.'
        : 'Generate or pick another image, then upload_to_heygen and add_look again.',
    );
  }
  if (current.status === 'pending_consent') {
    const next = `The avatar's owner must approve its use first: call request_avatar_consent${current.group_id ? ` with group_id "${current.group_id}"` : ''} and have them open the link; then call get_look_status again.`;
    return success(
      [`Look ${lookId} is waiting for the owner's consent.`, ...sandboxNotice(context), `Next step: ${next}`].join(
        '\n',
      ),
      { ...details, next_step: next },
    );
  }
  if (ready) {
    const next = context.nextToolAfterLook
      ? `Call ${context.nextToolAfterLook} with avatar_id "${lookId}" and the video's prompt.`
      : `Use "${lookId}" as avatar_id in HeyGen Video Agent (POST /v3/video-agents).`;
    return success(
      [
        `Look ${lookId}${current.name ? ` ("${current.name}")` : ''} is ready: ${current.image_width}×${current.image_height}${current.preferred_orientation ? `, ${current.preferred_orientation}` : ''}, preview ${current.preview_image_url}.`,
        `avatar_id for Video Agent: ${lookId}`,
        ...sandboxNotice(context),
        `Next step: ${next}`,
      ].join('\n'),
      { ...details, avatar_id: lookId, next_step: next },
    );
  }
  const next = `Still ${current.status}: call get_look_status again (wait_seconds 45). Photo looks take 30–90 s; give up after about 5 minutes.`;
  return success(
    [
      `Look ${lookId} is ${current.status === 'completed' ? 'completed, but its preview is not ready yet' : current.status}.`,
      ...sandboxNotice(context),
      `Next step: ${next}`,
    ].join('\n'),
    { ...details, next_step: next },
  );
}
