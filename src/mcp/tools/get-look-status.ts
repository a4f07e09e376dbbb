// get_look_status: waits until HeyGen has the look ready. Ready means completed, with a preview
// image and real dimensions. A 404 right after creation means "not visible yet", not failure.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Look } from '../../domain/heygen/schemas.ts';
import type { Services } from '../../flows/deps.ts';
import { lookStatus, type LookState } from '../../flows/look-status.ts';
import { heygenIdSchema } from '../fields.ts';
import { progressSender } from '../progress.ts';
import { errorResult, failure, lines, success } from '../render.ts';

export const GET_LOOK_STATUS = 'get_look_status';

const inputSchema = z.object({
  look_id: heygenIdSchema.describe('The look_id add_look returned.'),
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
  status: z
    .string()
    .describe(
      'processing, pending_consent, failed, completed, or not_visible_yet. A look HeyGen gives no status (only private avatars have one) reads completed once it has a preview and dimensions, processing before.',
    ),
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

export function registerGetLookStatusTool(server: McpServer, services: Services): void {
  server.registerTool(
    GET_LOOK_STATUS,
    {
      title: 'Get look status',
      description:
        "Step 6: checks a look (GET /v3/avatars/looks/{id}) and waits up to wait_seconds, with progress, until HeyGen has it ready: completed with a preview image. Then its look_id is the avatar_id for HeyGen Video Agent. pending_consent says how to get the owner's consent (request_avatar_consent); failed gives HeyGen's reason and what to try. Free and safe to call repeatedly.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ look_id, wait_seconds }, extra) => {
      const send = progressSender(extra);
      let reads = 0;
      try {
        const state = await lookStatus(services, look_id, {
          waitMs: wait_seconds * 1000,
          signal: extra.signal,
          onRead: (read, elapsedMs) => {
            reads += 1;
            const seen =
              'look' in read
                ? read.look.status === 'completed'
                  ? 'completed, preview not ready yet'
                  : (read.look.status ?? 'not ready (no status given)')
                : 'not visible yet';
            send(Math.min(95, reads * 8), `Look ${look_id}: ${seen} (${Math.round(elapsedMs / 1000)} s)`);
          },
        });
        return render(look_id, state, services);
      } catch (error) {
        if (extra.signal.aborted) return failure('The wait was cancelled.', 'Call get_look_status again when ready.');
        return errorResult(error, services);
      }
    },
  );
}

function render(lookId: string, state: LookState, services: Services) {
  const sandbox = services.config.sandbox !== null;
  if (!('look' in state)) {
    const since =
      state.state === 'not_visible' && state.sinceAddedMs !== undefined
        ? ` (${Math.round(state.sinceAddedMs / 1000)} s after it was added)`
        : '';
    const next =
      'HeyGen has not shown the new look yet (normal for a few seconds after add_look): call get_look_status again in 10 s.';
    return success(lines(services, [`Look ${lookId} is not visible at HeyGen yet${since}.`], next), {
      look_id: lookId,
      status: 'not_visible_yet',
      ready: false,
      sandbox,
      next_step: next,
    });
  }
  const current: Look = state.look;
  // HeyGen gives a status only to private avatars; without one, readiness comes from the preview.
  const status = current.status ?? (state.state === 'ready' ? 'completed' : 'processing');
  const details = {
    look_id: lookId,
    status,
    ready: state.state === 'ready',
    ...(current.name ? { name: current.name } : {}),
    ...(current.group_id ? { group_id: current.group_id } : {}),
    ...(current.preview_image_url ? { preview_image_url: current.preview_image_url } : {}),
    ...(current.image_width ? { image_width: current.image_width } : {}),
    ...(current.image_height ? { image_height: current.image_height } : {}),
    ...(current.preferred_orientation ? { orientation: current.preferred_orientation } : {}),
    sandbox,
  };
  switch (state.state) {
    case 'failed':
      return failure(
        `HeyGen could not make look ${lookId} (${state.reason}).`,
        /face/i.test(state.reason)
          ? 'HeyGen found no usable face: generate the look again with the face clearly visible and facing the camera (one person, good light), then upload and add the new image.'
          : 'Generate or pick another image, then upload_to_heygen and add_look again.',
      );
    case 'pending_consent': {
      const next = `The avatar's owner must approve its use first: call request_avatar_consent${current.group_id ? ` with group_id "${current.group_id}"` : ''} and have them open the link; then call get_look_status again.`;
      return success(lines(services, [`Look ${lookId} is waiting for the owner's consent.`], next), {
        ...details,
        next_step: next,
      });
    }
    case 'ready': {
      const next = `Call create_video with avatar_id "${lookId}" and the video's prompt.`;
      const shape = `${current.image_width}×${current.image_height}${current.preferred_orientation ? `, ${current.preferred_orientation}` : ''}`;
      const body = [
        `Look ${lookId}${current.name ? ` ("${current.name}")` : ''} is ready: ${shape}, preview ${current.preview_image_url}.`,
        `avatar_id for Video Agent: ${lookId}`,
      ];
      return success(lines(services, body, next), { ...details, avatar_id: lookId, next_step: next });
    }
    default: {
      const next = `Still ${status}: call get_look_status again (wait_seconds 45). Photo looks take 30–90 s; give up after about 5 minutes.`;
      const what =
        current.status === 'completed'
          ? 'completed, but its preview is not ready yet'
          : (current.status ?? 'not ready yet (HeyGen gives it no status; it is ready once it has a preview)');
      return success(lines(services, [`Look ${lookId} is ${what}.`], next), { ...details, next_step: next });
    }
  }
}
