// Idempotency keys: create_look's `key` (a video's id or slug) → the run that makes its look.
// One small file per key under AVATAR_LOOKS_HOME/keys, created exclusively, so two calls with the
// same key can never both start paying.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createExclusive, writeJsonAtomic } from '../core/files.ts';

export interface KeyEntry {
  key: string;
  run_id: string;
  run_dir: string;
  /** The caller's inputs as first given (normalised): a different input under the key is refused. */
  request: Record<string, unknown>;
  /** The job working on the run now (or last). */
  job_id?: string;
  created_at: string;
  updated_at: string;
}

export class KeyStore {
  private readonly dir: string;

  constructor(home: string) {
    this.dir = join(home, 'keys');
  }

  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  async get(key: string): Promise<KeyEntry | undefined> {
    const path = this.path(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as KeyEntry;
      return entry.key === key ? entry : undefined;
    } catch {
      // Unreadable (a disk that lost a write): it claims nothing; remove it so the key works again.
      const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0);
      if (age > 5_000) await rm(path, { force: true });
      return undefined;
    }
  }

  /** Records the key only if it is new (whole, never half-written); false when another call claimed it first. */
  async claim(entry: KeyEntry): Promise<boolean> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    return createExclusive(this.path(entry.key), `${JSON.stringify(entry, null, 2)}\n`);
  }

  /** Replaces the key's entry (a resumed run's new job, or force_new's new run). */
  async put(entry: KeyEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.path(entry.key), { ...entry, updated_at: new Date().toISOString() });
  }
}
