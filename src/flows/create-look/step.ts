// What every create_look step works with: the run's record (saved as it changes), its folder, the
// services, the job's signals and progress, and the test-only crash points.

import { UserError } from '../../core/errors.ts';
import { retry } from '../../core/retry.ts';
import type { HeyGenClient } from '../../domain/heygen/client.ts';
import { HeyGenError } from '../../domain/heygen/errors.ts';
import type { RetryPolicy } from '../../domain/images/retry.ts';
import type { JobContext } from '../../jobs/record.ts';
import type { CreateLookRun, StepName, StoredCandidate } from '../../store/records.ts';
import type { RunFolder } from '../../store/runs.ts';
import type { Services } from '../deps.ts';

/** How long the upload and add steps keep waiting out HeyGen 429s (each 429 made nothing). */
const BUSY_WAIT_MS = 5 * 60_000;

export const TITLES: Record<StepName, string> = {
  prompt: 'prompt',
  generate: 'generating the image',
  gate: 'checking the candidates',
  upload: 'uploading to HeyGen',
  add: 'adding the look to the avatar group',
  wait: 'waiting for HeyGen to finish the look',
};

export interface StepOptions {
  retryPolicy?: RetryPolicy | undefined;
  /** Test only: the runner kills itself with SIGKILL at this point ("before:upload", "inside:add", …). */
  crashAt?: string | undefined;
  /** How often the wait step asks HeyGen about the look. */
  pollMs?: number | undefined;
}

export interface StepContext {
  run: CreateLookRun;
  folder: RunFolder;
  services: Services;
  options: StepOptions;
  job: JobContext;
  /** Writes run.json: whatever was recorded is on disk before the next call goes out. */
  save(): Promise<void>;
  /** Progress within the current step, 0–1. */
  progress(fraction: number, sentence: string): void;
  /** Test only: dies here when asked to. */
  crash(point: string): Promise<void>;
  heygen(): Promise<HeyGenClient>;
}

/** The candidate the gate chose. */
export function chosenCandidate(run: CreateLookRun): StoredCandidate {
  const chosen = run.candidates.find((candidate) => candidate.index === run.gate.chosen);
  if (!chosen) {
    throw new UserError('bad_request', 'The run has no chosen candidate.', 'Call create_look with force_new: true.', {
      final: true,
    });
  }
  return chosen;
}

/** Calls HeyGen, waiting out 429s (a 429 made nothing) for up to BUSY_WAIT_MS. */
export function patiently<T>(step: StepContext, what: string, call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  return retry(call, {
    signal: step.job.signal,
    delay: (error, attempt) => {
      if (!(error instanceof HeyGenError) || error.status !== 429 || Date.now() > deadline) return undefined;
      return Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 4));
    },
    cancelled: () => step.job.signal.reason,
    onRetry: (_error, _attempt, waitMs) =>
      step.progress(0.1, `HeyGen is busy (429) ${what}; waiting ${Math.ceil(waitMs / 1000)} s (nothing was made).`),
  });
}

/** The job stopped at a safe point because its server shut down: resumable, nothing lost. */
export function stoppedBefore(step: StepName, done: readonly StepName[]): UserError {
  return new UserError(
    'interrupted',
    `The server shut down (a restart or a deploy) while this look was being made; the job stopped at a safe point with ${TITLES[step]} still to do${done.length > 0 ? ` (done and kept: ${done.join(', ')})` : ''}.`,
    `Call create_look again with the same key: it continues from ${TITLES[step]}, and nothing made so far is made or paid for again.`,
  );
}
