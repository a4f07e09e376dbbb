// create_look's work, apart from MCP: from a prompt and a reference photo to a HeyGen look that
// is ready for Video Agent, as one resumable run.
//
// run.json is the source of truth. Every step records its inputs and outputs as they happen;
// before a call that makes something at HeyGen (upload, add) the run records its intent, and
// right after, the returned id. A job that resumes the run skips what is done, and after a crash
// between an add's intent and its id it first looks in the group for a look carrying the run id
// before it ever adds again.

import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../core/config.ts';
import type { HeyGenClient } from '../../domain/heygen/client.ts';
import { HeyGenError } from '../../domain/heygen/errors.ts';
import { addLookOnce, INVISIBLE_GRACE_MS, isLookNotFound, isLookReady, looksMatching } from '../../domain/heygen/looks.ts';
import { data, look as lookSchema, type Look } from '../../domain/heygen/schemas.ts';
import { checkUploadFile, uploadAsset } from '../../domain/heygen/assets.ts';
import { ImageError } from '../../domain/images/errors.ts';
import { EXTENSIONS, sniffImage } from '../../core/media.ts';
import { makePreview } from '../../domain/images/preview.ts';
import { makeCandidates, runFileUri, type GeneratedFile } from '../generate-image.ts';
import type { ImageSize } from '../../domain/images/provider.ts';
import type { ProviderName, ProviderRegistry } from '../../domain/images/registry.ts';
import type { RetryPolicy } from '../../domain/images/retry.ts';
import { redact, secretValues, type Logger } from '../../core/log.ts';
import type { AspectRatio, Orientation } from '../../domain/prompt/template.ts';
import { PipelineError } from './errors.ts';
import { createExclusive, writeFileAtomic } from '../../core/files.ts';
import { gateCandidate, NO_FACE_CHECK, type FaceChecker, type GateCheck, type GateMode } from '../gate.ts';
import { isOurRunner, type JobContext } from '../../jobs/manager.ts';
import type { RunFolder, RunStore } from '../../store/runs.ts';

export const CREATE_LOOK = 'create_look';
/** Provider outcomes the same prompt would meet again: a re-call returns them instead of paying again. */
const FINAL_IMAGE_ERRORS = new Set(['prompt_blocked', 'output_blocked', 'reference']);
export const STEPS = ['prompt', 'generate', 'gate', 'upload', 'add', 'wait'] as const;
export type StepName = (typeof STEPS)[number];

/** Rounds of generation when no candidate passes the gate (the first round included). */
export const MAX_ROUNDS = 2;
/** How long the wait step follows a look that HeyGen is still processing. */
const LOOK_WAIT_MS = 10 * 60_000;
/** How long the upload and add steps keep waiting out HeyGen 429s (each 429 made nothing). */
const BUSY_WAIT_MS = 5 * 60_000;
/** After an add whose answer was lost, how long to keep looking for its look before adding again. */
const ADD_VISIBLE_MS = 30_000;

/** The caller's inputs, normalised: what an idempotency key is compared on. */
export interface CreateLookRequest {
  key: string;
  topic: string | null;
  angle: string | null;
  expression: string | null;
  wardrobe: string | null;
  environment: string | null;
  lighting: string | null;
  details: string | null;
  props: string[] | null;
  prompt: string | null;
  orientation: Orientation;
  /** As given, with data: URLs and URL query strings (signatures) replaced by a hash. */
  reference_image: string | null;
  group_id: string | null;
  provider: string | null;
  model: string | null;
  candidates: number;
  size: ImageSize;
  name: string | null;
}

/** Field names whose values differ (the key is the same by construction). */
export function requestDifferences(before: Record<string, unknown>, now: CreateLookRequest): string[] {
  return (Object.keys(now) as Array<keyof CreateLookRequest>).filter(
    (field) => field !== 'key' && JSON.stringify(before[field] ?? null) !== JSON.stringify(now[field] ?? null),
  );
}

/** Query parameters of signed URLs (S3, GCS, Azure SAS, CloudFront, generic tokens). */
const SIGNING =
  /^(x-amz-|x-goog-|sig$|signature$|token$|access_token$|expires$|key-pair-id$|policy$|se$|sp$|sv$|sr$|st$|spr$|sip$|skoid$|sktid$|skt$|ske$|sks$|skv$|auth|key$|apikey$|api_key$)/i;

/** A reference as it may be written to disk and compared under a key: no data: payloads, no signed query strings. */
export function describeReferenceInput(value: string | undefined): string | null {
  if (value === undefined) return null;
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  if (/^data:/i.test(value)) return `data:…;sha256=${hash(value)}`;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      // Signing parameters are dropped: a pipeline re-signs the same photo's URL on every call.
      // The others (?id=2) say which photo it is, and stay.
      const kept = [...url.searchParams].filter(([name]) => !SIGNING.test(name));
      const query = new URLSearchParams(kept).toString();
      return `${url.origin}${url.pathname}${query ? `?${query}` : ''}${kept.length < [...url.searchParams].length ? `${query ? '&' : '?'}…` : ''}`;
    } catch {
      return `url;sha256=${hash(value)}`;
    }
  }
  return value;
}

export interface StepRecord {
  status: 'pending' | 'running' | 'completed' | 'failed';
  started_at?: string;
  finished_at?: string;
  ms?: number;
}

export type StoredCandidate = Omit<GeneratedFile, 'path' | 'preview_path' | 'uri'> & {
  round: number;
  attempts: number;
  cost_usd: number;
};

export interface CreateLookRun extends Record<string, unknown> {
  id: string;
  kind: 'create_look';
  key: string;
  status: 'running' | 'completed' | 'failed';
  sandbox: boolean;
  created_at: string;
  updated_at: string;
  request: CreateLookRequest;
  prompt: { text: string; source: 'built' | 'custom'; preset: string | null; missing_rules: string[] };
  generation: {
    provider: ProviderName;
    providers: ProviderName[];
    model: string;
    aspect_ratio: AspectRatio;
    size: ImageSize;
    count: number;
  };
  reference: { source: string; sha256: string; width: number; height: number; sent: 'reference.jpg' };
  group_id: string;
  /** Carries the run id, so the run can find its look in the group after a crash. */
  look_name: string;
  job_id?: string;
  /** Jobs that worked on this run, in order (a resumed run has several). */
  jobs: string[];
  steps: Record<StepName, StepRecord>;
  rounds: number;
  candidates: StoredCandidate[];
  failures: Array<{ index: number; round: number; kind: string; message: string; attempts: number; job_id?: string }>;
  skipped: Array<{ index: number; provider: string; kind: string; message: string }>;
  gate: { mode: GateMode; face_checks: boolean; note?: string; checks: GateCheck[]; chosen?: number };
  upload: { attempts: number; asset_id?: string; image_file?: string; url?: string };
  look: {
    sending_at?: string;
    look_id?: string;
    status?: string;
    recovered?: boolean;
    preview_image_url?: string;
    width?: number;
    height?: number;
    reconciled?: string;
  };
  cost_estimate_usd: number;
  timings_ms: Partial<Record<StepName | 'total', number>>;
  warnings: string[];
  result?: CreateLookResult;
  error?: { kind: string; message: string; next_step: string; step: StepName; final: boolean };
}

export interface CreateLookResult extends Record<string, unknown> {
  status: 'completed';
  key: string;
  run_id: string;
  run_dir: string;
  sandbox: boolean;
  look_id: string;
  avatar_id: string;
  group_id: string;
  look_name: string;
  image: {
    index: number;
    path: string;
    file: string;
    uri: string;
    preview_path: string;
    mime_type: string;
    width: number;
    height: number;
    sha256: string;
    provider: string;
    model: string;
  };
  candidates: number;
  gate: { mode: GateMode; face_checks: boolean; note?: string; checks: GateCheck[]; chosen: number };
  cost_estimate_usd: number;
  timings_ms: Partial<Record<StepName | 'total', number>>;
  resumed: boolean;
  warnings: string[];
}

/** The label a run folder and a look name start with: the name, else the topic, else the key. */
export function lookLabel(request: CreateLookRequest): string {
  return (request.name ?? request.topic ?? request.key).replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** A new run record, before anything is paid for. */
export function newRun(options: {
  run: RunFolder;
  request: CreateLookRequest;
  prompt: CreateLookRun['prompt'];
  generation: CreateLookRun['generation'];
  reference: Omit<CreateLookRun['reference'], 'sent'>;
  groupId: string;
  sandbox: boolean;
  gateMode: GateMode;
  faceChecks: boolean;
  warnings: string[];
}): CreateLookRun {
  const now = new Date().toISOString();
  const pending = (): StepRecord => ({ status: 'pending' });
  return {
    id: options.run.id,
    kind: 'create_look',
    key: options.request.key,
    status: 'running',
    sandbox: options.sandbox,
    created_at: now,
    updated_at: now,
    request: options.request,
    prompt: options.prompt,
    generation: options.generation,
    reference: { ...options.reference, sent: 'reference.jpg' },
    group_id: options.groupId,
    look_name: `${lookLabel(options.request)} (${options.run.id})`,
    jobs: [],
    steps: {
      prompt: { status: 'completed', started_at: now, finished_at: now, ms: 0 },
      generate: pending(),
      gate: pending(),
      upload: pending(),
      add: pending(),
      wait: pending(),
    },
    rounds: 1,
    candidates: [],
    failures: [],
    skipped: [],
    gate: {
      mode: options.gateMode,
      face_checks: options.faceChecks,
      ...(options.faceChecks || options.gateMode === 'off' ? {} : { note: NO_FACE_CHECK }),
      checks: [],
    },
    upload: { attempts: 0 },
    look: {},
    cost_estimate_usd: 0,
    timings_ms: { prompt: 0 },
    warnings: options.warnings,
  };
}

export interface CreateLookDeps {
  config: Config;
  logger: Logger;
  runs: RunStore;
  providers: ProviderRegistry;
  heygen: () => Promise<HeyGenClient>;
  faces?: FaceChecker | undefined;
  retryPolicy?: RetryPolicy;
  /** Test only: the runner kills itself with SIGKILL at this point ("before:upload", "inside:add", …). */
  crashAt?: string | undefined;
  /** How often the wait step asks HeyGen about the look. */
  pollMs?: number;
}

export interface CreateLookJob {
  run_id: string;
  job_id: string;
}

const PERCENT: Record<StepName, [number, number]> = {
  prompt: [0, 2],
  generate: [2, 55],
  gate: [55, 60],
  upload: [60, 70],
  add: [70, 78],
  wait: [78, 99],
};
const TITLES: Record<StepName, string> = {
  prompt: 'prompt',
  generate: 'generating the image',
  gate: 'checking the candidates',
  upload: 'uploading to HeyGen',
  add: 'adding the look to the avatar group',
  wait: 'waiting for HeyGen to finish the look',
};

/** The job: runs every step the run has not completed, recording each as it goes. */
export async function runCreateLook(
  job: CreateLookJob,
  deps: CreateLookDeps,
  context: JobContext,
): Promise<CreateLookResult> {
  const folder = deps.runs.folder(job.run_id);
  if (!folder || !(await runExists(folder.dir)))
    throw new PipelineError('bad_request', `There is no create_look run ${job.run_id}.`, 'Call create_look again.', {
      final: true,
    });
  // The lock first, then the record: what another job wrote before it let go is what we resume.
  const release = await lockRun(folder, job.job_id);
  const stored = (await deps.runs.readRecord(job.run_id)) as CreateLookRun | undefined;
  if (!stored || stored.kind !== 'create_look') {
    await release();
    throw new PipelineError(
      'bad_request',
      `Run ${job.run_id} is not a create_look run.`,
      'Call create_look again with a new key.',
      { final: true },
    );
  }
  const run: CreateLookRun = stored;
  if (run.status === 'completed' && run.result) {
    await release();
    return run.result;
  }
  if (run.gate.mode !== deps.config.faceGate && !run.upload.asset_id && run.upload.attempts === 0) {
    // The gate's mode changed since (e.g. strict → warn after every candidate failed): check the
    // kept images again under the new mode instead of paying for new ones.
    run.warnings.push(
      `The gate mode changed from ${run.gate.mode} to ${deps.config.faceGate}: the kept images were checked again.`,
    );
    run.gate = { ...run.gate, mode: deps.config.faceGate, checks: [] };
    delete run.gate.chosen;
    run.steps.gate = { status: 'pending' };
  }
  const started = Date.now();
  const resumed = run.jobs.length > 0;
  run.jobs.push(job.job_id);
  run.job_id = job.job_id;
  run.status = 'running';
  delete run.error;
  const save = async () => {
    run.updated_at = new Date().toISOString();
    await deps.runs.writeRecord(folder, run);
  };
  let current: StepName = 'generate';
  const progress = (fraction: number, sentence: string, milestone = false) => {
    const [from, to] = PERCENT[current];
    const number = STEPS.indexOf(current) + 1;
    context.progress(
      from + (to - from) * Math.max(0, Math.min(1, fraction)),
      `Step ${number}/${STEPS.length} (${TITLES[current]}): ${sentence}`,
      milestone,
    );
  };
  const crash = async (point: string) => {
    if (deps.crashAt !== point) return;
    deps.logger.warn('test crash point reached: killing this job runner', { point });
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => {});
  };
  const pipeline = new Pipeline(run, folder, deps, context, save, progress, crash);
  try {
    await save();
    if (resumed)
      deps.logger.info('create_look resuming', {
        run: run.id,
        steps: STEPS.filter((step) => run.steps[step].status === 'completed'),
      });
    for (;;) {
      const next = STEPS.find((step) => run.steps[step].status !== 'completed');
      if (!next) break;
      current = next;
      // Between two steps nothing is in flight: the place to stop when the server shuts down.
      if (context.stopping?.aborted) throw stoppedBeforeStep(next);
      const step = run.steps[next];
      const stepStarted = Date.now();
      step.started_at ??= new Date().toISOString();
      if (step.status === 'pending' || step.status === 'failed') step.status = 'running';
      await save();
      progress(0, resumed ? 'starting (the run resumed: steps done before are skipped).' : 'starting.', true);
      const outcome = await pipeline.step(next);
      if (outcome === 'again') continue; // the gate asked for another round of generation
      step.status = 'completed';
      step.finished_at = new Date().toISOString();
      step.ms = (step.ms ?? 0) + (Date.now() - stepStarted);
      run.timings_ms[next] = step.ms;
      await save();
      await crash(`after:${next}`);
    }
    const result = pipeline.result(resumed);
    run.timings_ms.total = STEPS.reduce((sum, step) => sum + (run.steps[step].ms ?? 0), 0);
    result.timings_ms = run.timings_ms;
    run.status = 'completed';
    run.result = result;
    await save();
    deps.logger.info('create_look finished', { run: run.id, look: result.look_id, ms: Date.now() - started });
    return result;
  } catch (error) {
    const failure = asPipelineError(error, current, context.signal);
    run.status = 'failed';
    const step = run.steps[current];
    if (step.status === 'running' && !(current === 'upload' || current === 'add')) step.status = 'failed';
    // An upload or add left "running" keeps its intent: the next job reconciles before repeating it.
    const secrets = secretValues();
    run.error = {
      kind: failure.kind,
      message: redact(failure.message, secrets),
      next_step: redact(failure.nextStep, secrets),
      step: current,
      final: failure instanceof PipelineError ? failure.final : FINAL_IMAGE_ERRORS.has(failure.kind),
    };
    await save().catch((saveError: unknown) =>
      deps.logger.error('could not record the failure in run.json', {
        run: run.id,
        message: (saveError as Error).message,
      }),
    );
    throw failure;
  } finally {
    await release();
  }
}

/** The job stopped at a safe point because its server shut down: resumable, nothing lost. */
function stoppedBeforeStep(step: StepName): PipelineError {
  const done = STEPS.slice(0, STEPS.indexOf(step));
  return new PipelineError(
    'interrupted',
    `The server shut down (a restart or a deploy) while this look was being made; the job stopped at a safe point with ${TITLES[step]} still to do${done.length > 0 ? ` (done and kept: ${done.join(', ')})` : ''}.`,
    `Call create_look again with the same key: it continues from ${TITLES[step]}, and nothing made so far is made or paid for again.`,
  );
}

function asPipelineError(error: unknown, step: StepName, signal: AbortSignal): PipelineError | ImageError {
  if (error instanceof PipelineError || error instanceof ImageError) return error;
  if (error instanceof HeyGenError) return heygenStepError(error, step);
  if (signal.aborted) {
    const reason = signal.reason as { message?: string } | undefined;
    return new PipelineError(
      'heygen',
      reason?.message ?? 'The job was cancelled.',
      'Call create_look again with the same key to continue from this step.',
    );
  }
  throw error;
}

function heygenStepError(error: HeyGenError, step: StepName): PipelineError {
  const resume =
    'Then call create_look again with the same key: it continues from this step (nothing made so far is made again).';
  const what = `${TITLES[step][0]?.toUpperCase()}${TITLES[step].slice(1)} failed. ${error.summary()}`;
  if (step === 'add' && (error.status === 404 || error.status === 400)) {
    // The same key would meet the same answer: the image is kept, and can be added by hand.
    const why =
      error.status === 404
        ? 'The avatar group does not exist (any more): call list_avatar_groups for the right one.'
        : `HeyGen refused this look: ${error.nextStep()}`;
    return new PipelineError(
      'heygen',
      what,
      `${why} The image is kept: add_look with the run's asset_id (in run.json) and the right group_id adds it without paying for a new image.`,
      { final: true, cause: error },
    );
  }
  return new PipelineError('heygen', what, `${error.nextStep()} ${resume}`, { cause: error });
}

/** One job at a time per run: a second job for the same run stops at once, naming the first. */
async function lockRun(folder: RunFolder, jobId: string): Promise<() => Promise<void>> {
  const path = join(folder.dir, 'run.lock');
  const mine = JSON.stringify({ pid: process.pid, job_id: jobId });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, mine)) return () => rm(path, { force: true });
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile: try again
    let holder: { pid?: number; job_id?: string } = {};
    try {
      holder = JSON.parse(text) as typeof holder;
    } catch {
      // Unreadable: only a crash makes that (the lock is linked in whole); stale once a moment old.
    }
    if (holder.pid && holder.job_id && isOurRunner(holder.pid, holder.job_id)) {
      throw new PipelineError(
        'busy',
        `Job ${holder.job_id} is already working on run ${folder.id}.`,
        `Call get_job with job_id "${holder.job_id}" to follow it.`,
      );
    }
    // Left by a runner that died. Take it over by renaming: of two runners doing this at once,
    // only one rename succeeds; the other finds the lock gone or held, and tries again.
    const stale = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
    try {
      await rename(path, stale);
    } catch {
      continue;
    }
    const taken = await readFile(stale, 'utf8').catch(() => '');
    await rm(stale, { force: true });
    if (taken !== text) {
      // Between our read and the rename another runner took the lock: that one is live. Give it back.
      await createExclusive(path, taken).catch(() => false);
      const other = (() => {
        try {
          return JSON.parse(taken) as { job_id?: string };
        } catch {
          return {};
        }
      })();
      throw new PipelineError(
        'busy',
        `Job ${other.job_id ?? 'another job'} is already working on run ${folder.id}.`,
        other.job_id
          ? `Call get_job with job_id "${other.job_id}" to follow it.`
          : 'Call create_look again with the same key in a few seconds.',
      );
    }
  }
  throw new PipelineError(
    'busy',
    `Run ${folder.id} is locked by another job.`,
    'Call create_look again with the same key in a few seconds.',
  );
}

class Pipeline {
  private readonly run: CreateLookRun;
  private readonly folder: RunFolder;
  private readonly deps: CreateLookDeps;
  private readonly context: JobContext;
  private readonly save: () => Promise<void>;
  private readonly progress: (fraction: number, sentence: string) => void;
  private readonly crash: (point: string) => Promise<void>;
  private client: HeyGenClient | undefined;

  constructor(
    run: CreateLookRun,
    folder: RunFolder,
    deps: CreateLookDeps,
    context: JobContext,
    save: () => Promise<void>,
    progress: (fraction: number, sentence: string) => void,
    crash: (point: string) => Promise<void>,
  ) {
    this.run = run;
    this.folder = folder;
    this.deps = deps;
    this.context = context;
    this.save = save;
    this.progress = progress;
    this.crash = crash;
  }

  async step(step: StepName): Promise<'done' | 'again'> {
    switch (step) {
      case 'prompt':
        return 'done';
      case 'generate':
        await this.generate();
        return 'done';
      case 'gate':
        return this.gate();
      case 'upload':
        await this.upload();
        return 'done';
      case 'add':
        await this.add();
        return 'done';
      case 'wait':
        await this.wait();
        return 'done';
    }
  }

  private async heygen(): Promise<HeyGenClient> {
    this.client ??= await this.deps.heygen();
    return this.client;
  }

  private roundIndices(round = this.run.rounds): number[] {
    const count = this.run.generation.count;
    return Array.from({ length: count }, (_, i) => (round - 1) * count + i + 1);
  }

  private async generate(): Promise<void> {
    const { run, deps } = this;
    const indices = this.roundIndices();
    // An image saved by a job that stopped before recording it is paid for too: adopt it.
    for (const index of indices.filter((i) => !run.candidates.some((candidate) => candidate.index === i)))
      await this.adopt(index);
    // Candidates already saved (by an earlier job of this run) are paid for: keep them.
    const missing = indices.filter((index) => !run.candidates.some((candidate) => candidate.index === index));
    const inFlightBefore = missing.filter(
      (index) => run.failures.every((failure) => failure.index !== index) && run.jobs.length > 1,
    );
    if (inFlightBefore.length > 0 && run.steps.generate.started_at) {
      run.warnings.push(
        `The job that made candidate${inFlightBefore.length === 1 ? '' : 's'} ${inFlightBefore.join(', ')} stopped before saving it; it was generated again (the stopped request may have been billed).`,
      );
    }
    if (missing.length === 0) return;
    if (deps.faces && run.gate.mode === 'strict' && run.candidates.length === 0) {
      // Every candidate is compared with the reference: without a face in it, all would fail. Say so before paying.
      this.progress(0, 'checking the reference photo for a face.');
      const faces = await deps.faces.referenceFaces(join(this.folder.dir, 'reference.jpg'));
      if (faces !== 1) {
        throw new PipelineError(
          'bad_request',
          faces === 0
            ? "No face was found in the reference photo, so no look could pass the gate's identity check. Nothing was paid for."
            : `The reference photo shows ${faces} people, so it is not clear whose likeness the look must keep. Nothing was paid for.`,
          'Use a clear, front-facing photo of the person (one face, good light) as reference_image or AVATAR_REFERENCE_IMAGE, then call create_look with a new key (or force_new: true).',
          { final: true },
        );
      }
    }
    const chain = await Promise.all(run.generation.providers.map((name) => deps.providers.resolve(name)));
    const reference = { bytes: await readFile(join(this.folder.dir, 'reference.jpg')), mimeType: 'image/jpeg' };
    const states = missing.map(() => 'waiting for the provider');
    const done = () => run.candidates.filter((candidate) => candidate.round === run.rounds).length;
    const report = () =>
      this.progress(
        done() / indices.length,
        `${run.rounds > 1 ? `round ${run.rounds}, ` : ''}${missing.length === 1 ? `candidate ${missing[0]}: ${states[0]}` : states.map((state, i) => `${missing[i]}: ${state}`).join('; ')}.`,
      );
    report();
    const { saved, firstError } = await makeCandidates(
      {
        chain,
        prompt: run.prompt.text,
        reference,
        aspectRatio: run.generation.aspect_ratio,
        size: run.generation.size,
        model: run.generation.model,
        indices: missing,
        run: this.folder,
        logger: deps.logger,
        retryPolicy: deps.retryPolicy,
        signal: this.context.signal,
      },
      {
        state: (offset, state) => {
          states[offset] = state;
          report();
        },
        skipped: (entry) => run.skipped.push({ ...entry, message: redact(entry.message, secretValues()) }),
        saved: async (file, costUsd, attempts) => {
          await this.crash('inside:generate'); // saved on disk, not yet in run.json
          const { path: _path, preview_path: _preview, uri: _uri, ...kept } = file;
          run.candidates.push({ ...kept, round: run.rounds, attempts, cost_usd: costUsd });
          run.cost_estimate_usd = Math.round((run.cost_estimate_usd + costUsd) * 1000) / 1000;
          // Paid for: on disk in run.json before anything else happens.
          await this.save().catch((error: unknown) =>
            deps.logger.error('could not update run.json', { run: run.id, message: (error as Error).message }),
          );
        },
        failed: async (index, error, attempts) => {
          run.failures.push({
            index,
            round: run.rounds,
            kind: error.kind,
            message: redact(error.message, secretValues()),
            attempts,
            job_id: run.job_id,
          });
          await this.save().catch(() => {});
        },
      },
    );
    if (saved.length === 0 && done() === 0) {
      const error = firstError ?? new ImageError('no_image', 'No image was made.', 'Try again.');
      const again = FINAL_IMAGE_ERRORS.has(error.kind)
        ? 'Then call create_look with a new key (or force_new: true): the same key returns this outcome.'
        : 'Calling create_look again with the same key retries the generation.';
      throw new ImageError(
        error.kind,
        `${error.message}${missing.length > 1 ? ` (all ${missing.length} candidates failed)` : ''}`,
        `${error.nextStep} ${again}`,
        { provider: error.provider },
      );
    }
  }

  /** Records candidate-<index>.* if it is on disk but not in run.json (the job died in between). */
  private async adopt(index: number): Promise<void> {
    for (const mime of ['image/png', 'image/jpeg', 'image/webp'] as const) {
      const file = `candidate-${index}.${EXTENSIONS[mime]}`;
      const bytes = await readFile(join(this.folder.dir, file)).catch(() => undefined);
      if (!bytes) continue;
      const sniffed = sniffImage(bytes);
      if (sniffed.kind !== 'image') continue;
      const { default: sharp } = await import('sharp');
      const meta = await sharp(bytes)
        .metadata()
        .catch(() => undefined);
      if (!meta?.width || !meta.height) continue;
      const previewFile = `candidate-${index}.preview.jpg`;
      if (!(await stat(join(this.folder.dir, previewFile)).catch(() => undefined)))
        await writeFileAtomic(join(this.folder.dir, previewFile), (await makePreview(bytes)).bytes);
      const provider = this.run.generation.provider;
      this.run.candidates.push({
        index,
        provider,
        model: this.run.generation.model,
        file,
        preview_file: previewFile,
        mime_type: sniffed.mime,
        width: meta.width,
        height: meta.height,
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        round: this.run.rounds,
        attempts: 1,
        cost_usd: 0,
      });
      this.run.warnings.push(
        `Candidate ${index} was saved by a job that stopped before recording it: it is used as is (its cost is not in the estimate).`,
      );
      await this.save();
      return;
    }
  }

  private async gate(): Promise<'done' | 'again'> {
    const { run, deps } = this;
    const mode = run.gate.mode;
    const unchecked = run.candidates.filter(
      (candidate) => !run.gate.checks.some((check) => check.index === candidate.index),
    );
    for (const [position, candidate] of unchecked.entries()) {
      this.progress(position / Math.max(1, unchecked.length), `candidate ${candidate.index}.`);
      const check = await gateCandidate(
        {
          index: candidate.index,
          path: join(this.folder.dir, candidate.file),
          file: candidate.file,
          width: candidate.width,
          height: candidate.height,
        },
        {
          mode,
          orientation: run.request.orientation,
          referencePath: join(this.folder.dir, 'reference.jpg'),
          faces: deps.faces,
        },
      );
      run.gate.checks.push(check);
    }
    const passing = run.gate.checks
      .filter((check) => check.passed)
      .sort((a, b) => b.score - a.score || a.index - b.index);
    const best = passing[0];
    if (best) {
      run.gate.chosen = best.index;
      this.progress(
        1,
        `candidate ${best.index} chosen${run.gate.checks.length > 1 ? ` of ${run.gate.checks.length}` : ''}.`,
      );
      return 'done';
    }
    const scores = [...run.gate.checks]
      .sort((a, b) => a.index - b.index)
      .map((check) => {
        const measured = [
          check.faces ? `${check.faces.count} face${check.faces.count === 1 ? '' : 's'}` : undefined,
          check.faces?.yaw !== undefined ? `yaw ${check.faces.yaw}°` : undefined,
          check.identity ? `likeness ${check.identity.similarity} (needs ${check.identity.threshold})` : undefined,
        ].filter(Boolean);
        return `candidate ${check.index}${measured.length ? ` [${measured.join(', ')}]` : ''}: ${check.reasons.join(' ')}`;
      })
      .join('; ');
    if (run.rounds < MAX_ROUNDS) {
      run.warnings.push(
        `No candidate of round ${run.rounds} passed the gate (${scores}); generated ${run.generation.count} more.`,
      );
      run.rounds += 1;
      run.steps.generate = { status: 'pending' };
      run.steps.gate = { status: 'pending' };
      await this.save();
      return 'again';
    }
    throw new PipelineError(
      'gate_rejected',
      `No candidate passed the gate after ${run.rounds} rounds (${run.candidates.length} images): ${scores}`,
      `The images are kept in ${this.folder.dir}. Change the prompt (for example a clearer front-facing pose or the video's orientation) and call create_look with a new key or force_new: true. Or, to accept such images, set AVATAR_LOOKS_FACE_GATE=warn, restart the server and call create_look again with the same key: the kept images are checked again and nothing new is paid for.`,
      { final: true },
    );
  }

  private chosen(): StoredCandidate {
    const chosen = this.run.candidates.find((candidate) => candidate.index === this.run.gate.chosen);
    if (!chosen)
      throw new PipelineError(
        'bad_request',
        'The run has no chosen candidate.',
        'Call create_look with force_new: true.',
        { final: true },
      );
    return chosen;
  }

  /** Calls HeyGen, waiting out 429s (a 429 made nothing) for up to BUSY_WAIT_MS. */
  private async patiently<T>(what: string, call: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let waits = 0; ; waits++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof HeyGenError) || error.status !== 429 || Date.now() > deadline) throw error;
        const waitMs = Math.min(30_000, 1_000 * 2 ** Math.min(waits, 4));
        this.progress(0.1, `HeyGen is busy (429) ${what}; waiting ${Math.ceil(waitMs / 1000)} s (nothing was made).`);
        await sleep(waitMs, undefined, { signal: this.context.signal });
      }
    }
  }

  private async upload(): Promise<void> {
    const { run } = this;
    const chosen = this.chosen();
    const path = join(this.folder.dir, chosen.file);
    const checked = await checkUploadFile(path);
    if ('refusal' in checked)
      throw new PipelineError(
        'bad_request',
        checked.refusal,
        `${checked.nextStep} Or call create_look with force_new: true.`,
        { final: true },
      );
    if (run.steps.upload.status === 'running' && run.upload.attempts > 0) {
      // Intent recorded, no asset id: the earlier job stopped mid-upload. v3 cannot list assets,
      // so it is sent again; an unused asset costs nothing (the look, a credit, is never made twice).
      run.warnings.push(
        "An earlier upload of this image was interrupted before HeyGen's answer was recorded; it was uploaded again (an unused asset costs nothing).",
      );
    }
    run.upload.attempts += 1;
    run.upload.image_file = checked.path === path ? chosen.file : checked.path;
    await this.save(); // the intent, on disk before the request
    await this.crash('before:upload');
    this.progress(0.2, `sending ${chosen.file} (${(checked.size / 1024 / 1024).toFixed(1)} MB).`);
    const client = await this.heygen();
    const asset = await this.patiently('with the upload', () =>
      uploadAsset(client, checked, this.context.signal, this.deps.config.heygen.timeoutMs),
    );
    run.upload.asset_id = asset.asset_id;
    if (asset.url) run.upload.url = asset.url;
    this.progress(1, `asset ${asset.asset_id}.`);
  }

  private async add(): Promise<void> {
    const { run } = this;
    const client = await this.heygen();
    const assetId = run.upload.asset_id;
    if (!assetId)
      throw new PipelineError('bad_request', 'The run has no asset to add.', 'Call create_look with force_new: true.', {
        final: true,
      });
    if (run.look.sending_at && run.look.look_id === undefined) {
      // An earlier attempt sent the add and its answer was never recorded (a crash, a lost answer):
      // look for what it may have made — a new look can take seconds to appear in the list, so
      // keep looking until ADD_VISIBLE_MS after it was sent before concluding there is none.
      const sentAt = Date.parse(run.look.sending_at);
      for (let listing = 1; ; listing++) {
        this.progress(
          0.1,
          `looking in group ${run.group_id} for the look an earlier attempt sent (listing ${listing}).`,
        );
        const found = await looksMatching(
          client,
          run.group_id,
          (item) => (item.name ?? '').includes(run.id),
          this.context.signal,
        );
        if (found.length > 0) {
          const mine = found.sort((a, b) => (a.created_at ?? 0) - (b.created_at ?? 0))[0] as Look;
          run.look = {
            ...run.look,
            look_id: mine.id,
            status: mine.status,
            recovered: true,
            reconciled: `found in the group by the run id in its name (${found.length} match${found.length === 1 ? '' : 'es'})`,
          };
          if (found.length > 1)
            run.warnings.push(
              `${found.length} looks in the group carry this run's id; ${mine.id} (the first) is used.`,
            );
          run.steps.add.finished_at = new Date().toISOString();
          this.progress(1, `found look ${mine.id}; not adding again.`);
          return;
        }
        if (Date.now() - sentAt >= ADD_VISIBLE_MS) break;
        await sleep(Math.min(3_000, ADD_VISIBLE_MS - (Date.now() - sentAt)), undefined, {
          signal: this.context.signal,
        });
      }
      run.look = {
        ...run.look,
        reconciled: `no look with the run id in the group ${Math.round((Date.now() - sentAt) / 1000)} s after the earlier add was sent: adding it`,
      };
    }
    await this.crash('before:add');
    // Marked just before sending: from here on, a resume looks in the group before adding.
    run.look.sending_at = new Date().toISOString();
    await this.save();
    this.progress(0.3, `"${run.look_name}" into group ${run.group_id}.`);
    // The name carries the run id, and no earlier attempt sent it (else sending_at would be set and
    // the group listed above): no look of this name can exist yet, so there is nothing to list first.
    const outcome = await this.patiently('adding the look', () =>
      addLookOnce(
        client,
        { assetId, name: run.look_name, groupId: run.group_id, baseline: new Set() },
        this.context.signal,
      ),
    );
    if ('unresolved' in outcome) {
      throw new PipelineError(
        'add_unresolved',
        `${outcome.unresolved.summary()} HeyGen may still have made the look${outcome.several ? ' (several new looks of this name appeared)' : ''}.`,
        'Call create_look again with the same key in a minute: it looks in the group for the look (its name carries the run id) before it ever adds again.',
      );
    }
    await this.crash('inside:add');
    run.look = { ...run.look, look_id: outcome.look.id, status: outcome.look.status, recovered: outcome.recovered };
    run.steps.add.finished_at = new Date().toISOString();
    this.progress(1, `look ${outcome.look.id}.`);
  }

  private async wait(): Promise<void> {
    const { run } = this;
    const lookId = run.look.look_id;
    if (!lookId)
      throw new PipelineError(
        'bad_request',
        'The run has no look to wait for.',
        'Call create_look with force_new: true.',
        { final: true },
      );
    const client = await this.heygen();
    const started = Date.now();
    const addedAt = Date.parse(run.steps.add.finished_at ?? run.steps.wait.started_at ?? new Date().toISOString());
    const pollMs = this.deps.pollMs ?? 1_000;
    for (let polls = 1; ; polls++) {
      const asked = Date.now();
      let current: Look | undefined;
      let hiccup: string | undefined;
      try {
        current = (
          await client.get(`/v3/avatars/looks/${encodeURIComponent(lookId)}`, data(lookSchema), this.context.signal)
        ).data;
      } catch (error) {
        if (!(error instanceof HeyGenError) || error.code === 'cancelled') throw error;
        const notFound = isLookNotFound(error);
        if (notFound && Date.now() - addedAt >= INVISIBLE_GRACE_MS) {
          throw new PipelineError(
            'look_failed',
            `Look ${lookId} is no longer at HeyGen (404 ${Math.round((Date.now() - addedAt) / 1000)} s after it was added): it was deleted, or its group was.`,
            `The image is kept in ${this.folder.dir}: call create_look with force_new: true to add it again, or upload_to_heygen and add_look with that image (no new image is paid for that way).`,
            { final: true },
          );
        }
        // An outage, a 429 or a timeout while waiting changes nothing about the look: ask again.
        const transient = error.status === 0 || error.status === 429 || error.status >= 500;
        if (!notFound && !transient) throw error;
        hiccup = notFound ? undefined : error.summary();
      }
      if (current) run.look.status = current.status;
      const elapsed = Math.round((Date.now() - started) / 1000);
      if (isLookReady(current) && current) {
        run.look = {
          ...run.look,
          status: current.status,
          ...(current.preview_image_url ? { preview_image_url: current.preview_image_url } : {}),
          ...(current.image_width ? { width: current.image_width } : {}),
          ...(current.image_height ? { height: current.image_height } : {}),
        };
        this.progress(1, `look ${lookId} is ready.`);
        return;
      }
      if (current?.status === 'failed') {
        const reason = [current.error?.code, current.error?.message].filter(Boolean).join(': ') || 'no reason given';
        throw new PipelineError(
          'look_failed',
          `HeyGen could not make look ${lookId} (${reason}).`,
          `${/face/i.test(reason) ? 'HeyGen found no usable face in the image. ' : ''}The images are kept in ${this.folder.dir}. Call create_look with force_new: true (or a new key) to generate a new image; ${/face/i.test(reason) ? 'a clear, front-facing pose helps.' : 'a different prompt may help.'}`,
          { final: true },
        );
      }
      if (current?.status === 'pending_consent') {
        throw new PipelineError(
          'consent_pending',
          `Look ${lookId} is made, but HeyGen waits for the avatar owner's consent before it can be used.`,
          `Call request_avatar_consent with group_id "${run.group_id}" and have the owner open the link; then call create_look again with the same key (it only waits for the look, nothing is made again).`,
        );
      }
      if (Date.now() - started > LOOK_WAIT_MS) {
        throw new PipelineError(
          'look_timeout',
          `HeyGen is still processing look ${lookId} after ${Math.round(LOOK_WAIT_MS / 60_000)} minutes (status ${current?.status ?? 'not visible yet'}).`,
          'Call create_look again with the same key later: it continues waiting for this look and makes nothing new. get_look_status shows it too.',
        );
      }
      this.progress(
        Math.min(0.95, elapsed / 90),
        hiccup
          ? `asking again about look ${lookId}: ${hiccup} (${elapsed} s).`
          : `look ${lookId} is ${current ? current.status : 'not visible yet'} (${elapsed} s; photo looks take 30–90 s).`,
      );
      // Ask often: each poll is a cheap GET, and the look is ready up to one interval sooner.
      // A fixed cadence from the start of each GET: the look is seen at most one interval late.
      const interval = hiccup ? Math.max(pollMs, 3_000) : elapsed > 90 ? pollMs * 3 : pollMs;
      // Waiting only reads: a server shutting down may stop it at any moment.
      const { stopping } = this.context;
      await sleep(Math.max(0, asked + interval - Date.now()), undefined, {
        signal: stopping ? AbortSignal.any([this.context.signal, stopping]) : this.context.signal,
      }).catch((error: unknown) => {
        if (stopping?.aborted && !this.context.signal.aborted) return;
        throw error;
      });
      if (stopping?.aborted) throw stoppedBeforeStep('wait');
    }
  }

  result(resumed: boolean): CreateLookResult {
    const { run, folder } = this;
    const chosen = this.chosen();
    const lookId = run.look.look_id as string;
    return {
      status: 'completed',
      key: run.key,
      run_id: run.id,
      run_dir: folder.dir,
      sandbox: run.sandbox,
      look_id: lookId,
      avatar_id: lookId,
      group_id: run.group_id,
      look_name: run.look_name,
      image: {
        index: chosen.index,
        path: join(folder.dir, chosen.file),
        file: chosen.file,
        uri: runFileUri(run.id, chosen.file),
        preview_path: join(folder.dir, chosen.preview_file),
        mime_type: chosen.mime_type,
        width: chosen.width,
        height: chosen.height,
        sha256: chosen.sha256,
        provider: chosen.provider,
        model: chosen.model,
      },
      candidates: run.candidates.length,
      gate: {
        mode: run.gate.mode,
        face_checks: run.gate.face_checks,
        ...(run.gate.note ? { note: run.gate.note } : {}),
        checks: run.gate.checks,
        chosen: chosen.index,
      },
      cost_estimate_usd: run.cost_estimate_usd,
      timings_ms: run.timings_ms,
      resumed,
      warnings: run.warnings,
    };
  }
}

/** Whether a run's files are still there (a user may have deleted the folder). */
export async function runExists(dir: string): Promise<boolean> {
  return (await stat(join(dir, 'run.json')).catch(() => undefined))?.isFile() ?? false;
}
