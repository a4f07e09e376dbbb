// create_look with approval, over stdio with the SDK Client: `cost` waits before any image is paid
// for, `pick` after the candidates are made and checked and before anything reaches HeyGen; the
// answer comes through approve_look. The simulator's own counts (and the fake Gemini's requests)
// prove that nothing is generated, uploaded or added before the person says so.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { writeReference } from '../helpers/faces.ts';
import { photo } from '../helpers/images.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const LOOK = { topic: 'sleep science', orientation: 'landscape', size: '1K' } as const;

async function call(connection: StdioConnected, name: string, args: Record<string, unknown>): Promise<Result> {
  return (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;
}

/** Follows a running job with get_job until it is no longer running. */
async function settle(connection: StdioConnected, result: Result): Promise<Result> {
  let current = result;
  while (current.structuredContent?.status === 'running')
    current = await call(connection, 'get_job', { job_id: current.structuredContent.job_id, wait_seconds: 30 });
  return current;
}

/** What the sandbox simulator made (its state file is shared by every process of the home). */
function sandboxCreated(home: string): { assets: number; looks: number } {
  const path = join(home, 'sandbox', 'heygen-simulator.json');
  if (!existsSync(path)) return { assets: 0, looks: 0 };
  const { assets, looks } = (JSON.parse(readFileSync(path, 'utf8')) as { created: { assets: number; looks: number } })
    .created;
  return { assets, looks };
}

function runRecord(result: Result): Record<string, any> {
  return JSON.parse(readFileSync(join(String(result.structuredContent?.run_dir), 'run.json'), 'utf8'));
}

describe('create_look with approval (stdio, sandbox)', () => {
  let home: string;
  let connection: StdioConnected;
  let env: Record<string, string>;
  before(async () => {
    home = temporaryHome();
    env = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1', AVATAR_REFERENCE_IMAGE: await writeReference(home) };
    connection = await connectStdio(env);
  });
  after(async () => {
    await connection.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('pick: makes and checks the candidates, then waits with nothing at HeyGen; the chosen one becomes the look', async () => {
    const waiting = await settle(
      connection,
      await call(connection, 'create_look', {
        key: 'pick-1',
        ...LOOK,
        candidates: 2,
        approval: 'pick',
        wait_seconds: 45,
      }),
    );
    assert.equal(waiting.isError, undefined, textOf(waiting));
    const out = waiting.structuredContent!;
    assert.equal(out.status, 'awaiting_approval', textOf(waiting));
    assert.equal(out.approval.waiting_for, 'pick');
    assert.equal(out.approval.tool, 'approve_look');
    assert.deepEqual(out.approval.actions, ['approve', 'another_round', 'reject']);
    assert.equal(out.approval.candidates.length, 2);
    for (const candidate of out.approval.candidates) {
      assert.equal(candidate.passed, true, JSON.stringify(candidate));
      assert.ok(candidate.likeness >= candidate.threshold, 'likeness shown with its threshold');
      assert.equal(typeof candidate.yaw, 'number', 'head pose shown');
      // The preview comes through resources/read, not as base64 in structuredContent.
      const read = await connection.client.readResource({ uri: candidate.preview_uri });
      assert.equal(read.contents[0]?.mimeType, 'image/jpeg');
    }
    assert.doesNotMatch(JSON.stringify(out), /base64|\/9j\//, 'no image bytes in structuredContent');
    assert.equal(out.approval.candidates.filter((c: { recommended: boolean }) => c.recommended).length, 1);
    assert.match(textOf(waiting), /Next step: Show the person the candidates.*approve_look with key "pick-1"/s);
    assert.match(textOf(waiting), /candidate 1.*likeness 0\.\d+.*head yaw/);
    assert.ok(
      waiting.content.some((block) => block.type === 'resource_link' && block.uri === out.approval.candidates[1].uri),
    );
    assert.deepEqual(sandboxCreated(home), { assets: 0, looks: 0 }, 'nothing uploaded or added before approval');
    assert.equal(runRecord(waiting).status, 'awaiting_approval', 'the waiting is on disk');

    // The same key again: the same question, nothing started, nothing made.
    const again = await call(connection, 'create_look', { key: 'pick-1', ...LOOK, candidates: 2, approval: 'pick' });
    assert.equal(again.structuredContent?.status, 'awaiting_approval');
    assert.match(textOf(again), /waiting for the person's approval: nothing was started/);
    assert.equal(runRecord(again).candidates.length, 2, 'no new image');
    assert.deepEqual(sandboxCreated(home), { assets: 0, looks: 0 });

    // The person picks candidate 2, whatever the gate recommended.
    const done = await settle(
      connection,
      await call(connection, 'approve_look', { key: 'pick-1', action: 'approve', candidate: 2, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(done.structuredContent?.image.index, 2);
    assert.equal(done.structuredContent?.resumed, false, 'continuing after an answer is no resume');
    assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1 });
    const run = runRecord(done);
    assert.deepEqual(
      run.approval.decisions.map((d: Record<string, unknown>) => [d.stage, d.action, d.candidate, d.via]),
      [['pick', 'approve', 2, 'tool']],
    );

    // The same answer again returns the look; a different one is refused; nothing new either way.
    const repeated = await call(connection, 'approve_look', { key: 'pick-1', action: 'approve', candidate: 2 });
    assert.equal(repeated.structuredContent?.look_id, done.structuredContent?.look_id);
    assert.match(textOf(repeated), /Already answered/);
    const other = await call(connection, 'approve_look', { key: 'pick-1', action: 'approve', candidate: 1 });
    assert.equal(other.isError, true);
    assert.match(textOf(other), /already answered: approve candidate 2/);
    assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1 });
  });

  it('cost: waits before any image is made; after a yes the look is made', async () => {
    const before = sandboxCreated(home);
    const waiting = await settle(
      connection,
      await call(connection, 'create_look', { key: 'cost-1', ...LOOK, approval: 'cost', wait_seconds: 45 }),
    );
    const out = waiting.structuredContent!;
    assert.equal(out.status, 'awaiting_approval', textOf(waiting));
    assert.equal(out.approval.waiting_for, 'cost');
    assert.deepEqual(out.approval.candidates, []);
    assert.deepEqual(out.approval.actions, ['approve', 'reject']);
    assert.equal(out.approval.cost.spent_usd, 0);
    assert.match(textOf(waiting), /Pay about \$0\.00 for this look \(1 image from sandbox/);
    assert.match(textOf(waiting), /action "approve"/);
    const run = runRecord(waiting);
    assert.equal(run.candidates.length, 0, 'no image generated');
    assert.deepEqual(
      readdirSync(String(out.run_dir)).filter((f) => f.startsWith('candidate-')),
      [],
    );
    assert.deepEqual(sandboxCreated(home), before);

    const wrong = await call(connection, 'approve_look', { key: 'cost-1', action: 'another_round' });
    assert.equal(wrong.isError, true);
    assert.match(textOf(wrong), /Nothing has been made yet/);

    const done = await settle(
      connection,
      await call(connection, 'approve_look', { job_id: out.job_id, action: 'approve', wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.deepEqual(sandboxCreated(home), { assets: before.assets + 1, looks: before.looks + 1 });
  });

  it('reject: stops with nothing at HeyGen; the same key then says it was rejected', async () => {
    const before = sandboxCreated(home);
    const waiting = await settle(
      connection,
      await call(connection, 'create_look', { key: 'no-1', ...LOOK, approval: 'pick', wait_seconds: 45 }),
    );
    assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
    const rejected = await call(connection, 'approve_look', { key: 'no-1', action: 'reject' });
    assert.equal(rejected.isError, undefined, textOf(rejected));
    assert.equal(rejected.structuredContent?.status, 'rejected');
    assert.match(textOf(rejected), /nothing more will be paid for/);
    assert.ok(existsSync(join(String(rejected.structuredContent?.run_dir), 'candidate-1.png')), 'the image is kept');
    const again = await call(connection, 'create_look', { key: 'no-1', ...LOOK, approval: 'pick' });
    assert.equal(again.isError, true);
    assert.match(textOf(again), /rejected this look.*force_new/s);
    const late = await call(connection, 'approve_look', { key: 'no-1', action: 'approve', candidate: 1 });
    assert.equal(late.isError, true);
    assert.match(textOf(late), /already answered: reject/);
    // get_job on the job that waited shows the outcome as it now is.
    const job = await call(connection, 'get_job', { job_id: waiting.structuredContent?.job_id, wait_seconds: 0 });
    assert.equal(job.structuredContent?.status, 'rejected');
    assert.deepEqual(sandboxCreated(home), before);
  });

  it('another round: more candidates are made and checked, and the run asks again', async () => {
    const before = sandboxCreated(home);
    const first = await settle(
      connection,
      await call(connection, 'create_look', { key: 'round-1', ...LOOK, approval: 'pick', wait_seconds: 45 }),
    );
    assert.equal(first.structuredContent?.approval.candidates.length, 1, textOf(first));
    const second = await settle(
      connection,
      await call(connection, 'approve_look', { key: 'round-1', action: 'another_round', wait_seconds: 45 }),
    );
    assert.equal(second.structuredContent?.status, 'awaiting_approval', textOf(second));
    assert.equal(second.structuredContent?.approval.round, 2);
    assert.deepEqual(
      second.structuredContent?.approval.candidates.map((c: { index: number; round: number }) => [c.index, c.round]),
      [
        [1, 1],
        [2, 2],
      ],
    );
    assert.deepEqual(sandboxCreated(home), before, 'still nothing at HeyGen');
    const done = await settle(
      connection,
      await call(connection, 'approve_look', { key: 'round-1', action: 'approve', candidate: 2, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(done.structuredContent?.image.index, 2);
    assert.equal(runRecord(done).rounds, 2);
    assert.deepEqual(sandboxCreated(home), { assets: before.assets + 1, looks: before.looks + 1 });
  });

  it('refuses an answer that names no look, or a candidate that does not exist', async () => {
    const none = await call(connection, 'approve_look', { action: 'approve' });
    assert.equal(none.isError, true);
    assert.match(textOf(none), /pass key/);
    const unknown = await call(connection, 'approve_look', { key: 'never-made', action: 'approve' });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /No create_look was made with key "never-made"/);
    await settle(
      connection,
      await call(connection, 'create_look', { key: 'bad-pick', ...LOOK, approval: 'pick', wait_seconds: 45 }),
    );
    const missing = await call(connection, 'approve_look', { key: 'bad-pick', action: 'approve', candidate: 7 });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /no candidate 7.*it has 1/);
    const unnamed = await call(connection, 'approve_look', { key: 'bad-pick', action: 'approve' });
    assert.equal(unnamed.isError, true);
    assert.match(textOf(unnamed), /Say which candidate.*recommends 1/s);
  });
});

describe('create_look waiting for approval survives a server restart (stdio, sandbox)', () => {
  it('the restarted server shows the same question by key and job id, and the answer makes exactly one look', async () => {
    const home = temporaryHome();
    const env = {
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      // The default comes from the environment: the call names no approval.
      AVATAR_LOOKS_APPROVAL: 'pick',
    };
    const first = await connectStdio(env);
    let jobId: string;
    try {
      const waiting = await settle(
        first,
        await call(first, 'create_look', { key: 'video-9', ...LOOK, wait_seconds: 45 }),
      );
      assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
      jobId = String(waiting.structuredContent?.job_id);
    } finally {
      process.kill(first.pid, 'SIGKILL');
    }
    const second = await connectStdio(env);
    try {
      const byJob = await call(second, 'get_job', { job_id: jobId, wait_seconds: 0 });
      assert.equal(byJob.structuredContent?.status, 'awaiting_approval', textOf(byJob));
      const byKey = await call(second, 'create_look', { key: 'video-9', ...LOOK });
      assert.equal(byKey.structuredContent?.status, 'awaiting_approval');
      assert.deepEqual(sandboxCreated(home), { assets: 0, looks: 0 });
      const done = await settle(
        second,
        await call(second, 'approve_look', { job_id: jobId, action: 'approve', candidate: 1, wait_seconds: 45 }),
      );
      assert.equal(done.structuredContent?.status, 'completed', textOf(done));
      assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1 });
      const after = await call(second, 'get_job', { job_id: jobId, wait_seconds: 0 });
      assert.equal(
        after.structuredContent?.look_id,
        done.structuredContent?.look_id,
        'the job that waited shows the look',
      );
    } finally {
      await second.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('create_look approval against real-shaped services (simulator over HTTP, fake Gemini)', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 300 });
  const gemini = new FakeGemini();
  let home: string;
  let connection: StdioConnected;
  before(async () => {
    await sim.start();
    await gemini.start();
    home = temporaryHome();
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'gemini',
      AVATAR_LOOKS_FACE_GATE: 'off',
    });
  });
  after(async () => {
    await connection.close();
    await sim.stop();
    await gemini.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('cost: quotes the images and the HeyGen look, and asks Gemini for nothing until the yes', async () => {
    const waiting = await settle(
      connection,
      await call(connection, 'create_look', {
        key: 'paid-1',
        ...LOOK,
        candidates: 2,
        approval: 'cost',
        wait_seconds: 45,
      }),
    );
    const cost = waiting.structuredContent?.approval?.cost;
    assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
    assert.equal(cost.images_to_come_usd, 0.2, 'two Gemini 3.1 flash images at $0.10');
    assert.equal(cost.heygen_look_usd, 1);
    assert.equal(cost.to_come_usd, 1.2);
    assert.match(textOf(waiting), /Pay about \$1\.20 for this look \(2 images from gemini/);
    assert.equal(gemini.requests.length, 0, 'no image paid for');
    assert.equal(sim.created.assets + sim.created.looks, 0);
    const done = await settle(
      connection,
      await call(connection, 'approve_look', { key: 'paid-1', action: 'approve', wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(gemini.requests.length, 2);
    assert.equal(sim.created.looks, 1);
  });
});

describe('create_look asks in place where the host can show a form (stdio, elicitation, sandbox)', () => {
  let home: string;
  let env: Record<string, string>;
  /** The form the server sent last, and what the "person" answers next. */
  let asked: ElicitRequest['params'][] = [];
  let reply: (params: ElicitRequest['params']) => ElicitResult = () => ({ action: 'cancel' });
  let connection: StdioConnected;
  before(async () => {
    home = temporaryHome();
    env = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1', AVATAR_REFERENCE_IMAGE: await writeReference(home) };
    connection = await connectStdio(env, {
      capabilities: { elicitation: {} },
      setup: (client) =>
        client.setRequestHandler(ElicitRequestSchema, (request) => {
          asked.push(request.params);
          return reply(request.params);
        }),
    });
  });
  after(async () => {
    await connection.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('pick, accepted: a choice of the candidates with their likeness; the chosen one becomes the look in the same call', async () => {
    asked = [];
    reply = () => ({ action: 'accept', content: { choice: '2' } });
    const done = await settle(
      connection,
      await call(connection, 'create_look', {
        key: 'form-1',
        ...LOOK,
        candidates: 2,
        approval: 'pick',
        wait_seconds: 45,
      }),
    );
    assert.equal(asked.length, 1);
    const schema = (
      asked[0] as unknown as {
        requestedSchema: { properties: { choice: { oneOf: Array<{ const: string; title: string }> } } };
      }
    ).requestedSchema;
    const options = schema.properties.choice.oneOf;
    assert.deepEqual(
      options.map((option) => option.const),
      ['1', '2', 'another_round', 'reject'],
    );
    assert.match(options[0]!.title, /^Candidate 1 — likeness 0\.\d{3}, head turned \d+°/);
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(done.structuredContent?.image.index, 2);
    assert.match(textOf(done), /The person answered in the form: approve candidate 2/);
    const run = runRecord(done);
    assert.equal(run.approval.decisions[0].via, 'elicitation');
    assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1 });
  });

  it('cost, accepted: a confirm with the estimate; yes makes the look', async () => {
    asked = [];
    reply = () => ({ action: 'accept', content: { approve: true } });
    const done = await settle(
      connection,
      await call(connection, 'create_look', { key: 'form-2', ...LOOK, approval: 'cost', wait_seconds: 45 }),
    );
    assert.equal(asked.length, 1);
    assert.match(String(asked[0]?.message), /Pay about \$0\.00 for this look/);
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.deepEqual(sandboxCreated(home), { assets: 2, looks: 2 });
  });

  it('declined or cancelled: the look still waits, nothing is made, and approve_look answers it later', async () => {
    asked = [];
    reply = () => ({ action: 'decline' });
    const waiting = await settle(
      connection,
      await call(connection, 'create_look', { key: 'form-3', ...LOOK, approval: 'pick', wait_seconds: 45 }),
    );
    assert.equal(asked.length, 1);
    assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
    assert.match(textOf(waiting), /dismissed the question.*approve_look/s);
    reply = () => ({ action: 'cancel' });
    const again = await call(connection, 'create_look', { key: 'form-3', ...LOOK, approval: 'pick' });
    assert.equal(again.structuredContent?.status, 'awaiting_approval');
    assert.equal(asked.length, 2, 'asked again on the next call');
    assert.deepEqual(sandboxCreated(home), { assets: 2, looks: 2 }, 'nothing made for the dismissed look');
    const done = await settle(
      connection,
      await call(connection, 'approve_look', { key: 'form-3', action: 'approve', candidate: 1, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
  });

  it('a client without the elicitation capability gets the waiting state, never a form', async () => {
    const plain = await connectStdio(env);
    try {
      asked = [];
      const waiting = await settle(
        plain,
        await call(plain, 'create_look', { key: 'form-4', ...LOOK, approval: 'cost', wait_seconds: 45 }),
      );
      assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
      assert.equal(asked.length, 0);
      assert.doesNotMatch(textOf(waiting), /dismissed/);
    } finally {
      await plain.close();
    }
  });
});

describe('a pick stands when the gate changes before the look is made (stdio, sandbox)', () => {
  it('the kept images are checked again: the chosen candidate is kept if it still passes, else the person is asked again, saying why', async () => {
    const home = temporaryHome();
    const env = {
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
    };
    // Waiting under the gate "off": every candidate passes.
    const first = await connectStdio({ ...env, AVATAR_LOOKS_FACE_GATE: 'off' });
    let keep: Result;
    let lose: Result;
    try {
      keep = await settle(
        first,
        await call(first, 'create_look', { key: 'keep', ...LOOK, candidates: 2, approval: 'pick', wait_seconds: 45 }),
      );
      lose = await settle(
        first,
        await call(first, 'create_look', { key: 'lose', ...LOOK, candidates: 2, approval: 'pick', wait_seconds: 45 }),
      );
      assert.equal(keep.structuredContent?.status, 'awaiting_approval', textOf(keep));
      assert.equal(lose.structuredContent?.status, 'awaiting_approval', textOf(lose));
    } finally {
      await first.close();
    }
    // "lose": candidate 2 becomes an image with no face, which the strict gate will refuse.
    const lost = runRecord(lose).candidates.find((c: { index: number }) => c.index === 2);
    writeFileSync(
      join(String(lose.structuredContent?.run_dir), lost.file),
      await photo(lost.width, lost.height, 'png'),
    );

    // The answers come to a server whose gate is now strict: the job that continues each run checks the kept images again.
    const second = await connectStdio({ ...env, AVATAR_LOOKS_FACE_GATE: 'strict' });
    try {
      const kept = await settle(
        second,
        await call(second, 'approve_look', { key: 'keep', action: 'approve', candidate: 2, wait_seconds: 45 }),
      );
      assert.equal(kept.structuredContent?.status, 'completed', textOf(kept));
      const run = runRecord(kept);
      assert.equal(run.gate.mode, 'strict', 'checked again under the new mode');
      assert.ok(run.gate.checks.every((c: { passed: boolean }) => c.passed));
      assert.equal(kept.structuredContent?.image.index, 2, "the person's pick, not the gate's best");
      assert.equal(kept.structuredContent?.gate.chosen, 2);
      assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1 });

      const asked = await settle(
        second,
        await call(second, 'approve_look', { key: 'lose', action: 'approve', candidate: 2, wait_seconds: 45 }),
      );
      assert.equal(asked.structuredContent?.status, 'awaiting_approval', textOf(asked));
      assert.match(
        asked.structuredContent?.approval.note,
        /Candidate 2 was chosen, but it no longer passes the gate \(strict: /,
      );
      assert.match(textOf(asked), /no longer passes the gate.*Choose again/s);
      const candidates = asked.structuredContent?.approval.candidates as Array<{ index: number; passed: boolean }>;
      assert.deepEqual(
        candidates.map((c) => [c.index, c.passed]),
        [
          [1, true],
          [2, false],
        ],
      );
      assert.equal(runRecord(asked).approval.picked, undefined);
      assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1 }, 'nothing sent for the look that asks again');
      const done = await settle(
        second,
        await call(second, 'approve_look', { key: 'lose', action: 'approve', candidate: 1, wait_seconds: 45 }),
      );
      assert.equal(done.structuredContent?.status, 'completed', textOf(done));
      assert.equal(done.structuredContent?.image.index, 1);
      assert.deepEqual(sandboxCreated(home), { assets: 2, looks: 2 });
    } finally {
      await second.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
