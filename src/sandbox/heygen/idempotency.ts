// HeyGen's Idempotency-Key on the routes that document it: a POST that repeats a key within 24 h
// gets the first answer again (marked Idempotent-Replayed), a repeat while the first is still
// being handled gets 409 request_in_progress, and a 5xx or a 429 made nothing, so it frees the key.

import { ApiError, errorReply, type Reply } from './replies.ts';
import type { HeyGenSimulatorRoute } from './routes.ts';
import type { IdempotentAnswer } from './state.ts';

/** The routes on which HeyGen documents that it honours Idempotency-Key. */
export const IDEMPOTENT_ROUTES = new Set<HeyGenSimulatorRoute>(['POST /v3/avatars', 'POST /v3/avatars/:id/consent']);
/** HeyGen's key format: 1–255 characters of [A-Za-z0-9_:.-]. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.-]{1,255}$/;
/** How long a key's answer is replayed. */
const REPLAY_MS = 24 * 3_600_000;
/** A first request still "in flight" after this long died with its process: the key may be used again. */
const IN_FLIGHT_MS = 60_000;

type Keys = Map<string, IdempotentAnswer>;

/**
 * A repeat of a key gets the first answer (for 24 h), or 409 while the first is still being
 * handled; a new key is marked in flight. Undefined: go on and answer.
 */
export function claimKey(keys: Keys, key: string, route: HeyGenSimulatorRoute, requestId: string): Reply | undefined {
  if (!IDEMPOTENCY_KEY.test(key)) {
    const said = 'Idempotency-Key must be 1-255 characters of letters, digits, _ : . -';
    return errorReply(new ApiError(400, 'invalid_parameter', said, 'Idempotency-Key'), requestId);
  }
  const now = Date.now();
  for (const [old, entry] of keys) if (now - entry.startedAtMs > REPLAY_MS) keys.delete(old);
  const earlier = keys.get(key);
  if (earlier?.answer) {
    const { status, body, headers } = earlier.answer;
    return { status, body, headers: { ...headers, 'idempotent-replayed': 'true' }, replayed: true };
  }
  if (earlier && now - earlier.startedAtMs < IN_FLIGHT_MS) {
    const said = 'A request with this Idempotency-Key is still being processed; retry shortly';
    return errorReply(new ApiError(409, 'request_in_progress', said), requestId);
  }
  keys.set(key, { key, route, startedAtMs: now });
  return undefined;
}

/**
 * Keeps the answer for replays. A 5xx made nothing, and a 429 was refused before any work began
 * (rate limits come first): both free the key, so a retry after the wait is a new attempt.
 */
export function keepAnswer(keys: Keys, key: string, route: HeyGenSimulatorRoute, reply: Reply): void {
  const entry = keys.get(key);
  if (!entry) return;
  if (reply.status >= 500 || reply.status === 429) {
    keys.delete(key);
    return;
  }
  const body = typeof reply.body === 'string' ? reply.body : reply.body.toString('utf8');
  entry.answer = { status: reply.status, body, headers: { ...reply.headers } };
  entry.route = route;
}
