// The person's reference photo: from an absolute path, file:// URL, http(s) URL or data: URL,
// checked by its bytes, capped in size and pixels, turned upright and downscaled before it
// is ever sent to a provider.

import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { Agent, request } from 'undici';
import { ImageError } from './errors.ts';
import { UserError } from '../../core/errors.ts';
import type { LocalFiles } from '../../core/local-files.ts';
import { sniffImage } from '../../core/media.ts';
import { guardedLookup, isPrivateAddress, PRIVATE_ADDRESS } from '../../core/net.ts';

export const MAX_REFERENCE_BYTES = 20 * 1024 * 1024;
/** Decoded pixels allowed: a 40 MP photo is generous; a 20 KB PNG that decodes to 1 GP is a bomb. */
export const MAX_REFERENCE_PIXELS = 40_000_000;
export const MAX_SENT_EDGE = 2048;
const FETCH_TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 3;

export interface ReferenceImage {
  /** What we send: upright JPEG, at most 2048 px on the long side. */
  bytes: Buffer;
  mimeType: 'image/jpeg';
  width: number;
  height: number;
  /** SHA-256 of the bytes as loaded, before any processing: identifies the photo in run records. */
  sha256: string;
  originalBytes: number;
  originalMime: string;
  /** Where it came from, safe to show (a data URL is not repeated). */
  source: string;
}

export interface ReferenceOptions {
  allowPrivateUrls: boolean;
  /** Where local paths may be read from (the allowed folders), capped. */
  files: LocalFiles;
  signal?: AbortSignal | undefined;
  /** How long a URL fetch may take in all (default 20 s). */
  timeoutMs?: number | undefined;
}

const ref = (message: string, nextStep: string, cause?: unknown) =>
  new ImageError('reference', message, nextStep, { cause });

export async function loadReference(spec: string | undefined, options: ReferenceOptions): Promise<ReferenceImage> {
  const input = spec?.trim();
  if (!input) {
    throw ref(
      "No reference photo: a look needs a photo of the person's face to keep their identity.",
      "Pass reference_image (an absolute path, file:// URL, https:// URL or data: URL), or set AVATAR_REFERENCE_IMAGE in the server's environment.",
    );
  }
  const { bytes, source } = await readSource(input, options);
  return prepare(bytes, source);
}

async function readSource(input: string, options: ReferenceOptions): Promise<{ bytes: Buffer; source: string }> {
  if (input.startsWith('data:')) return { bytes: decodeDataUrl(input), source: 'data: URL' };
  if (/^https?:\/\//i.test(input))
    return { bytes: await fetchReference(parseUrl(input), options), source: redactUrl(input) };
  if (/^file:\/\//i.test(input)) {
    let path: string;
    try {
      path = fileURLToPath(input);
    } catch (error) {
      throw ref(
        `The reference photo file:// URL cannot be used here (${(error as Error).message}).`,
        'Pass a local absolute path such as /Users/me/face.jpg instead.',
        error,
      );
    }
    return { bytes: await readFileCapped(path, options.files), source: input };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    throw ref(
      `The reference photo URL uses ${input.split(':')[0]}://, which is not supported.`,
      'Use an absolute path, a file:// URL, an http(s):// URL or a data: URL.',
    );
  }
  if (!isAbsolute(input)) {
    throw ref(
      `The reference photo path "${input}" is relative; MCP hosts start servers in arbitrary folders, so it cannot be found reliably.`,
      'Pass the absolute path (e.g. /Users/me/Pictures/face.jpg).',
    );
  }
  return { bytes: await readFileCapped(input, options.files), source: input };
}

/** A local reference photo: only inside the allowed folders, never more than MAX_REFERENCE_BYTES read. */
async function readFileCapped(path: string, files: LocalFiles): Promise<Buffer> {
  const file = await files
    .read(path, {
      what: 'The reference photo',
      maxBytes: MAX_REFERENCE_BYTES,
      tooLarge,
      missing: 'Check the path; it must be absolute and point at a PNG, JPEG or WebP file.',
    })
    .catch((error: unknown) => {
      // One kind for every problem with the reference photo, wherever it was found.
      throw error instanceof UserError && !(error instanceof ImageError)
        ? ref(error.message, error.nextStep, error)
        : error;
    });
  return file.bytes;
}

function tooLarge(size: number | undefined): ImageError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return ref(
    `The reference photo is ${size === undefined ? 'larger than' : mb(size) + ', over'} the ${mb(MAX_REFERENCE_BYTES)} limit.`,
    'Export a smaller JPEG of the face (2048 px on the long side is plenty) and pass that.',
  );
}

function parseUrl(input: string): URL {
  try {
    return new URL(input);
  } catch (error) {
    throw ref(
      'The reference photo URL is not a valid URL.',
      'Pass a full https:// link to the image, or an absolute file path.',
      error,
    );
  }
}

function decodeDataUrl(input: string): Buffer {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(input);
  if (!match) throw ref('The reference photo data: URL is malformed.', 'Use data:image/jpeg;base64,<base64 bytes>.');
  const payload = match[3] ?? '';
  if (payload.length > (MAX_REFERENCE_BYTES * 4) / 3 + 4) throw tooLarge(undefined);
  if (match[2]) return Buffer.from(payload, 'base64');
  try {
    return Buffer.from(decodeURIComponent(payload), 'latin1');
  } catch (error) {
    throw ref(
      'The reference photo data: URL is not properly encoded.',
      'Use base64: data:image/jpeg;base64,<base64 bytes>.',
      error,
    );
  }
}

// ---- URL fetches: http(s) only, no private addresses, size cap, timeout ----------------------

const privateRefusal = (host: string) =>
  ref(
    `The reference photo URL points at ${host}, a private or local address; the server does not fetch those.`,
    'Use a public https:// URL or an absolute file path, or set AVATAR_LOOKS_ALLOW_PRIVATE_URLS=1 if you trust this network.',
  );

let guardedAgent: Agent | undefined;
let openAgent: Agent | undefined;
function agentFor(allowPrivate: boolean): Agent {
  if (allowPrivate) return (openAgent ??= new Agent({ connect: { timeout: 10_000 } }));
  return (guardedAgent ??= new Agent({ connect: { timeout: 10_000, lookup: guardedLookup } }));
}

async function fetchReference(url: URL, options: ReferenceOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const literal = current.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivateUrls && (isIP(literal) !== 0 ? isPrivateAddress(literal) : literal === 'localhost'))
      throw privateRefusal(current.hostname);
    let response;
    try {
      response = await request(current, {
        method: 'GET',
        dispatcher: agentFor(options.allowPrivateUrls),
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw fetchFailure(error, current, deadline, timeoutMs);
    }
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      await response.body.dump();
      const next = new URL(String(response.headers.location), current);
      if (next.protocol !== 'https:' && next.protocol !== 'http:')
        throw ref(
          `The reference photo URL redirects to ${next.protocol} URL.`,
          'Use a direct http(s) link to the image.',
        );
      current = next;
      continue;
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw ref(
        `Fetching the reference photo from ${redactUrl(current.href)} answered HTTP ${response.statusCode}.`,
        'Check the URL opens the image in a browser, or download it and pass the absolute path.',
      );
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (declared > MAX_REFERENCE_BYTES) {
      await response.body.dump();
      throw tooLarge(declared);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body) {
        total += (chunk as Buffer).length;
        if (total > MAX_REFERENCE_BYTES) {
          response.body.destroy();
          throw tooLarge(undefined);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof ImageError) throw error;
      throw fetchFailure(error, current, deadline, timeoutMs);
    }
    return Buffer.concat(chunks);
  }
  throw ref(`The reference photo URL redirects more than ${MAX_REDIRECTS} times.`, 'Use a direct link to the image.');
}

function fetchFailure(error: unknown, url: URL, deadline: AbortSignal, timeoutMs: number): ImageError {
  const found = findImageError(error, url);
  if (found) return found;
  if (deadline.aborted || /timeout/i.test((error as Error)?.name ?? ''))
    return ref(
      `Fetching the reference photo from ${redactUrl(url.href)} took longer than ${timeoutMs / 1000} s.`,
      'Try again, or download the photo and pass its absolute path.',
    );
  if ((error as Error).name === 'AbortError')
    return new ImageError('cancelled', 'The request was cancelled.', 'Call the tool again when ready.');
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return ref(
    `Could not fetch the reference photo from ${redactUrl(url.href)} (${code}).`,
    'Check the URL, or download the photo and pass its absolute path.',
    error,
  );
}

function findImageError(error: unknown, url: URL): ImageError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ImageError) return e;
    if ((e as NodeJS.ErrnoException).code === PRIVATE_ADDRESS)
      return privateRefusal((e as { hostname?: string }).hostname ?? url.hostname);
  }
  return undefined;
}

/** A URL as it may appear in messages and records: without query string or credentials (signed URLs carry tokens). */
export function redactUrl(href: string): string {
  try {
    const url = new URL(href);
    url.username = '';
    url.password = '';
    const hadQuery = url.search.length > 0;
    url.search = '';
    url.hash = '';
    return url.href + (hadQuery ? '?…' : '');
  } catch {
    return '(invalid URL)';
  }
}

// ---- bytes → the photo we send -----------------------------------------------------------------

async function prepare(bytes: Buffer, source: string): Promise<ReferenceImage> {
  if (bytes.length > MAX_REFERENCE_BYTES) throw tooLarge(bytes.length);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') {
    throw ref(
      `The reference photo (${source}) is ${sniffed.description}, not a PNG, JPEG or WebP image.`,
      "Pass a PNG, JPEG or WebP photo of the person's face (convert HEIC or GIF to JPEG first).",
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    // The header says how many pixels decoding would make; refuse a bomb before decoding it.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels > MAX_REFERENCE_PIXELS) throw pixelBomb(meta.width, meta.height);
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_REFERENCE_PIXELS, failOn: 'error' })
      .rotate() // EXIF orientation: a phone photo stored sideways is sent upright
      .resize({ width: MAX_SENT_EDGE, height: MAX_SENT_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 90 }) // plain libjpeg: mozjpeg is several times slower for a photo sent once
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mimeType: 'image/jpeg',
      width: info.width,
      height: info.height,
      sha256,
      originalBytes: bytes.length,
      originalMime: sniffed.mime,
      source,
    };
  } catch (error) {
    if (error instanceof ImageError) throw error;
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) throw pixelBomb(undefined, undefined);
    throw ref(
      `The reference photo (${source}) looks like a ${sniffed.mime} file but cannot be decoded (${message}).`,
      'Re-export the photo as a JPEG and pass that.',
      error,
    );
  }
}

function pixelBomb(width: number | undefined, height: number | undefined): ImageError {
  const size = width && height ? `${width}×${height} (${((width * height) / 1e6).toFixed(0)} MP)` : 'too many pixels';
  return ref(
    `The reference photo is ${size}, over the ${MAX_REFERENCE_PIXELS / 1e6} MP limit.`,
    'Pass a smaller photo; 2048 px on the long side is plenty.',
  );
}
