// The body of a job's process: reads the job's input, runs its kind's work, and keeps the job's
// record current (progress, heartbeat, result or error). The kinds are given (compose.ts).
// SIGTERM (cancel) aborts `controller`; SIGUSR2 (the server shutting down) aborts `stopping`, and
// a job that stops at a safe point ends "interrupted" with how to resume.

import { readJsonRecord, writeJsonAtomic } from '../core/files.ts';
import { errorRecord, internalErrorRecord, UserError } from '../core/errors.ts';
import { cancellation } from './signals.ts';
import type { Logger } from '../core/log.ts';
import {
  HEARTBEAT_MS,
  jobInput,
  jobPaths,
  jobRecord,
  type JobContext,
  type JobKind,
  type JobRecord,
} from './record.ts';

const PROGRESS_WRITE_MS = 250;

export interface RunJobOptions {
  home: string;
  id: string;
  /** Loaded after the signal handlers are in place (the kinds load heavy modules). */
  kinds: () => Promise<Record<string, JobKind>>;
  logger: Logger;
  redact: (text: string) => string;
  /** Aborted on cancel (SIGTERM) or when the time limit passes. */
  controller: AbortController;
  /** Aborted when the server asks the job to stop at a safe point. */
  stopping: AbortSignal;
}

export async function runJob(options: RunJobOptions): Promise<void> {
  const { home, id, logger, controller } = options;
  const paths = jobPaths(home, id);
  const order = await readJsonRecord(paths.input, jobInput);
  const record = await readJsonRecord(paths.record, jobRecord);
  if (!order || !record) throw new Error(`job ${id} has no readable record or input in ${paths.dir}`);
  record.owner = { pid: process.pid };
  const writer = recordWriter(paths.record, record, logger);
  const heartbeat = setInterval(writer.save, HEARTBEAT_MS);
  await writer.save();
  logger.info('job running', { id, kind: order.kind });
  let limit: NodeJS.Timeout | undefined;
  try {
    const kind = (await options.kinds())[order.kind];
    if (!kind) throw new Error(`unknown job kind "${order.kind}"`);
    limit = setTimeout(
      () =>
        controller.abort(cancellation(`The job ran longer than ${kind.timeLimitMs / 60_000} minutes and was stopped.`)),
      kind.timeLimitMs,
    );
    if (controller.signal.aborted) throw controller.signal.reason;
    const context: JobContext = { signal: controller.signal, stopping: options.stopping, progress: writer.progress };
    record.result = await kind.run(order.input, context);
    // A kind may stop for a person's answer: nothing runs until then, and its result says what waits.
    const waiting = record.result.status === 'awaiting_approval';
    record.status = waiting ? 'awaiting_approval' : 'completed';
    record.progress = waiting
      ? { percent: record.progress.percent, message: "Waiting for the person's approval." }
      : { percent: 100, message: 'Done.' };
  } catch (caught) {
    // A cancel can surface as any error from deep inside: the reason is what the user needs.
    const error = controller.signal.aborted && !(caught instanceof UserError) ? controller.signal.reason : caught;
    // Stopped at a safe point for a server shutdown: nothing is lost, and a later call resumes.
    record.status = error instanceof UserError && error.kind === 'interrupted' ? 'interrupted' : 'failed';
    if (error instanceof UserError) record.error = errorRecord(error, options.redact);
    else {
      logger.error('job crashed', { message: (error as Error)?.message, stack: (error as Error)?.stack });
      record.error = internalErrorRecord(error, 'the job log', options.redact);
    }
    record.progress = {
      percent: 100,
      message: record.status === 'interrupted' ? 'Stopped at a safe point: the server shut down.' : 'Failed.',
    };
  }
  clearInterval(heartbeat);
  clearTimeout(limit);
  await writer.close();
  logger.info('job finished', {
    id,
    status: record.status,
    ...(record.error ? { error: record.error.kind } : {}),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}

/** Writes the record in order, at most every PROGRESS_WRITE_MS for plain progress, at once for milestones. */
function recordWriter(path: string, record: JobRecord, logger: Logger) {
  let writing = Promise.resolve();
  let progressTimer: NodeJS.Timeout | undefined;
  const save = () => {
    const now = new Date().toISOString();
    record.updated_at = now;
    record.heartbeat_at = now;
    const snapshot = structuredClone(record);
    writing = writing
      .then(() => writeJsonAtomic(path, snapshot))
      .catch((error: unknown) => logger.error('could not write the job record', { message: (error as Error).message }));
    return writing;
  };
  const progress = (percent: number, message: string, milestone?: boolean) => {
    record.progress = { percent: Math.max(record.progress.percent, Math.min(99, Math.round(percent))), message };
    if (milestone) {
      record.milestones = [...(record.milestones ?? []), record.progress].slice(-50);
      void save();
      return;
    }
    progressTimer ??= setTimeout(() => {
      progressTimer = undefined;
      void save();
    }, PROGRESS_WRITE_MS);
  };
  const close = () => {
    if (progressTimer) clearTimeout(progressTimer);
    return save();
  };
  return { save, progress, close };
}
