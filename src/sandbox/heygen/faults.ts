// The failures the simulator injects (inject()): the answers integrators meet in the field.

import { MAX_ASSET_BYTES } from './looks.ts';
import { ApiError, errorReply, html404, rateLimited, type Reply } from './replies.ts';

export type HeyGenFault =
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'hang' }
  | { kind: 'html-404' }
  | { kind: 'unauthorized' }
  | { kind: 'insufficient-credit' }
  | { kind: 'payload-too-large' };

export function payloadTooLarge(): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `Request payload exceeds the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit`,
  );
}

export function faultReply(
  fault: Exclude<HeyGenFault, { kind: 'reset-before' | 'reset-after' | 'hang' }>,
  requestId: string,
): Reply {
  switch (fault.kind) {
    case 'rate-limited':
      return errorReply(
        rateLimited(`Rate limit exceeded. Retry after ${fault.retryAfterSeconds} seconds.`, fault.retryAfterSeconds),
        requestId,
      );
    case 'server-error':
      return errorReply(new ApiError(fault.status, 'internal_error', 'Internal server error'), requestId);
    case 'html-404':
      return html404();
    case 'unauthorized':
      return errorReply(new ApiError(401, 'unauthorized', 'Invalid API key'), requestId);
    case 'insufficient-credit':
      return errorReply(
        new ApiError(
          402,
          'insufficient_credit',
          'Insufficient credit: your API wallet balance is too low. Top up the API wallet (web plan credits are not used by the API).',
        ),
        requestId,
      );
    case 'payload-too-large':
      return errorReply(payloadTooLarge(), requestId);
  }
}
