// add_look: an uploaded asset → a new look in the person's EXISTING avatar group. Never creates
// a group; never adds twice: if HeyGen's answer is lost, it looks in the group first.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { HEYGEN_PRICES, PRICE_NOTE } from '../../domain/heygen/prices.ts';
import type { Services } from '../../flows/deps.ts';
import { addLook } from '../../flows/heygen-steps.ts';
import { groupIdSchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const ADD_LOOK = 'add_look';

const inputSchema = z.object({
  asset_id: z.string().min(1).max(200).describe('The asset_id upload_to_heygen returned.'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe("A name for the look, e.g. the video's title or slug: it is how the person finds it in HeyGen."),
  group_id: groupIdSchema
    .optional()
    .describe("The person's avatar group. Default: HEYGEN_AVATAR_GROUP_ID. list_avatar_groups shows the groups."),
});

const outputSchema = z.object({
  look_id: z.string().describe("The new look. It is Video Agent's avatar_id once get_look_status says completed."),
  avatar_id: z.string().describe('The same id, as Video Agent calls it.'),
  group_id: z.string(),
  name: z.string(),
  status: z.string(),
  recovered: z
    .boolean()
    .describe("True when HeyGen's answer was lost and the look was found in the group instead of adding it again."),
  cost_estimate_usd: z
    .number()
    .describe(
      "HeyGen's pay-as-you-go price of a photo look ($1.00; 0 in the sandbox). An estimate: a web plan's credits count differently, and a repeat HeyGen answered from its first call was not paid again.",
    ),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerAddLookTool(server: McpServer, services: Services): void {
  server.registerTool(
    ADD_LOOK,
    {
      title: 'Add look to avatar group',
      description:
        "Step 5: adds an uploaded image as a new look in the person's existing HeyGen avatar group (POST /v3/avatars, type photo) and returns its look_id — which is Video Agent's avatar_id once ready. Always adds to an existing group (group_id or HEYGEN_AVATAR_GROUP_ID); it never creates a group. Each new image makes a new look (about $1.00 on pay-as-you-go); calling again with the same asset_id, name and group within 24 h returns the same look instead of paying again (HeyGen replays it). Then wait with get_look_status.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ asset_id, name, group_id }, extra) => {
      try {
        const { look, groupId, recovered } = await addLook(
          services,
          { assetId: asset_id, name, groupId: group_id },
          extra.signal,
        );
        const sandbox = services.config.sandbox !== null;
        const cost = sandbox ? 0 : HEYGEN_PRICES.photoLookUsd;
        const next = `Call get_look_status with look_id "${look.id}" (wait_seconds 45) until it is completed; photo looks take 30–90 s.`;
        const body = [
          `Added look "${name}" to group ${groupId}: look_id ${look.id} (status ${look.status ?? 'not given'}).${recovered ? " HeyGen's answer was lost; the look was found in the group, so it was not added twice." : ''}`,
          'This look_id is the avatar_id for HeyGen Video Agent once it is completed.',
          sandbox ? 'Cost: nothing (sandbox).' : `Cost: about $${cost.toFixed(2)} (${PRICE_NOTE})`,
        ];
        return success(lines(services, body, next), {
          look_id: look.id,
          avatar_id: look.id,
          group_id: groupId,
          name,
          status: look.status ?? 'none (HeyGen gives a status only to private avatars)',
          recovered,
          cost_estimate_usd: cost,
          sandbox,
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
