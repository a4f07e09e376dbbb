// Assets (POST /v3/assets): what can be uploaded as a look, checked on its bytes before any
// network call — PNG or JPEG by its bytes (a WebP becomes a PNG), at most 32 MB, at most 40 MP by
// its header, decoded whole (a truncated file is refused), at least 512 px on the short side — and
// the upload of exactly those checked bytes.

import { UserError } from '../../core/errors.ts';
import { sniffImage } from '../../core/media.ts';
import type { HeyGenClient } from './client.ts';
import { MAX_UPLOAD_BYTES, MIN_SHORT_SIDE } from './framing.ts';
import { asset, data } from './schemas.ts';

/** Pixels an upload may have, by its header: a 4K look is 8.3 MP; a few-KB file declaring 268 MP is a bomb. */
export const MAX_UPLOAD_PIXELS = 40_000_000;

export interface UploadImage {
  /** The file name HeyGen is sent (a converted WebP gets a .png name). */
  name: string;
  mime: 'image/png' | 'image/jpeg';
  bytes: Buffer;
  width: number;
  height: number;
  /** True when the bytes are a PNG made from a WebP. */
  converted: boolean;
}

const refused = (message: string, nextStep: string) =>
  new UserError('upload_refused', message, nextStep, { final: true });

/** The error for a file over HeyGen's 32 MB (size when known). */
export function uploadTooLarge(name: string, size: number | undefined): UserError {
  return refused(
    `${name} is ${size === undefined ? 'over 32 MB' : `${(size / 1024 / 1024).toFixed(1)} MB, over HeyGen's 32 MB limit`}.`,
    'Export it as a JPEG (2048 px on the long side is plenty) and upload that.',
  );
}

/** The image as it will be uploaded; throws a UserError saying what is wrong with it. */
export async function prepareUpload(bytes: Buffer, name: string): Promise<UploadImage> {
  if (bytes.length > MAX_UPLOAD_BYTES) throw uploadTooLarge(name, bytes.length);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') {
    throw refused(`${name} is not a PNG, JPEG or WebP image.`, 'Upload the image file generate_look_image made.');
  }
  const { default: sharp } = await import('sharp');
  // The header says how many pixels decoding would make: refuse a bomb before decoding it.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  const width = meta?.width ?? 0;
  const height = meta?.height ?? 0;
  if (!meta) throw undecodable(name);
  if (width * height > MAX_UPLOAD_PIXELS) {
    throw refused(
      `${name} is ${width}×${height} (${((width * height) / 1e6).toFixed(0)} MP), over the ${MAX_UPLOAD_PIXELS / 1e6} MP limit.`,
      'Upload the image at its generated size (4K at most).',
    );
  }
  if (Math.min(width, height) < MIN_SHORT_SIDE) {
    throw refused(
      `${name} is ${width}×${height}; HeyGen needs at least ${MIN_SHORT_SIDE} px on the short side.`,
      'Generate the look at 1K or 2K (generate_look_image size) and upload that.',
    );
  }
  // Decoded whole: a truncated or corrupt file is refused here, not after HeyGen took it.
  const decoder = sharp(bytes, { limitInputPixels: MAX_UPLOAD_PIXELS, failOn: 'error' });
  if (sniffed.mime === 'image/webp') {
    // HeyGen takes PNG or JPEG.
    const png = await decoder
      .png()
      .toBuffer()
      .catch(() => {
        throw undecodable(name);
      });
    const pngName = `${name.replace(/\.[^.]+$/, '')}.heygen.png`;
    return { name: pngName, mime: 'image/png', bytes: png, width, height, converted: true };
  }
  await decoder
    .raw()
    .toBuffer()
    .catch(() => {
      throw undecodable(name);
    });
  return { name, mime: sniffed.mime, bytes, width, height, converted: false };
}

function undecodable(name: string): UserError {
  return refused(
    `${name} cannot be decoded as an image: it may be truncated or corrupt.`,
    'Generate the image again, or upload another file.',
  );
}

/**
 * POST /v3/assets with the checked bytes (never the file again: what was checked is what is sent).
 * Not idempotent: a retry happens only when the request certainly never reached HeyGen (the
 * client's rule); otherwise the error says maybeProcessed and the caller must not upload again blindly.
 */
export async function uploadAsset(
  client: HeyGenClient,
  image: UploadImage,
  signal: AbortSignal,
  baseTimeoutMs: number,
) {
  const { FormData } = await import('./client.ts');
  const form = new FormData();
  form.set('file', new Blob([image.bytes], { type: image.mime }), image.name);
  // Sending takes time: allow the usual timeout plus the body at 100 KB/s.
  const answer = await client.post('/v3/assets', data(asset), { form }, signal, {
    timeoutMs: baseTimeoutMs + Math.ceil(image.bytes.length / 100),
  });
  return answer.data;
}
