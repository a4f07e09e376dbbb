// Local files a caller names (a reference photo, a look image to check or upload): read only from
// the folders the server may read, and never more than a cap, whatever the file claims to be.
// A path outside those folders gets one answer whether or not it exists, so the tools are not a
// way to learn what is on the machine. The folders: AVATAR_LOOKS_ALLOWED_DIRS, or by default the
// home and the reference photo's folder; over stdio, also the folders the host offers as roots.

import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.ts';

/** Never read from these, whatever the allowed folders say: their files lie about their size or never end. */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys', '/dev'];

export interface ReadRequest {
  /** What the file is, for messages: "The reference photo", "The look image". */
  what: string;
  maxBytes: number;
  /** The error for a file over maxBytes (size when known). */
  tooLarge: (size: number | undefined) => UserError;
  /** The next step when the file does not exist (inside an allowed folder). */
  missing: string;
}

export interface LocalFile {
  bytes: Buffer;
  /** The file's real path (symlinks resolved). */
  realPath: string;
}

/** True when `path` is `dir` or inside it (both absolute and normalised). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export class LocalFiles {
  private readonly configured: readonly string[];
  private readonly variable: string;
  private roots: readonly string[] = [];

  /** `dirs`: the configured folders; `variable`: how the user widens them. */
  constructor(dirs: readonly string[], variable = 'AVATAR_LOOKS_ALLOWED_DIRS') {
    this.configured = dirs.map((dir) => resolve(dir));
    this.variable = variable;
  }

  private loadRoots: (() => Promise<readonly string[]>) | undefined;
  private rootsStale = false;

  /** Folders the MCP host offers as roots (stdio only): the host's user chose them. */
  setRoots(dirs: readonly string[]): void {
    this.roots = dirs.filter((dir) => isAbsolute(dir)).map((dir) => resolve(dir));
  }

  /** Asks the host for its roots before the next read (and again after each change it announces). */
  useRoots(load: () => Promise<readonly string[]>): void {
    this.loadRoots = load;
    this.rootsStale = true;
  }

  /** The host said its roots changed. */
  rootsChanged(): void {
    this.rootsStale = true;
  }

  private async refreshRoots(): Promise<void> {
    if (!this.loadRoots || !this.rootsStale) return;
    this.rootsStale = false;
    try {
      this.setRoots(await this.loadRoots());
    } catch {
      this.rootsStale = true; // asked again next time; meanwhile the configured folders hold
    }
  }

  /** Every folder a file may be read from now. */
  folders(): string[] {
    return [...new Set([...this.configured, ...this.roots])];
  }

  /** Reads the file if it is inside an allowed folder (after resolving symlinks), at most maxBytes. */
  async read(given: string, request: ReadRequest): Promise<LocalFile> {
    const path = asPath(given, request.what);
    if (!isAbsolute(path)) {
      throw new UserError(
        'bad_request',
        `${request.what} path "${path}" is relative; MCP hosts start servers in arbitrary folders, so it cannot be found reliably.`,
        'Pass the absolute path.',
      );
    }
    await this.refreshRoots();
    const folders = this.folders();
    const named = resolve(path);
    // Outside every folder as named: refused before the file system is asked anything.
    if (!folders.some((dir) => isInside(named, dir)) || pseudo(named)) throw this.outside(request.what, path);
    const real = await realpath(named).catch((error: NodeJS.ErrnoException) => error);
    if (real instanceof Error) {
      if (real.code === 'ENOENT')
        throw new UserError('not_found', `${request.what} ${path} does not exist.`, request.missing);
      throw new UserError(
        'unreadable',
        `${request.what} ${path} cannot be read (${real.code ?? 'error'}).`,
        'Make the file readable by the user that runs the server, or pass another file.',
      );
    }
    // A symlink out of the folder is as far outside as the file it points at.
    const realFolders = await Promise.all(folders.map((dir) => realpath(dir).catch(() => dir)));
    if (!realFolders.some((dir) => isInside(real, dir)) || pseudo(real)) throw this.outside(request.what, path);
    return { bytes: await readCapped(real, request), realPath: real };
  }

  private outside(what: string, path: string): UserError {
    return new UserError(
      'not_allowed',
      `${what} ${path} is not in a folder this server may read.`,
      `Move or copy it into one of: ${this.folders().join(', ')} — or add its folder to ${this.variable} in the server's environment (over stdio, folders your MCP host shares as roots count too).`,
      { final: true },
    );
  }
}

/** A file:// URL as its path (a local one only); anything else as given. */
function asPath(given: string, what: string): string {
  if (!/^file:\/\//i.test(given)) return given;
  try {
    return fileURLToPath(given);
  } catch {
    throw new UserError(
      'bad_request',
      `${what} URL ${given} is not a local file URL.`,
      'Pass an absolute path instead.',
    );
  }
}

function pseudo(path: string): boolean {
  return PSEUDO_FILESYSTEMS.some((dir) => isInside(path, dir));
}

/** Opens once (never through a symlink), checks the descriptor is a regular file, and reads no more than maxBytes + 1 bytes. */
export async function readCapped(path: string, request: ReadRequest): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      throw new UserError(
        'unreadable',
        `${request.what} ${path} cannot be opened (${error.code ?? 'error'}).`,
        'Pass a regular image file.',
      );
    },
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new UserError(
        'bad_request',
        `${request.what} ${path} is not a regular file.`,
        'Pass the path of an image file.',
      );
    }
    if (info.size > request.maxBytes) throw request.tooLarge(info.size);
    // The size a file reports is not trusted: read until the cap, whatever it said.
    const limit = request.maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(info.size + 1, 64 * 1024)));
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length >= limit) break;
        const grown = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > request.maxBytes) throw request.tooLarge(undefined);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
