// One way to render tool results, so every tool answers in the same shape: a short text for the
// model, structuredContent for programs, and every expected failure as one line of cause and one
// line of next step. Everything a tool returns passes the server's redaction here.

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UserError, type ErrorRecord } from '../core/errors.ts';
import type { Services } from '../flows/deps.ts';

export function success<T extends Record<string, unknown>>(text: string, structured: T): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/**
 * An expected failure (bad input, a refusal): `isError` with the cause and what to do next.
 * Text only: clients such as MCP Inspector validate structuredContent against the tool's
 * outputSchema even on errors, so an error must not carry a differently shaped object.
 */
export function failure(cause: string, nextStep: string): CallToolResult {
  return { content: [{ type: 'text', text: `${cause}\nNext step: ${nextStep}` }], isError: true };
}

/** A failure kept in a job or run record, shown again. */
export function recordedFailure(error: ErrorRecord, services: Services): CallToolResult {
  return failure(services.redact(error.message), services.redact(error.next_step));
}

/** Any error a tool's call threw: a UserError keeps its cause and next step; anything else is a bug, logged. */
export function errorResult(error: unknown, services: Services): CallToolResult {
  if (error instanceof UserError) return failure(services.redact(error.message), services.redact(error.nextStep));
  services.logger.error('unexpected error in a tool', {
    message: (error as Error)?.message,
    stack: (error as Error)?.stack,
  });
  return failure(
    `Internal error: ${services.redact((error as Error)?.message ?? String(error))}.`,
    'This is a bug in avatar-looks-mcp; the details are in the server log (stderr). Try again.',
  );
}

/** The sentence every HeyGen result carries in sandbox mode. */
export function sandboxNotice(services: Services): string[] {
  return services.config.sandbox
    ? [
        'SANDBOX: this is the offline HeyGen simulator; nothing was sent to HeyGen. Set HEYGEN_API_KEY to use your HeyGen account.',
      ]
    : [];
}

/** Result text: the lines, the sandbox notice, and the next step last. */
export function lines(
  services: Services,
  body: string[],
  nextStep: string,
  options: { heygen?: boolean } = {},
): string {
  return [...body, ...(options.heygen === false ? [] : sandboxNotice(services)), `Next step: ${nextStep}`].join('\n');
}
