// Retrying and polling, one helper each. The policy — what may be retried, how long to wait,
// how often to ask — is declared by the caller where the call is made; these only carry it out.

import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Milliseconds to wait before attempt `attempt + 1` after this error, or undefined to give up (the error is thrown). */
  delay(error: unknown, attempt: number): number | undefined;
  signal?: AbortSignal | undefined;
  /** Told before each wait. */
  onRetry?: ((error: unknown, attempt: number, waitMs: number) => void) | undefined;
  /** The error to throw when the signal aborts during a wait (default: the last error). */
  cancelled?: ((lastError: unknown) => unknown) | undefined;
}

/** Runs `attempt` until it succeeds or `delay` says to give up. `attempt` gets its number, from 1. */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const waitMs = options.signal?.aborted ? undefined : options.delay(error, n);
      if (waitMs === undefined) throw error;
      options.onRetry?.(error, n, waitMs);
      try {
        await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : undefined);
      } catch {
        throw options.cancelled ? options.cancelled(error) : error;
      }
    }
  }
}

export interface PollOptions {
  /** Milliseconds from the start of one check to the start of the next. */
  intervalMs: number | ((check: number, elapsedMs: number) => number);
  /** The last check is made at this moment (epoch milliseconds), and none after it. */
  deadline: number;
  signal?: AbortSignal | undefined;
}

export type PollOutcome<T> = { value: T } | { timedOut: true } | { aborted: true };

/**
 * Asks `check` on a fixed cadence (measured from the start of each check, so a result is seen at
 * most one interval late) until it returns a value, the deadline comes (it is asked once more
 * then), or the signal aborts.
 */
export async function poll<T>(
  check: (n: number) => Promise<T | undefined>,
  options: PollOptions,
): Promise<PollOutcome<T>> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    const asked = Date.now();
    const value = await check(n);
    if (value !== undefined) return { value };
    const interval =
      typeof options.intervalMs === 'number' ? options.intervalMs : options.intervalMs(n, asked - started);
    if (options.signal?.aborted) return { aborted: true };
    if (Date.now() >= options.deadline) return { timedOut: true };
    const waitMs = Math.min(Math.max(0, asked + interval - Date.now()), options.deadline - Date.now());
    try {
      await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : undefined);
    } catch {
      return { aborted: true };
    }
  }
}

/**
 * A signal that aborts when any of `signals` does, with `dispose` to let go of them. Unlike
 * AbortSignal.any it leaves nothing attached to a long-lived signal (a server's shutdown signal)
 * once the wait is over.
 */
export function anySignal(...signals: AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  for (const signal of signals) {
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => signals.forEach((signal) => signal.removeEventListener('abort', abort)),
  };
}
