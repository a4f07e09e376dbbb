// SIGTERM to dist/server.js --http while a create_look job runs and a client long-polls it: the
// poll is answered (not cut), the job stops at its next safe point recorded as resumable, the
// server exits 0, and a new server resumes the key without paying for anything twice.

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { writeReference } from '../helpers/faces.ts';
import { connectHttp, startHttpProcess } from '../helpers/http.ts';
import { temporaryHome, textOf } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;

describe('Streamable HTTP: graceful shutdown', () => {
  let home: string;
  let env: Record<string, string>;
  before(async () => {
    home = temporaryHome();
    const reference = await writeReference(home);
    // Each image takes 5 s: SIGTERM lands while the job is generating.
    env = {
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: reference,
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '5000',
    };
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('answers the running long-poll, stops the job at a safe point, exits 0; a new server resumes the key', async () => {
    const first = await startHttpProcess(env);
    const client = await connectHttp(first.url, first.token);
    const started = await call(client, 'create_look', {
      key: 'deploy-ep',
      topic: 'sleep science',
      orientation: 'landscape',
      size: '1K',
      wait_seconds: 0,
    });
    assert.equal(started.structuredContent?.status, 'running', textOf(started));
    const jobId = started.structuredContent?.job_id as string;

    const poll = call(client, 'get_job', { job_id: jobId, wait_seconds: 45 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const signalled = Date.now();
    const exited = first.stop('SIGTERM');
    const answer = await poll;
    const answeredAfter = Date.now() - signalled;
    assert.equal(answer.isError, undefined, textOf(answer));
    assert.equal(
      answer.structuredContent?.status,
      'running',
      'the long-poll is answered "still running", with its job id',
    );
    assert.equal(answer.structuredContent?.job_id, jobId);
    assert.ok(
      answeredAfter < 2_000,
      `the long-poll was answered ${answeredAfter} ms after SIGTERM, not at the end of its 45 s`,
    );
    await client.close();

    const ended = await exited;
    assert.equal(ended.code, 0, first.stderr());
    assert.match(first.stderr(), /shutting down.*SIGTERM/);
    // The job finished the image it was paying for, then stopped before the next step.
    const record = JSON.parse(readFileSync(join(home, 'jobs', `${jobId}.json`), 'utf8')) as {
      status: string;
      error?: { kind: string; message: string; next_step: string };
    };
    assert.equal(record.status, 'interrupted', JSON.stringify(record));
    assert.equal(record.error?.kind, 'interrupted');
    assert.match(record.error?.message ?? '', /server shut down.*safe point.*done and kept: prompt, generate/);
    assert.match(record.error?.next_step ?? '', /same key/);

    const second = await startHttpProcess(env);
    const again = await connectHttp(second.url, second.token);
    try {
      const followed = await call(again, 'get_job', { job_id: jobId, wait_seconds: 0 });
      assert.equal(followed.isError, true, 'a later server reports the stopped job, with how to resume');
      assert.match(textOf(followed), /same key/);

      let resumed = await call(again, 'create_look', {
        key: 'deploy-ep',
        topic: 'sleep science',
        orientation: 'landscape',
        size: '1K',
        wait_seconds: 45,
      });
      while (resumed.structuredContent?.status === 'running')
        resumed = await call(again, 'get_job', { job_id: resumed.structuredContent.job_id, wait_seconds: 45 });
      assert.equal(resumed.isError, undefined, textOf(resumed));
      assert.equal(resumed.structuredContent?.status, 'completed');
      assert.match(textOf(resumed), /Resumed key "deploy-ep".*Done before: prompt, generate/s);
      // Nothing paid twice: one image, one upload, one look.
      // Over HTTP the run is named by its URI; its folder is under the home.
      const runJson = join(home, 'runs', resumed.structuredContent?.run_id, 'run.json');
      const run = JSON.parse(readFileSync(runJson, 'utf8')) as {
        candidates: unknown[];
      };
      assert.equal(run.candidates.length, 1);
      const { created } = JSON.parse(readFileSync(join(home, 'sandbox', 'heygen-simulator.json'), 'utf8')) as {
        created: { assets: number; looks: number };
      };
      assert.equal(created.assets, 1);
      assert.equal(created.looks, 1);
    } finally {
      await again.close();
      assert.equal((await second.stop('SIGTERM')).code, 0);
    }
  });
});
