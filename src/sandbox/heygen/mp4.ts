// The bytes served for every finished video: the sandbox's real sample MP4 (it plays), followed by
// a `free` box naming the video and padding the file to a fixed size — a trailing box moves no
// sample offset, so the file stays playable, and each video's bytes are its own and the same on
// every run (downloads can be checked byte for byte, and resumed with Range requests).

import { SAMPLE_VIDEO_BASE64 } from './sample-video.ts';

/** Size of the file served for each finished video. */
export const SIMULATOR_VIDEO_FILE_BYTES = 200 * 1024;

/** How many files stay built: enough for a download resumed with Range requests. */
const KEPT_FILES = 4;

const SAMPLE = Buffer.from(SAMPLE_VIDEO_BASE64, 'base64');

/** The files served last, by video id, built on first use. */
export class SampleVideos {
  private readonly files = new Map<string, Buffer>();

  bytes(id: string): Buffer {
    let bytes = this.files.get(id);
    if (!bytes) {
      bytes = videoFile(id, SIMULATOR_VIDEO_FILE_BYTES);
      this.files.set(id, bytes);
      for (const old of this.files.keys()) {
        if (this.files.size <= KEPT_FILES) break;
        this.files.delete(old);
      }
    }
    return bytes;
  }
}

/** The sample MP4, then a `free` box holding the video's id and zero padding, `size` bytes in all. */
function videoFile(id: string, size: number): Buffer {
  const note = Buffer.from(`HeyGen simulator video ${id}\n`, 'utf8');
  const free = Buffer.alloc(Math.max(8 + note.length, size - SAMPLE.length));
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  note.copy(free, 8);
  return Buffer.concat([SAMPLE, free]);
}
