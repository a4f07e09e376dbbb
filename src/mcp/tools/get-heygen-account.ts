// get_heygen_account: the billing type and what is left to spend.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { heygenAccount } from '../../flows/heygen-steps.ts';
import { READS_HEYGEN } from '../fields.ts';
import { errorResult, sandboxNotice, success } from '../render.ts';

export const GET_HEYGEN_ACCOUNT = 'get_heygen_account';

export function registerGetHeyGenAccountTool(server: McpServer, services: Services): void {
  server.registerTool(
    GET_HEYGEN_ACCOUNT,
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
      annotations: READS_HEYGEN,
    },
    async (_args, extra) => {
      try {
        const account = await heygenAccount(services, extra.signal);
        const left = account.remaining !== undefined ? `, ${account.remaining} ${account.unit} left` : '';
        const said = `HeyGen account${account.username ? ` ${account.username}` : ''}: ${account.billingType ?? 'unknown'} billing${left}.`;
        return success([said, ...sandboxNotice(services)].join('\n'), {
          ...(account.billingType ? { billing_type: account.billingType } : {}),
          ...(account.remaining !== undefined ? { remaining: account.remaining } : {}),
          ...(account.unit ? { unit: account.unit } : {}),
          ...(account.username ? { username: account.username } : {}),
          sandbox: services.config.sandbox !== null,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
