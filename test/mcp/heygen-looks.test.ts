// Provider heygen end to end over stdio with the SDK Client: HeyGen makes the look itself from the
// prompt and a base look (POST /v3/avatars, type "prompt"), and the face gate checks its preview.
// Against the simulator (which composes the base look's person into a new scene, or a stranger
// when a test asks HeyGen to change the face) and the fake Gemini: the happy path, the base look
// chosen by likeness, a failed look deleted and the chain going on to Gemini, the last-look rule,
// the step-by-step path (add_look with a prompt, check_look_image with a look_id), and a SIGKILL at
// every point of a HeyGen look then the same key again — one look, never two.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { faceCrop, lookImage, writeReference } from '../helpers/faces.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const LOOK = { topic: 'sleep science', orientation: 'landscape', size: '1K', candidates: 1 } as const;

async function call(connection: StdioConnected, name: string, args: Record<string, unknown>): Promise<Result> {
  return (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 180_000 })) as Result;
}

async function finish(connection: StdioConnected, result: Result): Promise<Result> {
  let current = result;
  while (current.structuredContent?.status === 'running')
    current = await call(connection, 'get_job', { job_id: current.structuredContent.job_id, wait_seconds: 30 });
  return current;
}

const runOf = (result: Result) =>
  JSON.parse(readFileSync(join(String(result.structuredContent?.run_dir), 'run.json'), 'utf8'));

/** The prompt looks the simulator was asked for, with their bodies and keys. */
function promptPosts(sim: HeyGenSimulator) {
  return sim.requests.filter(
    (request) =>
      request.method === 'POST' &&
      request.path === '/v3/avatars' &&
      (request.body as { type?: string } | undefined)?.type === 'prompt',
  );
}

describe('provider heygen: HeyGen makes the look, the face gate checks it (stdio, simulator)', () => {
  let sim: HeyGenSimulator;
  const gemini = new FakeGemini();
  let home: string;
  let reference: string;
  let connection: StdioConnected;
  let seedLook: string;
  before(async () => {
    sim = await new HeyGenSimulator({
      lookReadyAfterMs: 300,
      promptLookReadyAfterMs: 1_200,
      seedLookImage: await lookImage('person'),
    }).start();
    await gemini.start();
    home = temporaryHome();
    reference = await writeReference(home);
    seedLook = (await sim.looksSnapshot())[0]!.id;
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: reference,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'heygen,gemini',
    });
  });
  after(async () => {
    await connection.close();
    await sim.stop();
    await gemini.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('makes the look at HeyGen from the base look, gates its preview, and uploads nothing but the reference', async () => {
    const done = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-1', ...LOOK, provider: 'heygen', wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    const out = done.structuredContent!;
    assert.equal(out.image.provider, 'heygen');
    assert.equal(out.made_by_heygen.base_look_id, seedLook);
    assert.equal(out.made_by_heygen.base_look_chosen_by, 'only');
    assert.equal(out.gate.checks[0].passed, true, JSON.stringify(out.gate.checks[0]));
    assert.ok(out.gate.checks[0].identity.similarity >= out.gate.checks[0].identity.threshold);
    assert.match(out.costs.note, /does not publish the price/);
    assert.match(
      textOf(done),
      new RegExp(
        `made by HeyGen from base look ${seedLook} \\(only\\), nothing uploaded or added; HeyGen does not publish`,
      ),
    );
    assert.equal(out.costs.heygen_look_usd, 0);
    // One prompt look, asked for as the published schema has it, with a key; no image provider paid.
    const [post, ...more] = promptPosts(sim);
    assert.equal(more.length, 0);
    const body = post!.body as Record<string, any>;
    assert.equal(body.avatar_id, seedLook);
    assert.equal(body.avatar_group_id, SIMULATOR_SEED_GROUP_ID);
    assert.ok(body.prompt.length > 0 && body.prompt.length <= 1000);
    assert.equal(body.prompt, out.made_by_heygen.prompt_sent);
    assert.deepEqual(
      body.reference_images.map((image: { type: string }) => image.type),
      ['asset_id'],
    );
    assert.ok(post!.idempotencyKey?.includes(out.run_id));
    assert.equal(gemini.requests.length, 0);
    assert.equal(sim.count('POST', '/v3/assets'), 1, 'the reference photo, and no look image');
    const look = (await sim.looksSnapshot()).find((item) => item.id === out.look_id);
    assert.ok(look, 'the look is in the group');
    const run = runOf(done);
    assert.equal(run.look.made_from_prompt, true);
    assert.equal(run.heygen.looks[0].look_id, out.look_id);
    assert.equal(run.upload.asset_id, undefined, 'nothing uploaded for the look');
    assert.ok(existsSync(out.image.path), 'the preview is kept in the run folder');

    // The same key: the same look, nothing asked of HeyGen again.
    const again = await call(connection, 'create_look', { key: 'hg-1', ...LOOK, provider: 'heygen' });
    assert.equal(again.structuredContent?.look_id, out.look_id);
    assert.equal(promptPosts(sim).length, 1);

    // The step-by-step check of the same look, by its id.
    const checked = await call(connection, 'check_look_image', { look_id: out.look_id, orientation: 'landscape' });
    assert.equal(checked.structuredContent?.status, 'pass', textOf(checked));
    assert.match(textOf(checked), /use it as Video Agent's avatar_id/);
  });

  it("chooses the base look most like the person when the group has several, remembering each look's score", async () => {
    // A stranger's photo look in the group: never the base for this person.
    const strangerPath = join(home, 'stranger.jpg');
    writeFileSync(strangerPath, await lookImage('other'));
    const uploaded = await call(connection, 'upload_to_heygen', { image_path: strangerPath });
    const added = await call(connection, 'add_look', {
      asset_id: uploaded.structuredContent?.asset_id,
      name: 'Someone else',
    });
    const stranger = String(added.structuredContent?.look_id);
    await call(connection, 'get_look_status', { look_id: stranger, wait_seconds: 10 });
    const assets = sim.count('POST', '/v3/assets');
    const done = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-2', ...LOOK, provider: 'heygen', wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    const made = done.structuredContent!.made_by_heygen;
    assert.equal(made.base_look_chosen_by, 'likeness');
    assert.notEqual(made.base_look_id, stranger);
    assert.ok(made.base_look_likeness >= 0.93, String(made.base_look_likeness));
    assert.equal(sim.count('POST', '/v3/assets'), assets, 'the reference photo was not uploaded again');
    // A third look: every look's likeness is remembered, so no preview is fetched to choose again.
    const previews = sim.count('GET', '/files/previews/');
    const third = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-3', ...LOOK, provider: 'heygen', wait_seconds: 45 }),
    );
    assert.equal(third.structuredContent?.status, 'completed', textOf(third));
    const fetched = sim.count('GET', '/files/previews/') - previews;
    // Only the new look's own preview (for the gate) and the one look made since (hg-2's) are new.
    assert.ok(fetched <= 2, `previews fetched: ${fetched}`);
  });

  it('with pick approval the person chooses among HeyGen looks; the others stay in the group, named', async () => {
    const waiting = await finish(
      connection,
      await call(connection, 'create_look', {
        key: 'hg-pick',
        ...LOOK,
        candidates: 2,
        provider: 'heygen',
        approval: 'pick',
        wait_seconds: 45,
      }),
    );
    assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
    const run = runOf(waiting);
    assert.equal(run.heygen.looks.length, 2, 'two looks made at HeyGen, both shown');
    const posts = promptPosts(sim).length;
    const done = await finish(
      connection,
      await call(connection, 'approve_look', { key: 'hg-pick', action: 'approve', candidate: 2, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    const second = run.heygen.looks.find((look: { index: number }) => look.index === 2).look_id;
    const first = run.heygen.looks.find((look: { index: number }) => look.index === 1).look_id;
    assert.equal(done.structuredContent?.look_id, second);
    assert.equal(promptPosts(sim).length, posts, 'the approval made nothing new');
    assert.ok(done.structuredContent?.warnings.some((warning: string) => warning.includes(first)));
    assert.ok(
      (await sim.looksSnapshot()).some((look) => look.id === first),
      'the other look stays',
    );
  });

  it('a cost quote for heygen says its price is unpublished, and what the next provider would cost', async () => {
    const waiting = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-cost', ...LOOK, approval: 'cost', wait_seconds: 45 }),
    );
    assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
    const cost = waiting.structuredContent?.approval?.cost;
    assert.equal(cost.images_to_come_usd, 0);
    assert.equal(cost.heygen_look_usd, 0);
    assert.match(cost.note, /does not publish the price/);
    assert.match(cost.note, /the next round uses gemini: its images and a \$1\.00 photo look/);
    const posts = promptPosts(sim).length;
    const rejected = await call(connection, 'approve_look', { key: 'hg-cost', action: 'reject' });
    assert.equal(rejected.isError, undefined, textOf(rejected));
    assert.equal(promptPosts(sim).length, posts, 'nothing asked of HeyGen');
  });

  it('a HeyGen look that is not the person is deleted, and the chain goes on to Gemini', async () => {
    sim.nextPromptLookFaces.push(await faceCrop('other'));
    gemini.enqueue({ kind: 'image', jpeg: await lookImage('person') });
    const deletes = sim.count('DELETE', '/v3/avatars/looks/');
    const done = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-fail', ...LOOK, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    const out = done.structuredContent!;
    assert.equal(out.image.provider, 'gemini');
    const run = runOf(done);
    const failed = run.heygen.looks[0];
    assert.equal(failed.deleted, true);
    assert.equal(sim.count('DELETE', '/v3/avatars/looks/'), deletes + 1);
    assert.ok(!(await sim.looksSnapshot()).some((look) => look.id === failed.look_id), 'gone from the group');
    const heygenCheck = run.gate.checks.find((check: { index: number }) => check.index === 1);
    assert.equal(heygenCheck.passed, false);
    assert.ok(heygenCheck.identity.similarity < heygenCheck.identity.threshold);
    assert.ok(out.warnings.some((warning: string) => /failed the face check and was deleted/.test(warning)));
    assert.ok(out.warnings.some((warning: string) => /round 2 uses gemini/.test(warning)));
    assert.equal(run.rounds, 2);

    // list_runs sums identity per provider.
    const listed = await call(connection, 'list_runs', { limit: 5 });
    const report = listed.structuredContent?.by_provider as Array<Record<string, any>>;
    const heygen = report.find((entry) => entry.provider === 'heygen')!;
    const geminiEntry = report.find((entry) => entry.provider === 'gemini')!;
    assert.ok(heygen.runs >= 4 && heygen.checked >= 4, JSON.stringify(heygen));
    assert.equal(heygen.checked - heygen.passed, 1, 'one HeyGen look failed');
    assert.ok(heygen.looks >= 3);
    assert.equal(geminiEntry.looks, 1);
    assert.match(textOf(listed), /Identity by provider/);
  });

  it('once HeyGen may have made the look, an error stops the run instead of paying another provider; the same key finishes it', async () => {
    // HeyGen made the look, then refuses to show it (a 401 while following it): an "auth" error that
    // would move on to Gemini if the look were not already made.
    sim.inject('GET /v3/avatars/looks/:id', { kind: 'unauthorized' });
    const requests = gemini.requests.length;
    const failed = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-502', ...LOOK, wait_seconds: 45 }),
    );
    assert.equal(failed.isError, true, textOf(failed));
    assert.match(textOf(failed), /HeyGen may already have made this look, so no other provider is paid for it/);
    assert.equal(gemini.requests.length, requests, 'Gemini was not asked');
    const looks = sim.created.looks;
    const done = await finish(
      connection,
      await call(connection, 'create_look', { key: 'hg-502', ...LOOK, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(done.structuredContent?.image.provider, 'heygen');
    assert.equal(sim.created.looks, looks, 'the look the first call made, not a second');

    // The look is made but its preview cannot be fetched: no fallback either; the same key fetches it.
    // (The base look is named, so the only preview read is the new look's.)
    sim.inject('GET /files/previews/:id', { kind: 'server-error', status: 503 });
    const previewArgs = { key: 'hg-preview', ...LOOK, base_look_id: seedLook, wait_seconds: 45 };
    const noPreview = await finish(connection, await call(connection, 'create_look', previewArgs));
    assert.equal(noPreview.isError, true, textOf(noPreview));
    assert.equal(gemini.requests.length, requests, 'Gemini was not asked');
    const made = sim.created.looks;
    const fetched = await finish(connection, await call(connection, 'create_look', previewArgs));
    assert.equal(fetched.structuredContent?.status, 'completed', textOf(fetched));
    assert.equal(sim.created.looks, made, 'the same look, not a second');
  });

  it('a failed look that is the last of its group is kept (deleting it would delete the group)', async () => {
    const group = sim.addGroup({ name: 'Second avatar' });
    const personPath = join(home, 'person-look.jpg');
    writeFileSync(personPath, await lookImage('person'));
    const uploaded = await call(connection, 'upload_to_heygen', { image_path: personPath });
    const base = await call(connection, 'add_look', {
      asset_id: uploaded.structuredContent?.asset_id,
      name: 'Base',
      group_id: group.id,
    });
    const baseId = String(base.structuredContent?.look_id);
    await call(connection, 'get_look_status', { look_id: baseId, wait_seconds: 10 });
    sim.nextPromptLookFaces.push(await faceCrop('other'));
    const started = await call(connection, 'create_look', {
      key: 'hg-last',
      ...LOOK,
      provider: 'heygen',
      group_id: group.id,
      wait_seconds: 0,
    });
    // While HeyGen makes the look, the base look is deleted: the new look becomes the group's only one.
    const made = async () =>
      (await sim.looksSnapshot()).some((look) => look.groupId === group.id && look.id !== baseId);
    for (let i = 0; i < 100 && !(await made()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const deleted = await fetch(`${sim.url}/v3/avatars/looks/${baseId}`, {
      method: 'DELETE',
      headers: { 'x-api-key': sim.apiKey },
    });
    assert.equal(deleted.status, 200);
    const done = await finish(connection, started);
    assert.equal(done.isError, true, textOf(done));
    const run = JSON.parse(
      readFileSync(join(home, 'runs', String(started.structuredContent?.run_id), 'run.json'), 'utf8'),
    );
    const first = run.heygen.looks[0];
    assert.match(first.kept, /last look of its group/);
    assert.equal(first.deleted, undefined);
    assert.ok(
      (await sim.looksSnapshot()).some((look) => look.id === first.look_id),
      'still at HeyGen',
    );
    // Round 2 asks for a look from the deleted base look: HeyGen refuses it, and the run says so.
    assert.match(textOf(done), /avatar_id|base look/i);
    sim.nextPromptLookFaces.length = 0;
  });

  it('add_look with a prompt makes the look at HeyGen; check_look_image checks it by look_id', async () => {
    const added = await call(connection, 'add_look', {
      prompt: 'A glass newsroom at night, city lights behind, a navy blazer, facing the camera, soft key light.',
      name: 'Tech news',
    });
    assert.equal(added.isError, undefined, textOf(added));
    const out = added.structuredContent!;
    assert.match(out.look_id, /^look_/);
    assert.ok(out.made_from_prompt.base_look_id);
    assert.equal(out.cost_estimate_usd, 0);
    assert.match(textOf(added), /check_look_image with look_id/);
    const notYet = await call(connection, 'check_look_image', { look_id: out.look_id });
    assert.equal(notYet.isError, true);
    assert.match(textOf(notYet), /not finished.*get_look_status/s);
    const status = await call(connection, 'get_look_status', { look_id: out.look_id, wait_seconds: 20 });
    assert.equal(status.structuredContent?.status, 'completed', textOf(status));
    const checked = await call(connection, 'check_look_image', { look_id: out.look_id });
    assert.equal(checked.structuredContent?.status, 'pass', textOf(checked));
    // The same call again (the group now has another finished look, which could change the base): the same look.
    const posts = promptPosts(sim).length;
    const looks = sim.created.looks;
    const again = await call(connection, 'add_look', {
      prompt: 'A glass newsroom at night, city lights behind, a navy blazer, facing the camera, soft key light.',
      name: 'Tech news',
    });
    assert.equal(again.structuredContent?.look_id, out.look_id);
    assert.equal(again.structuredContent?.recovered, true);
    assert.match(textOf(again), /same add_look within 24 h/);
    assert.equal(promptPosts(sim).length, posts, 'nothing asked of HeyGen again');
    assert.equal(sim.created.looks, looks, 'nothing made twice');
  });

  it('add_look refuses a prompt that describes the person, both or neither of asset_id and prompt — before HeyGen', async () => {
    const posts = sim.count('POST', '/v3/avatars');
    const described = await call(connection, 'add_look', {
      prompt: 'Her long blonde hair in a loose braid, in a sunny kitchen.',
      name: 'Kitchen',
    });
    assert.equal(described.isError, true);
    assert.match(textOf(described), /describes the person's appearance/);
    assert.match(textOf(described), /Without them, the prompt would read:\nIn a sunny kitchen\./);
    const nothingLeft = await call(connection, 'add_look', {
      prompt: 'Make me look ten years younger.',
      name: 'Younger',
    });
    assert.match(textOf(nothingLeft), /too little of the prompt is left to read as a scene/);
    const neither = await call(connection, 'add_look', { name: 'Nothing' });
    assert.match(textOf(neither), /needs asset_id \(a photo look\) or prompt/);
    const both = await call(connection, 'add_look', { name: 'Both', asset_id: 'ast_1', prompt: 'A kitchen.' });
    assert.match(textOf(both), /not both/);
    const unknownBase = await call(connection, 'add_look', {
      name: 'Bad base',
      prompt: 'A quiet library with tall shelves.',
      base_look_id: 'look_nope',
    });
    assert.match(textOf(unknownBase), /base look look_nope .* does not exist/);
    assert.equal(sim.count('POST', '/v3/avatars'), posts);
  });
});

describe('provider heygen survives SIGKILL at every point, in sandbox mode: one look, never two', () => {
  // before:heygen-look = the key is on disk, the look not asked for; inside:heygen-look = HeyGen made
  // the look, its id not recorded (the same key gets it back); inside:generate = its preview is
  // saved but not in run.json (adopted).
  const POINTS = ['before:heygen-look', 'inside:heygen-look', 'inside:generate', 'after:gate', 'after:add'];
  const sandboxCreated = (home: string) =>
    (
      JSON.parse(readFileSync(join(home, 'sandbox', 'heygen-simulator.json'), 'utf8')) as {
        created: { assets: number; looks: number };
      }
    ).created;
  for (const point of POINTS) {
    it(`${point}: restart, same key → one HeyGen look, the reference uploaded once`, async () => {
      const home = temporaryHome();
      const reference = await writeReference(home);
      const env = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1', AVATAR_REFERENCE_IMAGE: reference };
      const args = { key: 'video-9', ...LOOK, provider: 'heygen' };
      const first = await connectStdio({ ...env, AVATAR_LOOKS_TEST_CRASH_AT: point });
      try {
        const crashed = await call(first, 'create_look', { ...args, wait_seconds: 45 });
        assert.equal(crashed.isError, true, textOf(crashed));
      } finally {
        process.kill(first.pid, 'SIGKILL');
      }
      const second = await connectStdio(env);
      try {
        const resumed = await finish(second, await call(second, 'create_look', { ...args, wait_seconds: 45 }));
        assert.equal(resumed.structuredContent?.status, 'completed', textOf(resumed));
        assert.equal(resumed.structuredContent?.image.provider, 'heygen');
        const created = sandboxCreated(home);
        assert.equal(created.looks, 1, `${point}: looks`);
        assert.equal(created.assets, 1, `${point}: uploads (the reference photo)`);
        const run = runOf(resumed);
        assert.equal(run.candidates.length, 1);
        assert.equal(run.heygen.looks.length, 1);
      } finally {
        await second.close();
        rmSync(home, { recursive: true, force: true });
      }
    });
  }
});
