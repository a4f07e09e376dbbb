// add_look: an uploaded asset → a new look in the person's EXISTING avatar group. Never creates
// a group; never adds twice: if HeyGen's answer is lost, it looks in the group first.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { HeyGenError } from '../heygen/errors.ts';
import { addedLook, data, look, page, type Look } from '../heygen/schemas.ts';
import { heygenFailure, sandboxNotice } from './heygen-common.ts';
import type { ToolContext } from './index.ts';
import { failure, success } from './result.ts';

export const ADD_LOOK = 'add_look';

const inputSchema = z.object({
  asset_id: z.string().min(1).max(200).describe('The asset_id upload_to_heygen returned.'),
  name: z.string().trim().min(1).max(100).describe('A name for the look, e.g. the video\'s title or slug: it is how the person finds it in HeyGen.'),
  group_id: z.string().regex(/^[\w-]{1,100}$/).optional().describe('The person\'s avatar group. Default: HEYGEN_AVATAR_GROUP_ID. list_avatar_groups shows the groups.'),
});

const outputSchema = z.object({
  look_id: z.string().describe('The new look. It is Video Agent\'s avatar_id once get_look_status says completed.'),
  avatar_id: z.string().describe('The same id, as Video Agent calls it.'),
  group_id: z.string(),
  name: z.string(),
  status: z.string(),
  recovered: z.boolean().describe('True when HeyGen\'s answer was lost and the look was found in the group instead of adding it again.'),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerAddLookTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    ADD_LOOK,
    {
      title: 'Add look to avatar group',
      description: 'Step 4: adds an uploaded image as a new look in the person\'s existing HeyGen avatar group (POST /v3/avatars, type photo) and returns its look_id — which is Video Agent\'s avatar_id once ready. Always adds to an existing group (group_id or HEYGEN_AVATAR_GROUP_ID); it never creates a group. Each call makes a new look, so call it once per image; then wait with get_look_status.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ asset_id, name, group_id }, extra) => {
      const groupId = group_id ?? context.config.heygen.groupId;
      if (!groupId) {
        return failure(
          'No avatar group: pass group_id, or set HEYGEN_AVATAR_GROUP_ID in the server\'s environment. This server never creates a group (a look belongs with the person\'s existing avatar).',
          'Call list_avatar_groups to find the person\'s group id.',
        );
      }
      try {
        const client = await context.services.heygen();
        // The looks of this name that exist before we add: after a lost answer, only a look that
        // is not among them can be ours. Without this list, recovery is not attempted.
        const before = await lookIdsNamed(client, groupId, name, extra.signal).catch(() => undefined);
        let added: Look;
        let recovered = false;
        try {
          const answer = await client.post('/v3/avatars', data(addedLook), { json: { type: 'photo', name, file: { type: 'asset_id', asset_id }, avatar_group_id: groupId } }, extra.signal);
          added = answer.data.avatar_item;
        } catch (error) {
          if (!(error instanceof HeyGenError) || !error.maybeProcessed || error.code === 'cancelled') throw error;
          // The request may have been carried out: look for it before anyone adds again.
          const found = before ? await findNewLook(client, groupId, name, before, extra.signal) : { look: undefined, several: false };
          if (!found.look) {
            return failure(
              `${error.summary()} HeyGen may still have created the look${found.several ? ' (several new looks of this name appeared, so none was picked)' : ', but it is not in the group yet'}.`,
              `Call list_looks with group_id "${groupId}" in a minute and look for "${name}" before calling add_look again.`,
            );
          }
          added = found.look;
          recovered = true;
        }
        context.services.lookCreatedAt.set(added.id, Date.now());
        const next = `Call get_look_status with look_id "${added.id}" (wait_seconds 45) until it is completed; photo looks take 30–90 s.`;
        return success([
          `Added look "${name}" to group ${groupId}: look_id ${added.id} (status ${added.status}).${recovered ? ' HeyGen\'s answer was lost; the look was found in the group, so it was not added twice.' : ''}`,
          `This look_id is the avatar_id for HeyGen Video Agent once it is completed.`,
          ...sandboxNotice(context),
          `Next step: ${next}`,
        ].join('\n'), { look_id: added.id, avatar_id: added.id, group_id: groupId, name, status: added.status, recovered, sandbox: context.config.sandbox !== null, next_step: next });
      } catch (error) {
        return heygenFailure(error, context, `The avatar group "${groupId}" does not exist (or the asset is unknown): call list_avatar_groups for the right group id.`);
      }
    },
  );
}

type Client = Awaited<ReturnType<ToolContext['services']['heygen']>>;

async function looksNamed(client: Client, groupId: string, name: string, signal: AbortSignal): Promise<Look[]> {
  const matches: Look[] = [];
  let token: string | undefined;
  for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
    const answer = await client.get('/v3/avatars/looks', page(look), signal, { group_id: groupId, avatar_type: 'photo_avatar', ownership: 'private', limit: 50, token });
    matches.push(...answer.data.filter((item) => item.name === name));
    if (!answer.has_more || !answer.next_token) break;
    token = answer.next_token;
  }
  return matches;
}

async function lookIdsNamed(client: Client, groupId: string, name: string, signal: AbortSignal): Promise<Set<string>> {
  return new Set((await looksNamed(client, groupId, name, signal)).map((item) => item.id));
}

/** The one look of this name that was not there before; a new look can take seconds to appear. */
async function findNewLook(client: Client, groupId: string, name: string, before: Set<string>, signal: AbortSignal): Promise<{ look: Look | undefined; several: boolean }> {
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2_000));
    const fresh = (await looksNamed(client, groupId, name, signal).catch(() => [])).filter((item) => !before.has(item.id));
    if (fresh.length === 1) return { look: fresh[0], several: false };
    if (fresh.length > 1) return { look: undefined, several: true };
  }
  return { look: undefined, several: false };
}
