// add_look: an uploaded asset — or a prompt HeyGen makes the look from — → a new look in the
// person's EXISTING avatar group. Never creates a group; never adds twice: if HeyGen's answer is
// lost, the same key asks again (HeyGen replays it) or the look is found in the group.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { HEYGEN_PRICES, PRICE_NOTE, PROMPT_LOOK_PRICE_NOTE } from '../../domain/heygen/prices.ts';
import { BASE_LOOK_CHOICES } from '../../core/types.ts';
import type { Services } from '../../flows/deps.ts';
import { addAnyLook } from '../../flows/heygen-steps.ts';
import type { PromptLookAdded } from '../../flows/prompt-looks.ts';
import { groupIdSchema, referenceImagesSchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const ADD_LOOK = 'add_look';

const inputSchema = z.object({
  asset_id: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The asset_id upload_to_heygen returned (a photo look). Give this or prompt.'),
  prompt: z
    .string()
    .min(1)
    .max(8000)
    .optional()
    .describe(
      "Instead of asset_id: HeyGen makes the look itself from this prompt (wardrobe, set, light, pose — never the person's looks; fitted into HeyGen's 1000 characters) and a base look of the group. build_look_prompt writes one. Then check the result with check_look_image and look_id.",
    ),
  base_look_id: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional()
    .describe(
      'With prompt: the look of the group to make it from. Default: HEYGEN_BASE_LOOK_ID, else the finished look most like the reference photos.',
    ),
  reference_images: referenceImagesSchema
    .optional()
    .describe(
      'With prompt: photos of the person (1–5; the first 3 are sent to HeyGen as reference images, uploaded once each). Default: AVATAR_REFERENCE_IMAGE(S).',
    ),
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
  made_from_prompt: z
    .object({
      base_look_id: z.string(),
      base_look_chosen_by: z.enum(BASE_LOOK_CHOICES),
      base_look_likeness: z.number().optional(),
      prompt_sent: z.string(),
      reference_images: z.number().int(),
    })
    .optional()
    .describe('With prompt: the base look HeyGen made it from, and the prompt as sent.'),
  next_step: z.string(),
});

export function registerAddLookTool(server: McpServer, services: Services): void {
  server.registerTool(
    ADD_LOOK,
    {
      title: 'Add look to avatar group',
      description:
        "Step 5: adds an uploaded image (asset_id) — or, with prompt instead, a look HeyGen makes itself from a base look of the group (POST /v3/avatars, type prompt; price unpublished; check it with check_look_image and look_id once completed) — as a new look in the person's existing HeyGen avatar group (POST /v3/avatars, type photo) and returns its look_id — which is Video Agent's avatar_id once ready. Always adds to an existing group (group_id or HEYGEN_AVATAR_GROUP_ID); it never creates a group. Each new image makes a new look (about $1.00 on pay-as-you-go); calling again with the same asset_id, name and group within 24 h returns the same look instead of paying again (HeyGen replays it). Then wait with get_look_status.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ asset_id, prompt, base_look_id, reference_images, name, group_id }, extra) => {
      try {
        const added = await addAnyLook(
          services,
          {
            assetId: asset_id,
            prompt,
            baseLookId: base_look_id,
            referenceImages: reference_images,
            name,
            groupId: group_id,
          },
          extra.signal,
        );
        if ('baseLook' in added) return renderPromptLook(services, name, added);
        const { look, groupId, recovered } = added;
        const sandbox = services.config.sandbox !== null;
        const cost = sandbox ? 0 : HEYGEN_PRICES.photoLookUsd;
        const next = `Call get_look_status with look_id "${look.id}" (wait_seconds 45) until it is completed; photo looks take 30–90 s.`;
        const body = [
          `Added look "${name}" to group ${groupId}: look_id ${look.id} (status ${look.status ?? 'not given'}).${recovered ? " HeyGen's answer was lost; the look was found in the group, so it was not added twice." : ''}`,
          'This look_id is the avatar_id for HeyGen Video Agent once it is completed.',
          sandbox ? 'Cost: nothing (sandbox).' : `Cost: about $${cost.toFixed(2)} (${PRICE_NOTE})`,
        ];
        return success(lines(services, body, next), {
          ...lookFields(look, groupId, name),
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

function renderPromptLook(services: Services, name: string, added: PromptLookAdded) {
  const { look, groupId, baseLook } = added;
  const sandbox = services.config.sandbox !== null;
  const next = `Call get_look_status with look_id "${look.id}" (wait_seconds 60) until it is completed (prompt looks take 1–3 minutes), then check_look_image with look_id "${look.id}": HeyGen may change the face, and only that check says it is still the person.`;
  const chosenBy =
    baseLook.how === 'likeness'
      ? `the finished look most like the reference photos (likeness ${baseLook.likeness}, of ${baseLook.checked} compared)`
      : baseLook.how === 'given'
        ? 'base_look_id'
        : baseLook.how === 'configured'
          ? 'HEYGEN_BASE_LOOK_ID'
          : baseLook.how === 'only'
            ? "the group's only finished look"
            : "the group's first finished look (no face check to choose by)";
  const body = [
    added.repeated
      ? `The same add_look within 24 h: look "${name}" is look_id ${look.id} (status ${look.status ?? 'not given'}), made by the first call; nothing new was asked of HeyGen.`
      : `HeyGen is making look "${name}" in group ${groupId} from the prompt: look_id ${look.id} (status ${look.status ?? 'not given'}).`,
    `Base look: ${baseLook.id}, chosen as ${chosenBy}; ${added.references} reference photo(s) sent.`,
    ...(added.dropped.length > 0 ? [`Left out to fit HeyGen's 1000 characters: ${added.dropped.join(' ')}`] : []),
    sandbox ? 'Cost: nothing (sandbox).' : `Cost: ${PROMPT_LOOK_PRICE_NOTE}`,
  ];
  return success(lines(services, body, next), {
    ...lookFields(look, groupId, name),
    recovered: added.repeated,
    cost_estimate_usd: 0,
    sandbox,
    made_from_prompt: {
      base_look_id: baseLook.id,
      base_look_chosen_by: baseLook.how,
      ...(baseLook.likeness === undefined ? {} : { base_look_likeness: baseLook.likeness }),
      prompt_sent: added.prompt,
      reference_images: added.references,
    },
    next_step: next,
  });
}

/** The new look as both answers give it: its id (Video Agent's avatar_id), group, name and status. */
function lookFields(look: { id: string; status?: string | null | undefined }, groupId: string, name: string) {
  return {
    look_id: look.id,
    avatar_id: look.id,
    group_id: groupId,
    name,
    status: look.status ?? 'none (HeyGen gives a status only to private avatars)',
  };
}
