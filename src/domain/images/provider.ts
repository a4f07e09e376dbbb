// The interface every image provider implements (Gemini, OpenAI, FLUX, and the sandbox's stand-in).

import sharp from 'sharp';
import type { AspectRatio, ImageSize } from '../../core/types.ts';
import { ImageError } from './errors.ts';
import { sniffImage, type ImageMime } from '../../core/media.ts';

export interface GenerateRequest {
  prompt: string;
  /** The person's reference photos, 1–5, the first the main one: all are sent where the model takes several. */
  references: ReferencePhoto[];
  aspectRatio: AspectRatio;
  size: ImageSize;
  /** A model of this provider; the provider's default when absent. */
  model?: string | undefined;
  signal: AbortSignal;
  onProgress?: ((message: string) => void) | undefined;
  /** The candidate's number in its run (1, 2, …): a provider that makes something at HeyGen keys it by this. */
  index?: number | undefined;
}

export interface ReferencePhoto {
  bytes: Buffer;
  mimeType: string;
}

export interface GeneratedImage {
  bytes: Buffer;
  /** From the bytes, not from what the provider claimed. */
  mimeType: ImageMime;
  width: number;
  height: number;
  provider: string;
  model: string;
  costUsd: number;
  /** True only for the offline sandbox provider: never presented as a real generation. */
  sandbox: boolean;
  /** Made as a HeyGen look (the heygen provider): the image is that look's preview. */
  look?: { id: string; group_id: string; base_look_id: string } | undefined;
}

export interface ImageProvider {
  readonly name: string;
  readonly models: readonly string[];
  readonly defaultModel: string;
  readonly sandbox: boolean;
  /** The published price of one image of this model, in USD: what approval quotes before paying. */
  priceUsd?(model: string): number;
  /** One attempt; retries are the caller's (withRetries), in one place. */
  generate(request: GenerateRequest): Promise<GeneratedImage>;
  /** The cheapest read that proves the key works (nothing is generated or paid); says what it saw. */
  checkKey(signal: AbortSignal): Promise<string>;
}

/** Reads the real format and size of image bytes a provider returned. */
export async function describeImage(
  bytes: Buffer,
  provider: string,
): Promise<{ mimeType: ImageMime; width: number; height: number }> {
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') {
    throw new ImageError(
      'no_image',
      `${provider} answered with ${sniffed.description} instead of an image.`,
      'Try again; if it keeps happening, try another model.',
      { retryable: true, provider },
    );
  }
  const meta = await sharp(bytes).metadata();
  return { mimeType: sniffed.mime, width: meta.width ?? 0, height: meta.height ?? 0 };
}
