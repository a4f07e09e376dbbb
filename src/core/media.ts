// What an image really is, from its first bytes: file names and Content-Type headers lie. Also
// its pixel size as its header declares it, read without decoding (a decompression bomb is then
// refused before it is ever decoded).

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

export const EXTENSIONS: Record<ImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export type Sniffed = { kind: 'image'; mime: ImageMime } | { kind: 'other'; description: string };

export function sniffImage(bytes: Uint8Array): Sniffed {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { kind: 'image', mime: 'image/png' };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { kind: 'image', mime: 'image/jpeg' };
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
    return { kind: 'image', mime: 'image/webp' };
  return { kind: 'other', description: describeOther(bytes) };
}

function describeOther(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (head.startsWith('GIF8')) return 'a GIF image';
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF image';
  if (head.slice(4, 8) === 'ftyp') {
    const brand = head.slice(8, 12);
    if (/hei|hev|mif/.test(brand)) return 'a HEIC/HEIF image (iPhone photo format)';
    if (/avi/.test(brand)) return 'an AVIF image';
    return 'an MP4/QuickTime file';
  }
  const text = head.trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'an SVG drawing';
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.includes('<head')) return 'an HTML page';
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON text';
  if (head.startsWith('PK\x03\x04')) return 'a ZIP archive';
  if (/^[\t\n\r\x20-\x7e]*$/.test(head)) return 'plain text';
  return 'a file of an unknown kind';
}

/** The format and the pixel size a PNG (IHDR) or JPEG (SOFn) header declares; null for other bytes. 0×0 when unreadable. */
export function readImageHeader(
  bytes: Uint8Array,
): { mime: 'image/png' | 'image/jpeg'; width: number; height: number } | null {
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image' || sniffed.mime === 'image/webp') return null;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (sniffed.mime === 'image/png') {
    if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return { mime: 'image/png', width: 0, height: 0 };
    return { mime: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  return { mime: 'image/jpeg', ...jpegSize(b) };
}

/** Walks the JPEG markers to the first start-of-frame, which holds the size. */
function jpegSize(b: Buffer): { width: number; height: number } {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // standalone markers
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or start of scan before any SOF
    const length = b.readUInt16BE(i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && i + 8 < b.length) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return { width: 0, height: 0 };
}
