// list_looks: an avatar group's photo looks, to find one again or to check before adding twice.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { groupLooks } from '../../flows/heygen-steps.ts';
import { compact, groupIdSchema, pageLimitSchema, pageTokenSchema, READS_HEYGEN } from '../fields.ts';
import { errorResult, sandboxNotice, success } from '../render.ts';

export const LIST_LOOKS = 'list_looks';

const lookItem = z.object({
  id: z.string(),
  name: z.string().optional(),
  group_id: z.string().optional(),
  status: z.string(),
  orientation: z.string().optional(),
  preview_image_url: z.string().optional(),
});

export function registerListLooksTool(server: McpServer, services: Services): void {
  server.registerTool(
    LIST_LOOKS,
    {
      title: 'List looks',
      description:
        'Lists the private photo looks of an avatar group (default: HEYGEN_AVATAR_GROUP_ID; all groups when there is none) with id, name, status, orientation and preview URL. Use it to find a look again, or to check whether a look was added before adding it twice. Paginated: pass next_token for more.',
      inputSchema: z.object({
        group_id: groupIdSchema.optional().describe('The avatar group; default HEYGEN_AVATAR_GROUP_ID.'),
        limit: pageLimitSchema,
        token: pageTokenSchema,
      }),
      outputSchema: z.object({
        looks: z.array(lookItem),
        group_id: z.string().optional(),
        next_token: z.string().optional(),
        sandbox: z.boolean(),
      }),
      annotations: READS_HEYGEN,
    },
    async ({ group_id, limit, token }, extra) => {
      try {
        const { groupId, answer } = await groupLooks(services, { groupId: group_id, limit, token }, extra.signal);
        const looks = answer.data.map((item) =>
          compact({
            id: item.id,
            name: item.name,
            group_id: item.group_id,
            status: item.status,
            orientation: item.preferred_orientation,
            preview_image_url: item.preview_image_url,
          }),
        );
        const listed = looks.map(
          (item) =>
            `- ${item.id}: ${item.name ?? '(no name)'}, ${item.status}${item.orientation ? `, ${item.orientation}` : ''}`,
        );
        const more = answer.has_more && answer.next_token ? answer.next_token : undefined;
        const text = [
          `${looks.length} look${looks.length === 1 ? '' : 's'}${groupId ? ` in group ${groupId}` : ''}:`,
          ...listed,
          ...(more ? [`More: call again with token "${more}".`] : []),
          ...sandboxNotice(services),
        ];
        return success(text.join('\n'), {
          looks,
          ...(groupId ? { group_id: groupId } : {}),
          ...(more ? { next_token: more } : {}),
          sandbox: services.config.sandbox !== null,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
