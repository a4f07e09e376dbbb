// Idempotency keys: a caller's key (a video's id or slug) → what it made. One small file per key,
// named by the key's hash, created exclusively: two calls with the same key can never both start
// paying. create_look's keys live in AVATAR_LOOKS_HOME/keys, create_video's in videos/keys, and
// add_look's Idempotency-Keys (what look each made) in heygen/add-look-keys.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createExclusive, parseJsonRecord, writeFileAtomic } from '../core/files.ts';
import { redactValue } from '../core/redact.ts';

/** How long a key file that cannot be read is left alone (it may be mid-write on a slow disk). */
const UNREADABLE_GRACE_MS = 5_000;

export class KeyStore<T extends z.ZodType<{ key: string }>> {
  private readonly dir: string;
  private readonly schema: T;

  constructor(dir: string, schema: T) {
    this.dir = dir;
    this.schema = schema;
  }

  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  async get(key: string): Promise<z.infer<T> | undefined> {
    const path = this.path(key);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const entry = parseJsonRecord(text, this.schema);
    if (entry) return entry.key === key ? entry : undefined;
    // Unreadable (a disk that lost a write): it claims nothing; remove it so the key works again.
    const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0);
    if (age > UNREADABLE_GRACE_MS) await rm(path, { force: true });
    return undefined;
  }

  /** Records the key only if it is new (whole, never half-written); false when another call claimed it first. */
  async claim(entry: z.infer<T>): Promise<boolean> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    return createExclusive(this.path(entry.key), serialize(entry));
  }

  /** Replaces the key's entry. */
  async put(entry: z.infer<T>): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path(entry.key), serialize(entry));
  }

  /** Frees a key whose work certainly never started. */
  async release(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/**
 * An entry as written: redacted like every record, except the key itself, which is the caller's
 * own label and must read back exactly (a key that merely looks like a token is still that key).
 */
function serialize(entry: { key: string }): string {
  return `${JSON.stringify({ ...redactValue(entry), key: entry.key }, null, 2)}\n`;
}

/** create_look's key: the run that makes its look. */
export const lookKeyEntry = z.looseObject({
  key: z.string(),
  run_id: z.string(),
  run_dir: z.string(),
  /** The caller's inputs as first given (normalised): a different input under the key is refused. */
  request: z.record(z.string(), z.unknown()),
  /** The job working on the run now (or last). */
  job_id: z.string().optional(),
  /** Which HeyGen the run's look is in: "sandbox" or "heygen:<hash>" (flows/heygen-account.ts). */
  heygen: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type LookKeyEntry = z.infer<typeof lookKeyEntry>;

/** create_video's key: its Video Agent session. */
export const videoKeyEntry = z.looseObject({
  key: z.string(),
  /** Undefined while the call that claimed the key is starting the session (or lost its answer). */
  session_id: z.string().optional(),
  request: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  /** The POST may have reached HeyGen, but no session id came back. */
  unknown: z.boolean().optional(),
  /** Which HeyGen the session is in: "sandbox" or "heygen:<hash>" (flows/heygen-account.ts). */
  heygen: z.string().optional(),
});
export type VideoKeyEntry = z.infer<typeof videoKeyEntry>;

export const lookKeys = (home: string) => new KeyStore(join(home, 'keys'), lookKeyEntry);
export const videoKeys = (home: string) => new KeyStore(join(home, 'videos', 'keys'), videoKeyEntry);

/** add_look's Idempotency-Key → the look HeyGen made for it, so a replayed answer without its look still names it. */
export const addLookKeyEntry = z.looseObject({
  key: z.string(),
  look_id: z.string(),
  group_id: z.string(),
  created_at: z.string(),
});
export type AddLookKeyEntry = z.infer<typeof addLookKeyEntry>;
export const addLookKeys = (home: string) => new KeyStore(join(home, 'heygen', 'add-look-keys'), addLookKeyEntry);

/** A reference photo uploaded as a HeyGen asset, once per photo (its hash) and HeyGen account. */
export const referenceAssetEntry = z.looseObject({
  key: z.string(),
  asset_id: z.string(),
  created_at: z.string(),
});
export const referenceAssets = (home: string) =>
  new KeyStore(join(home, 'heygen', 'reference-assets'), referenceAssetEntry);

/** How alike a look's preview is to a set of reference photos: measured once per look and set. */
export const lookLikenessEntry = z.looseObject({
  key: z.string(),
  look_id: z.string(),
  /** Null when no single face was found in the preview. */
  likeness: z.number().nullable(),
  checked_at: z.string(),
});
export const lookLikeness = (home: string) => new KeyStore(join(home, 'heygen', 'look-likeness'), lookLikenessEntry);

/** add_look prompt calls HeyGen refused outright: each next call gets a new key (HeyGen replays a refusal for 24 h). */
export const promptRefusalEntry = z.looseObject({
  key: z.string(),
  refusals: z.number().int(),
  updated_at: z.string(),
});
export const promptRefusals = (home: string) =>
  new KeyStore(join(home, 'heygen', 'prompt-look-refusals'), promptRefusalEntry);
