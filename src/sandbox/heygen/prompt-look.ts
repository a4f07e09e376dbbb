// The picture of a prompt look (POST /v3/avatars, type "prompt"). HeyGen generates a new scene
// around the person; the simulator stands in with a scene chosen by the prompt (a gradient in
// colours from its hash) and the person's own pixels pasted into it, so a face check downstream
// still recognises them — and a test that swaps the person (nextPromptLookFaces) is caught.

import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { readImageHeader } from '../../core/media.ts';
import { ApiError, isRecord } from './replies.ts';
import type { Asset } from './state.ts';

/** The long edge of a prompt look: 1080p, as looks for a 1080p video come. */
export const PROMPT_LOOK_LONG_EDGE = 1920;
/** A prompt's length limit, from HeyGen's docs (the published schema states none). */
export const MAX_PROMPT_CHARACTERS = 1000;
/** reference_images: "Max 3" (published description). */
const MAX_REFERENCE_IMAGES = 3;
/**
 * The person's height in the scene, as a share of the picture's: the base look is usually a
 * framed picture of them already, so it nearly fills the frame (a look made from a look keeps the
 * face's size, as HeyGen's would).
 */
const PERSON_HEIGHT = 0.95;

/**
 * The size of a prompt look: the framing the prompt asks for (16:9 / landscape / wide, or 9:16 /
 * portrait / vertical), as an image model follows it; else the base picture's orientation; long
 * edge PROMPT_LOOK_LONG_EDGE.
 */
export function promptLookSize(width: number, height: number, prompt = ''): { width: number; height: number } {
  const long = PROMPT_LOOK_LONG_EDGE;
  const short = Math.round((long * 9) / 16);
  if (/\b(16:9|landscape|widescreen)\b/i.test(prompt)) return { width: long, height: short };
  if (/\b(9:16|portrait orientation|vertical)\b/i.test(prompt)) return { width: short, height: long };
  const scale = long / Math.max(width, height, 1);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * `person` (JPEG or PNG) scaled to ~95% of the height, lower-centre, on a gradient chosen by
 * `prompt`, as a JPEG of `size`. Rejects when `person` cannot be decoded.
 */
export async function composePromptLook(
  person: Buffer,
  prompt: string,
  size: { width: number; height: number },
): Promise<Buffer> {
  const { width, height } = size;
  const digest = createHash('sha256').update(prompt).digest();
  const byte = (i: number) => digest[i] ?? 0;
  const hue = Math.round((byte(0) / 255) * 360);
  const top = `hsl(${hue}, ${30 + (byte(1) % 40)}%, ${55 + (byte(2) % 25)}%)`;
  const bottom = `hsl(${(hue + 20 + (byte(3) % 120)) % 360}, ${20 + (byte(4) % 40)}%, ${18 + (byte(5) % 25)}%)`;
  const slant = (byte(6) % 5) / 10; // the light comes from a different side for each prompt
  const scene = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<defs><linearGradient id="g" x1="${slant}" y1="0" x2="${1 - slant}" y2="1">` +
      `<stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
      `<rect width="${width}" height="${height}" fill="url(#g)"/></svg>`,
  );
  const scaled = await sharp(person)
    .rotate()
    .resize({ height: Math.round(height * PERSON_HEIGHT), width: Math.round(width * 0.9), fit: 'inside' })
    .png()
    .toBuffer({ resolveWithObject: true });
  return sharp(scene)
    .composite([
      {
        input: scaled.data,
        left: Math.round((width - scaled.info.width) / 2),
        top: height - scaled.info.height,
      },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** `bytes` as a JPEG: as they are when they are one, else converted; null when they cannot be decoded. */
export async function asJpeg(bytes: Buffer): Promise<Buffer | null> {
  if (readImageHeader(bytes)?.mime === 'image/jpeg') return bytes;
  try {
    return await sharp(bytes).rotate().jpeg({ quality: 90 }).toBuffer();
  } catch {
    return null;
  }
}

/** The prompt of a prompt look: required, not blank, at most MAX_PROMPT_CHARACTERS. */
export function checkPrompt(prompt: unknown): string {
  if (typeof prompt !== 'string' || prompt.trim() === '')
    throw new ApiError(400, 'invalid_parameter', 'prompt is required', 'prompt');
  if (prompt.length > MAX_PROMPT_CHARACTERS)
    throw new ApiError(
      400,
      'invalid_parameter',
      `prompt must be at most ${MAX_PROMPT_CHARACTERS} characters (got ${prompt.length})`,
      'prompt',
    );
  return prompt;
}

/** reference_images: null or at most 3 AssetInputs; the uploaded assets among them (each must exist), in order. */
export function referenceAssets(value: unknown, known: ReadonlyMap<string, Asset>): Asset[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new ApiError(400, 'invalid_parameter', 'reference_images must be an array', 'reference_images');
  if (value.length > MAX_REFERENCE_IMAGES)
    throw new ApiError(
      400,
      'invalid_parameter',
      `reference_images takes at most ${MAX_REFERENCE_IMAGES} images (got ${value.length})`,
      'reference_images',
    );
  const assets: Asset[] = [];
  value.forEach((item: unknown, i) => {
    const param = `reference_images[${i}]`;
    const bad = (said: string) => new ApiError(400, 'invalid_parameter', `${param}: ${said}`, param);
    if (!isRecord(item)) throw bad('must be an object');
    if (item.type === 'url') {
      if (typeof item.url !== 'string' || item.url === '') throw bad('url is required');
    } else if (item.type === 'base64') {
      if (typeof item.media_type !== 'string' || item.media_type === '') throw bad('media_type is required');
      if (typeof item.data !== 'string' || item.data === '') throw bad('data is required');
    } else if (item.type === 'asset_id') {
      const asset = typeof item.asset_id === 'string' ? known.get(item.asset_id) : undefined;
      if (!asset) throw bad(`Asset ${String(item.asset_id)} not found`);
      assets.push(asset);
    } else {
      throw bad(`Unsupported type ${JSON.stringify(item.type ?? null)}; expected "url", "asset_id" or "base64"`);
    }
  });
  return assets;
}
