// What can be uploaded as a look, checked on disk before any network call: PNG or JPEG by its
// bytes (a WebP is converted to PNG beside it), at most 32 MB, at least 512 px on the short side.

import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { openAsBlob } from 'node:fs';
import { sniffImage } from '../../core/media.ts';
import type { HeyGenClient } from './client.ts';
import { asset, data } from './schemas.ts';

export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
export const MIN_SHORT_SIDE = 512;

export type UploadFile = {
  path: string;
  mime: 'image/png' | 'image/jpeg';
  size: number;
  width: number;
  height: number;
};
export type UploadRefusal = { refusal: string; nextStep: string };

export async function checkUploadFile(path: string): Promise<UploadFile | UploadRefusal> {
  if (!isAbsolute(path))
    return {
      refusal: `"${path}" is not an absolute path.`,
      nextStep: 'Pass the absolute path generate_look_image returned.',
    };
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    return {
      refusal: `There is no file at ${path}.`,
      nextStep: 'Check the path; generate_look_image returns it as images[].path.',
    };
  if (info.size > MAX_UPLOAD_BYTES)
    return {
      refusal: `${basename(path)} is ${(info.size / 1024 / 1024).toFixed(1)} MB, over HeyGen's 32 MB limit.`,
      nextStep: 'Export it as a JPEG (2048 px on the long side is plenty) and upload that.',
    };
  const { readFile, writeFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image')
    return {
      refusal: `${basename(path)} is ${sniffed.description}, not a PNG or JPEG image.`,
      nextStep: 'Upload the image file generate_look_image made.',
    };
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (Math.min(width, height) < MIN_SHORT_SIDE) {
    return {
      refusal: `${basename(path)} is ${width}×${height}; HeyGen needs at least ${MIN_SHORT_SIDE} px on the short side.`,
      nextStep: 'Generate the look at 1K or 2K (generate_look_image size) and upload that.',
    };
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
  const form = new (await import('./client.ts')).FormData();
  form.set('file', await openAsBlob(file.path, { type: file.mime }), basename(file.path));
  // Sending takes time: allow the usual timeout plus the body at 100 KB/s.
  const answer = await client.post('/v3/assets', data(asset), { form }, signal, {
    timeoutMs: baseTimeoutMs + Math.ceil(file.size / 100),
  });
  return answer.data;
}
