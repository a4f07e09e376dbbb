// create_look's approval: a run can stop and wait for a person — before any image is paid for
// (`cost`), or after the candidates are made and checked, before anything reaches HeyGen (`pick`).
// Waiting is the run's status on disk (`awaiting_approval`) and the job's: no process lives while
// it waits, so a restart or a reconnect loses nothing. The person's answer (a tool call, a form in
// the host, or the look picker app) is recorded in run.json under the run's lock, then a new job
// continues the run from where it stopped, with the same never-pay-twice steps as any resume.

import { join } from 'node:path';
import { HEYGEN_PRICES, PRICE_NOTE, PROMPT_LOOK_PRICE_NOTE } from '../../domain/heygen/prices.ts';
import type { ProviderName } from '../../domain/images/registry.ts';
import {
  createLookResult,
  createLookRun,
  type ApprovalDecision,
  type ApprovalMode,
  type CreateLookResult,
  type CreateLookRun,
  type StepName,
} from '../../store/records.ts';
import { runFileUri, type RunFolder } from '../../store/runs.ts';
import type { Services } from '../deps.ts';
import type { CreateLookArgs } from './request.ts';
import type { StepContext } from './step.ts';

export const APPROVE_LOOK = 'approve_look';

/** create_look's arguments with the approval mode (kept out of the request an idempotency key compares). */
export type CreateLookCall = CreateLookArgs & { approval?: ApprovalMode | undefined };

/** Rounds of candidates a person may ask for in one run (each is paid). */
export const MAX_PICK_ROUNDS = 4;

export type ApprovalStage = 'cost' | 'pick';
export type ApprovalAction = 'approve' | 'reject' | 'another_round';
export type ApprovalVia = ApprovalDecision['via'];

/** A candidate as the person sees it: the image, its likeness and pose, and what the gate said. */
export interface WaitingCandidate {
  index: number;
  round: number;
  file: string;
  path: string;
  uri: string;
  preview_path: string;
  preview_uri: string;
  width: number;
  height: number;
  provider: string;
  model: string;
  passed: boolean;
  /** Nothing failed but the likeness is unclear: the person may still pick it (they know their face). */
  review: boolean;
  /** Likeness to the reference photos combined (0–1), each alone, and the pass line. */
  likeness?: number | undefined;
  per_reference?: number[] | undefined;
  threshold?: number | undefined;
  faces?: number | undefined;
  yaw?: number | undefined;
  pitch?: number | undefined;
  reasons: string[];
  warnings: string[];
  /** The gate's own choice: the passing candidate with the best score. */
  recommended: boolean;
}

export interface ApprovalCosts {
  spent_usd: number;
  to_come_usd: number;
  images_to_come_usd: number;
  heygen_look_usd: number;
  /** pick: what one more round of candidates would cost. */
  another_round_usd?: number | undefined;
  note: string;
}

/** What a run waiting for approval shows: the question, what waits, what it costs, and how to answer. */
export interface ApprovalView {
  mode: ApprovalMode;
  waiting_for: ApprovalStage;
  since: string;
  /** Why it asks again, when it does (e.g. the chosen candidate no longer passes the gate). */
  note?: string | undefined;
  round: number;
  question: string;
  candidates: WaitingCandidate[];
  cost: ApprovalCosts;
  /** The actions approve_look takes at this stage. */
  actions: ApprovalAction[];
  tool: typeof APPROVE_LOOK;
}

// A type, not an interface: a job's result is a plain record.
export type CreateLookAwaiting = {
  status: 'awaiting_approval';
  key: string;
  run_id: string;
  run_dir: string;
  sandbox: boolean;
  approval: ApprovalView;
  warnings: string[];
  next_step: string;
};

export interface CreateLookRejected {
  status: 'rejected';
  key: string;
  run_id: string;
  run_dir: string;
  sandbox: boolean;
  cost_estimate_usd: number;
  next_step: string;
}

/**
 * Called by the job before each step: the run stops here, waiting, when the person has not yet
 * said yes — before the first image in `cost` mode, before the upload in `pick` mode.
 */
export async function awaitApproval(step: StepContext, next: StepName): Promise<CreateLookAwaiting | undefined> {
  const { run } = step;
  const asked = stageBefore(run, next);
  if (!asked) return undefined;
  const { stage, note } = asked;
  if (run.approval.waiting?.stage !== stage || run.approval.waiting.round !== run.rounds || note)
    run.approval.waiting = { stage, since: new Date().toISOString(), round: run.rounds, ...(note ? { note } : {}) };
  run.status = 'awaiting_approval';
  await step.save();
  step.job.progress(stage === 'cost' ? 2 : 60, `Waiting for the person's approval (${stage}).`, true);
  step.services.logger.info('create_look waiting for approval', { run: run.id, stage });
  return awaitingOf(run, step.folder, step.services);
}

function stageBefore(run: CreateLookRun, next: StepName): { stage: ApprovalStage; note?: string } | undefined {
  const { approval } = run;
  if (approval.mode === 'cost' && next === 'generate' && !approval.cost_approved && run.candidates.length === 0)
    return { stage: 'cost' };
  if (approval.mode !== 'pick' || next !== 'upload' || run.upload.attempts) return undefined;
  const { picked } = approval;
  if (picked === undefined) return { stage: 'pick' };
  // The kept images may have been checked again since the answer (the gate's mode changed): the
  // person's choice stands over the gate's own best, as long as it still passes (or is for review:
  // the person looking at it was the review); if it no longer does, the person chooses again — the
  // gate never chooses for them.
  const check = run.gate.checks.find((c) => c.index === picked);
  if (check?.passed || check?.status === 'review') {
    run.gate.chosen = picked;
    return undefined;
  }
  delete approval.picked;
  const note = `Candidate ${picked} was chosen, but it no longer passes the gate (${run.gate.mode}${check ? `: ${check.reasons.join(' ')}` : ', it was not checked'}); nothing was sent to HeyGen. Choose again.`;
  return { stage: 'pick', note };
}

/** The waiting run as the tools show it. */
export async function awaitingOf(
  run: CreateLookRun,
  folder: RunFolder,
  services: Services,
): Promise<CreateLookAwaiting> {
  const stage = run.approval.waiting?.stage ?? (run.approval.mode === 'cost' ? 'cost' : 'pick');
  const cost = await costs(run, services, stage);
  const candidates = stage === 'pick' ? waitingCandidates(run, folder) : [];
  const note = run.approval.waiting?.note;
  const asked =
    stage === 'cost'
      ? `Pay about $${cost.to_come_usd.toFixed(2)} for this look (${run.generation.count} image${run.generation.count === 1 ? '' : 's'} from ${run.generation.provider} ${run.generation.model} at $${cost.images_to_come_usd.toFixed(2)}, and one HeyGen look at $${cost.heygen_look_usd.toFixed(2)})?`
      : `Which candidate becomes the look? ${candidates.map(describeCandidate).join('; ')}.`;
  const question = note ? `${note} ${asked}` : asked;
  const approval: ApprovalView = {
    mode: run.approval.mode,
    waiting_for: stage,
    since: run.approval.waiting?.since ?? run.updated_at,
    ...(note ? { note } : {}),
    round: run.rounds,
    question,
    candidates,
    cost,
    actions: stage === 'cost' ? ['approve', 'reject'] : ['approve', 'another_round', 'reject'],
    tool: APPROVE_LOOK,
  };
  return {
    status: 'awaiting_approval',
    key: run.key,
    run_id: run.id,
    run_dir: folder.dir,
    sandbox: run.sandbox,
    approval,
    warnings: run.warnings,
    next_step: nextStepOf(run, approval),
  };
}

function nextStepOf(run: CreateLookRun, approval: ApprovalView): string {
  const key = JSON.stringify(run.key);
  const stop = `or action "reject" to stop here (nothing more is paid). Do not call create_look again: with this key it returns this same question.`;
  if (approval.waiting_for === 'cost')
    return `Tell the person the estimated cost and ask whether to go ahead; then call ${APPROVE_LOOK} with key ${key} and action "approve" (the images and the look are then made and paid for), ${stop}`;
  const recommended = approval.candidates.find((candidate) => candidate.recommended);
  const passing = approval.candidates
    .filter((candidate) => candidate.passed || candidate.review)
    .map((candidate) => candidate.index);
  const round =
    run.rounds < MAX_PICK_ROUNDS
      ? `action "another_round" for ${run.generation.count} new candidate${run.generation.count === 1 ? '' : 's'} (about $${(approval.cost.another_round_usd ?? 0).toFixed(2)}), `
      : '';
  return `Show the person the candidates and ask which to use; then call ${APPROVE_LOOK} with key ${key}, action "approve" and candidate N (${passing.length > 0 ? `one of ${passing.join(', ')}` : 'none passed the gate'}${recommended ? `; the gate recommends ${recommended.index}` : ''}), ${round}${stop}`;
}

function waitingCandidates(run: CreateLookRun, folder: RunFolder): WaitingCandidate[] {
  return [...run.candidates]
    .sort((a, b) => a.index - b.index)
    .map((candidate) => {
      const check = run.gate.checks.find((c) => c.index === candidate.index);
      return {
        index: candidate.index,
        round: candidate.round,
        file: candidate.file,
        path: join(folder.dir, candidate.file),
        uri: runFileUri(run.id, candidate.file),
        preview_path: join(folder.dir, candidate.preview_file),
        preview_uri: runFileUri(run.id, candidate.preview_file),
        width: candidate.width,
        height: candidate.height,
        provider: candidate.provider,
        model: candidate.model,
        passed: check?.passed ?? false,
        review: check?.status === 'review',
        likeness: check?.identity?.similarity,
        per_reference: check?.identity?.per_reference,
        threshold: check?.identity?.threshold,
        faces: check?.faces?.count,
        yaw: check?.faces?.yaw,
        pitch: check?.faces?.pitch,
        reasons: check?.reasons ?? ['Not checked.'],
        warnings: check?.warnings ?? [],
        recommended: run.gate.chosen === candidate.index,
      };
    });
}

/** "candidate 2 (likeness 0.71, yaw 8°, passed, recommended)" */
export function describeCandidate(candidate: WaitingCandidate): string {
  const facts = [
    candidate.likeness !== undefined ? `likeness ${candidate.likeness.toFixed(3)}` : undefined,
    candidate.yaw !== undefined ? `yaw ${Math.round(candidate.yaw)}°` : undefined,
    candidate.passed
      ? 'passed the gate'
      : candidate.review
        ? 'for review: the likeness is unclear, pick it only if it is you'
        : `failed the gate: ${candidate.reasons.join(' ')}`,
    candidate.recommended ? 'recommended' : undefined,
  ].filter(Boolean);
  return `candidate ${candidate.index} (${facts.join(', ')})`;
}

const cents = (usd: number) => Math.round(usd * 1000) / 1000;

async function costs(run: CreateLookRun, services: Services, stage: ApprovalStage): Promise<ApprovalCosts> {
  const real = services.config.sandbox === null;
  // HeyGen's own looks have no published price: neither an image nor a photo look is paid for them.
  const byHeyGen = run.generation.provider === 'heygen';
  const heygenLook = real && !byHeyGen ? HEYGEN_PRICES.photoLookUsd : 0;
  const provider = await services.providers.resolve(run.generation.provider as ProviderName).catch(() => undefined);
  const perImage = provider?.sandbox || byHeyGen ? 0 : (provider?.priceUsd?.(run.generation.model) ?? 0.1);
  const round = cents(perImage * run.generation.count);
  const imagesToCome = stage === 'cost' ? round : 0;
  return {
    spent_usd: run.cost_estimate_usd,
    to_come_usd: cents(imagesToCome + heygenLook),
    images_to_come_usd: imagesToCome,
    heygen_look_usd: heygenLook,
    ...(stage === 'pick' ? { another_round_usd: round } : {}),
    note: real
      ? byHeyGen
        ? `${PROMPT_LOOK_PRICE_NOTE} ${PRICE_NOTE}${afterHeyGen(run)}`
        : PRICE_NOTE
      : 'Sandbox: nothing is spent.',
  };
}

/** What a chain that starts with heygen may still cost: the next provider's images and a photo look. */
function afterHeyGen(run: CreateLookRun): string {
  const rest = run.generation.providers.filter((name) => name !== 'heygen');
  if (rest.length === 0) return '';
  return ` If HeyGen's look fails the face check, the next round uses ${rest.join(', ')}: its images and a $${HEYGEN_PRICES.photoLookUsd.toFixed(2)} photo look would be paid then (not in this quote).`;
}

/** The job following the run now: the run's own, else the one its key names. */
export async function currentJob(services: Services, run: CreateLookRun): Promise<string | undefined> {
  const entry = await services.lookKeys.get(run.key);
  for (const id of new Set([entry?.run_id === run.id ? entry.job_id : undefined, run.job_id])) {
    if (id && (await services.jobs.get(id))?.status === 'running') return id;
  }
  return undefined;
}

export function rejectedOf(run: CreateLookRun, folder: RunFolder): CreateLookRejected {
  return {
    status: 'rejected',
    key: run.key,
    run_id: run.id,
    run_dir: folder.dir,
    sandbox: run.sandbox,
    cost_estimate_usd: run.cost_estimate_usd,
    next_step: run.error?.next_step ?? 'Call create_look with a new key.',
  };
}

export type ApprovalState =
  | { awaiting: CreateLookAwaiting }
  | { finished: CreateLookResult }
  | { continuing: string }
  | { rejected: CreateLookRejected }
  | undefined;

/** Where a run that once waited is now (a job record that says "awaiting" may be behind the run). */
export async function approvalState(services: Services, runId: string): Promise<ApprovalState> {
  const folder = services.runs.folder(runId);
  const run = folder ? await services.runs.readRecord(runId, createLookRun) : undefined;
  if (!folder || !run) return undefined;
  if (run.status === 'awaiting_approval') return { awaiting: await awaitingOf(run, folder, services) };
  if (run.status === 'completed') {
    const result = createLookResult.safeParse(run.result);
    if (result.success) return { finished: result.data };
  }
  if (run.status === 'failed' && run.error?.kind === 'rejected') return { rejected: rejectedOf(run, folder) };
  const job = await currentJob(services, run);
  return job ? { continuing: job } : undefined;
}
