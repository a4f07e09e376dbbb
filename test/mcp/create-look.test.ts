// create_look end to end over stdio with the SDK Client: the sandbox happy path with progress,
// the same key again, a SIGKILL at every step boundary (server and job runner) then a restart,
// and every failure path — counting what HeyGen made in the simulator's own records.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { writeReference } from '../helpers/faces.ts';
import { photo } from '../helpers/images.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

const LOOK = { topic: 'sleep science', orientation: 'landscape', size: '1K' } as const;

/** A real face photo (a crop of face-api's sample photos), so the gate's face checks have a person to compare. */

async function call(
  connection: StdioConnected,
  name: string,
  args: Record<string, unknown>,
  progress?: Array<{ at: number; progress: number; message: string }>,
): Promise<Result> {
  return (await connection.client.callTool({ name, arguments: args }, undefined, {
    timeout: 120_000,
    ...(progress
      ? { onprogress: (p) => progress.push({ at: Date.now(), progress: p.progress, message: p.message ?? '' }) }
      : {}),
  })) as Result;
}

/** What the sandbox simulator made, from its state file (shared by every process of the home). */
function sandboxCreated(home: string): { assets: number; looks: number; groups: number } {
  const { assets, looks, groups } = (
    JSON.parse(readFileSync(join(home, 'sandbox', 'heygen-simulator.json'), 'utf8')) as {
      created: { assets: number; looks: number; groups: number };
    }
  ).created;
  return { assets, looks, groups };
}

/** Follows a running create_look with get_job until it is done. */
async function finish(connection: StdioConnected, result: Result): Promise<Result> {
  let current = result;
  while (current.structuredContent?.status === 'running')
    current = await call(connection, 'get_job', { job_id: current.structuredContent.job_id, wait_seconds: 30 });
  return current;
}

function kill(connection: StdioConnected): void {
  process.kill(connection.pid, 'SIGKILL');
}

describe('create_look in sandbox mode (stdio)', () => {
  let home: string;
  let reference: string;
  let connection: StdioConnected;
  before(async () => {
    home = temporaryHome();
    reference = await writeReference(home);
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: reference,
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '6000',
    });
  });
  after(async () => {
    await connection.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('goes from a topic to a ready look id, with progress at every step and at least every 5 s', async () => {
    const progress: Array<{ at: number; progress: number; message: string }> = [];
    const started = Date.now();
    const result = await call(connection, 'create_look', { key: 'sleep-ep1', ...LOOK, wait_seconds: 45 }, progress);
    assert.equal(result.isError, undefined, textOf(result));
    const out = result.structuredContent as Record<string, any>;
    assert.equal(out.status, 'completed');
    assert.match(out.look_id, /^look_/);
    assert.equal(out.avatar_id, out.look_id);
    assert.equal(out.group_id, SIMULATOR_SEED_GROUP_ID);
    assert.ok(out.look_name.includes(out.run_id), 'the look name carries the run id');
    assert.ok(existsSync(out.image.path) && existsSync(out.image.preview_path));
    // The gate ran for real: one face, the same person as the reference (the sandbox composes it in).
    assert.equal(out.gate.mode, 'strict');
    assert.equal(out.gate.face_checks, true);
    assert.equal(out.gate.checks[0].passed, true, JSON.stringify(out.gate.checks[0]));
    assert.equal(out.gate.checks[0].faces.count, 1);
    assert.ok(out.gate.checks[0].identity.similarity >= out.gate.checks[0].identity.threshold);
    for (const step of ['generate', 'gate', 'upload', 'add', 'wait', 'total'])
      assert.equal(typeof out.timings_ms[step], 'number', step);
    assert.equal(out.sandbox, true);
    assert.ok(
      result.content.some((block) => block.type === 'image'),
      'a preview image block',
    );
    assert.ok(result.content.some((block) => block.type === 'resource_link' && block.uri === out.image.uri));
    assert.match(textOf(result), /candidate 1 passed \(likeness 0\.\d+; pass ≥ 0\.952\)/);
    assert.match(textOf(result), /Next step: Call create_video with avatar_id/);

    // Progress: every step named, always increasing, never more than 5 s apart.
    for (const step of [2, 3, 4, 5, 6])
      assert.ok(
        progress.some((p) => p.message.includes(`Step ${step}/6`)),
        `step ${step} reported`,
      );
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i]!.progress > progress[i - 1]!.progress, 'progress increases');
      assert.notEqual(progress[i]!.message, progress[i - 1]!.message, 'no message twice in a row');
    }
    // Tenths at most: no float noise such as 2.3000000000000003.
    for (const p of progress) assert.equal(Math.round(p.progress * 10) / 10, p.progress, String(p.progress));
    const times = [started, ...progress.map((p) => p.at)];
    const longest = Math.max(...times.slice(1).map((at, i) => at - times[i]!));
    assert.ok(longest <= 5_000, `progress gap ${longest} ms`);

    // run.json holds every step.
    const run = JSON.parse(readFileSync(join(out.run_dir, 'run.json'), 'utf8'));
    assert.equal(run.status, 'completed');
    assert.equal(run.upload.asset_id.startsWith('ast_'), true);
    assert.equal(run.look.look_id, out.look_id);
    for (const step of ['prompt', 'generate', 'gate', 'upload', 'add', 'wait'])
      assert.equal(run.steps[step].status, 'completed', step);
    assert.doesNotMatch(JSON.stringify(run), /sandbox-heygen-key/, 'no key in run.json');
    assert.equal(
      run.gate.checks[0].identity.similarity,
      out.gate.checks[0].identity.similarity,
      'gate scores in run.json',
    );
    assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1, groups: 0 });
  });

  it('returns the same look for the same key, making nothing new; refuses other inputs under it, naming them', async () => {
    const again = await call(connection, 'create_look', { key: 'sleep-ep1', ...LOOK });
    assert.equal(again.structuredContent?.status, 'completed');
    assert.match(textOf(again), /already has its look/);
    assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1, groups: 0 });

    const other = await call(connection, 'create_look', {
      key: 'sleep-ep1',
      ...LOOK,
      topic: 'breaking tech news',
      orientation: 'portrait',
    });
    assert.equal(other.isError, true);
    assert.match(textOf(other), /topic was "sleep science", now "breaking tech news"/);
    assert.match(textOf(other), /orientation was "landscape", now "portrait"/);
    assert.match(textOf(other), /force_new/);
    assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1, groups: 0 });
  });

  it('answers within wait_seconds with a job handle, and get_job finishes it; list_runs and the run resource show it', async () => {
    const started = Date.now();
    const first = await call(connection, 'create_look', {
      key: 'tech-ep2',
      topic: 'breaking tech news',
      size: '1K',
      wait_seconds: 2,
    });
    assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
    assert.equal(first.structuredContent?.status, 'running');
    assert.match(String(first.structuredContent?.next_step), /get_job/);
    const done = await finish(connection, first);
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));

    const listed = await call(connection, 'list_runs', {});
    const runs = listed.structuredContent?.runs as Array<Record<string, unknown>>;
    assert.equal(runs.length, 2);
    assert.equal(runs[0]?.key, 'tech-ep2');
    assert.equal(runs[0]?.look_id, done.structuredContent?.look_id);
    assert.ok(existsSync(String(runs[0]?.preview_path)));
    const resources = await connection.client.listResources();
    const uri = String(runs[0]?.uri);
    assert.ok(resources.resources.some((resource) => resource.uri === uri));
    const read = await connection.client.readResource({ uri });
    assert.equal(
      JSON.parse(String((read.contents[0] as { text: string }).text)).look.look_id,
      done.structuredContent?.look_id,
    );
  });

  it('refuses a prompt that describes the person, before any spend', async () => {
    const refused = await call(connection, 'create_look', {
      key: 'bad-1',
      prompt: 'A woman with long blonde hair and blue eyes in a kitchen',
    });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /blonde hair/);
    assert.match(textOf(refused), /call create_look again/);
    assert.deepEqual(sandboxCreated(home), { assets: 2, looks: 2, groups: 0 });
  });
});

describe('create_look survives SIGKILL at every step boundary (server and job runner), in sandbox mode', () => {
  // before:X = the intent is on disk, the call not made; after:X = the step's output recorded;
  // inside:add = HeyGen made the look, but its id was never recorded (found again by the run id);
  // inside:generate = the image is saved, but not yet in run.json (adopted, not made again).
  const POINTS = [
    'inside:generate',
    'after:generate',
    'after:gate',
    'before:upload',
    'after:upload',
    'before:add',
    'inside:add',
    'after:add',
  ];
  for (const point of POINTS) {
    it(`${point}: restart, same key → exactly one upload and one look, image on disk`, async () => {
      const home = temporaryHome();
      const reference = await writeReference(home);
      const env = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1', AVATAR_REFERENCE_IMAGE: reference };
      const first = await connectStdio({ ...env, AVATAR_LOOKS_TEST_CRASH_AT: point });
      try {
        const crashed = await call(first, 'create_look', { key: 'video-42', ...LOOK, wait_seconds: 30 });
        assert.equal(crashed.isError, true, textOf(crashed));
        assert.match(textOf(crashed), /interrupted|stopped before it finished/);
      } finally {
        kill(first);
      }
      const second = await connectStdio(env);
      try {
        const resumed = await finish(
          second,
          await call(second, 'create_look', { key: 'video-42', ...LOOK, wait_seconds: 45 }),
        );
        assert.equal(resumed.structuredContent?.status, 'completed', textOf(resumed));
        assert.equal(resumed.structuredContent?.resumed, true);
        assert.match(textOf(resumed), /Resumed key "video-42"/);
        const created = sandboxCreated(home);
        assert.equal(created.assets, 1, `${point}: uploads`);
        assert.equal(created.looks, 1, `${point}: looks`);
        const image = resumed.structuredContent?.image as { path: string };
        assert.ok(existsSync(image.path));
        const run = JSON.parse(readFileSync(join(String(resumed.structuredContent?.run_dir), 'run.json'), 'utf8'));
        assert.equal(run.candidates.length, 1, 'the image was not generated again');
        if (point === 'inside:add') assert.equal(run.look.recovered, true);
        // And once more: the finished look, nothing new.
        const again = await call(second, 'create_look', { key: 'video-42', ...LOOK });
        assert.equal(again.structuredContent?.look_id, resumed.structuredContent?.look_id);
        assert.deepEqual(sandboxCreated(home), created);
      } finally {
        await second.close();
        rmSync(home, { recursive: true, force: true });
      }
    });
  }

  it('a SIGKILLed server does not stop the job: the restarted server follows it', async () => {
    const home = temporaryHome();
    const reference = await writeReference(home);
    const env = {
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: reference,
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '3000',
    };
    const first = await connectStdio(env);
    const running = await call(first, 'create_look', { key: 'video-7', ...LOOK, wait_seconds: 1 });
    assert.equal(running.structuredContent?.status, 'running');
    kill(first);
    const second = await connectStdio(env);
    try {
      const followed = await call(second, 'create_look', { key: 'video-7', ...LOOK, wait_seconds: 45 });
      assert.match(textOf(followed), /already being made by job|already has its look/);
      const done = await finish(second, followed);
      assert.equal(done.structuredContent?.status, 'completed', textOf(done));
      assert.deepEqual(sandboxCreated(home), { assets: 1, looks: 1, groups: 0 });
    } finally {
      await second.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('create_look failure paths (stdio, simulator and fake Gemini)', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 300 });
  const gemini = new FakeGemini();
  let home: string;
  let reference: string;
  let connection: StdioConnected;
  before(async () => {
    await sim.start();
    await gemini.start();
    home = temporaryHome();
    reference = await writeReference(home);
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: reference,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      HEYGEN_TIMEOUT_SECONDS: '3',
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'gemini',
      // The fake's images have no face: these paths are about HeyGen and the provider, not the gate.
      AVATAR_LOOKS_FACE_GATE: 'off',
    });
  });
  after(async () => {
    await connection.close();
    await sim.stop();
    await gemini.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('a wrong group id is refused before any image is paid for', async () => {
    const before = gemini.requests.length;
    const result = await call(connection, 'create_look', { key: 'k-group', ...LOOK, group_id: 'grp_nope' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /no avatar group "grp_nope".*list_avatar_groups/s);
    assert.equal(gemini.requests.length, before);
  });

  it('no candidate passes the gate: regenerates once, then stops with every image kept and the reasons shown', async () => {
    gemini.enqueue(
      { kind: 'image', size: [400, 300] },
      { kind: 'image', size: [400, 300] },
      { kind: 'image', size: [400, 300] },
      { kind: 'image', size: [400, 300] },
    );
    const uploads = sim.count('POST', '/v3/assets');
    const strict = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: reference,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'gemini',
      AVATAR_LOOKS_FACE_GATE: 'strict',
    });
    const result = await finish(strict, await call(strict, 'create_look', { key: 'k-gate', ...LOOK, candidates: 2 }));
    assert.equal(result.isError, true);
    const text = textOf(result);
    assert.match(text, /No candidate passed the gate after 2 rounds \(4 images\)/);
    assert.match(text, /candidate 1 \[[^\]]*\]: 400×300 is under HeyGen's minimum of 512 px/);
    assert.match(text, /No face found/);
    assert.match(text, /images are kept in/);
    const dir = /kept in (\S+)\./.exec(text)?.[1] ?? '';
    for (const index of [1, 2, 3, 4])
      assert.ok(existsSync(join(dir, `candidate-${index}.png`)), `candidate ${index} kept`);
    assert.equal(sim.count('POST', '/v3/assets'), uploads, 'nothing uploaded');
    // The same key again returns the same outcome; it does not pay again.
    const requests = gemini.requests.length;
    const again = await call(strict, 'create_look', { key: 'k-gate', ...LOOK, candidates: 2 });
    await strict.close();
    assert.equal(again.isError, true);
    assert.match(textOf(again), /No candidate passed the gate/);
    assert.equal(gemini.requests.length, requests);
  });

  it('a reference photo without a face is refused before any image is paid for', async () => {
    const faceless = join(home, 'scenery.jpg');
    writeFileSync(faceless, await photo(1200, 800, 'jpeg'));
    const strict = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: faceless,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'gemini',
      AVATAR_LOOKS_FACE_GATE: 'strict',
    });
    try {
      const requests = gemini.requests.length;
      const result = await finish(strict, await call(strict, 'create_look', { key: 'k-faceless', ...LOOK }));
      assert.equal(result.isError, true);
      assert.match(textOf(result), /The reference photo \(.*scenery\.jpg\) shows no face.*Nothing was paid for/s);
      assert.equal(gemini.requests.length, requests);
    } finally {
      await strict.close();
    }
  });

  it('after the gate mode changes to warn, the same key re-checks the kept images instead of paying for new ones', async () => {
    const requests = gemini.requests.length;
    const relaxed = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: reference,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'gemini',
      AVATAR_LOOKS_FACE_GATE: 'warn',
    });
    try {
      // Re-checked in warn mode, the missing face is only a warning now; 400×300 is still under
      // HeyGen's own 512 px minimum, which warn mode does not waive — so the outcome stands.
      const result = await finish(
        relaxed,
        await call(relaxed, 'create_look', { key: 'k-gate', ...LOOK, candidates: 2 }),
      );
      assert.equal(result.isError, true);
      assert.match(textOf(result), /No candidate passed the gate/);
      assert.match(textOf(result), /under HeyGen's minimum of 512 px/);
      // Only HeyGen's minimum is left as a reason: the missing face is a warning in warn mode.
      assert.match(
        textOf(result),
        /\nNo candidate passed the gate after 2 rounds \(4 images\): candidate 1 \[0 faces\]: 400×300 is under HeyGen's minimum of 512 px on the short side\.;/,
      );
      assert.equal(gemini.requests.length, requests, 'no new image paid for');
    } finally {
      await relaxed.close();
    }
  });

  it("refuses force_new while the key's job is still running, naming the job", async () => {
    gemini.enqueue({ kind: 'image', delayMs: 3_000 });
    const running = await call(connection, 'create_look', { key: 'k-busy', ...LOOK, wait_seconds: 0 });
    assert.equal(running.structuredContent?.status, 'running');
    const forced = await call(connection, 'create_look', { key: 'k-busy', ...LOOK, force_new: true });
    assert.equal(forced.isError, true);
    assert.match(
      textOf(forced),
      new RegExp(`being made right now by job ${String(running.structuredContent?.job_id)}`),
    );
    assert.equal((await finish(connection, running)).structuredContent?.status, 'completed');
    const looks = sim.created.looks;
    const renewed = await finish(
      connection,
      await call(connection, 'create_look', { key: 'k-busy', ...LOOK, force_new: true }),
    );
    assert.equal(renewed.structuredContent?.status, 'completed', textOf(renewed));
    assert.match(textOf(renewed), /force_new: a new look/);
    assert.equal(sim.created.looks, looks + 1);
  });

  it('the look fails at HeyGen: says why, keeps the image, and the same key does not add again', async () => {
    sim.rejectNextAssets(1, 'no_face_detected', 'No face detected, please try another photo.');
    const looks = sim.created.looks;
    const result = await finish(connection, await call(connection, 'create_look', { key: 'k-failed', ...LOOK }));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /HeyGen could not make look look_\w+ \(no_face_detected: No face detected/);
    assert.match(textOf(result), /force_new: true/);
    const again = await call(connection, 'create_look', { key: 'k-failed', ...LOOK });
    assert.match(textOf(again), /HeyGen could not make look/);
    assert.equal(sim.created.looks, looks + 1);
  });

  it('consent pending: names request_avatar_consent; after consent the same key finishes without adding again', async () => {
    const group = sim.addGroup({ name: 'Needs consent', consentPending: true });
    const first = await finish(
      connection,
      await call(connection, 'create_look', { key: 'k-consent', ...LOOK, group_id: group.id }),
    );
    assert.equal(first.isError, true);
    assert.match(textOf(first), new RegExp(`request_avatar_consent with group_id "${group.id}"`));
    const looks = sim.created.looks;
    sim.approveConsent(group.id);
    const done = await finish(
      connection,
      await call(connection, 'create_look', { key: 'k-consent', ...LOOK, group_id: group.id }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(sim.created.looks, looks, 'not added again');
  });

  it('a HeyGen error names its cause; the same key then resumes at the failed step and pays nothing twice', async () => {
    sim.inject('POST /v3/assets', { kind: 'unauthorized' });
    const requests = gemini.requests.length;
    const failed = await finish(connection, await call(connection, 'create_look', { key: 'k-heygen', ...LOOK }));
    assert.equal(failed.isError, true);
    assert.match(textOf(failed), /HeyGen answered HTTP 401/);
    assert.match(textOf(failed), /HEYGEN_API_KEY/);
    assert.match(textOf(failed), /same key/);
    const assets = sim.created.assets;
    const done = await finish(connection, await call(connection, 'create_look', { key: 'k-heygen', ...LOOK }));
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(gemini.requests.length, requests + 1, 'the image was made once');
    assert.equal(sim.created.assets, assets + 1);
  });

  it('waits out HeyGen 429s on the add (each made nothing) and makes exactly one look', async () => {
    sim.inject(
      'POST /v3/avatars',
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'rate-limited', retryAfterSeconds: 1 },
    );
    const looks = sim.created.looks;
    const done = await finish(connection, await call(connection, 'create_look', { key: 'k-429', ...LOOK }));
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(sim.created.looks, looks + 1);
  });

  it('a lost answer to the add is reconciled in the group, not added twice', async () => {
    sim.inject('POST /v3/avatars', { kind: 'reset-after' });
    const looks = sim.created.looks;
    const done = await finish(connection, await call(connection, 'create_look', { key: 'k-reset', ...LOOK }));
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(sim.created.looks, looks + 1);
  });

  it('a provider refusal says what to change, and nothing reaches HeyGen', async () => {
    gemini.enqueue({ kind: 'prompt-blocked', reason: 'SAFETY' });
    const uploads = sim.count('POST', '/v3/assets');
    const failed = await finish(connection, await call(connection, 'create_look', { key: 'k-refused', ...LOOK }));
    assert.equal(failed.isError, true);
    assert.match(textOf(failed), /block|refus/i);
    assert.equal(sim.count('POST', '/v3/assets'), uploads);
  });
});

describe('create_look: a lost add while HeyGen is slow to list new looks', () => {
  it('inside:add with looks invisible for 4 s: the resumed run keeps looking instead of adding a second look', async () => {
    const sim = await new HeyGenSimulator({ lookReadyAfterMs: 300, lookInvisibleForMs: 4_000 }).start();
    const home = temporaryHome();
    const env = {
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      AVATAR_LOOKS_FACE_GATE: 'off',
    };
    const first = await connectStdio({ ...env, AVATAR_LOOKS_TEST_CRASH_AT: 'inside:add' });
    try {
      const crashed = await call(first, 'create_look', {
        key: 'slow-list',
        ...LOOK,
        provider: 'sandbox',
        wait_seconds: 30,
      });
      assert.equal(crashed.isError, true, textOf(crashed));
    } finally {
      kill(first);
    }
    const second = await connectStdio(env);
    try {
      const done = await finish(
        second,
        await call(second, 'create_look', { key: 'slow-list', ...LOOK, provider: 'sandbox', wait_seconds: 45 }),
      );
      assert.equal(done.structuredContent?.status, 'completed', textOf(done));
      assert.equal(sim.created.looks, 1, 'one look, found again once HeyGen listed it');
      const run = JSON.parse(readFileSync(join(String(done.structuredContent?.run_dir), 'run.json'), 'utf8'));
      assert.equal(run.look.recovered, true);
    } finally {
      await second.close();
      await sim.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('create_look polls HeyGen the way it asks (stdio, simulator, cadence at a tenth)', () => {
  it("reads a new look at most 6 times a minute, and times the next look's first read from this one", async () => {
    // Looks are ready 2.5 s after the add: at a tenth of HeyGen's cadence, that is a 25 s look.
    const sim = await new HeyGenSimulator({ lookReadyAfterMs: 2_500 }).start();
    const home = temporaryHome();
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      AVATAR_LOOKS_FACE_GATE: 'off',
    });
    /** The look's reads, in ms after the add was answered. */
    const readsOf = (lookId: string) => {
      const add = sim.requests.findLast((r) => r.method === 'POST' && r.path === '/v3/avatars' && r.status === 200);
      return sim.requests
        .filter((r) => r.method === 'GET' && r.path === `/v3/avatars/looks/${lookId}`)
        .map((r) => r.at - (add?.at ?? 0));
    };
    try {
      const first = await finish(
        connection,
        await call(connection, 'create_look', { key: 'poll-1', ...LOOK, provider: 'sandbox', wait_seconds: 45 }),
      );
      assert.equal(first.structuredContent?.status, 'completed', textOf(first));
      const reads1 = readsOf(String(first.structuredContent?.look_id));
      // No history yet: the first read at HeyGen's 10 s (here 1 s), then 3 s and 5 s later (0.3, 0.5).
      assert.ok(reads1[0]! >= 900 && reads1[0]! < 2_000, `first read at ${reads1[0]} ms`);
      assert.ok(reads1.length >= 3, `reads: ${reads1.join(', ')}`);
      for (let i = 0; i < reads1.length; i++) {
        const inAMinute = reads1.filter((at) => at >= reads1[i]! && at < reads1[i]! + 6_000).length;
        assert.ok(inAMinute <= 6, `${inAMinute} reads within a (scaled) minute: ${reads1.join(', ')}`);
      }
      const run1 = JSON.parse(readFileSync(join(String(first.structuredContent?.run_dir), 'run.json'), 'utf8'));
      assert.ok(run1.look.pending_at_ms < 2_500 && run1.look.ready_after_ms >= 2_400, JSON.stringify(run1.look));
      const history = JSON.parse(readFileSync(join(home, 'heygen', 'look-readiness.json'), 'utf8'));
      assert.equal(history.endpoints[sim.url].length, 1);

      const second = await finish(
        connection,
        await call(connection, 'create_look', { key: 'poll-2', ...LOOK, provider: 'sandbox', wait_seconds: 45 }),
      );
      assert.equal(second.structuredContent?.status, 'completed', textOf(second));
      const reads2 = readsOf(String(second.structuredContent?.look_id));
      // Learned: the first read waits until about when the first look became ready, and fewer reads follow.
      assert.ok(reads2[0]! >= 1_800, `learned first read at ${reads2[0]} ms (the first look's: ${reads1[0]})`);
      assert.ok(reads2.length < reads1.length, `reads: ${reads2.join(', ')} vs ${reads1.join(', ')}`);
    } finally {
      await connection.close();
      await sim.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('create_look without HeyGen configured', () => {
  it('names HEYGEN_API_KEY before any image is paid for', async () => {
    const gemini = await new FakeGemini().start();
    const home = temporaryHome();
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
    });
    try {
      const result = await call(connection, 'create_look', { key: 'k', ...LOOK });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /HEYGEN_API_KEY/);
      assert.equal(gemini.requests.length, 0);
    } finally {
      await connection.close();
      await gemini.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
