import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/core/config.ts';
import { ImageError } from '../../src/domain/images/errors.ts';
import { prepareGeneration, startGeneration } from '../../src/flows/generate-image.ts';
import { withRetries, type RetryPolicy } from '../../src/domain/images/retry.ts';
import { createLogger } from '../../src/core/log.ts';
import type { JobRecord } from '../../src/jobs/record.ts';
import { createServices } from '../../src/compose.ts';
import { photo } from '../helpers/images.ts';

const FAST: RetryPolicy = {
  noImage: 2,
  rateLimited: 2,
  unavailable: 3,
  maxRetryAfterMs: 1_000,
  backoffMs: 10,
  noImageDelayMs: 10,
};
const signal = () => new AbortController().signal;

/** Runs `failures` then succeeds; returns how many attempts were made and what came out. */
async function attempts(failures: ImageError[], policy = FAST) {
  let made = 0;
  const waits: number[] = [];
  try {
    const value = await withRetries(
      async () => {
        const failure = failures[made++];
        if (failure) throw failure;
        return 'image';
      },
      { signal: signal(), onRetry: (_error, _attempt, waitMs) => waits.push(waitMs) },
      policy,
    );
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
      withRetries(
        async () => {
          throw err('rate_limited', true, 900);
        },
        { signal: controller.signal },
        FAST,
      ),
      (error: ImageError) => error.kind === 'cancelled',
    );
  });
});

describe('JobManager with real job runners', () => {
  const home = mkdtempSync(join(tmpdir(), 'avatar-looks-jobs-'));
  after(() => rmSync(home, { recursive: true, force: true }));
  const logger = createLogger('error', () => {}, []);

  /** A sandbox generation job, started the way generate_look_image starts one. */
  async function sandboxJob(delayMs: number) {
    const env = {
      PATH: process.env.PATH ?? '',
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX_DELAY_MS: String(delayMs),
    };
    const config = loadConfig(env);
    const services = createServices(config, logger, { env });
    const face = join(home, 'face.jpg');
    writeFileSync(face, await photo(300, 400));
    const prepared = await prepareGeneration(
      {
        prompt: 'A knit sweater on a bed.',
        orientation: 'landscape',
        referenceImages: [face],
        count: 1,
        provider: 'sandbox',
        size: '1K',
      },
      services,
      new AbortController().signal,
    );
    const generation = await startGeneration(prepared, services.runs);
    const record = await services.jobs.start('generate_look_image', { ...generation }, generation.run);
    return { jobs: services.jobs, record };
  }
  const onDisk = (id: string) => JSON.parse(readFileSync(join(home, 'jobs', `${id}.json`), 'utf8')) as JobRecord;

  it('runs the job in its own process and records it on disk from start to result', async () => {
    const { jobs, record } = await sandboxJob(0);
    assert.equal(onDisk(record.id).status, 'running');
    assert.ok(record.owner.pid > 0 && record.owner.pid !== process.pid, 'a separate runner process');
    const done = await jobs.wait(record.id, 20_000);
    assert.equal(done?.status, 'completed');
    const images = (done?.result as { images: Array<{ path: string }> }).images;
    assert.ok(existsSync(images[0]?.path ?? ''));
    assert.equal(onDisk(record.id).status, 'completed');
  });

  it('returns while still running when the wait runs out, reporting progress on the way', async () => {
    const { jobs, record } = await sandboxJob(2_000);
    const seen: string[] = [];
    const early = await jobs.wait(record.id, 1_000, (update) => seen.push(update.progress.message));
    assert.equal(early?.status, 'running');
    assert.ok(seen.includes('Candidate 1: waiting for the provider.'), seen.join(' | '));
    assert.equal((await jobs.wait(record.id, 20_000))?.status, 'completed');
  });

  it('cancels a running job: the runner aborts and records why', async () => {
    const { jobs, record } = await sandboxJob(30_000);
    await jobs.wait(record.id, 500);
    assert.equal(await jobs.cancel(record.id), true);
    const done = await jobs.wait(record.id, 10_000);
    assert.equal(done?.status, 'failed');
    assert.equal(done?.error?.kind, 'cancelled');
  });

  it('reports a job whose runner was killed as interrupted, with where its files are', async () => {
    const { jobs, record } = await sandboxJob(30_000);
    await jobs.wait(record.id, 500);
    process.kill(onDisk(record.id).owner.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const found = await jobs.get(record.id);
    assert.equal(found?.status, 'interrupted');
    assert.match(found?.error?.next_step ?? '', new RegExp(record.run_dir ?? 'never'));
    assert.equal(onDisk(record.id).status, 'interrupted', 'written back');
  });

  it('treats a running job whose pid now belongs to another program as interrupted', async () => {
    const { jobs, record } = await sandboxJob(0);
    await jobs.wait(record.id, 20_000);
    const stale: JobRecord = {
      ...onDisk(record.id),
      id: 'job_000000000000',
      status: 'running',
      owner: { pid: process.pid },
      heartbeat_at: new Date(Date.now() - 60_000).toISOString(),
    };
    writeFileSync(join(home, 'jobs', 'job_000000000000.json'), JSON.stringify(stale));
    assert.equal((await jobs.get('job_000000000000'))?.status, 'interrupted');
  });

  it('does not read outside its folder for a strange job id', async () => {
    const { jobs } = await sandboxJob(0);
    assert.equal(await jobs.get('../../etc/passwd'), undefined);
  });
});
