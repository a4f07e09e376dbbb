// generate_look_image's use case: everything that can be refused is checked before any spend
// (prompt, provider, reference photo); then a job makes the candidates concurrently and every
// image that was paid for is saved, even when a sibling fails. An identical request within ten
// minutes gets the earlier job back instead of paying again.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import {
  ASPECT_RATIOS,
  IMAGE_SIZES,
  ORIENTATIONS,
  type AspectRatio,
  type ImageSize,
  type Orientation,
} from '../core/types.ts';
import { ImageError } from '../domain/images/errors.ts';
import type { ImageProvider } from '../domain/images/provider.ts';
import type { ReferenceImage } from '../domain/images/reference.ts';
import type { FaceChecker } from '../domain/faces/checker.ts';
import {
  PROVIDER_NAMES,
  providerOfModel,
  type ProviderName,
  type ProviderRegistry,
} from '../domain/images/registry.ts';
import type { RetryPolicy } from '../domain/images/retry.ts';
import { appearanceRefusal } from '../domain/prompt/refusal.ts';
import { checkRules } from '../domain/prompt/rules.ts';
import type { JobContext, JobKind, JobRecord } from '../jobs/record.ts';
import { generationRun, type GenerationRun } from '../store/records.ts';
import type { RunStore } from '../store/runs.ts';
import { makeCandidates, type GeneratedFile } from './candidates.ts';
import type { Services } from './deps.ts';
import {
  loadReferences,
  refuseMixedReferences,
  referenceFile,
  referenceSources,
  saveReferences,
} from './references.ts';

export const GENERATE_LOOK_IMAGE = 'generate_look_image';
/** How long a finished job is handed back to an identical request instead of paying again. */
const REUSE_WITHIN_MS = 10 * 60_000;

export interface GenerateLookInput {
  prompt: string;
  orientation: Orientation;
  /** The caller's reference photos (1–5); the configured ones when none. */
  referenceImages?: string[] | undefined;
  count: number;
  provider?: ProviderName | 'heygen' | undefined;
  model?: string | undefined;
  size: ImageSize;
  name?: string | undefined;
  looks?: boolean | undefined; // create_look: the chain may hold heygen (a look HeyGen makes itself)
}

export interface PreparedGeneration {
  input: GenerateLookInput;
  /** The first provider; `providers` is the whole chain to fall back along. */
  provider: ImageProvider;
  providers: ImageProvider[];
  /** The model of the first provider (the others use their defaults). */
  model: string;
  aspectRatio: AspectRatio;
  /** The person's photos, in order (the first is the main one). */
  references: ReferenceImage[];
  referenceMs: number;
  warnings: string[];
}

/** What makes two requests the same image order: the prompt, the photo, and every option. */
export function generationFingerprint(prepared: PreparedGeneration): string {
  const { input, provider, model, references } = prepared;
  const order = {
    prompt: input.prompt,
    reference: references.length === 1 ? references[0]!.sha256 : references.map((reference) => reference.sha256),
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

/** What the job runner is given, as JSON: the reference photo itself is in the run folder. */
const generationJob = z.object({
  input: z.object({
    prompt: z.string(),
    orientation: z.enum(ORIENTATIONS),
    count: z.number().int(),
    provider: z.enum(PROVIDER_NAMES).optional(),
    model: z.string().optional(),
    size: z.enum(IMAGE_SIZES),
    name: z.string().optional(),
  }),
  provider: z.enum(PROVIDER_NAMES),
  /** The chain, first provider first: a refusal or an exhausted retry moves to the next. */
  providers: z.array(z.enum(PROVIDER_NAMES)),
  model: z.string(),
  aspectRatio: z.enum(Object.values(ASPECT_RATIOS) as [AspectRatio, ...AspectRatio[]]),
  references: z.array(
    z.object({
      path: z.string(),
      source: z.string(),
      sha256: z.string(),
      width: z.number(),
      height: z.number(),
      originalBytes: z.number(),
      originalMime: z.string(),
    }),
  ),
  referenceMs: z.number(),
  warnings: z.array(z.string()),
  run: z.object({ id: z.string(), dir: z.string() }),
});
export type GenerationJob = z.infer<typeof generationJob>;

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
  /** Every reference photo sent (the first is `reference`). */
  references: Array<{ source: string; sha256: string; width: number; height: number }>;
  cost_estimate_usd: number;
  timings_ms: { reference: number; generation: number; total: number };
  warnings: string[];
}

export interface GenerateDeps {
  config: Config;
  providers: ProviderRegistry;
  runs: RunStore;
  logger: Logger;
  retryPolicy?: RetryPolicy | undefined;
  /** The face checks, to refuse a mix of people among the reference photos; none when the gate is off. */
  faces?: (() => Promise<FaceChecker | undefined>) | undefined;
}

/** The job generate_look_image follows: an identical recent one, or a new one. */
export interface GenerationStarted {
  job: JobRecord;
  /** Set when an earlier identical job is returned instead of a new one. */
  note?: string;
}

/** generate_look_image: checks everything that needs no spend, then finds or starts the job. */
export async function startImageGeneration(
  services: Services,
  input: GenerateLookInput,
  options: { forceNew: boolean; signal: AbortSignal },
): Promise<GenerationStarted> {
  const prepared = await prepareGeneration(input, services, options.signal);
  const fingerprint = generationFingerprint(prepared);
  const same = options.forceNew
    ? undefined
    : await services.jobs.findSame(GENERATE_LOOK_IMAGE, fingerprint, REUSE_WITHIN_MS);
  if (same) {
    const ago = Math.round((Date.now() - Date.parse(same.created_at)) / 1000);
    const state = same.status === 'running' ? 'is already running' : 'finished';
    return {
      job: same,
      note: `The same request (prompt, photo and options) ${state} as ${same.id}, started ${ago} s ago: this is that job, not a new one paid for again. Pass force_new: true for new images.`,
    };
  }
  await services.jobs.assertRoom(); // before a run folder is made: a full home starts nothing
  const generation = await startGeneration(prepared, services.runs);
  return { job: await services.jobs.start(GENERATE_LOOK_IMAGE, generation, generation.run, fingerprint) };
}

/** The run folder, with the exact reference photo that will be sent and a first run.json. */
export async function startGeneration(prepared: PreparedGeneration, runs: RunStore): Promise<GenerationJob> {
  const { input, provider, model } = prepared;
  const run = await runs.create(input.name ?? input.prompt.split(/\s+/).slice(0, 6).join(' '));
  const references = await saveReferences(run.dir, prepared.references);
  // The caller's raw references (signed URLs, 20 MB data: URLs) are not kept: the photos are in the run.
  const { referenceImages: _raw, looks: _looks, ...kept } = input;
  const job: GenerationJob = {
    input: { ...kept, provider: kept.provider as ProviderName | undefined }, // heygen is create_look's only
    provider: provider.name as ProviderName,
    providers: prepared.providers.map((item) => item.name as ProviderName),
    model,
    aspectRatio: prepared.aspectRatio,
    references,
    referenceMs: prepared.referenceMs,
    warnings: prepared.warnings,
    run,
  };
  await runs.writeRecord(run, runRecord(job, 'queued', new Date().toISOString()));
  return job;
}

/** generate_look_image as a job kind (the job runner's side). */
export function generationJobKind(deps: GenerateDeps): JobKind {
  return {
    timeLimitMs: 20 * 60_000,
    run: (input, context) => runGeneration(generationJob.parse(input), deps, context),
  };
}

function runRecord(job: GenerationJob, status: GenerationRun['status'], createdAt: string): GenerationRun {
  const { input } = job;
  const reference = job.references[0]!;
  return {
    id: job.run.id,
    kind: 'generate_look_image' as const,
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
      sent: 'reference.jpg' as const,
    },
    references: job.references.map((photo, index) => ({
      source: photo.source,
      sha256: photo.sha256,
      width: photo.width,
      height: photo.height,
      sent: referenceFile(index),
    })),
    candidates: [],
    failures: [],
    /** Providers passed over, and why: "gemini refused (output_blocked): …". */
    skipped: [],
    cost_estimate_usd: 0,
    timings_ms: { reference: job.referenceMs, generation: 0, total: 0 },
    warnings: job.warnings,
  };
}

/** Said in the result whenever sandbox mode stood in a sample face for the person. */
export const SANDBOX_FACE_NOTE =
  "SANDBOX: no reference photo was configured, so a sample face (a crop of face-api's demo photo) stands in for the person. Set AVATAR_REFERENCE_IMAGE to a clear, front-facing photo of the avatar's person.";

/** Every check that needs no spend. Throws ImageError with a cause and a next step. */
export async function prepareGeneration(
  input: GenerateLookInput,
  deps: Pick<GenerateDeps, 'config' | 'providers'> & Pick<Services, 'files' | 'sandboxFace'>,
  signal: AbortSignal,
): Promise<PreparedGeneration> {
  const refusal = appearanceRefusal(input.prompt);
  if (refusal) {
    throw new ImageError(
      'bad_request',
      `Refused before any spend: the prompt describes the person's appearance, which the reference photo already carries: ${refusal.phrases}.\n${refusal.without}`,
      'Remove those words (describe only wardrobe, set, light and pose), or rebuild the prompt with build_look_prompt, then call generate_look_image again.',
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
  const providers = await deps.providers.chain(input.provider ?? owner, { looks: input.looks === true });
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
  const sources = referenceSources({ several: input.referenceImages }, deps.config.referenceImages);
  // Sandbox mode with no reference configured brings its own face (and says so).
  const standIn = sources.length === 0 && deps.sandboxFace;
  const references = await loadReferences(deps, standIn ? [await standIn()] : sources, signal);
  const referenceMs = Math.round(performance.now() - started);
  const warnings: string[] = standIn ? [SANDBOX_FACE_NOTE] : [];
  if (provider.sandbox) {
    warnings.push(
      "SANDBOX: this image is an offline stand-in, not a real generation. Set GEMINI_API_KEY (or GOOGLE_API_KEY) in the server's environment to generate with Gemini.",
    );
  }
  for (const [index, photo] of references.entries())
    if (Math.min(photo.width, photo.height) < 384)
      warnings.push(
        `${references.length === 1 ? 'The reference photo' : `Reference photo ${index + 1}`} is only ${photo.width}×${photo.height}; a sharper, larger face photo keeps the identity better.`,
      );
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
    references,
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
  const { run } = job;
  const chain = await Promise.all(job.providers.map((name) => deps.providers.resolve(name)));
  await refuseMixedReferences(job.references, deps.faces);
  const references = await Promise.all(
    job.references.map(async (photo) => ({ bytes: await readFile(photo.path), mimeType: 'image/jpeg' })),
  );
  const started = performance.now();
  const previous = await deps.runs.readRecord(run.id, generationRun);
  const record = runRecord(job, 'generating', previous?.created_at ?? new Date().toISOString());
  // run.json is the record, not the product: a failed write is logged, never a reason to drop images.
  const writeRecord = (why: string) =>
    deps.runs
      .writeRecord(run, record)
      .catch((error: unknown) =>
        deps.logger.error('could not update run.json', { run: run.id, why, message: (error as Error).message }),
      );
  await writeRecord('start');
  const { saved, firstError } = await makeAll(job, deps, context, record, writeRecord, chain, references);
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

  if (saved.length === 0) throw nothingMade(job, record, firstError);
  const first = saved[0] as GeneratedFile;
  // run.json names the provider that made the image (the first asked may have been passed over).
  Object.assign(record, {
    provider: first.provider,
    model: first.model,
    requested_provider: job.provider,
    requested_model: job.model,
  });
  await writeRecord('provider');
  return resultOf(
    job,
    record,
    saved,
    chain.some((item) => item.sandbox && item.name === first.provider),
  );
}

/** The run's candidates, each recorded in run.json as it lands. */
async function makeAll(
  job: GenerationJob,
  deps: GenerateDeps,
  jobContext: JobContext,
  record: GenerationRun,
  writeRecord: (why: string) => Promise<void>,
  chain: ImageProvider[],
  references: Array<{ bytes: Buffer; mimeType: string }>,
) {
  const { input, run } = job;
  const states = Array.from({ length: input.count }, () => 'waiting for the provider');
  const report = () => {
    const done = record.candidates.length + record.failures.length;
    jobContext.progress(
      5 + (90 * done) / input.count,
      input.count === 1 ? `Candidate 1: ${states[0]}.` : states.map((state, i) => `${i + 1}: ${state}`).join('; '),
    );
  };
  report();

  return makeCandidates(
    {
      chain,
      prompt: input.prompt,
      references,
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
}

/** Every candidate failed: the first failure, with why each provider before the last was passed over. */
function nothingMade(job: GenerationJob, record: GenerationRun, firstError: ImageError | undefined): ImageError {
  const { input, run } = job;
  const error = firstError ?? new ImageError('no_image', 'No image was made.', 'Try again.');
  // Say why every provider before the last was passed over, not only what the last one said.
  const passed = [...new Map(record.skipped.map((skip) => [`${skip.provider}|${skip.kind}`, skip])).values()];
  const before =
    passed.length > 0 ? ` Before that: ${passed.map((skip) => `${skip.provider} — ${skip.message}`).join(' ')}` : '';
  return new ImageError(
    error.kind,
    `${error.message}${input.count > 1 ? ` (all ${input.count} candidates failed)` : ''}${before}`,
    `${error.nextStep} The attempt is recorded in ${join(run.dir, 'run.json')}.`,
    { provider: error.provider },
  );
}

function resultOf(
  job: GenerationJob,
  record: GenerationRun,
  saved: GeneratedFile[],
  sandbox: boolean,
): GenerateLookResult {
  const { input, run } = job;
  const first = saved[0] as GeneratedFile;
  return {
    status: 'completed',
    sandbox,
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
    reference: shown(job.references[0]!),
    references: job.references.map(shown),
    cost_estimate_usd: record.cost_estimate_usd,
    timings_ms: record.timings_ms,
    warnings: job.warnings,
  };
}

const shown = ({ source, sha256, width, height }: GenerationJob['references'][number]) => ({
  source,
  sha256,
  width,
  height,
});

const round = (usd: number) => Math.round(usd * 1000) / 1000;
