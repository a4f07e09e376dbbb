// One way to build tool results, so every tool answers in the same shape: a short text for
// the model, structuredContent for programs, and errors as one line of cause plus a next step.

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ImageError } from '../domain/images/errors.ts';
import { redact, type Logger } from '../core/log.ts';

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

/** A failure from domain code: an ImageError keeps its cause and next step; anything else is logged. */
export function errorResult(error: unknown, secrets: readonly string[], logger: Logger): CallToolResult {
  if (error instanceof ImageError) return failure(redact(error.message, secrets), redact(error.nextStep, secrets));
  logger.error('unexpected error in a tool', { message: (error as Error)?.message, stack: (error as Error)?.stack });
  return failure(
    `Internal error: ${redact((error as Error)?.message ?? String(error), secrets)}.`,
    'This is a bug in avatar-looks-mcp; the details are in the server log (stderr). Try again.',
  );
}
