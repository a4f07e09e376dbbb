// Long work as jobs that outlive the call, and the server, that started them.
//
// Each job runs in its own detached process (the runner script, src/job-runner.ts) that writes
// the job's record to AVATAR_LOOKS_HOME/jobs/<id>.json as it goes. So a host that restarts the
// server, or a client that starts one server per call (MCP Inspector's CLI), loses nothing already
// paid for: any later server process follows the record. A runner that dies mid-way makes the job
// read "interrupted". What each kind of job does is injected (compose.ts); nothing here knows it.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { readJsonRecord, writeJsonAtomic } from '../core/files.ts';
import { acquireLock } from '../core/lock.ts';
import type { Logger } from '../core/log.ts';
import { poll } from '../core/retry.ts';
import { HEARTBEAT_MS, isJobId, jobPaths, jobRecord, type JobKindInfo, type JobRecord } from './record.ts';
import { STOP_SIGNAL } from './signals.ts';

const POLL_MS = 100;
/** The runner's script name: a live pid whose command line lacks it (and the job id) is not our runner. */
export const RUNNER_NAME = 'job-runner';

export interface JobManagerOptions {
  /** The environment the runner gets: the one the server's config came from. */
  runnerEnv: Record<string, string | undefined>;
  /** Absolute path of the runner script (node <script> <home> <job-id>). */
  runnerScript: string;
  /** What the manager may say about each kind of job. */
  kinds: Record<string, JobKindInfo>;
  /** Jobs that may run at once in this home (each runner holds up to about 450 MB). */
  maxRunning?: number;
}

/** How long a job counts as running without a fresh heartbeat before its record is read at all. */
const RECENT_MS = 10 * 60_000;

export class JobManager {
  private readonly home: string;
  private readonly logger: Logger;
  private readonly options: JobManagerOptions;
  private readonly started = new Set<string>();

  constructor(home: string, logger: Logger, options: JobManagerOptions) {
    this.home = home;
    this.logger = logger;
    this.options = options;
  }

  /** Records the job, starts its runner, and returns the record (on disk before this returns). */
  async start(
    kind: string,
    input: Record<string, unknown>,
    run?: { id: string; dir: string },
    fingerprint?: string,
  ): Promise<JobRecord> {
    const id = `job_${randomBytes(9)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')
      .slice(0, 12)}`;
    const paths = jobPaths(this.home, id);
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    // Counting and starting under one lock: two calls at once cannot both take the last place.
    const lock = await acquireLock(join(paths.dir, 'start.lk'), {
      holder: { pid: process.pid },
      abandoned: (_holder, ageMs) => ageMs > 10_000,
      waitMs: 5_000,
    });
    if ('heldBy' in lock) throw this.full(await this.runningInHome());
    try {
      await this.assertRoom();
      return await this.spawn(id, kind, input, paths, run, fingerprint);
    } finally {
      await lock.release();
    }
  }

  /** Refuses (a UserError naming the running jobs) when this home already runs maxRunning jobs. */
  async assertRoom(): Promise<void> {
    const running = await this.runningInHome();
    if (running.length >= (this.options.maxRunning ?? Infinity)) throw this.full(running);
  }

  private full(running: JobRecord[]): UserError {
    const limit = this.options.maxRunning ?? Infinity;
    const list = running.map((job) => `${job.id} (${job.kind}, ${job.progress.percent}%: ${job.progress.message})`);
    return new UserError(
      'busy',
      `${running.length} jobs are already running in this home (the limit is ${limit}, AVATAR_LOOKS_MAX_JOBS): ${list.join('; ') || 'starting'}. Nothing was started.`,
      'Wait for one to finish (get_job with its job_id), then call again with the same inputs. AVATAR_LOOKS_MAX_JOBS raises the limit if the machine has the memory (about 450 MB per job).',
    );
  }

  /** Every running job of this home, from any server process (their records are on disk). */
  private async runningInHome(): Promise<JobRecord[]> {
    const dir = jobPaths(this.home, 'job_000000000000').dir;
    const names = await readdir(dir).catch(() => [] as string[]);
    const records = await Promise.all(
      names
        .filter((name) => /^job_[a-z0-9]{12}\.json$/.test(name))
        .map(async (name) => {
          const path = join(dir, name);
          const info = await stat(path).catch(() => undefined);
          if (!info || Date.now() - info.mtimeMs > RECENT_MS) return undefined;
          return this.get(name.slice(0, -'.json'.length));
        }),
    );
    return records.filter((record): record is JobRecord => record?.status === 'running');
  }

  private async spawn(
    id: string,
    kind: string,
    input: Record<string, unknown>,
    paths: ReturnType<typeof jobPaths>,
    run: { id: string; dir: string } | undefined,
    fingerprint: string | undefined,
  ): Promise<JobRecord> {
    const now = new Date().toISOString();
    const record: JobRecord = {
      id,
      kind,
      status: 'running',
      created_at: now,
      updated_at: now,
      heartbeat_at: now,
      owner: { pid: 0 },
      progress: { percent: 0, message: 'Starting.' },
      ...(fingerprint ? { fingerprint } : {}),
      ...(run ? { run_id: run.id, run_dir: run.dir } : {}),
    };
    await writeJsonAtomic(paths.input, { kind, input });
    await writeJsonAtomic(paths.record, record);
    const log = await open(paths.log, 'a', 0o600);
    try {
      // Detached, with its own log and no pipes to us: it finishes and saves even if we exit.
      const child = spawn(process.execPath, [this.options.runnerScript, this.home, id], {
        detached: true,
        stdio: ['ignore', 'ignore', log.fd],
        env: this.options.runnerEnv,
      });
      child.unref();
      record.owner.pid = child.pid ?? 0;
    } finally {
      await log.close();
    }
    // The runner records its own pid (its first write, before loading anything heavy); writing it
    // here too could overwrite the runner's newer record.
    this.started.add(id);
    this.logger.info('job started', { id, kind, runner_pid: record.owner.pid });
    return record;
  }

  /** The job's record as it is now; a running job whose runner is gone reads "interrupted". */
  async get(id: string): Promise<JobRecord | undefined> {
    if (!isJobId(id)) return undefined;
    const paths = jobPaths(this.home, id);
    const record = await readJsonRecord(paths.record, jobRecord);
    if (!record || record.status !== 'running' || this.runnerAlive(record)) return record;
    // The runner may have finished between our read and its exit: read once more before judging.
    const again = await readJsonRecord(paths.record, jobRecord);
    if (!again || again.status !== 'running') return again;
    again.status = 'interrupted';
    again.updated_at = new Date().toISOString();
    const kind = this.options.kinds[again.kind];
    again.error = {
      kind: 'interrupted',
      message:
        'The job stopped before it finished: its process is gone (the machine restarted, or the job runner was killed).',
      next_step: kind
        ? kind.afterInterruption(again, paths.log)
        : again.run_dir
          ? `Anything it saved is in ${again.run_dir} (see run.json). Call the tool again to start over; the log is ${paths.log}.`
          : `Call the tool again to start over; the log is ${paths.log}.`,
    };
    await writeJsonAtomic(paths.record, again).catch((error: unknown) =>
      this.logger.warn('could not mark job interrupted', { id, message: (error as Error).message }),
    );
    return again;
  }

  /**
   * Follows the job until it is no longer running or `waitMs` has passed, calling `onChange`
   * whenever its progress changes. Returns the record as it then is.
   */
  async wait(
    id: string,
    waitMs: number,
    onChange?: (record: JobRecord) => void,
    signal?: AbortSignal,
  ): Promise<JobRecord | undefined> {
    let last = '';
    let milestones: number | undefined;
    let latest: JobRecord | undefined;
    const outcome = await poll(
      async () => {
        const record = await this.get(id);
        latest = record;
        if (!record || record.status !== 'running') return { record };
        // Milestones reached while we wait are each told, in order (older ones were told before).
        const reached = record.milestones ?? [];
        for (milestones ??= reached.length; milestones < reached.length; milestones++)
          onChange?.({ ...record, progress: reached[milestones] as JobRecord['progress'] });
        const seen = `${record.progress.percent}|${record.progress.message}`;
        if (seen !== last) {
          last = seen;
          onChange?.(record);
        }
        return undefined;
      },
      { intervalMs: POLL_MS, deadline: Date.now() + waitMs, signal },
    );
    return 'value' in outcome ? outcome.value.record : latest;
  }

  /**
   * The newest job of this kind and fingerprint that is still running, or that completed within
   * `completedWithinMs`: a repeated request (a client retrying after a timeout) gets it back.
   */
  async findSame(kind: string, fingerprint: string, completedWithinMs: number): Promise<JobRecord | undefined> {
    const { dir } = jobPaths(this.home, 'job_000000000000');
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => /^job_[a-z0-9]{12}\.json$/.test(name));
    } catch {
      return undefined;
    }
    const horizon = Date.now() - Math.max(completedWithinMs, 60 * 60_000);
    const candidates: JobRecord[] = [];
    for (const name of names) {
      const path = join(dir, name);
      const modified = (await stat(path).catch(() => undefined))?.mtimeMs ?? 0;
      if (modified < horizon) continue; // older jobs cannot be running any more, and are too old to reuse
      const record = await this.get(name.slice(0, -'.json'.length));
      if (!record || record.kind !== kind || record.fingerprint !== fingerprint) continue;
      if (
        record.status === 'running' ||
        (record.status === 'completed' && Date.now() - Date.parse(record.updated_at) <= completedWithinMs)
      )
        candidates.push(record);
    }
    return candidates.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
  }

  /** Asks a running job's runner to stop: it aborts its upstream requests and records why. */
  async cancel(id: string): Promise<boolean> {
    let record = await this.get(id);
    // A runner records its pid within moments of starting; wait for it briefly.
    for (let waited = 0; record?.status === 'running' && record.owner.pid <= 0 && waited < 3_000; waited += POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      record = await this.get(id);
    }
    if (!record || record.status !== 'running' || record.owner.pid <= 0 || !isOurRunner(record.owner.pid, id))
      return false;
    try {
      process.kill(record.owner.pid, 'SIGTERM');
      return true;
    } catch {
      return false;
    }
  }

  /** The jobs this manager started that are still running. */
  async running(): Promise<JobRecord[]> {
    const records = await Promise.all([...this.started].map((id) => this.get(id)));
    return records.filter((record): record is JobRecord => record?.status === 'running');
  }

  /**
   * Asks every running job this manager started to stop at its next safe point (a step boundary,
   * or while it only waits): unlike cancel, nothing in flight is aborted, and the job records how
   * to resume. A job with no safe point before its end (image generation) just finishes.
   */
  async stopAtSafePoints(): Promise<JobRecord[]> {
    const running = await this.running();
    for (const record of running) {
      // A fresh heartbeat too: without /proc (macOS) a live pid is all isOurRunner knows, and a
      // reused pid must not get a signal whose default action ends a process.
      const beating = Date.now() - Date.parse(record.heartbeat_at) < 3 * HEARTBEAT_MS;
      if (record.owner.pid <= 0 || !beating || !isOurRunner(record.owner.pid, record.id)) continue;
      try {
        process.kill(record.owner.pid, STOP_SIGNAL);
      } catch {
        // gone meanwhile: it reads "interrupted", and create_look resumes it
      }
    }
    return running;
  }

  /** Resolves when every job this manager started has left "running" (for orderly shutdown and tests). */
  async idle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const id of this.started) {
      while (Date.now() < deadline && (await this.get(id))?.status === 'running')
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /**
   * The pid is the authority, not the heartbeat: a runner paused by a sleeping laptop is late,
   * not dead, and calling it dead would tell the user to pay again. Where /proc exists, the pid
   * must also still be our runner for this job (pids are reused).
   */
  private runnerAlive(record: JobRecord): boolean {
    if (record.owner.pid <= 0) return Date.now() - Date.parse(record.created_at) < 30_000; // still starting
    return isOurRunner(record.owner.pid, record.id);
  }
}

export function isOurRunner(pid: number, jobId: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes(RUNNER_NAME) && commandLine.includes(jobId);
  } catch {
    return true; // no /proc (macOS): a live pid is the best we know
  }
}
