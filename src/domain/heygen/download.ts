// Saving a finished video: streamed into a partial file (resumed with a Range request when one
// exists), its length and MP4 header checked, then renamed into place. No API key is sent: the
// URL is a signed CDN link.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { UserError } from '../../core/errors.ts';
import { URL_LIFETIME_DAYS } from './video-agent.ts';

const downloadError = (message: string, nextStep: string) => new UserError('download', message, nextStep);

/**
 * Streams the URL into `<path>.part` (resuming it with a Range request when it exists), checks
 * the length and that it is an MP4, then renames it into place. No API key is sent: the URL is
 * a signed CDN link.
 */
export async function fetchToFile(
  url: string,
  path: string,
  signal: AbortSignal,
  progress: (done: number, total: number | undefined) => void,
): Promise<{ size: number; sha256: string }> {
  const { request } = await import('undici');
  const partial = `${path}.part`;
  const from = (await stat(partial).catch(() => undefined))?.size ?? 0;
  const answer = await request(url, {
    method: 'GET',
    signal,
    headers: from > 0 ? { range: `bytes=${from}-` } : {},
    headersTimeout: 30_000,
    bodyTimeout: 60_000,
  });
  if (answer.statusCode === 403 || answer.statusCode === 410) {
    await answer.body.dump();
    throw downloadError(
      `The video URL was refused (HTTP ${answer.statusCode}): signed URLs expire ${URL_LIFETIME_DAYS} days after the video was made.`,
      'Call get_video_status for a fresh URL, then download_video again.',
    );
  }
  if (answer.statusCode !== 200 && answer.statusCode !== 206) {
    await answer.body.dump();
    throw downloadError(
      `The video download answered HTTP ${answer.statusCode}.`,
      'Try download_video again in a minute.',
    );
  }
  const resumed = answer.statusCode === 206 && from > 0;
  const length = Number(answer.headers['content-length'] ?? NaN);
  const total = Number.isFinite(length) ? length + (resumed ? from : 0) : undefined;
  const out = createWriteStream(partial, { flags: resumed ? 'a' : 'w', mode: 0o600 });
  let done = resumed ? from : 0;
  let told = 0;
  try {
    for await (const chunk of answer.body) {
      done += (chunk as Buffer).length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      if (Date.now() - told > 1_000) {
        told = Date.now();
        progress(done, total);
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  if (total !== undefined && done !== total)
    throw downloadError(
      `The download stopped at ${done} of ${total} bytes.`,
      'Call download_video again: it resumes where it stopped.',
    );
  const file = await open(partial, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(12);
    await file.read(head, 0, 12, 0);
  } finally {
    await file.close();
  }
  if (head.toString('latin1', 4, 8) !== 'ftyp') {
    await rm(partial, { force: true });
    throw downloadError(
      'The downloaded file is not an MP4 (no ftyp box).',
      'Call get_video_status for a fresh URL, then download_video again.',
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(partial)) hash.update(chunk as Buffer);
  await rename(partial, path);
  progress(done, total);
  return { size: done, sha256: hash.digest('hex') };
}
