// One answer to "is this look ready?", for get_look_status, create_look's wait step and
// create_video's check before it pays: ready means completed with a preview and real dimensions;
// a 404 moments after the look was added means "not visible yet", later it means "gone".

import type { CallOptions, HeyGenClient } from '../domain/heygen/client.ts';
import { HeyGenError } from '../domain/heygen/errors.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOOK_POLLING } from '../domain/heygen/polling.ts';
import { getLook, INVISIBLE_GRACE_MS, isLookNotFound, isLookReady } from '../domain/heygen/looks.ts';
import type { Look } from '../domain/heygen/schemas.ts';
import { UserError } from '../core/errors.ts';
import { anySignal, poll } from '../core/retry.ts';
import type { Services } from './deps.ts';
import { onNotFound } from './heygen-steps.ts';

export type LookState =
  | { state: 'ready' | 'processing' | 'pending_consent'; look: Look }
  | { state: 'failed'; look: Look; reason: string }
  /** A 404 within INVISIBLE_GRACE_MS of the add: HeyGen lists new looks late. */
  | { state: 'not_visible'; sinceAddedMs: number | undefined }
  /** A 404 long after the add: the look (or its group) was deleted. */
  | { state: 'gone'; sinceAddedMs: number }
  /** An outage, a 429 or a timeout while asking: says nothing about the look. */
  | { state: 'unknown'; error: HeyGenError };

/** Whether this state is final for a wait: nothing will change by asking again. */
export function settled(state: LookState): boolean {
  return (
    state.state === 'ready' || state.state === 'failed' || state.state === 'pending_consent' || state.state === 'gone'
  );
}

/** HeyGen's reason for a failed look, in one phrase. */
export function failureReason(look: Look): string {
  return [look.error?.code, look.error?.message].filter(Boolean).join(': ') || 'no reason given';
}

export function stateOf(look: Look): LookState {
  if (isLookReady(look)) return { state: 'ready', look };
  if (look.status === 'failed') return { state: 'failed', look, reason: failureReason(look) };
  if (look.status === 'pending_consent') return { state: 'pending_consent', look };
  return { state: 'processing', look };
}

export interface ReadLookOptions {
  /** When the look was added (by this process or this run): decides what a 404 means. */
  addedAt?: number | undefined;
  /** Answer `unknown` instead of throwing for an outage, a 429 or a timeout. */
  tolerateOutages?: boolean;
  call?: CallOptions;
}

/** The look's state now. A 404 without `addedAt`, and any other HeyGen error, is thrown. */
export async function readLook(
  client: HeyGenClient,
  lookId: string,
  signal: AbortSignal,
  options: ReadLookOptions = {},
): Promise<LookState> {
  try {
    return stateOf(await getLook(client, lookId, signal, options.call));
  } catch (error) {
    if (!(error instanceof HeyGenError) || error.code === 'cancelled') throw error;
    if (isLookNotFound(error) && options.addedAt !== undefined) {
      const since = Date.now() - options.addedAt;
      return since < INVISIBLE_GRACE_MS
        ? { state: 'not_visible', sinceAddedMs: since }
        : { state: 'gone', sinceAddedMs: since };
    }
    const outage = error.status === 0 || error.status === 429 || error.status >= 500;
    if (options.tolerateOutages && outage) return { state: 'unknown', error };
    throw error;
  }
}

export interface FollowLookOptions extends Omit<ReadLookOptions, 'call'> {
  /** No read starts after this moment (epoch ms). */
  deadline: number;
  /** No read before this moment (epoch ms): when looks usually become ready. */
  firstReadAt?: number | undefined;
  /** When to read next (epoch ms), given what the last read saw and when each read went out. */
  nextReadAt: (state: LookState, reads: readonly number[]) => number;
  /** Each read's own call options, given the time left. */
  call?: (remainingMs: number) => CallOptions;
  /** Told after every read. */
  onRead?: (state: LookState, elapsedMs: number) => void;
  signal: AbortSignal;
  /** Ends the wait early (a server shutting down), without aborting a read in flight. */
  stopping?: AbortSignal | undefined;
}

/** Reads the look until it settles, the deadline comes, or the wait is stopped; answers the last state. */
export async function followLook(client: HeyGenClient, lookId: string, options: FollowLookOptions): Promise<LookState> {
  const started = Date.now();
  let last: LookState = { state: 'not_visible', sinceAddedMs: undefined };
  const reads: number[] = [];
  const waitEnds = anySignal(options.signal, ...(options.stopping ? [options.stopping] : []));
  const firstWait = Math.min((options.firstReadAt ?? 0) - started, options.deadline - started);
  const outcome =
    firstWait > 0 && !(await pause(firstWait, waitEnds.signal))
      ? ({ aborted: true } as const)
      : await poll(
          async () => {
            const remaining = options.deadline - Date.now();
            reads.push(Date.now());
            last = await readLook(client, lookId, options.signal, { ...options, call: options.call?.(remaining) });
            options.onRead?.(last, Date.now() - started);
            return settled(last) ? last : undefined;
          },
          {
            intervalMs: () => options.nextReadAt(last, reads) - (reads.at(-1) ?? Date.now()),
            deadline: options.deadline,
            signal: waitEnds.signal,
          },
        );
  waitEnds.dispose();
  if ('aborted' in outcome && options.signal.aborted) throw options.signal.reason;
  return 'value' in outcome ? outcome.value : last;
}

/** Sleeps; false when the signal ended the sleep first. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** How often get_look_status asks while it waits: HeyGen's cadence. */
const STATUS_POLL_MS = LOOK_POLLING.cadenceMs;

/** get_look_status: the look's state, waiting up to `waitMs` for it to settle. */
export async function lookStatus(
  services: Services,
  lookId: string,
  options: { waitMs: number; signal: AbortSignal; onRead?: (state: LookState, elapsedMs: number) => void },
): Promise<LookState> {
  const client = await services.heygen();
  const deadline = Date.now() + options.waitMs;
  const state = await followLook(client, lookId, {
    // Only a look this process added moments ago may 404 as "not visible yet".
    addedAt: services.lookCreatedAt.get(lookId),
    deadline,
    nextReadAt: (_state, reads) => (reads.at(-1) ?? Date.now()) + STATUS_POLL_MS * client.pollScale,
    // Each read fits in what is left of the wait, so retries never push the call past it.
    call: (remaining) => ({
      timeoutMs: Math.max(2_000, Math.min(services.config.heygen.timeoutMs, remaining)),
      retries: remaining > 4_000 ? 2 : 0,
    }),
    onRead: options.onRead,
    signal: options.signal,
    stopping: services.stopping,
  }).catch(
    onNotFound(
      `If look "${lookId}" was added in the last minute (possibly by another server process), call get_look_status again in 10 s: new looks can take a few seconds to appear. Otherwise check the id with list_looks.`,
    ),
  );
  if (state.state === 'gone') {
    throw new UserError(
      'not_found',
      `Look ${lookId} is no longer at HeyGen (404 ${Math.round(state.sinceAddedMs / 1000)} s after it was added): it was deleted, or its group was.`,
      'Check the id with list_looks; to use the image again, upload_to_heygen and add_look it.',
    );
  }
  return state;
}
