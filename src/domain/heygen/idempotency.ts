// HeyGen's Idempotency-Key: a POST that repeats a key within 24 h gets the first answer again.
// Kept apart from the client so that flows can name keys without loading the HTTP stack.

import { createHash } from 'node:crypto';

/** How long a key's answer can be trusted to be replayed: HeyGen's 24 h, less an hour's margin. Past it, a repeat could make something twice. */
export const REPLAY_WINDOW_MS = 23 * 3_600_000;

/** HeyGen's idempotency keys: 1–255 characters of [A-Za-z0-9_:.-]. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.-]{1,255}$/;

/** A key from its parts (a run id and a step, say): the same parts always give the same key. */
export function idempotencyKey(...parts: string[]): string {
  const joined = parts.map((part) => part.replace(/[^A-Za-z0-9_.-]/g, '-')).join(':');
  if (IDEMPOTENCY_KEY.test(joined)) return joined;
  return `k:${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}
