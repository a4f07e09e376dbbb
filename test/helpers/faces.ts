// Photos with faces for the face checks, made at test time from the group photos that
// @vladmandic/face-api ships (demo/sample1–6.jpg; MIT package, the author's own photos). No
// photo is committed. The boxes were measured once; crops keep a margin around the face.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ROOT } from './mcp.ts';

const DEMO = join(ROOT, 'node_modules', '@vladmandic', 'face-api', 'demo');

/** Faces in the sample photos (original pixels). */
export const FACES = {
  /** The "person" of the tests: near-frontal (yaw ≈ −8°). */
  person: { sample: 1, box: { x: 1476, y: 199, width: 202, height: 240 } },
  /** Somebody else, also near-frontal. */
  other: { sample: 6, box: { x: 1179, y: 304, width: 189, height: 282 } },
  /** A head turned well away (yaw ≈ −56°). */
  turned: { sample: 2, box: { x: 361, y: 126, width: 153, height: 260 } },
} as const;

export function samplePhoto(sample: number): string {
  return join(DEMO, `sample${sample}.jpg`);
}

/** A head-and-shoulders crop around one face, as a JPEG. */
export async function faceCrop(face: keyof typeof FACES, margin = 0.9): Promise<Buffer> {
  const { sample, box } = FACES[face];
  const image = sharp(samplePhoto(sample));
  const { width = 0, height = 0 } = await image.metadata();
  const left = Math.max(0, Math.round(box.x - box.width * margin));
  const top = Math.max(0, Math.round(box.y - box.height * margin));
  const right = Math.min(width, Math.round(box.x + box.width * (1 + margin)));
  const bottom = Math.min(height, Math.round(box.y + box.height * (1 + margin * 1.6)));
  return image
    .extract({ left, top, width: right - left, height: bottom - top })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** A look image: the crop placed in a plain scene of the given size, filling `share` of its height. */
export async function lookImage(
  face: keyof typeof FACES,
  size: { width: number; height: number } = { width: 1920, height: 1080 },
  share = 0.8,
): Promise<Buffer> {
  const crop = await sharp(await faceCrop(face))
    .resize({ height: Math.round(size.height * share), width: Math.round(size.width * 0.9), fit: 'inside' })
    .toBuffer({ resolveWithObject: true });
  return sharp({
    create: { width: size.width, height: size.height, channels: 3, background: { r: 92, g: 120, b: 150 } },
  })
    .composite([
      { input: crop.data, left: Math.round((size.width - crop.info.width) / 2), top: size.height - crop.info.height },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A one-person reference photo (a crop of the sample's person) written as `me.jpg` in `dir`; its path. */
export async function writeReference(dir: string): Promise<string> {
  const path = join(dir, 'me.jpg');
  writeFileSync(path, await faceCrop('person', 1.2));
  return path;
}
