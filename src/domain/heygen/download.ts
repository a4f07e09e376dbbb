// Saving a finished video: streamed into a partial file (resumed with a Range request when one
// exists), its length and MP4 header checked, then renamed into place. No API key is sent: the
// URL is a signed CDN link.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { UserError } from '../../core/errors.ts';
import { refusedAsPrivate, upstreamLookup, upstreamUrlProblem } from '../../core/net.ts';
import { URL_LIFETIME_DAYS } from './video-agent.ts';

const downloadError = (message: string, nextStep: string) => new UserError('download', message, nextStep);

/** The largest video saved: a Video Agent video is tens to hundreds of MB; past this it is not one. */
export const MAX_VIDEO_BYTES = 2 * 1024 * 1024 * 1024;

export interface FetchOptions {
  /** Hosts that may be private addresses: the configured HeyGen base URL's own (a local double). */
  trustedHosts: readonly string[];
  /** Default MAX_VIDEO_BYTES. */
  maxBytes?: number;
}

/** One guarded agent per set of trusted hosts. */
const agents = new Map<string, import('undici').Dispatcher>();

/**
 * Streams the URL into `<path>.part` (resuming it with a Range request when it exists), checks
 * the MP4 header on the first bytes and the length, then renames it into place. The URL comes
 * from HeyGen's answer, so it is held to the public-address guard; no API key is sent (a signed
 * CDN link).
 */
export async function fetchToFile(
  url: string,
  path: string,
  signal: AbortSignal,
  progress: (done: number, total: number | undefined) => void,
  options: FetchOptions,
): Promise<{ size: number; sha256: string }> {
  const maxBytes = options.maxBytes ?? MAX_VIDEO_BYTES;
  const partial = `${path}.part`;
  const from = (await stat(partial).catch(() => undefined))?.size ?? 0;
  const answer = await openVideo(url, from, signal, options.trustedHosts);
  const resumed = answer.statusCode === 206 && from > 0;
  const length = Number(answer.headers['content-length'] ?? NaN);
  const total = Number.isFinite(length) ? length + (resumed ? from : 0) : undefined;
  if (total !== undefined && total > maxBytes) {
    await answer.body.dump();
    throw tooLarge(maxBytes);
  }
  const done = await save(answer.body, partial, { from: resumed ? from : 0, total, maxBytes, progress });
  if (total !== undefined && done !== total)
    throw downloadError(
      `The download stopped at ${done} of ${total} bytes.`,
      'Call download_video again: it resumes where it stopped.',
    );
  const file = await open(partial, 'r');
  const head = Buffer.alloc(12);
  try {
    await file.read(head, 0, 12, 0);
  } finally {
    await file.close();
  }
  if (head.toString('latin1', 4, 8) !== 'ftyp') {
    await rm(partial, { force: true });
    throw notMp4();
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(partial)) hash.update(chunk as Buffer);
  await rename(partial, path);
  progress(done, total);
  return { size: done, sha256: hash.digest('hex') };
}

/** The GET (a Range request when resuming), through the guarded agent; refusals said plainly. */
async function openVideo(url: string, from: number, signal: AbortSignal, trustedHosts: readonly string[]) {
  const problem = upstreamUrlProblem(url, trustedHosts);
  if (problem)
    throw downloadError(
      `HeyGen's video URL was not fetched: ${problem}.`,
      "Call get_video_status for a fresh URL; if it persists, download it from HeyGen's app.",
    );
  const { request } = await import('undici');
  const dispatcher = await guardedAgent(trustedHosts);
  const answer = await request(url, {
    method: 'GET',
    signal,
    dispatcher,
    headers: from > 0 ? { range: `bytes=${from}-` } : {},
    headersTimeout: 30_000,
    bodyTimeout: 60_000,
  }).catch((error: unknown) => {
    if (refusedAsPrivate(error))
      throw downloadError(
        "HeyGen's video URL points at a private or local address; it was not fetched.",
        'Call get_video_status for a fresh URL.',
      );
    throw error;
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
  return answer;
}

/** The agent whose connections go only to public addresses (and the trusted hosts). */
async function guardedAgent(trustedHosts: readonly string[]): Promise<import('undici').Dispatcher> {
  const { Agent } = await import('undici');
  const key = trustedHosts.join(',');
  let dispatcher = agents.get(key);
  if (!dispatcher) {
    dispatcher = new Agent({ connect: { timeout: 10_000, lookup: upstreamLookup(trustedHosts) } });
    agents.set(key, dispatcher);
  }
  return dispatcher;
}

/** A look's preview is a few hundred KB; past this it is not one. */
export const MAX_PREVIEW_BYTES = 20 * 1024 * 1024;

/**
 * A look's preview image (a CDN URL from HeyGen's answer), held to the public-address guard and a
 * byte cap, without the API key. Answers the bytes; the caller checks they are an image.
 */
export async function fetchPreview(
  url: string,
  signal: AbortSignal,
  options: { trustedHosts: readonly string[]; maxBytes?: number },
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_PREVIEW_BYTES;
  const refused = (why: string) =>
    new UserError(
      'download',
      `The look's preview image was not fetched: ${why}.`,
      'Call get_look_status for a fresh preview URL and try again.',
    );
  const problem = upstreamUrlProblem(url, options.trustedHosts);
  if (problem) throw refused(problem);
  const { request } = await import('undici');
  const answer = await request(url, {
    method: 'GET',
    signal,
    dispatcher: await guardedAgent(options.trustedHosts),
    headersTimeout: 30_000,
    bodyTimeout: 60_000,
  }).catch((error: unknown) => {
    if (refusedAsPrivate(error)) throw refused('it points at a private or local address');
    throw refused((error as Error).message);
  });
  if (answer.statusCode !== 200) {
    await answer.body.dump();
    throw refused(`HTTP ${answer.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      answer.body.destroy();
      throw refused(`larger than ${maxBytes / 1024 / 1024} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Streams the body into the partial file (appending when resuming), never past maxBytes, and
 * checks the MP4 header on the first bytes: a page or an error body is refused before it is
 * saved. Answers the partial file's length.
 */
async function save(
  body: AsyncIterable<unknown> & { destroy(): unknown },
  partial: string,
  options: {
    from: number;
    total: number | undefined;
    maxBytes: number;
    progress: (done: number, total: number | undefined) => void;
  },
): Promise<number> {
  const out = createWriteStream(partial, { flags: options.from > 0 ? 'a' : 'w', mode: 0o600 });
  let done = options.from;
  let told = 0;
  let head = options.from > 0 ? Buffer.from('....ftyp') : Buffer.alloc(0);
  try {
    for await (const chunk of body) {
      done += (chunk as Buffer).length;
      if (done > options.maxBytes) throw tooLarge(options.maxBytes);
      if (head.length < 8) {
        head = Buffer.concat([head, chunk as Buffer]);
        if (head.length >= 8 && head.toString('latin1', 4, 8) !== 'ftyp') throw notMp4();
      }
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      if (Date.now() - told > 1_000) {
        told = Date.now();
        options.progress(done, options.total);
      }
    }
  } catch (error) {
    body.destroy();
    await new Promise<void>((resolve) => out.end(() => resolve()));
    if (error instanceof UserError) await rm(partial, { force: true });
    throw error;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return done;
}

function notMp4(): UserError {
  return downloadError(
    'The downloaded file is not an MP4 (no ftyp box).',
    'Call get_video_status for a fresh URL, then download_video again.',
  );
}

function tooLarge(maxBytes: number): UserError {
  return downloadError(
    `The video is larger than ${(maxBytes / 1024 / 1024 / 1024).toFixed(0)} GB; it was not saved.`,
    "Download it from HeyGen's app instead.",
  );
}
