// One file lock for the whole program. The lock file is created whole and exclusively (linked
// into place) and names its holder. A lock whose holder is gone — the caller judges that: a dead
// runner, or a lock older than any holder keeps it — is taken over by renaming it away: of two
// processes doing this at once only one rename succeeds, and the other finds the lock held.

import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createExclusive } from './files.ts';

export type LockHolder = Record<string, unknown>;

export interface LockOptions {
  /** Who takes the lock, written into the lock file. */
  holder: LockHolder;
  /** Whether a lock with this holder (undefined: unreadable), last written `ageMs` ago, is abandoned. */
  abandoned(holder: LockHolder | undefined, ageMs: number): boolean;
  /** How long to keep trying while a live holder has it (default: a few quick tries, no waiting). */
  waitMs?: number;
}

export type LockOutcome = { release: () => Promise<void> } | { heldBy: LockHolder | undefined };

const MIN_TRIES = 5;
const RETRY_MS = 5;

export async function acquireLock(path: string, options: LockOptions): Promise<LockOutcome> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  const mine = JSON.stringify(options.holder);
  let heldBy: LockHolder | undefined;
  for (let tries = 1; tries <= MIN_TRIES || Date.now() < deadline; tries++) {
    if (await createExclusive(path, mine)) return { release: () => rm(path, { force: true }) };
    const found = await readHolder(path);
    if (!found) continue; // released meanwhile: try again at once
    heldBy = found.holder;
    if (options.abandoned(found.holder, found.ageMs)) {
      const taken = await takeOver(path, found.text);
      if (taken === 'taken' || taken === 'gone') continue;
      heldBy = taken.heldBy;
    }
    if (tries >= MIN_TRIES && Date.now() >= deadline) break;
    await sleep(RETRY_MS + Math.random() * RETRY_MS);
  }
  return { heldBy };
}

async function readHolder(
  path: string,
): Promise<{ text: string; holder: LockHolder | undefined; ageMs: number } | undefined> {
  const [text, info] = await Promise.all([
    readFile(path, 'utf8').catch(() => undefined),
    stat(path).catch(() => undefined),
  ]);
  if (text === undefined || !info) return undefined;
  let holder: LockHolder | undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) holder = value as LockHolder;
  } catch {
    // Unreadable: only a crash makes that (the lock is linked in whole).
  }
  return { text, holder, ageMs: Date.now() - info.mtimeMs };
}

/** Moves an abandoned lock away; if another process took the lock in between, puts it back. */
async function takeOver(path: string, seen: string): Promise<'taken' | 'gone' | { heldBy: LockHolder | undefined }> {
  const stale = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, stale);
  } catch {
    return 'gone';
  }
  const moved = await readFile(stale, 'utf8').catch(() => '');
  await rm(stale, { force: true });
  if (moved === seen) return 'taken';
  // Between our read and the rename another process took the lock: that one is live. Give it back.
  await createExclusive(path, moved).catch(() => false);
  try {
    return { heldBy: JSON.parse(moved) as LockHolder };
  } catch {
    return { heldBy: undefined };
  }
}
