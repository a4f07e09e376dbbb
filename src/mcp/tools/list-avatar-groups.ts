// list_avatar_groups: the account's own avatar groups, each one person's avatar.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { avatarGroups } from '../../flows/heygen-steps.ts';
import { compact, pageLimitSchema, pageTokenSchema, READS_HEYGEN } from '../fields.ts';
import { errorResult, sandboxNotice, success } from '../render.ts';

export const LIST_AVATAR_GROUPS = 'list_avatar_groups';

const groupItem = z.object({
  id: z.string(),
  name: z.string().optional(),
  looks_count: z.number().optional(),
  consent_status: z.string().optional(),
  preview_image_url: z.string().optional(),
});

export function registerListAvatarGroupsTool(server: McpServer, services: Services): void {
  const defaultGroup = services.config.heygen.groupId;
  server.registerTool(
    LIST_AVATAR_GROUPS,
    {
      title: 'List avatar groups',
      description:
        "Lists the HeyGen account's own (private) avatar groups — each is one person's avatar — with id, name, number of looks and consent status. Use it to find the group_id for add_look (or HEYGEN_AVATAR_GROUP_ID). Paginated: pass next_token for more.",
      inputSchema: z.object({ limit: pageLimitSchema, token: pageTokenSchema }),
      outputSchema: z.object({
        groups: z.array(groupItem),
        next_token: z.string().optional(),
        default_group_id: z.string().optional(),
        sandbox: z.boolean(),
      }),
      annotations: READS_HEYGEN,
    },
    async ({ limit, token }, extra) => {
      try {
        const answer = await avatarGroups(services, { limit, token }, extra.signal);
        const groups = answer.data.map((item) =>
          compact({
            id: item.id,
            name: item.name,
            looks_count: item.looks_count,
            consent_status: item.consent_status,
            preview_image_url: item.preview_image_url,
          }),
        );
        const listed = groups.map((item) => {
          const consent =
            item.consent_status && item.consent_status !== 'approved' ? `, consent ${item.consent_status}` : '';
          return `- ${item.id}: ${item.name ?? '(no name)'}, ${item.looks_count ?? '?'} looks${consent}${item.id === defaultGroup ? ' (default)' : ''}`;
        });
        const more = answer.has_more && answer.next_token ? answer.next_token : undefined;
        const text = [
          `${groups.length} avatar group${groups.length === 1 ? '' : 's'}:`,
          ...listed,
          ...(more ? [`More: call again with token "${more}".`] : []),
          ...sandboxNotice(services),
        ];
        return success(text.join('\n'), {
          groups,
          ...(more ? { next_token: more } : {}),
          ...(defaultGroup ? { default_group_id: defaultGroup } : {}),
          sandbox: services.config.sandbox !== null,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
