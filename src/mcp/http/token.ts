// The bearer token of the HTTP server. Loopback is not a boundary between the accounts of one
// machine: any local account can connect to 127.0.0.1. So HTTP always has a token: the one in
// AVATAR_LOOKS_HTTP_TOKEN, or else one this server makes and keeps in a file only the user can
// read (AVATAR_LOOKS_HOME/http-token), reused on the next start so clients stay configured.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { createExclusive, writeFileAtomic } from '../../core/files.ts';
import type { Logger } from '../../core/log.ts';

export const TOKEN_FILE = 'http-token';
const MADE_TOKEN = /^[0-9a-f]{64}$/;

export interface HttpToken {
  value: string;
  /** Set by the user (AVATAR_LOOKS_HTTP_TOKEN), or made by this server into `path`. */
  source: 'environment' | 'file';
  path?: string;
}

/** The token every /mcp request must carry. Logs where a made token is, never the token. */
export async function httpToken(configured: string | undefined, home: string, logger: Logger): Promise<HttpToken> {
  if (configured) return { value: configured, source: 'environment' };
  // Made 0700 like every folder of the home; an existing home keeps the mode its owner gave it.
  await mkdir(home, { recursive: true, mode: 0o700 });
  const path = join(home, TOKEN_FILE);
  const kept = await readOwnToken(path);
  if ('token' in kept) {
    logger.info(`HTTP bearer token: the one in ${path} (no AVATAR_LOOKS_HTTP_TOKEN set)`);
    return { value: kept.token, source: 'file', path };
  }
  const value = randomBytes(32).toString('hex');
  const told = `Clients send "Authorization: Bearer <the content of ${path}>", or set AVATAR_LOOKS_HTTP_TOKEN to choose it`;
  // Written 0600 from the first byte. A new file is linked into place only if none appeared
  // meanwhile, so two servers starting on one home share one token.
  let problem = kept.problem;
  if (problem === 'missing') {
    if (await createExclusive(path, `${value}\n`)) {
      logger.info(`HTTP bearer token: made a new one in ${path} (readable by you only)`);
      logger.info(told);
      return { value, source: 'file', path };
    }
    const other = await readOwnToken(path);
    if ('token' in other) return { value: other.token, source: 'file', path };
    problem = other.problem;
  }
  // Renamed over what was there, a symlink included (never written through).
  await writeFileAtomic(path, `${value}\n`);
  logger.warn(`HTTP bearer token: replaced ${path}, which was ${problem}; clients need the new one`);
  logger.info(told);
  return { value, source: 'file', path };
}

type Kept = { token: string } | { problem: string };

/** The token in `path` if this user owns it, nobody else can read or write it, and it is one this server made. */
async function readOwnToken(path: string): Promise<Kept> {
  let file;
  try {
    // O_NOFOLLOW: a symlink planted at the path is never read through.
    file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'missing' : `not readable as a plain file (${code})` };
  }
  try {
    const stat = await file.stat();
    if (!stat.isFile()) return { problem: 'not a plain file' };
    if (process.getuid && stat.uid !== process.getuid()) return { problem: 'owned by another account' };
    if ((stat.mode & 0o077) !== 0)
      return { problem: `readable or writable by other accounts (mode ${(stat.mode & 0o777).toString(8)})` };
    const token = (await file.readFile('utf8')).trim();
    return MADE_TOKEN.test(token) ? { token } : { problem: 'not a token this server made' };
  } finally {
    await file.close();
  }
}
