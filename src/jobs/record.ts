// A job as it is kept on disk (AVATAR_LOOKS_HOME/jobs/<id>.json), and what a job's work is given.

import { join } from 'node:path';
import { z } from 'zod';

/** awaiting_approval: the job stopped, nothing running, until a person answers (its result says what waits). */
export const JOB_STATUSES = ['running', 'awaiting_approval', 'completed', 'failed', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

const progress = z.object({ percent: z.number(), message: z.string() });

export const jobRecord = z.looseObject({
  id: z.string(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  created_at: z.string(),
  updated_at: z.string(),
  /** The runner writes this at least every HEARTBEAT_MS while it lives. */
  heartbeat_at: z.string(),
  owner: z.object({ pid: z.number() }),
  /** Identifies what the job makes: an identical request finds this job instead of paying again. */
  fingerprint: z.string().optional(),
  progress,
  /** Progress that must each reach the client (a step starting), however fast they follow each other. */
  milestones: z.array(progress).optional(),
  run_id: z.string().optional(),
  run_dir: z.string().optional(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z
    .object({
      kind: z.string(),
      message: z.string(),
      next_step: z.string(),
      /** True when calling again with the same input would end the same way. */
      final: z.boolean().optional(),
    })
    .optional(),
});
export type JobRecord = z.infer<typeof jobRecord>;

/** The job's input file: what kind of work, and its input as the kind takes it. */
export const jobInput = z.object({ kind: z.string(), input: z.unknown() });

export interface JobContext {
  signal: AbortSignal;
  /**
   * Aborts when the server that started the job shuts down (SIGUSR2 to the runner): a job
   * that can stop at a step boundary without losing anything does so, and records how to resume.
   */
  stopping?: AbortSignal;
  /** A milestone (a step starting) is written at once and reaches every waiting client. */
  progress(percent: number, message: string, milestone?: boolean): void;
}

/** A kind of job: the work, how long it may take, and what a user does when its runner died. */
export interface JobKind {
  /** Longest the work may run, whatever its upstream does. */
  timeLimitMs: number;
  run(input: unknown, context: JobContext): Promise<Record<string, unknown>>;
}

/** What a server needs to know of a kind without running it. */
export interface JobKindInfo {
  /** The next step of a job whose runner is gone (`log` is its log file). */
  afterInterruption(record: JobRecord, log: string): string;
}

export const HEARTBEAT_MS = 5_000;
const JOB_ID = /^job_[a-z0-9]{12}$/;

export function jobPaths(home: string, id: string) {
  const dir = join(home, 'jobs');
  return { dir, record: join(dir, `${id}.json`), input: join(dir, `${id}.input.json`), log: join(dir, `${id}.log`) };
}

export function isJobId(id: string): boolean {
  return JOB_ID.test(id);
}
