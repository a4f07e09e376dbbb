// Making the candidates of a run: concurrently, each along the provider chain with retries, and
// every image that was paid for saved at once (crash-safe), with its preview, even when a sibling
// fails. Shared by generate_look_image and create_look.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../core/files.ts';
import type { Logger } from '../core/log.ts';
import { EXTENSIONS } from '../core/media.ts';
import type { AspectRatio, ImageSize } from '../core/types.ts';
import { ImageError } from '../domain/images/errors.ts';
import { makePreview } from '../domain/images/preview.ts';
import type { GeneratedImage, ImageProvider } from '../domain/images/provider.ts';
import { withRetries, type RetryPolicy } from '../domain/images/retry.ts';
import { runFileUri, type RunFolder } from '../store/runs.ts';

export interface GeneratedFile {
  index: number;
  /** Which provider and model made this image (with fallback, they can differ per candidate). */
  provider: string;
  model: string;
  path: string;
  file: string;
  uri: string;
  preview_path: string;
  preview_file: string;
  mime_type: string;
  width: number;
  height: number;
  size_bytes: number;
  sha256: string;
  /** The HeyGen look this image is the preview of (the heygen provider). */
  look?: { id: string; group_id: string; base_look_id: string } | undefined;
}

export interface CandidateOrder {
  /** The providers to try in order for each candidate. */
  chain: ImageProvider[];
  prompt: string;
  references: Array<{ bytes: Buffer; mimeType: string }>;
  aspectRatio: AspectRatio;
  size: ImageSize;
  /** The first provider's model; the others use their defaults. */
  model: string;
  /** The candidate numbers to make (file names follow them: candidate-<n>.jpg). */
  indices: number[];
  run: RunFolder;
  logger: Logger;
  retryPolicy?: RetryPolicy | undefined;
  signal: AbortSignal;
}

export interface CandidateEvents {
  /** A candidate's state changed ("waiting for the provider", "saving", "done", …); offset is its position in `indices`. */
  state(offset: number, state: string): void;
  skipped(entry: { index: number; provider: string; kind: string; message: string }): void;
  /** An image was made and saved (it is paid for: record it at once). */
  saved(file: GeneratedFile, costUsd: number, attempts: number): Promise<void> | void;
  failed(index: number, error: ImageError, attempts: number): Promise<void> | void;
}

/**
 * Makes the candidates concurrently, each along the provider chain with retries, and saves every
 * image as it lands. Never throws for a candidate's failure: a paid sibling is never lost to it.
 */
export async function makeCandidates(
  order: CandidateOrder,
  events: CandidateEvents,
): Promise<{ saved: GeneratedFile[]; firstError: ImageError | undefined }> {
  const { chain } = order;
  const saved: GeneratedFile[] = [];
  let firstError: ImageError | undefined;
  // One record write at a time, in the order candidates land.
  let writes = Promise.resolve();
  const serial = (write: () => Promise<void> | void) => {
    writes = writes.then(write, write);
    return writes;
  };
  await Promise.all(
    order.indices.map(async (index, offset) => {
      let attempts = 0;
      try {
        let image: GeneratedImage | undefined;
        for (const [position, provider] of chain.entries()) {
          const model = position === 0 ? order.model : provider.defaultModel;
          try {
            image = await withRetries(
              (attempt) => {
                attempts = attempt;
                return provider.generate({
                  prompt: order.prompt,
                  references: order.references,
                  aspectRatio: order.aspectRatio,
                  size: order.size,
                  model,
                  signal: order.signal,
                  index,
                });
              },
              {
                signal: order.signal,
                onRetry: (error, attempt, waitMs) =>
                  events.state(
                    offset,
                    `${provider.name}: ${error.kind.replace('_', ' ')} on attempt ${attempt}, retrying in ${Math.ceil(waitMs / 1000)} s`,
                  ),
              },
              order.retryPolicy,
            );
            break;
          } catch (error) {
            const last = position === chain.length - 1;
            if (!(error instanceof ImageError) || last || !mayFallBack(error)) throw error;
            // A refusal, a key without quota, retries that ran out, a misconfigured provider:
            // the next provider in the chain may well succeed.
            events.skipped({ index, provider: provider.name, kind: error.kind, message: error.message });
            events.state(
              offset,
              `${provider.name} ${error.kind.replace('_', ' ')}, trying ${chain[position + 1]?.name}`,
            );
          }
        }
        if (!image) throw new ImageError('no_image', 'No provider made an image.', 'Try again.');
        events.state(offset, 'saving');
        const file = await saveCandidate(order.run, index, image, order.logger);
        saved.push(file);
        const paid = image;
        await serial(() => events.saved(file, paid.costUsd, attempts));
        events.state(offset, 'done');
      } catch (error) {
        const failure =
          error instanceof ImageError
            ? error
            : new ImageError('unavailable', (error as Error).message, 'Try again.', { cause: error });
        firstError ??= failure;
        await serial(() => events.failed(index, failure, Math.max(attempts, failure.attempts)));
        events.state(offset, `failed (${failure.kind.replace('_', ' ')})`);
      }
    }),
  );
  saved.sort((a, b) => a.index - b.index);
  return { saved, firstError };
}

/**
 * Whether the next provider may be tried: only when the first certainly made (and billed) no
 * image. A timeout, a connection that broke after sending, or a task that failed after it was
 * accepted may have been billed: trying another provider would pay twice, so those stop.
 */
function mayFallBack(error: ImageError): boolean {
  switch (error.kind) {
    case 'prompt_blocked':
    case 'output_blocked':
    case 'no_quota':
    case 'rate_limited':
    case 'auth':
    case 'config':
    case 'bad_request':
    case 'no_image':
      return true;
    case 'unavailable':
      return error.retryable; // 5xx or never connected, after its retries
    default:
      return false; // timeout, cancelled, storage, reference, a broken connection after sending
  }
}

/**
 * Saves a paid image (crash-safe: temp file, fsync, rename), trying again before giving up; a
 * failure is a storage problem with its cause, never "try again" (that would pay twice).
 */
async function saveCandidate(
  run: RunFolder,
  index: number,
  image: GeneratedImage,
  logger: Logger,
): Promise<GeneratedFile> {
  // The extension follows the bytes, not the provider's claim: JPEG is saved as .jpg.
  const file = `candidate-${index}.${EXTENSIONS[image.mimeType]}`;
  const previewFile = `candidate-${index}.preview.jpg`;
  const preview = await makePreview(image.bytes);
  for (let attempt = 1; ; attempt++) {
    try {
      await writeFileAtomic(join(run.dir, file), image.bytes);
      await writeFileAtomic(join(run.dir, previewFile), preview.bytes);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      logger.error('could not save a generated image', { run: run.id, index, attempt, code });
      if (attempt >= 3) {
        throw new ImageError(
          'storage',
          `Candidate ${index} was generated but could not be saved in ${run.dir} (${code}).`,
          code === 'ENOSPC'
            ? 'Free some disk space (or set AVATAR_LOOKS_HOME to a disk with room) before generating again.'
            : `Check that ${run.dir} is writable before generating again.`,
        );
      }
      await sleep(200 * attempt);
    }
  }
  return {
    index,
    provider: image.provider,
    model: image.model,
    path: join(run.dir, file),
    file,
    uri: runFileUri(run.id, file),
    preview_path: join(run.dir, previewFile),
    preview_file: previewFile,
    mime_type: image.mimeType,
    width: image.width,
    height: image.height,
    size_bytes: image.bytes.length,
    sha256: createHash('sha256').update(image.bytes).digest('hex'),
    ...(image.look ? { look: image.look } : {}),
  };
}
