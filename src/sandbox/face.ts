// The sandbox brings its own face: with no reference photo configured, sandbox mode uses a
// one-person photo made at first use — a head-and-shoulders crop of one face from the group
// photos @vladmandic/face-api ships (demo/sample1.jpg; MIT package, the author's own photos), so
// the two-minute tour needs nothing from the user. Nothing is committed; the crop lives in the
// home (sandbox/face.jpg).

import { access, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../core/files.ts';

/** The face's box in sample1.jpg (original pixels): near-frontal, measured once. */
const BOX = { x: 1476, y: 199, width: 202, height: 240 };
const MARGIN = 1.2;

/** The sandbox face's path, made on first use. */
export async function sandboxFace(home: string): Promise<string> {
  const path = join(home, 'sandbox', 'face.jpg');
  if (
    await access(path).then(
      () => true,
      () => false,
    )
  )
    return path;
  const { default: sharp } = await import('sharp');
  const packageMain = createRequire(import.meta.url).resolve('@vladmandic/face-api');
  const sample = join(dirname(packageMain), '..', 'demo', 'sample1.jpg');
  const image = sharp(sample);
  const { width = 0, height = 0 } = await image.metadata();
  const left = Math.max(0, Math.round(BOX.x - BOX.width * MARGIN));
  const top = Math.max(0, Math.round(BOX.y - BOX.height * MARGIN));
  const right = Math.min(width, Math.round(BOX.x + BOX.width * (1 + MARGIN)));
  const bottom = Math.min(height, Math.round(BOX.y + BOX.height * (1 + MARGIN * 1.6)));
  const crop = await image
    .extract({ left, top, width: right - left, height: bottom - top })
    .jpeg({ quality: 92 })
    .toBuffer();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, crop);
  return path;
}
