// The retry policy of image generation: each ImageError says whether it is retryable; this
// decides how often and how long to wait, and never retries a refusal or a missing quota.

import { retry } from '../../core/retry.ts';
import { ImageError } from './errors.ts';

export interface RetryPolicy {
  /** Extra attempts after the first, per kind of failure. */
  noImage: number;
  rateLimited: number;
  unavailable: number;
  /** Longest provider-requested wait we honour; beyond it we stop and say so. */
  maxRetryAfterMs: number;
  /** First back-off for 5xx, doubled each time. */
  backoffMs: number;
  /** Pause before asking again after an answer without an image. */
  noImageDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  noImage: 2,
  rateLimited: 2,
  unavailable: 3,
  maxRetryAfterMs: 60_000,
  backoffMs: 2_000,
  noImageDelayMs: 1_000,
};

export interface RetryHooks {
  signal: AbortSignal;
  /** Told before each wait: what failed and how long until the next attempt. */
  onRetry?: (error: ImageError, attempt: number, waitMs: number) => void;
}

export function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  hooks: RetryHooks,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  const used = { no_image: 0, rate_limited: 0, unavailable: 0 };
  const counted = async (n: number) => {
    try {
      return await attempt(n);
    } catch (error) {
      if (error instanceof ImageError) error.attempts = n;
      throw error;
    }
  };
  return retry(counted, {
    signal: hooks.signal,
    delay: (error) => (error instanceof ImageError ? nextWait(error, used, policy) : undefined),
    onRetry: (error, n, waitMs) => hooks.onRetry?.(error as ImageError, n, waitMs),
    cancelled: (error) =>
      new ImageError(
        'cancelled',
        'The request was cancelled while waiting to retry.',
        'Call the tool again when ready.',
        {
          provider: (error as ImageError).provider,
        },
      ),
  });
}

function nextWait(
  error: ImageError,
  used: Record<'no_image' | 'rate_limited' | 'unavailable', number>,
  policy: RetryPolicy,
): number | undefined {
  if (!error.retryable) return undefined;
  switch (error.kind) {
    case 'no_image':
      return used.no_image++ < policy.noImage ? policy.noImageDelayMs : undefined;
    case 'rate_limited': {
      if (used.rate_limited++ >= policy.rateLimited) return undefined;
      const wanted = error.retryAfterMs ?? 5_000;
      return wanted > policy.maxRetryAfterMs ? undefined : Math.max(500, wanted);
    }
    case 'unavailable':
      return used.unavailable < policy.unavailable ? policy.backoffMs * 2 ** used.unavailable++ : undefined;
    default:
      return undefined;
  }
}
