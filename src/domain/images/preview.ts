// The small JPEG shown inline in a tool result: at most 512 px and well under 100 KB, so no
// result comes near Claude Desktop's 1 MiB cap.

import sharp from 'sharp';

export const PREVIEW_EDGE = 512;
export const PREVIEW_MAX_BYTES = 60 * 1024;

export async function makePreview(bytes: Buffer): Promise<{ bytes: Buffer; width: number; height: number }> {
  for (const quality of [78, 65, 50, 35]) {
    const { data, info } = await sharp(bytes)
      .resize({ width: PREVIEW_EDGE, height: PREVIEW_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality })
      .toBuffer({ resolveWithObject: true });
    if (data.length <= PREVIEW_MAX_BYTES || quality === 35)
      return { bytes: data, width: info.width, height: info.height };
  }
  throw new Error('unreachable');
}
