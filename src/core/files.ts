// Files that must survive a crash whole (write to a temporary file, fsync, rename, fsync the
// folder), files created only if they do not exist yet, and records read back through a schema.

import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { redactValue } from './redact.ts';
import { dirname } from 'node:path';
import type { z } from 'zod';

/** Writes `data` whole to a new temporary file beside `path` (fsynced) and returns its name. */
async function writeTemporary(path: string, data: string | Uint8Array): Promise<string> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = await writeTemporary(path, data);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Creates `path` with its whole content, only if it does not exist yet: written to a temporary
 * file first and linked into place, so nobody ever sees it empty or half-written. False when it
 * already exists.
 */
export async function createExclusive(path: string, data: string | Uint8Array): Promise<boolean> {
  const temporary = await writeTemporary(path, data);
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Every JSON record on disk goes through here, redacted: no secret is ever written down. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, JSON.stringify(redactValue(value), null, 2) + '\n');
}

/**
 * A JSON record read from disk and checked against its schema: undefined when the file is
 * missing, is not JSON, or does not have the record's shape (a file from another version, or one
 * a person edited). Unknown fields are kept, so a record written by a newer version survives.
 */
export async function readJsonRecord<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return parseJsonRecord(text, schema);
}

/** The same check on text already read. */
export function parseJsonRecord<T extends z.ZodType>(text: string, schema: T): z.infer<T> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
