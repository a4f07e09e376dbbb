// Asking the person in place: when a create_look waits for approval and the host can show a form
// (MCP form elicitation, over stdio), the tool call itself asks — a confirm for the cost, a choice
// of candidates with their likeness for the pick — and the answer continues the run at once. If
// the host cannot ask, or the person dismisses the form, the result is the waiting state as
// before, and approve_look answers it later.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ElicitRequestFormParams } from '@modelcontextprotocol/sdk/types.js';
import type { CreateLookAwaiting } from '../flows/create-look/approval.ts';
import type { Services } from '../flows/deps.ts';
import { renderAwaiting, renderCreateLookResult, renderRejected } from './job-result.ts';
import { followJob, type Extra } from './progress.ts';
import { errorResult } from './render.ts';

/** Servers whose transport can carry a request to the client in the middle of a tool call (stdio). */
const askingServers = new WeakSet<McpServer>();

export function askInPlaceOver(server: McpServer): void {
  askingServers.add(server);
}

/** How long the form may stay open: the person may be away; the run waits on disk either way. */
const FORM_TIMEOUT_MS = 10 * 60_000;
/** Another round asks again; a person who keeps asking for rounds answers the rest with approve_look. */
const MAX_QUESTIONS = 3;

const REJECT = 'reject';
const ANOTHER_ROUND = 'another_round';

/** The result as it is, or — when it waits for approval and the host can show a form — the person's answer carried out. */
export async function askInPlace(
  server: McpServer,
  services: Services,
  extra: Extra,
  result: CallToolResult,
  waitMs: number,
): Promise<CallToolResult> {
  let current = result;
  for (let asked = 0; asked < MAX_QUESTIONS; asked++) {
    const awaiting = current.structuredContent as (CreateLookAwaiting & { job_id: string }) | undefined;
    if (awaiting?.status !== 'awaiting_approval' || !canAsk(server)) return current;
    const answer = await ask(server, awaiting, extra.signal);
    if (!answer) {
      return renderAwaiting(awaiting.job_id, awaiting, {
        note: 'The person dismissed the question in the form, so nothing was decided; the look still waits. Ask them in the chat, then answer with approve_look.',
      });
    }
    current = await carryOut(server, services, extra, awaiting, answer, waitMs);
  }
  return current;
}

function canAsk(server: McpServer): boolean {
  const elicitation = server.server.getClientCapabilities()?.elicitation;
  return askingServers.has(server) && !!elicitation && (elicitation.form !== undefined || !elicitation.url);
}

type Answer = { action: 'approve' | 'reject' | 'another_round'; candidate?: number | undefined };

async function ask(server: McpServer, awaiting: CreateLookAwaiting, signal: AbortSignal): Promise<Answer | undefined> {
  const { approval } = awaiting;
  const params: ElicitRequestFormParams =
    approval.waiting_for === 'cost'
      ? {
          mode: 'form',
          message: `${approval.question} ${approval.cost.note}`,
          requestedSchema: {
            type: 'object',
            properties: {
              approve: {
                type: 'boolean',
                title: `Pay about $${approval.cost.to_come_usd.toFixed(2)} and make the look`,
                default: false,
              },
            },
            required: ['approve'],
          },
        }
      : {
          mode: 'form',
          message: `Which image becomes the look for "${awaiting.key}"? Likeness is to your reference photo (higher is closer); nothing has been sent to HeyGen yet.`,
          requestedSchema: {
            type: 'object',
            properties: {
              choice: {
                type: 'string',
                title: 'Use this one',
                oneOf: [
                  ...approval.candidates
                    .filter((candidate) => candidate.passed || candidate.review)
                    .map((candidate) => ({
                      const: String(candidate.index),
                      title: `Candidate ${candidate.index}${candidate.likeness !== undefined ? ` — likeness ${candidate.likeness.toFixed(3)}` : ''}${candidate.yaw !== undefined ? `, head turned ${Math.round(Math.abs(candidate.yaw))}°` : ''}${candidate.recommended ? ' (recommended)' : ''}${candidate.review ? ' (for review: only if it is you)' : ''}`,
                    })),
                  ...(approval.actions.includes('another_round')
                    ? [
                        {
                          const: ANOTHER_ROUND,
                          title: `None yet: make another round (about $${(approval.cost.another_round_usd ?? 0).toFixed(2)})`,
                        },
                      ]
                    : []),
                  { const: REJECT, title: 'None: stop here (nothing more is paid)' },
                ],
              },
            },
            required: ['choice'],
          },
        };
  try {
    const result = await server.server.elicitInput(params, { signal, timeout: FORM_TIMEOUT_MS });
    if (result.action !== 'accept' || !result.content) return undefined;
    if (approval.waiting_for === 'cost') return { action: result.content.approve === true ? 'approve' : 'reject' };
    const choice = String(result.content.choice ?? '');
    if (choice === REJECT || choice === ANOTHER_ROUND) return { action: choice };
    const candidate = Number(choice);
    return Number.isInteger(candidate) && candidate > 0 ? { action: 'approve', candidate } : undefined;
  } catch {
    // The host could not show it, or took too long: the run still waits, answerable by tool.
    return undefined;
  }
}

async function carryOut(
  server: McpServer,
  services: Services,
  extra: Extra,
  awaiting: CreateLookAwaiting,
  answer: Answer,
  waitMs: number,
): Promise<CallToolResult> {
  try {
    const { answerApproval } = await import('../flows/create-look/answer.ts');
    const outcome = await answerApproval(services, { key: awaiting.key, ...answer, via: 'elicitation' });
    const note =
      `The person answered in the form: ${answer.action}${answer.candidate !== undefined ? ` candidate ${answer.candidate}` : ''}. ${outcome.note ?? ''}`.trim();
    if ('rejected' in outcome) return renderRejected(outcome.rejected, { note });
    if ('finished' in outcome) return await renderCreateLookResult(outcome.jobId, outcome.finished, { note });
    if ('awaiting' in outcome) return await renderAwaiting(outcome.jobId, outcome.awaiting, { note });
    const job = await services.jobs.get(outcome.jobId);
    if (!job) return renderAwaiting('none', awaiting, { note });
    return await followJob(server, services, extra, job, { deadline: Date.now() + waitMs, cancelOnAbort: true, note });
  } catch (error) {
    return errorResult(error, services);
  }
}
