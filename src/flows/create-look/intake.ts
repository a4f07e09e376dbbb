// create_look's front door: the key decides. A used key returns its finished look, follows the
// job still making it, or resumes its run from the last completed step; a new key (or force_new)
// gets a new run — but only after everything that can be refused was refused, before any spend:
// the prompt, the HeyGen key and the avatar group, the image provider, the reference photo.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { writeFileAtomic } from '../../core/files.ts';
import { getGroup } from '../../domain/heygen/account.ts';
import type { LookProviderName } from '../../domain/images/registry.ts';
import type { JobRecord } from '../../jobs/record.ts';
import type { LookKeyEntry } from '../../store/keys.ts';
import {
  CREATE_LOOK_STEPS,
  createLookRun,
  type CreateLookRequest,
  type CreateLookResult,
  type CreateLookRun,
} from '../../store/records.ts';
import type { Services } from '../deps.ts';
import { heygenAccount, otherHeyGen } from '../heygen-account.ts';
import { prepareGeneration } from '../generate-image.ts';
import { onNotFound } from '../heygen-steps.ts';
import { lookPrompt } from '../look-prompt.ts';
import { referenceFile, referenceSources } from '../references.ts';
import { awaitingOf, type CreateLookAwaiting, type CreateLookCall } from './approval.ts';
import { newRun } from './record.ts';
import { lookLabel, normalizeRequest, requestDifferences, type CreateLookArgs } from './request.ts';

export const CREATE_LOOK = 'create_look';

export type Intake =
  /** A job to follow (new, resumed, or already running). */
  | { jobId: string; note?: string | undefined }
  /** The key's look, made before: nothing new is made. */
  | { finished: CreateLookResult; jobId: string; note: string }
  /** The key's run waits for a person's approval: nothing runs, nothing is paid, until approve_look. */
  | { awaiting: CreateLookAwaiting; jobId: string; note: string };

export interface IntakeOptions {
  signal: AbortSignal;
  /** The call's answer is due by then (epoch ms): the checks share that budget. */
  deadline: number;
  progress: (percent: number, message: string) => void;
}

export async function startCreateLook(
  services: Services,
  args: CreateLookCall,
  options: IntakeOptions,
): Promise<Intake> {
  const request = normalizeRequest(args);
  const existing = await services.lookKeys.get(request.key);
  if (existing && args.force_new) {
    const busy = await runningJob(services, existing, await services.runs.readRecord(existing.run_id, createLookRun));
    if (busy) {
      throw new UserError(
        'busy',
        `Key "${request.key}" is being made right now by job ${busy.id} (${busy.progress.message}); force_new would pay for a second look alongside it.`,
        `Wait for it with get_job (job_id "${busy.id}"), then decide; or cancel that call first.`,
      );
    }
  }
  if (existing && !args.force_new) return reuseRun(services, existing, request);
  return startNewRun(services, args, request, existing, options);
}

/** The job working on this key's run now, if any: the key's, or the one that holds the run. */
async function runningJob(
  services: Services,
  existing: LookKeyEntry,
  run: CreateLookRun | undefined,
): Promise<JobRecord | undefined> {
  for (const id of new Set([existing.job_id, run?.job_id])) {
    if (!id) continue;
    const job = await services.jobs.get(id);
    if (job?.status === 'running') return job;
  }
  return undefined;
}

/** The gate's stops that another gate mode may undo: the kept images are checked again. */
const GATE_STOPS = new Set(['gate_rejected', 'gate_review']);

/** How long after a key is claimed its run may still be being written (the reference photo, the prompt). */
const CLAIM_SETTLES_MS = 30_000;

const show = (value: unknown) =>
  value === null || value === undefined ? 'not set' : JSON.stringify(value).slice(0, 80);

/** The same key again: the finished look, the job still making it, or a new job resuming the run. */
async function reuseRun(services: Services, existing: LookKeyEntry, request: CreateLookRequest): Promise<Intake> {
  // First: a key used with another HeyGen (the sandbox, another account) has nothing here to give.
  const stored = await services.runs.readRecord(existing.run_id, createLookRun);
  const elsewhere = otherHeyGen(services.config, {
    kind: 'look',
    key: request.key,
    made: stored?.look.look_id ? `its look ${stored.look.look_id}` : `its run ${existing.run_id}`,
    stored: existing.heygen,
    sandboxRun: stored?.sandbox,
  });
  if (elsewhere) throw elsewhere;
  const differences = requestDifferences(existing.request, request);
  if (differences.length > 0) {
    const changes = differences.map(
      (field) =>
        `${field} was ${show(existing.request[field])}, now ${show(request[field as keyof CreateLookRequest])}`,
    );
    throw new UserError(
      'key_reused',
      `The key "${request.key}" was already used for a different look (run ${existing.run_id}): ${changes.join('; ')}.`,
      "Use a new key for a new look (e.g. the new video's slug); call again with the same inputs to get that look; or pass force_new: true to make a new look under this key (the earlier run's files are kept).",
    );
  }
  const run = stored;
  if (!run && Date.now() - Date.parse(existing.created_at) < CLAIM_SETTLES_MS) {
    // Another call claimed the key moments ago and is still writing its run: not missing, starting.
    throw new UserError(
      'busy',
      `Key "${request.key}" was claimed moments ago by another call that is still starting its run.`,
      'Call create_look again with the same key in a few seconds: you will follow that run (nothing is paid twice).',
    );
  }
  if (!run) {
    throw new UserError(
      'run_missing',
      `The run of key "${request.key}" (${existing.run_id}) is no longer on disk.`,
      'Pass force_new: true to make the look again under this key.',
    );
  }
  if (run.status === 'completed' && run.result) {
    const note = `Key "${request.key}" already has its look (made ${run.updated_at}): this is that look; nothing new was made.`;
    return { finished: run.result, jobId: existing.job_id ?? run.job_id ?? 'none', note };
  }
  if (run.status === 'awaiting_approval') {
    const note = `Key "${request.key}" is waiting for the person's approval: nothing was started or paid for by this call.`;
    const folder = services.runs.folder(run.id);
    if (folder) return { awaiting: await awaitingOf(run, folder, services), jobId: run.job_id ?? 'none', note };
  }
  const job = await runningJob(services, existing, run);
  if (job)
    return {
      jobId: job.id,
      note: `Key "${request.key}" is already being made by job ${job.id}: following it (nothing is paid twice).`,
    };
  if (!existing.job_id && Date.now() - Date.parse(existing.created_at) < CLAIM_SETTLES_MS) {
    throw new UserError(
      'busy',
      `Key "${request.key}" was claimed moments ago by another call that is starting its job.`,
      'Call create_look again with the same key in a few seconds.',
    );
  }
  const regate = GATE_STOPS.has(run.error?.kind ?? '') && run.gate.mode !== services.config.faceGate;
  if (run.status === 'failed' && run.error?.final && !regate) {
    throw new UserError(
      run.error.kind,
      run.error.message,
      `${run.error.next_step} (Calling again with the same key returns this outcome; pass force_new: true to try again under it.)`,
      { final: true },
    );
  }
  // Failed along the way, or its job was interrupted (a restart, a SIGKILL): resume.
  const done = CREATE_LOOK_STEPS.filter((step) => run.steps[step].status === 'completed');
  const from = CREATE_LOOK_STEPS.find((step) => run.steps[step].status !== 'completed') ?? 'wait';
  const folder = services.runs.folder(run.id);
  if (!folder) throw new UserError('run_missing', `Run ${run.id} has an unexpected name.`, 'Pass force_new: true.');
  const record = await services.jobs.start(CREATE_LOOK, { run_id: run.id }, folder);
  await services.lookKeys.put({ ...existing, job_id: record.id, updated_at: new Date().toISOString() });
  const why = run.error ? `it stopped at ${run.error.step}: ${run.error.message}` : 'its job was interrupted';
  return {
    jobId: record.id,
    note: `Resumed key "${request.key}" (run ${run.id}) from step ${from}; ${why}. Done before: ${done.join(', ') || 'nothing'} — not repeated.`,
  };
}

/** The avatar group the look goes into, checked at HeyGen before any image is paid for. */
async function checkedGroup(services: Services, groupId: string | undefined, options: IntakeOptions) {
  const client = await services.heygen();
  if (!groupId) {
    throw new UserError(
      'no_group',
      "No avatar group: pass group_id, or set HEYGEN_AVATAR_GROUP_ID in the server's environment. create_look never creates a group (the look belongs with the person's avatar).",
      "Call list_avatar_groups to find the person's group id.",
    );
  }
  options.progress(1, `Checking avatar group ${groupId} at HeyGen before anything is paid for.`);
  // The checks share the call's wait budget: a slow HeyGen must not push the answer past what the host allows.
  const left = Math.max(0, options.deadline - Date.now());
  const group = await getGroup(client, groupId, options.signal, {
    timeoutMs: Math.max(2_000, Math.min(services.config.heygen.timeoutMs, Math.floor(left / 2))),
    retries: left > 10_000 ? 1 : 0,
  }).catch(
    onNotFound(
      `There is no avatar group "${groupId}" in this HeyGen account: call list_avatar_groups for the right group_id. Nothing was spent.`,
    ),
  );
  return { groupId, consentPending: group.consent_status === 'pending' };
}

/** Everything that can be refused, refused before any spend: the prompt, HeyGen and the group, the image order. */
async function checkBeforeSpend(
  services: Services,
  args: CreateLookArgs,
  request: CreateLookRequest,
  options: IntakeOptions,
) {
  const { config } = services;
  // 1. The prompt: built from the fields, or the caller's own; either way checked.
  const props = request.props ?? undefined;
  const built = lookPrompt(
    {
      topic: args.topic,
      orientation: args.orientation,
      angle: args.angle,
      expression: args.expression,
      wardrobe: args.wardrobe,
      environment: args.environment,
      lighting: args.lighting,
      details: args.details,
      props,
      prompt: args.prompt,
    },
    CREATE_LOOK,
  );
  // 2. HeyGen: a key and an existing group, before paying for any image.
  const { groupId, consentPending } = await checkedGroup(services, args.group_id ?? config.heygen.groupId, options);
  // 3. The image order: provider, key, reference photo (all checked here, before any spend).
  const label = lookLabel(request);
  options.progress(1.5, 'Reading the reference photo.');
  const left = Math.max(0, options.deadline - Date.now());
  const prepared = await prepareGeneration(
    {
      prompt: built.prompt,
      orientation: args.orientation,
      referenceImages: referenceSources(
        { one: args.reference_image, several: args.reference_images },
        services.config.referenceImages,
      ),
      count: args.candidates,
      provider: args.provider,
      model: args.model,
      size: args.size,
      name: label,
      looks: true,
    },
    services,
    AbortSignal.any([options.signal, AbortSignal.timeout(Math.max(5_000, left - 2_000))]),
  );
  return { built, groupId, consentPending, prepared, label };
}

async function startNewRun(
  services: Services,
  args: CreateLookCall,
  request: CreateLookRequest,
  replacing: LookKeyEntry | undefined,
  options: IntakeOptions,
): Promise<Intake> {
  const { config } = services;
  const { built, groupId, consentPending, prepared, label } = await checkBeforeSpend(services, args, request, options);
  await services.jobs.assertRoom(); // a full home claims no key and makes no run folder
  // 4. Claim the key (exclusively, unless replacing it on purpose) for a new run folder, then
  // fill the folder and start the job. A lost claim leaves nothing behind.
  const run = await services.runs.create(label);
  const now = new Date().toISOString();
  const entry: LookKeyEntry = {
    key: request.key,
    run_id: run.id,
    run_dir: run.dir,
    request: { ...request },
    heygen: heygenAccount(config),
    created_at: now,
    updated_at: now,
  };
  if (replacing) {
    await services.lookKeys.put(entry);
  } else if (!(await services.lookKeys.claim(entry))) {
    await rm(run.dir, { recursive: true, force: true });
    const winner = await services.lookKeys.get(request.key);
    if (winner) return reuseRun(services, winner, request);
    throw new UserError(
      'busy',
      `Key "${request.key}" was claimed by another call at the same moment.`,
      'Call create_look again with the same key.',
    );
  }
  for (const [index, photo] of prepared.references.entries())
    await writeFileAtomic(join(run.dir, referenceFile(index)), photo.bytes);
  const warnings = [...prepared.warnings];
  if (consentPending) {
    warnings.push(
      `The avatar group ${groupId} still needs its owner's consent: the look will wait for it (request_avatar_consent).`,
    );
  }
  const record = newRun({
    run,
    request,
    prompt: {
      text: built.prompt,
      source: built.source,
      preset: built.preset,
      missing_rules: built.missing_rules.map((rule) => rule.id),
    },
    generation: {
      provider: prepared.provider.name as LookProviderName,
      providers: prepared.providers.map((p) => p.name as LookProviderName),
      model: prepared.model,
      aspect_ratio: prepared.aspectRatio,
      size: args.size,
      count: args.candidates,
    },
    references: prepared.references.map((photo, index) => ({
      source: photo.source,
      sha256: photo.sha256,
      width: photo.width,
      height: photo.height,
      sent: referenceFile(index),
    })),
    groupId,
    sandbox: config.sandbox !== null || prepared.provider.sandbox === true,
    gateMode: config.faceGate,
    faceChecks: config.faceGate !== 'off',
    warnings,
    approval: args.approval ?? config.approval,
  });
  await services.runs.writeRecord(run, record);
  const job = await services.jobs.start(CREATE_LOOK, { run_id: run.id }, run);
  await services.lookKeys.put({ ...entry, job_id: job.id, updated_at: new Date().toISOString() });
  const note = replacing
    ? `force_new: a new look for key "${request.key}" (the earlier run ${replacing.run_id} is kept).`
    : undefined;
  return { jobId: job.id, note };
}
