// approve_look: the person's answer to a create_look that waits for approval (status
// "awaiting_approval"): go ahead, this candidate, another round, or no. The flow records it and
// continues the run; this tool follows the job like create_look does.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ApprovalAction } from '../../flows/create-look/approval.ts';
import type { Services } from '../../flows/deps.ts';
import { keySchema, waitSecondsSchema } from '../fields.ts';
import { renderAwaiting, renderCreateLookResult, renderRejected } from '../job-result.ts';
import { askInPlace } from '../ask-approval.ts';
import { followJob, type Extra } from '../progress.ts';
import { PICKER_META } from '../picker-meta.ts';
import { errorResult, failure } from '../render.ts';

export const APPROVE_LOOK = 'approve_look';

const inputSchema = z.object({
  key: keySchema.optional().describe('The key create_look was called with. Give key or job_id.'),
  job_id: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe('The job_id create_look (or get_job) returned with status "awaiting_approval".'),
  action: z
    .enum(['approve', 'reject', 'another_round'])
    .describe(
      'approve: go ahead (cost) or use `candidate` (pick); another_round: pick only, make and check more candidates (paid) and ask again; reject: stop, nothing more is paid.',
    ),
  candidate: z
    .number()
    .int()
    .min(1)
    .max(64)
    .optional()
    .describe('pick: the candidate the person chose (its index in approval.candidates). It must have passed the gate.'),
  wait_seconds: waitSecondsSchema,
});

export function registerApproveLookTool(server: McpServer, services: Services): void {
  server.registerTool(
    APPROVE_LOOK,
    {
      title: 'Approve look (answer a waiting create_look)',
      description: [
        'Answers a create_look that returned status "awaiting_approval", with what the person said — only ever after asking them, never on your own.',
        'At the cost question: action "approve" pays for the images and the look, "reject" stops. At the pick question: action "approve" with candidate N uploads that image and adds it as the look; "another_round" makes and checks more candidates (paid) and asks again; "reject" stops with nothing reaching HeyGen.',
        'It then continues the run like create_look, with the same result (structuredContent in create_look\'s output shape): the result within wait_seconds, or status "running" with a job_id for get_job. Calling again with the same answer returns the same run (nothing is paid twice); a different answer after one was given is refused.',
      ].join('\n\n'),
      inputSchema,
      // No outputSchema of its own: its structuredContent is create_look's, declared there once.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      // Hosts that render MCP Apps show the look picker with the result.
      _meta: PICKER_META,
    },
    async (args, extra) => answerAndFollow(server, services, extra, { ...args, via: 'tool' }),
  );
}

export interface AnswerArgs {
  key?: string | undefined;
  job_id?: string | undefined;
  action: ApprovalAction;
  candidate?: number | undefined;
  wait_seconds: number;
  /** Where the answer came from: approve_look, or the look picker app (which asks again itself). */
  via: 'tool' | 'app';
}

/**
 * The one path for an answer by tool (approve_look, and the look picker's app-only tool): the flow
 * records it and continues the run, and the call follows the job like create_look does.
 */
export async function answerAndFollow(
  server: McpServer,
  services: Services,
  extra: Extra,
  args: AnswerArgs,
): Promise<CallToolResult> {
  const deadline = Date.now() + args.wait_seconds * 1000;
  try {
    const { answerApproval } = await import('../../flows/create-look/answer.ts');
    const outcome = await answerApproval(services, {
      key: args.key,
      job_id: args.job_id,
      action: args.action,
      candidate: args.candidate,
      via: args.via,
    });
    if ('rejected' in outcome) return renderRejected(outcome.rejected, { note: outcome.note });
    if ('finished' in outcome)
      return await renderCreateLookResult(outcome.jobId, outcome.finished, { note: outcome.note });
    if ('awaiting' in outcome) return await renderAwaiting(outcome.jobId, outcome.awaiting, { note: outcome.note });
    const job = await services.jobs.get(outcome.jobId);
    if (!job) return failure(`The job ${outcome.jobId} disappeared.`, 'Call create_look again with the same key.');
    const followed = await followJob(server, services, extra, job, {
      deadline,
      cancelOnAbort: true,
      note: outcome.note,
    });
    // After another round the run asks again: in place, where the host can (the picker shows it itself).
    return args.via === 'app'
      ? followed
      : await askInPlace(server, services, extra, followed, args.wait_seconds * 1000);
  } catch (error) {
    return errorResult(error, services);
  }
}
