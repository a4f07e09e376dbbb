// Run folders under AVATAR_LOOKS_HOME/runs: one per call that makes something, named so a person
// can find it (runs/2026-11-24-sleep-science-k3f9x2/), holding run.json and the images.

import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { readJsonRecord, writeJsonAtomic } from '../core/files.ts';
import { isInside, readCapped } from '../core/local-files.ts';
import { runSummary, type RunSummary } from './records.ts';

const RUN_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9-]{1,40}-[a-z0-9]{6}$/;
const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,80}$/i;
/** The largest run file read back (a 4K PNG is well under this). */
const MAX_RUN_FILE_BYTES = 64 * 1024 * 1024;

export interface RunFolder {
  id: string;
  dir: string;
}

export class RunStore {
  readonly root: string;

  constructor(home: string) {
    this.root = join(home, 'runs');
  }

  async create(label: string, now = new Date()): Promise<RunFolder> {
    const slug =
      label
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '') || 'look';
    const suffix = randomBytes(6)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')
      .slice(0, 6);
    const id = `${now.toISOString().slice(0, 10)}-${slug}-${suffix}`;
    const dir = join(this.root, id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return { id, dir };
  }

  /** The absolute path of a file in a run, or undefined when the names are not ours (no traversal). */
  filePath(runId: string, file: string): string | undefined {
    if (!RUN_ID.test(runId) || !FILE_NAME.test(file) || file.includes('..')) return undefined;
    return join(this.root, runId, file);
  }

  /**
   * A run's file for resources/read: never through a symlink, never a file whose real path leaves
   * the run folder, never more than maxBytes. Undefined when there is no such readable file.
   */
  async readFile(runId: string, file: string, maxBytes = MAX_RUN_FILE_BYTES): Promise<Buffer | undefined> {
    const path = this.filePath(runId, file);
    if (!path) return undefined;
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined; // a symlink is not a file here, whatever it points at
    const [real, folder] = await Promise.all([realpath(path), realpath(join(this.root, runId))]).catch(() => []);
    if (!real || !folder || !isInside(real, folder)) return undefined;
    const tooLarge = () =>
      new UserError('too_large', `${file} is too large to read back.`, 'Open it from the run folder.');
    return readCapped(real, { what: file, maxBytes, tooLarge, missing: '' }).catch(() => undefined);
  }

  folder(runId: string): RunFolder | undefined {
    return RUN_ID.test(runId) ? { id: runId, dir: join(this.root, runId) } : undefined;
  }

  writeRecord(run: RunFolder, record: Record<string, unknown>): Promise<void> {
    return writeJsonAtomic(join(run.dir, 'run.json'), record);
  }

  /** The run's run.json if it has this schema's shape; undefined when missing or of another shape. */
  async readRecord<T extends z.ZodType>(runId: string, schema: T): Promise<z.infer<T> | undefined> {
    const path = this.filePath(runId, 'run.json');
    return path ? readJsonRecord(path, schema) : undefined;
  }

  /** Whether a run's files are still there (a user may have deleted the folder). */
  async exists(runId: string): Promise<boolean> {
    const path = this.filePath(runId, 'run.json');
    return !!path && ((await stat(path).catch(() => undefined))?.isFile() ?? false);
  }

  /** The newest runs first (by when their run.json last changed), at most `limit`. */
  async recent(limit: number): Promise<Array<RunSummary & RunFolder>> {
    const names = (await readdir(this.root).catch(() => [] as string[])).filter((name) => RUN_ID.test(name));
    const dated = await Promise.all(
      names.map(async (name) => ({
        name,
        at: (await stat(join(this.root, name, 'run.json')).catch(() => undefined))?.mtimeMs ?? 0,
      })),
    );
    dated.sort((a, b) => b.at - a.at);
    const records: Array<RunSummary & RunFolder> = [];
    for (const { name } of dated) {
      if (records.length >= limit) break;
      const record = await this.readRecord(name, runSummary);
      if (record) records.push({ ...record, id: name, dir: join(this.root, name) });
    }
    return records;
  }
}

/** The resource URI under which the MCP server serves a run's file (resources/read). */
export function runFileUri(runId: string, file: string): string {
  return `avatar-looks://runs/${runId}/${file}`;
}
