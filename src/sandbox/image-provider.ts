// The offline image provider of sandbox mode: no network, no key, no cost. It composes the
// reference photo into a scene of the requested aspect ratio and stamps it SANDBOX, so the
// whole pipeline can be tried without spending anything. Deterministic: the same prompt and
// reference give the same bytes. Never presented as a real generation.

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { ImageError } from '../domain/images/errors.ts';
import type { ImageSize } from '../core/types.ts';
import type { GeneratedImage, GenerateRequest, ImageProvider } from '../domain/images/provider.ts';

const LONG_EDGE: Record<ImageSize, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

export class SandboxImageProvider implements ImageProvider {
  readonly name = 'sandbox';
  readonly models = ['sandbox-compositor'];
  readonly defaultModel = 'sandbox-compositor';
  readonly sandbox = true;
  priceUsd(): number {
    return 0;
  }
  private readonly delayMs: number;

  /** `delayMs` stands in for a provider's service time (used by tests of long calls). */
  constructor(options: { delayMs?: number } = {}) {
    this.delayMs = options.delayMs ?? 0;
  }

  checkKey(): Promise<string> {
    return Promise.resolve('offline stand-in: no key needed');
  }

  async generate(request: GenerateRequest): Promise<GeneratedImage> {
    if (this.delayMs > 0) {
      try {
        await sleep(this.delayMs, undefined, { signal: request.signal });
      } catch {
        throw new ImageError('cancelled', 'The sandbox request was cancelled.', 'Call the tool again when ready.', {
          provider: this.name,
        });
      }
    }
    const [ratioW = 1, ratioH = 1] = request.aspectRatio.split(':').map(Number);
    const long = LONG_EDGE[request.size];
    const width = ratioW >= ratioH ? long : Math.round((long * ratioW) / ratioH);
    const height = ratioW >= ratioH ? Math.round((long * ratioH) / ratioW) : long;

    // Scene colours from the prompt, so different looks differ and the same look repeats.
    const digest = createHash('sha256').update(request.prompt).digest();
    const hue = (digest[0] ?? 0) * 1.4;
    const top = `hsl(${hue.toFixed(0)}, 28%, 62%)`;
    const bottom = `hsl(${((hue + 40) % 360).toFixed(0)}, 22%, 30%)`;

    const personHeight = Math.round(height * 0.72);
    const person = await sharp((request.references[0] as { bytes: Buffer }).bytes)
      .rotate()
      .resize({ height: personHeight, width: Math.round(width * 0.6), fit: 'inside' })
      .png()
      .toBuffer({ resolveWithObject: true });
    const stripe = Math.max(12, Math.round(long / 80));
    const font = Math.round(Math.min(height / 7, width / 6.2));
    const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><pattern id="hazard" width="${stripe * 2}" height="${stripe * 2}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="${stripe}" height="${stripe * 2}" fill="#f2c200"/><rect x="${stripe}" width="${stripe}" height="${stripe * 2}" fill="#1a1a1a"/></pattern></defs>
      <rect x="0" y="0" width="${width}" height="${height}" fill="none" stroke="url(#hazard)" stroke-width="${stripe * 2}"/>
      <text x="50%" y="${Math.round(height * 0.2)}" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="${font}" fill="#ffffff" fill-opacity="0.8" stroke="#000000" stroke-opacity="0.5" stroke-width="${Math.max(2, font / 40)}">SANDBOX</text>
      <text x="50%" y="${Math.round(height * 0.2 + font * 0.55)}" text-anchor="middle" font-family="sans-serif" font-size="${Math.round(Math.min(font / 4, width / 24))}" fill="#ffffff">offline stand-in — not a real generation</text>
    </svg>`);
    const scene = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>
      <rect width="${width}" height="${height}" fill="url(#g)"/></svg>`);
    const bytes = await sharp(scene)
      .composite([
        { input: person.data, left: Math.round((width - person.info.width) / 2), top: height - person.info.height },
        { input: overlay, left: 0, top: 0 },
      ])
      .png({ compressionLevel: 6 })
      .toBuffer();
    return {
      bytes,
      mimeType: 'image/png',
      width,
      height,
      provider: this.name,
      model: this.defaultModel,
      costUsd: 0,
      sandbox: true,
    };
  }
}
