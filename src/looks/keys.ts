// Idempotency keys: create_look's `key` (a video's id or slug) → the run that makes its look.
// One small file per key under AVATAR_LOOKS_HOME/keys, created exclusively, so two calls with the
// same key can never both start paying.

import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from './files.ts';

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
    try {
      const entry = JSON.parse(await readFile(this.path(key), 'utf8')) as KeyEntry;
      return entry.key === key ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records the key only if it is new; false when another call claimed it first. */
  async claim(entry: KeyEntry): Promise<boolean> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    let handle;
    try {
      handle = await open(this.path(entry.key), 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await handle.writeFile(`${JSON.stringify(entry, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  }

  /** Replaces the key's entry (a resumed run's new job, or force_new's new run). */
  async put(entry: KeyEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.path(entry.key), { ...entry, updated_at: new Date().toISOString() });
  }
}
