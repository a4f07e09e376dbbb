import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ImageError } from '../../src/images/errors.ts';
import { withRetries, type RetryPolicy } from '../../src/images/retry.ts';
import { createLogger } from '../../src/log.ts';
import { JobManager, type JobRecord } from '../../src/looks/jobs.ts';

const FAST: RetryPolicy = { noImage: 2, rateLimited: 2, unavailable: 3, maxRetryAfterMs: 1_000, backoffMs: 10, noImageDelayMs: 10 };
const signal = () => new AbortController().signal;

/** Runs `failures` then succeeds; returns how many attempts were made and what came out. */
async function attempts(failures: ImageError[], policy = FAST) {
  let made = 0;
  const waits: number[] = [];
  try {
    const value = await withRetries(async () => {
      const failure = failures[made++];
      if (failure) throw failure;
      return 'image';
    }, { signal: signal(), onRetry: (_error, _attempt, waitMs) => waits.push(waitMs) }, policy);
    return { made, value, waits };
  } catch (error) {
    return { made, error: error as ImageError, waits };
  }
}

const err = (kind: ImageError['kind'], retryable: boolean, retryAfterMs?: number) =>
  new ImageError(kind, kind, 'next', { retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('withRetries', () => {
  it('retries "no image" twice, then gives up with the error', async () => {
    assert.deepEqual((await attempts([err('no_image', true)])).value, 'image');
    const gaveUp = await attempts([err('no_image', true), err('no_image', true), err('no_image', true)]);
    assert.equal(gaveUp.made, 3);
    assert.equal(gaveUp.error?.kind, 'no_image');
    assert.equal(gaveUp.error?.attempts, 3);
  });

  it('waits as long as a 429 asks, and not at all beyond the longest wait it honours', async () => {
    const waited = await attempts([err('rate_limited', true, 700)]);
    assert.equal(waited.value, 'image');
    assert.deepEqual(waited.waits, [700]);
    const tooLong = await attempts([err('rate_limited', true, 5_000)]);
    assert.equal(tooLong.made, 1);
    assert.equal(tooLong.error?.kind, 'rate_limited');
  });

  it('never retries a refusal, a missing quota or a bad key', async () => {
    for (const kind of ['prompt_blocked', 'output_blocked', 'no_quota', 'auth', 'config'] as const) {
      const result = await attempts([err(kind, false)]);
      assert.equal(result.made, 1, kind);
      assert.equal(result.error?.kind, kind);
    }
  });

  it('backs off on 5xx, doubling each time', async () => {
    const result = await attempts([err('unavailable', true), err('unavailable', true), err('unavailable', true)]);
    assert.equal(result.value, 'image');
    assert.deepEqual(result.waits, [10, 20, 40]);
  });

  it('stops waiting when the call is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(
      withRetries(async () => { throw err('rate_limited', true, 900); }, { signal: controller.signal }, FAST),
      (error: ImageError) => error.kind === 'cancelled',
    );
  });
});

describe('JobManager', () => {
  const home = mkdtempSync(join(tmpdir(), 'avatar-looks-jobs-'));
  after(() => rmSync(home, { recursive: true, force: true }));
  const logger = createLogger('error', () => {}, []);
  const describeError = (error: unknown) => ({ kind: 'failed', message: (error as Error).message, next_step: 'again' });

  it('keeps a record on disk from start to finish, with the result', async () => {
    const jobs = new JobManager(home, describeError, logger);
    const job = await jobs.start('test', async (context) => {
      context.progress(50, 'half way');
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { answer: 42 };
    });
    const onDisk = () => JSON.parse(readFileSync(join(home, 'jobs', `${job.id}.json`), 'utf8')) as JobRecord;
    assert.equal(onDisk().status, 'running');
    const done = await jobs.wait(job.id, 2_000);
    assert.equal(done?.status, 'completed');
    assert.deepEqual(done?.result, { answer: 42 });
    await jobs.idle();
    assert.deepEqual(onDisk().result, { answer: 42 });
  });

  it('returns while still running when the wait runs out, reporting progress on the way', async () => {
    const jobs = new JobManager(home, describeError, logger);
    const job = await jobs.start('slow', async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      context.progress(30, 'working');
      await new Promise((resolve) => setTimeout(resolve, 400));
      return {};
    });
    const seen: string[] = [];
    const early = await jobs.wait(job.id, 100, (record) => seen.push(record.progress.message));
    assert.equal(early?.status, 'running');
    assert.deepEqual(seen, ['working']);
    assert.equal((await jobs.wait(job.id, 2_000))?.status, 'completed');
  });

  it('aborts the work of a cancelled job and records the failure', async () => {
    const jobs = new JobManager(home, describeError, logger);
    const job = await jobs.start('cancellable', (context) => new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new Error('aborted upstream')))));
    assert.equal(jobs.cancel(job.id), true);
    const done = await jobs.wait(job.id, 1_000);
    assert.equal(done?.status, 'failed');
    assert.equal(done?.error?.message, 'aborted upstream');
  });

  it('reports a job whose server process died as interrupted, with where its files are', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const record: JobRecord = {
      id: 'job_abcdefabcdef', kind: 'generate_look_image', status: 'running', created_at: '2026-11-24T00:00:00.000Z', updated_at: '2026-11-24T00:00:00.000Z',
      owner: { pid: Number(dead.stdout), boot: 'earlier' }, progress: { percent: 40, message: 'generating' }, run_id: 'r', run_dir: '/somewhere/runs/r',
    };
    const jobs = new JobManager(home, describeError, logger);
    await jobs.start('make-the-folder', async () => ({}));
    writeFileSync(join(home, 'jobs', `${record.id}.json`), JSON.stringify(record));
    const found = await jobs.get(record.id);
    assert.equal(found?.status, 'interrupted');
    assert.match(found?.error?.next_step ?? '', /\/somewhere\/runs\/r/);
    assert.equal((JSON.parse(readFileSync(join(home, 'jobs', `${record.id}.json`), 'utf8')) as JobRecord).status, 'interrupted', 'written back');
    // The same pid under another boot (pid 1 in a container after a restart) is gone too.
    writeFileSync(join(home, 'jobs', 'job_000000000000.json'), JSON.stringify({ ...record, id: 'job_000000000000', owner: { pid: process.pid, boot: 'earlier' } }));
    assert.equal((await jobs.get('job_000000000000'))?.status, 'interrupted');
  });

  it('does not read outside its folder for a strange job id', async () => {
    const jobs = new JobManager(home, describeError, logger);
    assert.equal(await jobs.get('../../etc/passwd'), undefined);
  });
});
