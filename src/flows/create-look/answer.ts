// The person's answer to a create_look that waits for approval (approval.ts): recorded in
// run.json under the run's lock before anything else, then a new job continues the run.

import { join } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { acquireLock } from '../../core/lock.ts';
import { isOurRunner } from '../../jobs/manager.ts';
import {
  createLookResult,
  createLookRun,
  type ApprovalDecision,
  type CreateLookResult,
  type CreateLookRun,
  type GateCheck,
} from '../../store/records.ts';
import type { RunFolder } from '../../store/runs.ts';
import type { Services } from '../deps.ts';
import {
  APPROVE_LOOK,
  currentJob,
  MAX_PICK_ROUNDS,
  rejectedOf,
  type ApprovalAction,
  type ApprovalVia,
  type CreateLookAwaiting,
  type CreateLookRejected,
} from './approval.ts';

export interface ApprovalAnswer {
  /** The run, by its create_look key or by the job that stopped to wait. */
  key?: string | undefined;
  job_id?: string | undefined;
  action: ApprovalAction;
  candidate?: number | undefined;
  via: ApprovalVia;
}

export type ApprovalOutcome =
  /** The run continues in this job. */
  | { jobId: string; note: string }
  /** Still waiting (a new question: nothing was decided). */
  | { awaiting: CreateLookAwaiting; jobId: string; note?: string | undefined }
  | { finished: CreateLookResult; jobId: string; note: string }
  | { rejected: CreateLookRejected; note: string };

/**
 * The person's answer. Recorded in run.json under the run's lock before anything else, so two
 * answers at once (a form and a tool call) settle on one; a repeated answer returns what the first
 * started; a different answer after one was given is refused, naming it.
 */
export async function answerApproval(services: Services, answer: ApprovalAnswer): Promise<ApprovalOutcome> {
  const runId = await findRun(services, answer);
  const folder = services.runs.folder(runId);
  if (!folder) throw new UserError('run_missing', `Run ${runId} has an unexpected name.`, 'Check the key or job id.');
  const release = await lockForAnswer(folder);
  let decided: { run: CreateLookRun; decision: ApprovalDecision };
  try {
    const run = await services.runs.readRecord(runId, createLookRun);
    if (!run) throw new UserError('run_missing', `The run ${runId} is no longer on disk.`, 'Call create_look again.');
    if (run.status !== 'awaiting_approval') return await alreadyAnswered(services, run, folder, answer);
    const decision = decide(run, answer);
    decided = { run, decision };
    run.approval.decisions.push(decision);
    delete run.approval.waiting;
    if (decision.action === 'reject') {
      run.status = 'failed';
      run.error = {
        kind: 'rejected',
        message: `The person rejected this look at the ${decision.stage} stage (${decision.at}); nothing more was paid for.`,
        next_step: `The images made so far are kept in ${folder.dir}. To try again, call create_look with a new key, or with force_new: true under this one.`,
        step: decision.stage === 'cost' ? 'generate' : 'upload',
        final: true,
      };
    } else {
      run.status = 'running';
      run.approval.continuing = true;
    }
    run.updated_at = new Date().toISOString();
    await services.runs.writeRecord(folder, run);
  } finally {
    await release();
  }
  const { run, decision } = decided;
  services.logger.info('create_look approval answered', {
    run: run.id,
    stage: decision.stage,
    action: decision.action,
    via: decision.via,
  });
  if (decision.action === 'reject') return { rejected: rejectedOf(run, folder), note: run.error?.message ?? '' };
  return continueRun(services, run, folder, continuedNote(decision));
}

function continuedNote(decision: ApprovalDecision): string {
  if (decision.stage === 'cost') return 'Approved: the images and the look are being made and paid for now.';
  if (decision.action === 'another_round')
    return 'Another round of candidates is being made (paid); the run will ask again.';
  return `Candidate ${decision.candidate} chosen: it is being uploaded to HeyGen and added as the look.`;
}

function decide(run: CreateLookRun, answer: ApprovalAnswer): ApprovalDecision {
  const stage = run.approval.waiting?.stage ?? (run.approval.mode === 'cost' ? 'cost' : 'pick');
  const decision: ApprovalDecision = { stage, action: answer.action, via: answer.via, at: new Date().toISOString() };
  if (answer.action === 'reject') return decision;
  if (stage === 'cost') {
    if (answer.action === 'another_round')
      throw new UserError(
        'bad_request',
        'Nothing has been made yet, so there is no round to replace: the run waits for a yes to the cost.',
        `Call ${APPROVE_LOOK} with action "approve" to pay and make the look, or "reject" to stop.`,
      );
    if (answer.candidate !== undefined)
      throw new UserError(
        'bad_request',
        'This run waits for a yes to the cost, not for a candidate (none is made yet).',
        `Call ${APPROVE_LOOK} with action "approve" and no candidate.`,
      );
    run.approval.cost_approved = true;
    return decision;
  }
  if (answer.action === 'another_round') {
    if (run.rounds >= MAX_PICK_ROUNDS)
      throw new UserError(
        'bad_request',
        `This run has made ${run.rounds} rounds of candidates, the most one run makes.`,
        `Call ${APPROVE_LOOK} with action "approve" and one of the candidates, or "reject" and then create_look with a new key and a changed prompt.`,
      );
    run.rounds += 1;
    run.steps.generate = { status: 'pending' };
    run.steps.gate = { status: 'pending' };
    return decision;
  }
  // A candidate for review may be picked: the person looking at it is the review.
  const pickable = (check: GateCheck) => check.passed || check.status === 'review';
  const passing = run.gate.checks.filter(pickable).map((check) => check.index);
  if (answer.candidate === undefined)
    throw new UserError(
      'bad_request',
      'Say which candidate becomes the look.',
      `Call ${APPROVE_LOOK} again with candidate set to one of ${passing.join(', ') || '(none passed: ask for another_round or reject)'}${run.gate.chosen !== undefined ? ` (the gate recommends ${run.gate.chosen})` : ''}.`,
    );
  const check = run.gate.checks.find((c) => c.index === answer.candidate);
  if (!run.candidates.some((c) => c.index === answer.candidate) || !check)
    throw new UserError(
      'bad_request',
      `There is no candidate ${answer.candidate} in this run (it has ${run.candidates.map((c) => c.index).join(', ')}).`,
      `Call ${APPROVE_LOOK} again with one of those.`,
    );
  if (!pickable(check))
    throw new UserError(
      'bad_request',
      `Candidate ${answer.candidate} failed the gate (${check.reasons.join(' ')}), so it cannot become the look.`,
      passing.length > 0
        ? `Choose one of ${passing.join(', ')}, or ask for another_round.`
        : 'Ask for another_round, or reject.',
    );
  decision.candidate = answer.candidate;
  run.approval.picked = answer.candidate;
  run.gate.chosen = answer.candidate;
  return decision;
}

/** The run is not waiting (any more): the same answer again follows what it started; another is refused. */
async function alreadyAnswered(
  services: Services,
  run: CreateLookRun,
  folder: RunFolder,
  answer: ApprovalAnswer,
): Promise<ApprovalOutcome> {
  const last = run.approval.decisions.at(-1);
  if (!last) {
    throw new UserError(
      'not_waiting',
      `The look of key "${run.key}" is not waiting for approval (it is ${run.status}; approval ${run.approval.mode}).`,
      `Call create_look with key "${run.key}" (or get_job) to see where it is.`,
    );
  }
  const same =
    last.action === answer.action &&
    (answer.action !== 'approve' || last.stage === 'cost' || last.candidate === answer.candidate);
  const what = `${last.action}${last.candidate !== undefined ? ` candidate ${last.candidate}` : ''} (${last.via}, ${last.at})`;
  if (!same) {
    throw new UserError(
      'already_answered',
      `The look of key "${run.key}" was already answered: ${what}.`,
      `Call create_look with key "${run.key}" (or get_job) to follow it; a new look needs a new key or force_new: true.`,
    );
  }
  const note = `Already answered: ${what}. Nothing new was started.`;
  if (run.status === 'failed' && run.error?.kind === 'rejected') return { rejected: rejectedOf(run, folder), note };
  const finished = run.status === 'completed' ? createLookResult.safeParse(run.result) : undefined;
  if (finished?.success) return { finished: finished.data, jobId: run.job_id ?? 'none', note };
  const job = await currentJob(services, run);
  if (job) return { jobId: job, note };
  return continueRun(services, run, folder, note);
}

/** A new job continues the run from its next step (what is done is not done again). */
async function continueRun(
  services: Services,
  run: CreateLookRun,
  folder: RunFolder,
  note: string,
): Promise<ApprovalOutcome> {
  const job = await services.jobs.start('create_look', { run_id: run.id }, folder);
  const entry = await services.lookKeys.get(run.key);
  if (entry?.run_id === run.id)
    await services.lookKeys.put({ ...entry, job_id: job.id, updated_at: new Date().toISOString() });
  return { jobId: job.id, note };
}

async function findRun(services: Services, answer: ApprovalAnswer): Promise<string> {
  if (answer.key !== undefined) {
    const entry = await services.lookKeys.get(answer.key);
    if (!entry)
      throw new UserError(
        'not_found',
        `No create_look was made with key "${answer.key}".`,
        'Use the key create_look was called with (its result names it), or the job_id it returned.',
      );
    return entry.run_id;
  }
  if (answer.job_id !== undefined) {
    const job = await services.jobs.get(answer.job_id);
    if (!job?.run_id || job.kind !== 'create_look')
      throw new UserError(
        'not_found',
        `There is no create_look job "${answer.job_id}" on this server.`,
        'Use the job_id create_look returned with status "awaiting_approval", or its key.',
      );
    return job.run_id;
  }
  throw new UserError(
    'bad_request',
    'Say which look: pass key (the one create_look was called with) or job_id.',
    `Call ${APPROVE_LOOK} again with key.`,
  );
}

/**
 * The run's lock, as a job takes it: an answer never lands while a job is working on the run (the
 * job that stopped to wait may still be letting go, so wait a moment for it).
 */
async function lockForAnswer(folder: RunFolder): Promise<() => Promise<void>> {
  const lock = await acquireLock(join(folder.dir, 'run.lock'), {
    holder: { pid: process.pid, answer: true },
    abandoned: (holder, ageMs) => {
      if (holder?.answer === true) return ageMs > 10_000;
      return !(
        typeof holder?.pid === 'number' &&
        typeof holder.job_id === 'string' &&
        isOurRunner(holder.pid, holder.job_id)
      );
    },
    waitMs: 5_000,
  });
  if ('release' in lock) return lock.release;
  throw new UserError(
    'busy',
    `Run ${folder.id} is being worked on by ${typeof lock.heldBy?.job_id === 'string' ? `job ${lock.heldBy.job_id}` : 'another call'}.`,
    'Call create_look with the same key to see whether it still waits for approval, then answer.',
  );
}
