// HeyGen's discovery, consent and account tools: small, read-mostly, one file per concern would
// be four files of ten lines each, so they live together here, one register function each.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { account, consent, data, group, look, page } from '../../domain/heygen/schemas.ts';
import { heygenFailure, sandboxNotice } from '../heygen-render.ts';
import type { ToolContext } from '../registry.ts';
import { failure, success } from '../render.ts';

const limit = z.number().int().min(1).max(50).default(20).describe('How many per page (1–50).');
const token = z.string().max(500).optional().describe('next_token from the previous page.');
const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;

const groupItem = z.object({
  id: z.string(),
  name: z.string().optional(),
  looks_count: z.number().optional(),
  consent_status: z.string().optional(),
  preview_image_url: z.string().optional(),
});
const lookItem = z.object({
  id: z.string(),
  name: z.string().optional(),
  group_id: z.string().optional(),
  status: z.string(),
  orientation: z.string().optional(),
  preview_image_url: z.string().optional(),
});

const compact = <T extends Record<string, unknown>>(item: T) =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]: NonNullable<T[K]>;
  };

export function registerListAvatarGroupsTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'list_avatar_groups',
    {
      title: 'List avatar groups',
      description:
        "Lists the HeyGen account's own (private) avatar groups — each is one person's avatar — with id, name, number of looks and consent status. Use it to find the group_id for add_look (or HEYGEN_AVATAR_GROUP_ID). Paginated: pass next_token for more.",
      inputSchema: z.object({ limit, token }),
      outputSchema: z.object({
        groups: z.array(groupItem),
        next_token: z.string().optional(),
        default_group_id: z.string().optional(),
        sandbox: z.boolean(),
      }),
      annotations: readOnly,
    },
    async ({ limit: size, token: next }, extra) => {
      try {
        const client = await context.services.heygen();
        const answer = await client.get('/v3/avatars', page(group), extra.signal, {
          ownership: 'private',
          limit: size,
          token: next,
        });
        const groups = answer.data.map((item) =>
          compact({
            id: item.id,
            name: item.name,
            looks_count: item.looks_count,
            consent_status: item.consent_status,
            preview_image_url: item.preview_image_url,
          }),
        );
        const lines = groups.map(
          (item) =>
            `- ${item.id}: ${item.name ?? '(no name)'}, ${item.looks_count ?? '?'} looks${item.consent_status && item.consent_status !== 'approved' ? `, consent ${item.consent_status}` : ''}${item.id === context.config.heygen.groupId ? ' (default)' : ''}`,
        );
        return success(
          [
            `${groups.length} avatar group${groups.length === 1 ? '' : 's'}:`,
            ...lines,
            ...(answer.has_more && answer.next_token ? [`More: call again with token "${answer.next_token}".`] : []),
            ...sandboxNotice(context),
          ].join('\n'),
          {
            groups,
            ...(answer.has_more && answer.next_token ? { next_token: answer.next_token } : {}),
            ...(context.config.heygen.groupId ? { default_group_id: context.config.heygen.groupId } : {}),
            sandbox: context.config.sandbox !== null,
          },
        );
      } catch (error) {
        return heygenFailure(error, context);
      }
    },
  );
}

export function registerListLooksTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'list_looks',
    {
      title: 'List looks',
      description:
        'Lists the private photo looks of an avatar group (default: HEYGEN_AVATAR_GROUP_ID; all groups when there is none) with id, name, status, orientation and preview URL. Use it to find a look again, or to check whether a look was added before adding it twice. Paginated: pass next_token for more.',
      inputSchema: z.object({
        group_id: z
          .string()
          .regex(/^[\w-]{1,100}$/)
          .optional()
          .describe('The avatar group; default HEYGEN_AVATAR_GROUP_ID.'),
        limit,
        token,
      }),
      outputSchema: z.object({
        looks: z.array(lookItem),
        group_id: z.string().optional(),
        next_token: z.string().optional(),
        sandbox: z.boolean(),
      }),
      annotations: readOnly,
    },
    async ({ group_id, limit: size, token: next }, extra) => {
      const groupId = group_id ?? context.config.heygen.groupId;
      try {
        const client = await context.services.heygen();
        const answer = await client.get('/v3/avatars/looks', page(look), extra.signal, {
          group_id: groupId,
          avatar_type: 'photo_avatar',
          ownership: 'private',
          limit: size,
          token: next,
        });
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
        const lines = looks.map(
          (item) =>
            `- ${item.id}: ${item.name ?? '(no name)'}, ${item.status}${item.orientation ? `, ${item.orientation}` : ''}`,
        );
        return success(
          [
            `${looks.length} look${looks.length === 1 ? '' : 's'}${groupId ? ` in group ${groupId}` : ''}:`,
            ...lines,
            ...(answer.has_more && answer.next_token ? [`More: call again with token "${answer.next_token}".`] : []),
            ...sandboxNotice(context),
          ].join('\n'),
          {
            looks,
            ...(groupId ? { group_id: groupId } : {}),
            ...(answer.has_more && answer.next_token ? { next_token: answer.next_token } : {}),
            sandbox: context.config.sandbox !== null,
          },
        );
      } catch (error) {
        return heygenFailure(error, context, `There is no avatar group "${groupId}": call list_avatar_groups.`);
      }
    },
  );
}

export function registerRequestAvatarConsentTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'request_avatar_consent',
    {
      title: 'Request avatar consent',
      description:
        "For a look that is pending_consent: asks HeyGen for the consent link of the avatar group (POST /v3/avatars/{group_id}/consent). The avatar's owner opens it in a browser and approves; this tool never approves anything itself. Then call get_look_status again.",
      inputSchema: z.object({
        group_id: z
          .string()
          .regex(/^[\w-]{1,100}$/)
          .optional()
          .describe('The avatar group; default HEYGEN_AVATAR_GROUP_ID.'),
      }),
      outputSchema: z.object({
        group_id: z.string(),
        consent_url: z.string(),
        sandbox: z.boolean(),
        next_step: z.string(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ group_id }, extra) => {
      const groupId = group_id ?? context.config.heygen.groupId;
      if (!groupId)
        return failure(
          'No avatar group: pass group_id or set HEYGEN_AVATAR_GROUP_ID.',
          'Call list_avatar_groups to find it.',
        );
      try {
        const client = await context.services.heygen();
        const answer = await client.post(
          `/v3/avatars/${encodeURIComponent(groupId)}/consent`,
          data(consent),
          { json: {} },
          extra.signal,
        );
        const next =
          "Give this link to the avatar's owner to open in a browser and approve; then call get_look_status again.";
        return success(
          [
            `Consent link for group ${groupId}: ${answer.data.url}`,
            ...sandboxNotice(context),
            `Next step: ${next}`,
          ].join('\n'),
          {
            group_id: groupId,
            consent_url: answer.data.url,
            sandbox: context.config.sandbox !== null,
            next_step: next,
          },
        );
      } catch (error) {
        return heygenFailure(error, context, `There is no avatar group "${groupId}": call list_avatar_groups.`);
      }
    },
  );
}

export function registerGetHeyGenAccountTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'get_heygen_account',
    {
      title: 'Get HeyGen account',
      description:
        "Shows the HeyGen account's billing type and what is left to spend (API wallet balance or credits). Check it when add_look answers 402: the API wallet is separate from the web plan.",
      inputSchema: z.object({}),
      outputSchema: z.object({
        billing_type: z.string().optional(),
        remaining: z.number().optional(),
        unit: z.string().optional(),
        username: z.string().optional(),
        sandbox: z.boolean(),
      }),
      annotations: readOnly,
    },
    async (_args, extra) => {
      try {
        const client = await context.services.heygen();
        const me = (await client.get('/v3/users/me', data(account), extra.signal)).data;
        const wallet = me.wallet?.remaining_balance;
        const remaining =
          wallet ??
          me.subscription?.credits?.premium_credits?.remaining ??
          me.usage_based?.remaining_credits ??
          undefined;
        const unit =
          wallet !== null && wallet !== undefined
            ? (me.wallet?.currency ?? 'usd')
            : remaining !== undefined
              ? 'credits'
              : undefined;
        return success(
          [
            `HeyGen account${me.username ? ` ${me.username}` : ''}: ${me.billing_type ?? 'unknown'} billing${remaining !== undefined ? `, ${remaining} ${unit} left` : ''}.`,
            ...sandboxNotice(context),
          ].join('\n'),
          {
            ...(me.billing_type ? { billing_type: me.billing_type } : {}),
            ...(remaining !== undefined && remaining !== null ? { remaining } : {}),
            ...(unit ? { unit } : {}),
            ...(me.username ? { username: me.username } : {}),
            sandbox: context.config.sandbox !== null,
          },
        );
      } catch (error) {
        return heygenFailure(error, context);
      }
    },
  );
}
