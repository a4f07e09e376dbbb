// What the HeyGen tools share: the client (or why there is none), failures rendered as a cause
// and a next step, and the sandbox notice.

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenError } from '../domain/heygen/errors.ts';
import { redact } from '../core/log.ts';
import { MissingHeyGenKey } from '../compose.ts';
import type { ToolContext } from './registry.ts';
import { errorResult, failure } from './render.ts';

export function heygenFailure(error: unknown, context: ToolContext, notFound?: string): CallToolResult {
  if (error instanceof MissingHeyGenKey) {
    return failure(
      error.message,
      "Add HEYGEN_API_KEY (HeyGen → Settings → API) to the server's environment in your MCP host config and restart it, or start the server with --sandbox to try the HeyGen steps offline.",
    );
  }
  if (error instanceof HeyGenError) {
    return failure(
      redact(error.summary(), context.secrets),
      redact(error.nextStep(notFound ? { notFound } : {}), context.secrets),
    );
  }
  return errorResult(error, context.secrets, context.logger);
}

/** A sentence every HeyGen result carries in sandbox mode. */
export function sandboxNotice(context: ToolContext): string[] {
  return context.config.sandbox
    ? [
        'SANDBOX: this is the offline HeyGen simulator; nothing was sent to HeyGen. Set HEYGEN_API_KEY to use your HeyGen account.',
      ]
    : [];
}
