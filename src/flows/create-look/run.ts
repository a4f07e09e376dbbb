// create_look's job: from a prompt and a reference photo to a HeyGen look that is ready for Video
// Agent, as one resumable run. run.json is the source of truth: every step records its inputs and
// outputs as they happen; before a call that makes something at HeyGen (upload, add) the run
// records its intent, and right after, the returned id. A job that resumes the run skips what is
// done. The steps, in order, each in its own file: generate, gate, upload, add, wait.

import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { acquireLock } from '../../core/lock.ts';
import { HeyGenError } from '../../domain/heygen/errors.ts';
import type { HeyGenClient } from '../../domain/heygen/client.ts';
import { PRICE_NOTE, PROMPT_LOOK_PRICE_NOTE } from '../../domain/heygen/prices.ts';
import { isOurRunner } from '../../jobs/manager.ts';
import type { JobContext, JobKind } from '../../jobs/record.ts';
import {
  CREATE_LOOK_STEPS,
  createLookRun,
  type CreateLookResult,
  type CreateLookRun,
  type StepName,
} from '../../store/records.ts';
import { runFileUri, type RunFolder } from '../../store/runs.ts';
import type { Services } from '../deps.ts';
import { addStep } from './add.ts';
import { awaitApproval, type CreateLookAwaiting } from './approval.ts';
import { gateStep } from './gate.ts';
import { generateStep } from './generate.ts';
import { chosenCandidate, stoppedBefore, TITLES, type StepContext, type StepOptions } from './step.ts';
import { uploadStep } from './upload.ts';
import { waitStep } from './wait.ts';

const PERCENT: Record<StepName, [number, number]> = {
  prompt: [0, 2],
  generate: [2, 55],
  gate: [55, 60],
  upload: [60, 70],
  add: [70, 78],
  wait: [78, 99],
};

const STEP_WORK: Record<StepName, (step: StepContext) => Promise<'done' | 'again' | void>> = {
  prompt: async () => 'done',
  generate: generateStep,
  gate: gateStep,
  upload: uploadStep,
  add: addStep,
  wait: waitStep,
};

/** create_look as a job kind: a run id in, the finished look out. */
export function createLookJobKind(services: Services, options: StepOptions & { jobId: string }): JobKind {
  return {
    // Two rounds of images, up to 5 minutes of HeyGen 429s and 10 minutes of waiting for the look.
    timeLimitMs: 40 * 60_000,
    run: (input, context) => {
      const { run_id } = input as { run_id: string };
      return runCreateLook({ run_id, job_id: options.jobId }, services, options, context);
    },
  };
}

/** The job: runs every step the run has not completed, recording each as it goes, or stops where a person must approve. */
export async function runCreateLook(
  job: { run_id: string; job_id: string },
  services: Services,
  options: StepOptions,
  context: JobContext,
): Promise<CreateLookResult | CreateLookAwaiting> {
  const folder = services.runs.folder(job.run_id);
  if (!folder || !(await services.runs.exists(job.run_id))) {
    throw new UserError('bad_request', `There is no create_look run ${job.run_id}.`, 'Call create_look again.', {
      final: true,
    });
  }
  // The lock first, then the record: what another job wrote before it let go is what we resume.
  const release = await lockRun(folder, job.job_id);
  try {
    const run = await services.runs.readRecord(job.run_id, createLookRun);
    if (!run) {
      throw new UserError(
        'bad_request',
        `Run ${job.run_id} is not a create_look run.`,
        'Call create_look again with a new key.',
        { final: true },
      );
    }
    if (run.status === 'completed' && run.result) return run.result;
    return await runSteps(run, folder, services, options, context, job.job_id);
  } finally {
    await release();
  }
}

async function runSteps(
  run: CreateLookRun,
  folder: RunFolder,
  services: Services,
  options: StepOptions,
  context: JobContext,
  jobId: string,
): Promise<CreateLookResult | CreateLookAwaiting> {
  regateIfModeChanged(run, services);
  const started = Date.now();
  // A job an approval started continues the run; it is no resume after a failure.
  const resumed = run.jobs.length > 0 && !run.approval.continuing;
  delete run.approval.continuing;
  run.jobs.push(jobId);
  run.job_id = jobId;
  run.status = 'running';
  delete run.error;
  let current: StepName = 'generate';
  const step = stepContext(run, folder, services, options, context, () => current);
  try {
    await step.save();
    if (resumed)
      services.logger.info('create_look resuming', {
        run: run.id,
        steps: CREATE_LOOK_STEPS.filter((name) => run.steps[name].status === 'completed'),
      });
    for (let next = nextStep(run); next; next = nextStep(run)) {
      current = next;
      // Between two steps nothing is in flight: the place to stop when the server shuts down.
      if (context.stopping?.aborted)
        throw stoppedBefore(next, CREATE_LOOK_STEPS.slice(0, CREATE_LOOK_STEPS.indexOf(next)));
      const waiting = await awaitApproval(step, next);
      if (waiting) return waiting;
      await runStep(step, next, resumed, context);
    }
    const result = resultOf(run, folder, resumed);
    run.timings_ms.total = CREATE_LOOK_STEPS.reduce((sum, name) => sum + (run.steps[name].ms ?? 0), 0);
    result.timings_ms = run.timings_ms;
    run.status = 'completed';
    run.result = result;
    await step.save();
    services.logger.info('create_look finished', { run: run.id, look: result.look_id, ms: Date.now() - started });
    return result;
  } catch (error) {
    const failure = asUserError(error, current, context.signal);
    run.status = 'failed';
    const record = run.steps[current];
    // An upload or add left "running" keeps its intent: the next job reconciles before repeating it.
    if (record.status === 'running' && !(current === 'upload' || current === 'add')) record.status = 'failed';
    const { redact } = services;
    run.error = {
      kind: failure.kind,
      message: redact(failure.message),
      next_step: redact(failure.nextStep),
      step: current,
      final: failure.final,
    };
    await step.save().catch((saveError: unknown) =>
      services.logger.error('could not record the failure in run.json', {
        run: run.id,
        message: (saveError as Error).message,
      }),
    );
    throw failure;
  }
}

const nextStep = (run: CreateLookRun) => CREATE_LOOK_STEPS.find((name) => run.steps[name].status !== 'completed');

async function runStep(step: StepContext, name: StepName, resumed: boolean, context: JobContext): Promise<void> {
  const { run } = step;
  const record = run.steps[name];
  const stepStarted = Date.now();
  record.started_at ??= new Date().toISOString();
  if (record.status === 'pending' || record.status === 'failed') record.status = 'running';
  await step.save();
  const [from] = PERCENT[name];
  context.progress(
    from,
    stepLine(name, resumed ? 'starting (the run resumed: steps done before are skipped).' : 'starting.'),
    true,
  );
  if ((await STEP_WORK[name](step)) === 'again') return; // the gate asked for another round of generation
  record.status = 'completed';
  record.finished_at = new Date().toISOString();
  record.ms = (record.ms ?? 0) + (Date.now() - stepStarted);
  run.timings_ms[name] = record.ms;
  await step.save();
  await step.crash(`after:${name}`);
}

const stepLine = (name: StepName, sentence: string) =>
  `Step ${CREATE_LOOK_STEPS.indexOf(name) + 1}/${CREATE_LOOK_STEPS.length} (${TITLES[name]}): ${sentence}`;

function stepContext(
  run: CreateLookRun,
  folder: RunFolder,
  services: Services,
  options: StepOptions,
  context: JobContext,
  current: () => StepName,
): StepContext {
  let client: HeyGenClient | undefined;
  return {
    run,
    folder,
    services,
    options,
    job: context,
    save: async () => {
      run.updated_at = new Date().toISOString();
      await services.runs.writeRecord(folder, run);
    },
    progress: (fraction, sentence) => {
      const [from, to] = PERCENT[current()];
      context.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), stepLine(current(), sentence));
    },
    crash: async (point) => {
      if (options.crashAt !== point) return;
      services.logger.warn('test crash point reached: killing this job runner', { point });
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    },
    heygen: async () => (client ??= await services.heygen()),
  };
}

/**
 * The gate's mode changed since (e.g. strict → warn after every candidate failed): check the kept
 * images again under the new mode instead of paying for new ones — unless one was already sent.
 */
function regateIfModeChanged(run: CreateLookRun, services: Services): void {
  const mode = services.config.faceGate;
  if (run.gate.mode === mode || run.upload.asset_id || run.upload.attempts > 0 || run.look.look_id) return;
  run.warnings.push(`The gate mode changed from ${run.gate.mode} to ${mode}: the kept images were checked again.`);
  run.gate = { ...run.gate, mode, checks: [] };
  delete run.gate.chosen;
  run.steps.gate = { status: 'pending' };
}

function asUserError(error: unknown, step: StepName, signal: AbortSignal): UserError {
  if (error instanceof HeyGenError) return heygenStepError(error, step);
  if (error instanceof UserError) return error;
  if (signal.aborted) {
    const reason = signal.reason as { message?: string } | undefined;
    return new UserError(
      'heygen',
      reason?.message ?? 'The job was cancelled.',
      'Call create_look again with the same key to continue from this step.',
    );
  }
  throw error;
}

function heygenStepError(error: HeyGenError, step: StepName): UserError {
  const resume =
    'Then call create_look again with the same key: it continues from this step (nothing made so far is made again).';
  const what = `${TITLES[step][0]?.toUpperCase()}${TITLES[step].slice(1)} failed. ${error.message}`;
  if (step === 'add' && (error.status === 404 || error.status === 400)) {
    // The same key would meet the same answer: the image is kept, and can be added by hand.
    const why =
      error.status === 404
        ? 'The avatar group does not exist (any more): call list_avatar_groups for the right one.'
        : `HeyGen refused this look: ${error.nextStep}`;
    const next = `${why} The image is kept: add_look with the run's asset_id (in run.json) and the right group_id adds it without paying for a new image.`;
    return new UserError('heygen', what, next, { final: true, cause: error });
  }
  return new UserError('heygen', what, `${error.nextStep} ${resume}`, { cause: error });
}

/** One job at a time per run: a second job for the same run stops at once, naming the first. */
async function lockRun(folder: RunFolder, jobId: string): Promise<() => Promise<void>> {
  const lock = await acquireLock(join(folder.dir, 'run.lock'), {
    holder: { pid: process.pid, job_id: jobId },
    // Left by a runner that died (or unreadable, which only a crash makes): taken over.
    abandoned: (holder) =>
      !(typeof holder?.pid === 'number' && typeof holder.job_id === 'string' && isOurRunner(holder.pid, holder.job_id)),
  });
  if ('release' in lock) return lock.release;
  const other = typeof lock.heldBy?.job_id === 'string' ? lock.heldBy.job_id : undefined;
  throw new UserError(
    'busy',
    other ? `Job ${other} is already working on run ${folder.id}.` : `Run ${folder.id} is locked by another job.`,
    other
      ? `Call get_job with job_id "${other}" to follow it.`
      : 'Call create_look again with the same key in a few seconds.',
  );
}

function resultOf(run: CreateLookRun, folder: RunFolder, resumed: boolean): CreateLookResult {
  const chosen = chosenCandidate(run);
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
    costs: {
      images_usd: Math.round((run.cost_estimate_usd - (run.look.cost_estimate_usd ?? 0)) * 1000) / 1000,
      heygen_look_usd: run.look.cost_estimate_usd ?? 0,
      note:
        run.sandbox && run.look.cost_estimate_usd === 0
          ? 'Sandbox: nothing was spent.'
          : run.look.made_from_prompt
            ? PROMPT_LOOK_PRICE_NOTE
            : PRICE_NOTE,
    },
    ...(chosen.look && run.heygen?.base_look
      ? {
          made_by_heygen: {
            base_look_id: run.heygen.base_look.id,
            base_look_chosen_by: run.heygen.base_look.how,
            ...(run.heygen.base_look.likeness === undefined
              ? {}
              : { base_look_likeness: run.heygen.base_look.likeness }),
            prompt_sent: run.heygen.prompt ?? run.prompt.text,
          },
        }
      : {}),
    timings_ms: run.timings_ms,
    resumed,
    warnings: run.warnings,
  };
}
