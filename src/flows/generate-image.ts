// generate_look_image's work, apart from MCP: everything that can be refused is checked before
// any spend (prompt, provider, reference photo); then the candidates are made concurrently and
// every image that was paid for is saved, even when a sibling fails.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../core/files.ts';
import { join } from 'node:path';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import type { JobContext } from '../jobs/manager.ts';
import type { RunFolder, RunStore } from '../store/runs.ts';
import { lintAppearance } from '../domain/prompt/linter.ts';
import { checkRules } from '../domain/prompt/rules.ts';
import { ASPECT_RATIOS, type AspectRatio, type Orientation } from '../domain/prompt/template.ts';
import { ImageError } from '../domain/images/errors.ts';
import { EXTENSIONS } from '../core/media.ts';
import { makePreview } from '../domain/images/preview.ts';
import type { GeneratedImage, ImageProvider, ImageSize } from '../domain/images/provider.ts';
import type { ProviderName, ProviderRegistry } from '../domain/images/registry.ts';
import { loadReference, type ReferenceImage } from '../domain/images/reference.ts';
import { withRetries, type RetryPolicy } from '../domain/images/retry.ts';

export interface GenerateLookInput {
  prompt: string;
  orientation: Orientation;
  referenceImage?: string | undefined;
  count: number;
  provider?: ProviderName | undefined;
  model?: string | undefined;
  size: ImageSize;
  name?: string | undefined;
}

export interface PreparedGeneration {
  input: GenerateLookInput;
  /** The first provider; `providers` is the whole chain to fall back along. */
  provider: ImageProvider;
  providers: ImageProvider[];
  /** The model of the first provider (the others use their defaults). */
  model: string;
  aspectRatio: AspectRatio;
  reference: ReferenceImage;
  referenceMs: number;
  warnings: string[];
}

/** What makes two requests the same image order: the prompt, the photo, and every option. */
export function generationFingerprint(prepared: PreparedGeneration): string {
  const { input, provider, model, reference } = prepared;
  const order = {
    prompt: input.prompt,
    reference: reference.sha256,
    orientation: input.orientation,
    count: input.count,
    provider: provider.name,
    providers: prepared.providers.map((p) => p.name),
    model,
    size: input.size,
    name: input.name ?? null,
  };
  return createHash('sha256').update(JSON.stringify(order)).digest('hex');
}

/** What the job runner needs, as JSON: the reference photo itself is in the run folder. */
export interface GenerationJob {
  input: GenerateLookInput;
  provider: ProviderName;
  /** The chain, first provider first: a refusal or an exhausted retry moves to the next. */
  providers: ProviderName[];
  model: string;
  aspectRatio: AspectRatio;
  reference: Omit<ReferenceImage, 'bytes'> & { path: string };
  referenceMs: number;
  warnings: string[];
  run: RunFolder;
}

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
}

export interface GenerateLookResult extends Record<string, unknown> {
  status: 'completed';
  sandbox: boolean;
  run_id: string;
  run_dir: string;
  provider: string;
  model: string;
  size: ImageSize;
  orientation: Orientation;
  aspect_ratio: AspectRatio;
  images: GeneratedFile[];
  failed: Array<{ index: number; kind: string; message: string }>;
  skipped: Array<{ index: number; provider: string; kind: string; message: string }>;
  reference: { source: string; sha256: string; width: number; height: number };
  cost_estimate_usd: number;
  timings_ms: { reference: number; generation: number; total: number };
  warnings: string[];
}

export function runFileUri(runId: string, file: string): string {
  return `avatar-looks://runs/${runId}/${file}`;
}

export interface GenerateDeps {
  config: Config;
  providers: ProviderRegistry;
  runs: RunStore;
  logger: Logger;
  retryPolicy?: RetryPolicy;
}

/** The run folder, with the exact reference photo that will be sent and a first run.json. */
export async function startGeneration(prepared: PreparedGeneration, runs: RunStore): Promise<GenerationJob> {
  const { input, provider, model, reference } = prepared;
  const run = await runs.create(input.name ?? input.prompt.split(/\s+/).slice(0, 6).join(' '));
  const referencePath = join(run.dir, 'reference.jpg');
  await writeFileAtomic(referencePath, reference.bytes);
  const { bytes: _bytes, ...referenceInfo } = reference;
  const job: GenerationJob = {
    input,
    provider: provider.name as ProviderName,
    providers: prepared.providers.map((item) => item.name as ProviderName),
    model,
    aspectRatio: prepared.aspectRatio,
    reference: { ...referenceInfo, path: referencePath },
    referenceMs: prepared.referenceMs,
    warnings: prepared.warnings,
    run,
  };
  await runs.writeRecord(run, runRecord(job, 'queued', new Date().toISOString()));
  return job;
}

function runRecord(job: GenerationJob, status: 'queued' | 'generating' | 'completed' | 'failed', createdAt: string) {
  const { input, reference } = job;
  return {
    id: job.run.id,
    kind: 'generate_look_image',
    status,
    created_at: createdAt,
    sandbox: job.provider === 'sandbox',
    prompt: input.prompt,
    prompt_sha256: createHash('sha256').update(input.prompt).digest('hex'),
    orientation: input.orientation,
    aspect_ratio: job.aspectRatio,
    size: input.size,
    provider: job.provider,
    providers: job.providers,
    model: job.model,
    count: input.count,
    reference: {
      source: reference.source,
      sha256: reference.sha256,
      width: reference.width,
      height: reference.height,
      bytes: reference.originalBytes,
      mime_type: reference.originalMime,
      sent: 'reference.jpg',
    },
    candidates: [] as Array<
      Omit<GeneratedFile, 'path' | 'preview_path' | 'uri'> & { attempts: number; cost_usd: number }
    >,
    failures: [] as Array<{ index: number; kind: string; message: string; attempts: number }>,
    /** Providers passed over, and why: "gemini refused (output_blocked): …". */
    skipped: [] as Array<{ index: number; provider: string; kind: string; message: string }>,
    cost_estimate_usd: 0,
    timings_ms: { reference: job.referenceMs, generation: 0, total: 0 },
    warnings: job.warnings,
  };
}

/** Every check that needs no spend. Throws ImageError with a cause and a next step. */
export async function prepareGeneration(
  input: GenerateLookInput,
  deps: GenerateDeps,
  signal: AbortSignal,
): Promise<PreparedGeneration> {
  const findings = lintAppearance(input.prompt);
  if (findings.length > 0) {
    throw new ImageError(
      'bad_request',
      `Refused before any spend: the prompt describes the person's appearance, which the reference photo already carries: ${findings.map((f) => `"${f.phrase}" (${f.label})`).join(', ')}.`,
      'Remove those words (describe only wardrobe, set, light and pose) or rebuild the prompt with build_look_prompt, then call generate_look_image again.',
    );
  }
  // A model belongs to one provider: it selects that provider, and may not be sent to another.
  const owner = input.model ? providerOfModel(input.model) : undefined;
  if (owner && input.provider && input.provider !== owner && input.provider !== 'sandbox') {
    throw new ImageError(
      'bad_request',
      `The model "${input.model}" belongs to ${owner}, not ${input.provider}.`,
      `Pass provider "${owner}", or leave model out to use ${input.provider}'s default.`,
    );
  }
  const providers = await deps.providers.chain(input.provider ?? owner);
  const provider = providers[0] as ImageProvider;
  const model = input.model ?? provider.defaultModel;
  if (!/^[\w.-]{1,80}$/.test(model)) {
    throw new ImageError(
      'config',
      `"${model}" is not a model id.`,
      `Leave model out to use ${provider.defaultModel}, or pass an id such as gemini-3.1-flash-image.`,
    );
  }
  const started = performance.now();
  const reference = await loadReference(input.referenceImage ?? deps.config.referenceImage, {
    allowPrivateUrls: deps.config.allowPrivateUrls,
    signal,
  });
  const referenceMs = Math.round(performance.now() - started);

  const warnings: string[] = [];
  if (provider.sandbox) {
    warnings.push(
      "SANDBOX: this image is an offline stand-in, not a real generation. Set GEMINI_API_KEY (or GOOGLE_API_KEY) in the server's environment to generate with Gemini.",
    );
  }
  if (Math.min(reference.width, reference.height) < 384) {
    warnings.push(
      `The reference photo is only ${reference.width}×${reference.height}; a sharper, larger face photo keeps the identity better.`,
    );
  }
  const missing = checkRules(input.prompt).filter((rule) => !rule.satisfied && rule.id !== 'reference-image');
  if (missing.length > 0) {
    warnings.push(
      `The prompt misses photorealism rule(s) ${missing.map((rule) => `${rule.number} (${rule.name})`).join(', ')}; build_look_prompt can fix that.`,
    );
  }
  if (provider.name === 'flux' && input.size === '4K')
    warnings.push('FLUX makes at most 2048 px on the long side: the image is 2K, not 4K.');
  if (input.orientation === 'square')
    warnings.push("Square looks render badly in Video Agent; use the video's orientation unless the video is square.");
  return {
    input,
    provider,
    providers,
    model,
    aspectRatio: ASPECT_RATIOS[input.orientation],
    reference,
    referenceMs,
    warnings,
  };
}

/** The job (in the job runner): makes the candidates, saves each with a preview, keeps run.json current. */
export async function runGeneration(
  job: GenerationJob,
  deps: GenerateDeps,
  context: JobContext,
): Promise<GenerateLookResult> {
  const { input, run } = job;
  const chain = await Promise.all((job.providers ?? [job.provider]).map((name) => deps.providers.resolve(name)));
  const reference = { bytes: await readFile(job.reference.path), mimeType: 'image/jpeg' };
  const started = performance.now();
  const previous = await deps.runs.readRecord(run.id);
  const record = runRecord(
    job,
    'generating',
    typeof previous?.created_at === 'string' ? previous.created_at : new Date().toISOString(),
  );
  // run.json is the record, not the product: a failed write is logged, never a reason to drop images.
  const writeRecord = (why: string) =>
    deps.runs
      .writeRecord(run, record)
      .catch((error: unknown) =>
        deps.logger.error('could not update run.json', { run: run.id, why, message: (error as Error).message }),
      );
  await writeRecord('start');
  const jobContext = context;

  const states = Array.from({ length: input.count }, () => 'waiting for the provider');
  const report = () => {
    const done = record.candidates.length + record.failures.length;
    jobContext.progress(
      5 + (90 * done) / input.count,
      input.count === 1 ? `Candidate 1: ${states[0]}.` : states.map((state, i) => `${i + 1}: ${state}`).join('; '),
    );
  };
  report();

  const { saved, firstError } = await makeCandidates(
    {
      chain,
      prompt: input.prompt,
      reference,
      aspectRatio: job.aspectRatio,
      size: input.size,
      model: job.model,
      indices: Array.from({ length: input.count }, (_, i) => i + 1),
      run,
      logger: deps.logger,
      retryPolicy: deps.retryPolicy,
      signal: jobContext.signal,
    },
    {
      state: (offset, state) => {
        states[offset] = state;
        report();
      },
      skipped: (entry) => record.skipped.push(entry),
      saved: async (file, costUsd, attempts) => {
        const { path: _path, preview_path: _preview, uri: _uri, ...stored } = file;
        record.candidates.push({ ...stored, attempts, cost_usd: costUsd });
        record.cost_estimate_usd = round(record.cost_estimate_usd + costUsd);
        await writeRecord(`candidate ${file.index}`);
      },
      failed: async (index, failure, attempts) => {
        record.failures.push({ index, kind: failure.kind, message: failure.message, attempts });
        await writeRecord(`candidate ${index}`);
      },
    },
  );

  const total = Math.round(performance.now() - started + job.referenceMs);
  record.timings_ms = { reference: job.referenceMs, generation: Math.round(performance.now() - started), total };
  record.status = saved.length > 0 ? 'completed' : 'failed';
  await writeRecord('end');
  deps.logger.info('generate_look_image finished', {
    run: run.id,
    providers: job.providers,
    made: saved.length,
    failed: record.failures.length,
    skipped: record.skipped.length,
    ms: total,
  });

  if (saved.length === 0) {
    const error = firstError ?? new ImageError('no_image', 'No image was made.', 'Try again.');
    // Say why every provider before the last was passed over, not only what the last one said.
    const passed = [...new Map(record.skipped.map((skip) => [`${skip.provider}|${skip.kind}`, skip])).values()];
    const before =
      passed.length > 0 ? ` Before that: ${passed.map((skip) => `${skip.provider} — ${skip.message}`).join(' ')}` : '';
    throw new ImageError(
      error.kind,
      `${error.message}${input.count > 1 ? ` (all ${input.count} candidates failed)` : ''}${before}`,
      `${error.nextStep} The attempt is recorded in ${join(run.dir, 'run.json')}.`,
      { provider: error.provider },
    );
  }
  const first = saved[0] as GeneratedFile;
  // run.json names the provider that made the image (the first asked may have been passed over).
  Object.assign(record, {
    provider: first.provider,
    model: first.model,
    requested_provider: job.provider,
    requested_model: job.model,
  });
  await writeRecord('provider');
  return {
    status: 'completed',
    sandbox: chain.some((item) => item.sandbox && item.name === first.provider),
    run_id: run.id,
    run_dir: run.dir,
    provider: first.provider,
    model: first.model,
    size: input.size,
    orientation: input.orientation,
    aspect_ratio: job.aspectRatio,
    images: saved,
    failed: record.failures
      .map(({ index, kind, message }) => ({ index, kind, message }))
      .sort((a, b) => a.index - b.index),
    skipped: record.skipped.sort((a, b) => a.index - b.index),
    reference: {
      source: job.reference.source,
      sha256: job.reference.sha256,
      width: job.reference.width,
      height: job.reference.height,
    },
    cost_estimate_usd: record.cost_estimate_usd,
    timings_ms: record.timings_ms,
    warnings: job.warnings,
  };
}

export interface CandidateOrder {
  /** The providers to try in order for each candidate. */
  chain: ImageProvider[];
  prompt: string;
  reference: { bytes: Buffer; mimeType: string };
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
                  reference: order.reference,
                  aspectRatio: order.aspectRatio,
                  size: order.size,
                  model,
                  signal: order.signal,
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
 * Saves a paid image (crash-safe: temp file, fsync, rename), trying again before giving up; a
 * failure is a storage problem with its cause, never "try again" (that would pay twice).
 */
/** The provider a model id belongs to, by its family name. */
function providerOfModel(model: string): ProviderName | undefined {
  if (/^gemini-/.test(model)) return 'gemini';
  if (/^(gpt-image-|dall-e)/.test(model)) return 'openai';
  if (/^flux-/.test(model)) return 'flux';
  if (/^sandbox-/.test(model)) return 'sandbox';
  return undefined;
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
  };
}

const round = (usd: number) => Math.round(usd * 1000) / 1000;
