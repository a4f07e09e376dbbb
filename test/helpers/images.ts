// Small real images for tests, made with sharp: a face-coloured photo in each format.

import sharp from 'sharp';

export async function photo(
  width: number,
  height: number,
  format: 'jpeg' | 'png' | 'webp' = 'jpeg',
  orientation?: number,
): Promise<Buffer> {
  const base = sharp({
    create: { width, height, channels: 3, background: '#c8a08a', noise: { type: 'gaussian', mean: 128, sigma: 20 } },
  });
  const encoded = format === 'png' ? base.png() : format === 'webp' ? base.webp() : base.jpeg({ quality: 85 });
  return orientation ? encoded.withMetadata({ orientation }).toBuffer() : encoded.toBuffer();
}
