// Long work as jobs: started by a tool, waited on for a while, polled later with get_job.
// Records live on disk (AVATAR_LOOKS_HOME/jobs/<id>.json), so a restarted server still knows
// every job; one whose process died reads "interrupted".

import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { writeJsonAtomic } from './files.ts';

export type JobStatus = 'running' | 'completed' | 'failed' | 'interrupted';

export interface JobError {
  kind: string;
  message: string;
  next_step: string;
}

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  created_at: string;
  updated_at: string;
  owner: { pid: number; boot: string };
  progress: { percent: number; message: string };
  run_id?: string;
  run_dir?: string;
  result?: Record<string, unknown>;
  error?: JobError;
}

export interface JobContext {
  signal: AbortSignal;
  progress(percent: number, message: string): void;
  /** The run folder the job writes into: recorded at once, so it is known even if the job dies. */
  attachRun(runId: string, runDir: string): void;
}

export type JobWork = (context: JobContext) => Promise<Record<string, unknown>>;

interface LiveJob {
  record: JobRecord;
  controller: AbortController;
  listeners: Set<() => void>;
  writing: Promise<void>;
  lastWrite: number;
}

const JOB_ID = /^job_[a-z0-9]{12}$/;
const PROGRESS_WRITE_INTERVAL_MS = 1000;

export class JobManager {
  /** Identifies this server process's run, so records from an earlier run are recognised. */
  readonly boot = randomBytes(8).toString('hex');
  private readonly live = new Map<string, LiveJob>();
  private readonly dir: string;
  private readonly describeError: (error: unknown) => JobError;
  private readonly logger: Logger;

  constructor(home: string, describeError: (error: unknown) => JobError, logger: Logger) {
    this.dir = join(home, 'jobs');
    this.describeError = describeError;
    this.logger = logger;
  }

  /** Starts `work` in the background and returns its record; the record is on disk before this returns. */
  async start(kind: string, work: JobWork): Promise<JobRecord> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const now = new Date().toISOString();
    const record: JobRecord = {
      id: `job_${randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12)}`,
      kind,
      status: 'running',
      created_at: now,
      updated_at: now,
      owner: { pid: process.pid, boot: this.boot },
      progress: { percent: 0, message: 'Starting.' },
    };
    const job: LiveJob = { record, controller: new AbortController(), listeners: new Set(), writing: Promise.resolve(), lastWrite: 0 };
    this.live.set(record.id, job);
    await this.persist(job, true);
    const context: JobContext = {
      signal: job.controller.signal,
      progress: (percent, message) => {
        if (record.status !== 'running') return;
        record.progress = { percent: Math.max(record.progress.percent, Math.min(99, Math.round(percent))), message };
        this.changed(job, false);
      },
      attachRun: (runId, runDir) => {
        record.run_id = runId;
        record.run_dir = runDir;
        this.changed(job, true);
      },
    };
    void work(context).then(
      (result) => this.finish(job, { status: 'completed', result }),
      (error: unknown) => this.finish(job, { status: 'failed', error: this.describeError(error) }),
    );
    return { ...record };
  }

  /** The job's current record: live, or from disk (marked interrupted if its process is gone). */
  async get(id: string): Promise<JobRecord | undefined> {
    const job = this.live.get(id);
    if (job) return { ...job.record };
    if (!JOB_ID.test(id)) return undefined;
    let record: JobRecord;
    try {
      record = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as JobRecord;
    } catch {
      return undefined;
    }
    // Another boot with our own pid (common for pid 1 in containers) means the owner is gone too.
    const ownerGone = record.owner.boot !== this.boot && (record.owner.pid === process.pid || !isAlive(record.owner.pid));
    if (record.status === 'running' && ownerGone) {
      record.status = 'interrupted';
      record.updated_at = new Date().toISOString();
      record.error = {
        kind: 'interrupted',
        message: 'The server stopped while this job was running, so it did not finish.',
        next_step: record.run_dir
          ? `Anything it saved before stopping is in ${record.run_dir}. Call the tool again to start over.`
          : 'Call the tool again to start over.',
      };
      await writeJsonAtomic(join(this.dir, `${id}.json`), record).catch((error: unknown) =>
        this.logger.warn('could not mark job interrupted', { id, message: (error as Error).message }),
      );
    }
    return record;
  }

  /**
   * Waits until the job is no longer running or `waitMs` has passed, calling `onChange` on every
   * progress change. Returns the record as it then is.
   */
  async wait(id: string, waitMs: number, onChange?: (record: JobRecord) => void, signal?: AbortSignal): Promise<JobRecord | undefined> {
    const job = this.live.get(id);
    if (!job) return this.get(id);
    if (job.record.status !== 'running') return { ...job.record };
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        job.listeners.delete(listener);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const listener = () => {
        if (job.record.status !== 'running') finish();
        else onChange?.({ ...job.record });
      };
      const timer = setTimeout(finish, Math.max(0, waitMs));
      job.listeners.add(listener);
      signal?.addEventListener('abort', finish, { once: true });
    });
    return { ...job.record };
  }

  /** Aborts a running job's upstream work (a cancelled tool call). */
  cancel(id: string): boolean {
    const job = this.live.get(id);
    if (!job || job.record.status !== 'running') return false;
    job.controller.abort(new Error('cancelled by the client'));
    return true;
  }

  /** Resolves when every job this process started has finished and been written. */
  async idle(): Promise<void> {
    for (const job of this.live.values()) {
      while (job.record.status === 'running') await new Promise((resolve) => setTimeout(resolve, 20));
      await job.writing;
    }
  }

  private finish(job: LiveJob, outcome: { status: 'completed'; result: Record<string, unknown> } | { status: 'failed'; error: JobError }): void {
    Object.assign(job.record, outcome, { progress: { percent: 100, message: outcome.status === 'completed' ? 'Done.' : 'Failed.' } });
    if (outcome.status === 'failed') this.logger.info('job failed', { id: job.record.id, kind: job.record.kind, error: outcome.error.kind });
    this.changed(job, true);
  }

  private changed(job: LiveJob, mustWrite: boolean): void {
    job.record.updated_at = new Date().toISOString();
    void this.persist(job, mustWrite);
    for (const listener of [...job.listeners]) listener();
  }

  /** Writes are chained per job so renames never race; progress-only writes are throttled. */
  private persist(job: LiveJob, mustWrite: boolean): Promise<void> {
    const now = Date.now();
    if (!mustWrite && now - job.lastWrite < PROGRESS_WRITE_INTERVAL_MS) return job.writing;
    job.lastWrite = now;
    const snapshot = JSON.parse(JSON.stringify(job.record)) as JobRecord;
    job.writing = job.writing
      .then(() => writeJsonAtomic(join(this.dir, `${snapshot.id}.json`), snapshot))
      .catch((error: unknown) => this.logger.error('could not write job record', { id: snapshot.id, message: (error as Error).message }));
    return job.writing;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
