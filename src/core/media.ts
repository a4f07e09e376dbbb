// What an image really is, from its first bytes: file names and Content-Type headers lie.

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
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(head)) return 'plain text';
  return 'a file of an unknown kind';
}
