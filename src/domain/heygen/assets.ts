// Assets (POST /v3/assets): what can be uploaded as a look, checked on disk before any network
// call — PNG or JPEG by its bytes (a WebP is converted to PNG beside it), at most 32 MB, at least
// 512 px on the short side — and the upload itself, streamed from disk.

import { openAsBlob } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { sniffImage } from '../../core/media.ts';
import type { HeyGenClient } from './client.ts';
import { MAX_UPLOAD_BYTES, MIN_SHORT_SIDE } from './framing.ts';
import { asset, data } from './schemas.ts';

export interface UploadFile {
  path: string;
  mime: 'image/png' | 'image/jpeg';
  size: number;
  width: number;
  height: number;
}

const refused = (message: string, nextStep: string) =>
  new UserError('upload_refused', message, nextStep, { final: true });

/** The file as it will be uploaded; throws a UserError saying what is wrong with it. */
export async function checkUploadFile(path: string): Promise<UploadFile> {
  if (!isAbsolute(path))
    throw refused(`"${path}" is not an absolute path.`, 'Pass the absolute path generate_look_image returned.');
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw refused(`There is no file at ${path}.`, 'Check the path; generate_look_image returns it as images[].path.');
  }
  if (info.size > MAX_UPLOAD_BYTES) {
    throw refused(
      `${basename(path)} is ${(info.size / 1024 / 1024).toFixed(1)} MB, over HeyGen's 32 MB limit.`,
      'Export it as a JPEG (2048 px on the long side is plenty) and upload that.',
    );
  }
  const bytes = await readFile(path);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') {
    throw refused(
      `${basename(path)} is ${sniffed.description}, not a PNG or JPEG image.`,
      'Upload the image file generate_look_image made.',
    );
  }
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (Math.min(width, height) < MIN_SHORT_SIDE) {
    throw refused(
      `${basename(path)} is ${width}×${height}; HeyGen needs at least ${MIN_SHORT_SIDE} px on the short side.`,
      'Generate the look at 1K or 2K (generate_look_image size) and upload that.',
    );
  }
  if (sniffed.mime === 'image/webp') {
    // HeyGen takes PNG or JPEG: convert next to the original, keeping the original untouched.
    const converted = join(dirname(path), `${basename(path).replace(/\.[^.]+$/, '')}.heygen.png`);
    const png = await sharp(bytes).png().toBuffer();
    await writeFile(converted, png);
    return { path: converted, mime: 'image/png', size: png.length, width, height };
  }
  return { path, mime: sniffed.mime, size: info.size, width, height };
}

/**
 * POST /v3/assets with the checked file, streamed from disk. Not idempotent: a retry happens only
 * when the request certainly never reached HeyGen (the client's rule); otherwise the error says
 * maybeProcessed and the caller must not upload again blindly.
 */
export async function uploadAsset(client: HeyGenClient, file: UploadFile, signal: AbortSignal, baseTimeoutMs: number) {
  const { FormData } = await import('./client.ts');
  const form = new FormData();
  form.set('file', await openAsBlob(file.path, { type: file.mime }), basename(file.path));
  // Sending takes time: allow the usual timeout plus the body at 100 KB/s.
  const answer = await client.post('/v3/assets', data(asset), { form }, signal, {
    timeoutMs: baseTimeoutMs + Math.ceil(file.size / 100),
  });
  return answer.data;
}
