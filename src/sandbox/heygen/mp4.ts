// The bytes served for every finished video: a small MP4 that players and type sniffers accept, the
// same for the same video id on every run, so downloads can be checked byte for byte.

import { createHash } from 'node:crypto';

/** Size of the sample MP4 served for each finished video. */
export const SIMULATOR_VIDEO_FILE_BYTES = 200 * 1024;

/** How many sample MP4s stay built: enough for a download resumed with Range requests. */
const KEPT_FILES = 4;

/** The sample MP4s served last, by video id, built on first use. */
export class SampleVideos {
  private readonly files = new Map<string, Buffer>();

  bytes(id: string): Buffer {
    let bytes = this.files.get(id);
    if (!bytes) {
      bytes = sampleMp4(id, SIMULATOR_VIDEO_FILE_BYTES);
      this.files.set(id, bytes);
      for (const old of this.files.keys()) {
        if (this.files.size <= KEPT_FILES) break;
        this.files.delete(old);
      }
    }
    return bytes;
  }
}

/**
 * A small, structurally valid ISO-BMFF file of exactly `size` bytes: `ftyp` (isom; isom, iso2, mp41),
 * `free`, then `mdat` filled with bytes that depend only on `id`.
 */
function sampleMp4(id: string, size: number): Buffer {
  const ftyp = Buffer.alloc(28);
  ftyp.writeUInt32BE(28, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2mp41', 16, 'latin1');
  const note = Buffer.from(`HeyGen simulator sample video ${id}`, 'utf8');
  const free = Buffer.alloc(8 + note.length);
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  note.copy(free, 8);
  const mdatSize = Math.max(8, size - ftyp.length - free.length);
  const mdat = Buffer.alloc(mdatSize);
  mdat.writeUInt32BE(mdatSize, 0);
  mdat.write('mdat', 4, 'latin1');
  // xorshift32 seeded from the id: deterministic and fast.
  let x = createHash('sha256').update(id).digest().readUInt32BE(0) || 0x9e3779b9;
  for (let i = 8; i < mdatSize; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    if (i + 4 <= mdatSize) mdat.writeUInt32BE(x, i);
    else for (let j = i; j < mdatSize; j++) mdat[j] = (x >>> (8 * (j - i))) & 0xff;
  }
  return Buffer.concat([ftyp, free, mdat]);
}
