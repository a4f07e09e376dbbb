// The HeyGen simulator's answers against HeyGen's published v3 schema (heygen-v3.ts): every route
// our client uses, in every shape the simulator can take (look status present / null / absent,
// avatar_item present / null, consent with and without a URL, each Video Agent status, videos
// processing / completed / failed) and its error answers. Every answer fetched here is checked
// (checked-calls.ts), and the last test proves that every route and shape was. The schemas are
// also shown to reject what they must, so the contract is not vacuous.
// What our client sends is checked in heygen-contract-client.test.ts.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { photo } from '../helpers/images.ts';
import { CheckedCalls, fileForm } from './checked-calls.ts';
import { ANSWERS } from './heygen-v3.ts';
import { schemaRejections } from './schema-rejections.ts';
import { createWithoutThinking, videoAgentScenarios } from './video-agent-answers.ts';

const SEED = SIMULATOR_SEED_GROUP_ID;
const LOOK_STATUS_SHAPES = ['present', 'null', 'absent'] as const;
const AVATAR_ITEM_SHAPES = ['present', 'null'] as const;

describe('HeyGen v3 contract: the simulator answers as published', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 200, sessionThinkingMs: 200, videoRenderMs: 200 });
  const calls = new CheckedCalls(sim);
  let jpeg: Buffer;

  before(async () => {
    await sim.start();
    jpeg = await photo(640, 480);
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.shapes = { lookStatus: 'present', avatarItem: 'present' };
    sim.lookReadyAfterMs = 200;
    sim.sessionThinkingMs = 200;
    sim.sessionReviewingMs = 0;
    sim.videoRenderMs = 200;
    sim.serviceTimeMs = {};
  });

  it('assets, avatar groups (paged) and the account', () => assetsGroupsAccount(sim, calls, jpeg));
  it('looks in every shape: processing, completed, pending_consent, failed; added, listed, deleted', () =>
    looksInEveryShape(sim, calls, jpeg));
  it('prompt looks: added on a base look, processing, completed with a served preview', () =>
    promptLooks(sim, calls, jpeg));
  it('consent: a digital twin group gets a URL, a photo avatar group null', () => consent(sim, calls));
  for (const [name, scenario] of Object.entries(videoAgentScenarios))
    it(`Video Agent: ${name}`, () => scenario(sim, calls));
  it('Video Agent: with no thinking time, the create answer still has a published status', () =>
    createWithoutThinking(sim, calls));
  it('errors: 400, 401, 404 and the injected faults use the published error envelope', () => errors(sim, calls, jpeg));

  it('covered every published route, every answer shape and the error statuses', () => {
    for (const route of Object.keys(ANSWERS)) {
      const ok = [...calls.answered.keys()].some((kind) => kind.startsWith(`${route} 2`));
      assert.ok(ok, `no 2xx answer of ${route} was checked`);
    }
    for (const status of [400, 401, 402, 404, 409, 413, 429, 500, 502, 503]) {
      const seen = [...calls.answered.keys()].some((kind) => kind.endsWith(` ${status}`));
      assert.ok(seen, `no ${status} answer was checked`);
    }
    const expected = [
      ...LOOK_STATUS_SHAPES.flatMap((l) =>
        AVATAR_ITEM_SHAPES.map((a) => `POST /v3/avatars: lookStatus=${l} avatarItem=${a}`),
      ),
      ...LOOK_STATUS_SHAPES.flatMap((l) =>
        ['processing', 'completed', 'pending_consent', 'failed'].map(
          (s) => `GET /v3/avatars/looks/:id: ${s} lookStatus=${l}`,
        ),
      ),
      ...LOOK_STATUS_SHAPES.map((l) => `GET /v3/avatars/looks: lookStatus=${l}`),
      'POST /v3/avatars: type=prompt',
      'POST /v3/avatars: type=prompt replayed',
      'GET /v3/avatars/looks/:id: prompt look completed',
      'POST /v3/avatars/:id/consent: url=string',
      'POST /v3/avatars/:id/consent: url=null',
      'POST /v3/video-agents: mode=chat',
      ...['thinking', 'waiting_for_input', 'reviewing', 'generating', 'completed', 'failed'].map(
        (s) => `GET /v3/video-agents/:id: status=${s}`,
      ),
      ...['processing', 'completed', 'failed'].map((s) => `GET /v3/videos/:id: status=${s}`),
    ];
    const missing = expected.filter((shape) => !calls.shapes.has(shape));
    assert.deepEqual(missing, [], `shapes never checked; seen: ${[...calls.shapes].sort().join(' | ')}`);
    assert.ok(calls.previews.size > 0, 'no preview image was fetched and checked');
  });

  describe('the schemas reject what they must', () => {
    for (const [name, check] of Object.entries(schemaRejections)) it(name, check);
  });
});

async function assetsGroupsAccount(sim: HeyGenSimulator, calls: CheckedCalls, jpeg: Buffer): Promise<void> {
  const png = await photo(600, 800, 'png');
  const uploaded = await calls.expect(200, 'POST', '/v3/assets', { form: fileForm(jpeg) });
  assert.equal(uploaded.data.mime_type, 'image/jpeg');
  await calls.expect(200, 'POST', '/v3/assets', { form: fileForm(png, 'image/png', 'look.png') });
  const first = await calls.expect(200, 'GET', `/v3/assets?username=${sim.username}&limit=1`);
  assert.equal(first.data.length, 1);
  assert.equal(first.has_more, true);
  const second = await calls.expect(
    200,
    'GET',
    `/v3/assets?username=${sim.username}&limit=1&token=${first.next_token}`,
  );
  assert.equal(second.data.length, 1);
  await calls.expect(200, 'GET', '/v3/assets?username=someone-else');

  const twin = sim.addGroup({ name: 'Digital twin', consentPending: true });
  const groups = await calls.expect(200, 'GET', '/v3/avatars?limit=1');
  assert.equal(groups.has_more, true);
  assert.equal(typeof groups.next_token, 'string');
  const rest = await calls.expect(200, 'GET', `/v3/avatars?limit=50&token=${groups.next_token}`);
  assert.equal(rest.has_more, false);
  assert.equal(rest.next_token, null);
  await calls.expect(200, 'GET', '/v3/avatars?ownership=private');
  await calls.expect(200, 'GET', '/v3/avatars?ownership=public');
  assert.equal((await calls.expect(200, 'GET', `/v3/avatars/${SEED}`)).data.id, SEED);
  assert.equal((await calls.expect(200, 'GET', `/v3/avatars/${twin.id}`)).data.consent_status, 'pending');

  const me = await calls.expect(200, 'GET', '/v3/users/me');
  assert.equal(me.data.username, sim.username);
}

async function addLook(calls: CheckedCalls, assetId: string, groupId: string | null, shape: string): Promise<any> {
  const body = {
    type: 'photo',
    name: `Look ${shape}`,
    file: { type: 'asset_id', asset_id: assetId },
    ...(groupId ? { avatar_group_id: groupId } : {}),
  };
  return calls.expect(200, 'POST', '/v3/avatars', { json: body, shape });
}

/** The looks' ids, made while no look gets ready: one per answer shape of POST /v3/avatars, and the special ones. */
async function makeLooks(sim: HeyGenSimulator, calls: CheckedCalls, jpeg: Buffer) {
  const asset = (await calls.expect(200, 'POST', '/v3/assets', { form: fileForm(jpeg) })).data.asset_id as string;
  const ids: string[] = [];
  for (const lookStatus of LOOK_STATUS_SHAPES)
    for (const avatarItem of AVATAR_ITEM_SHAPES) {
      sim.shapes = { lookStatus, avatarItem };
      const added = await addLook(calls, asset, SEED, `lookStatus=${lookStatus} avatarItem=${avatarItem}`);
      assert.equal(added.data.avatar_item === null, avatarItem === 'null');
      assert.equal('status' in (added.data.avatar_item ?? {}), avatarItem === 'present' && lookStatus !== 'absent');
      if (added.data.avatar_item) ids.push(added.data.avatar_item.id);
    }
  sim.shapes = { lookStatus: 'present', avatarItem: 'present' };
  const alone = (await addLook(calls, asset, null, 'new group')).data;
  assert.notEqual(alone.avatar_group.id, SEED);
  const twin = sim.addGroup({ name: 'Twin', consentPending: true });
  const pending = (await addLook(calls, asset, twin.id, 'digital twin')).data.avatar_item.id as string;
  const rejected = (await calls.expect(200, 'POST', '/v3/assets', { form: fileForm(jpeg) })).data.asset_id;
  sim.rejectAsset(rejected, 'no_face_detected', 'No face detected, please try another photo.');
  const failed = (await addLook(calls, rejected, SEED, 'rejected asset')).data.avatar_item.id as string;
  return { done: ids[0] ?? '', alone: alone.avatar_item.id as string, pending, failed };
}

async function looksInEveryShape(sim: HeyGenSimulator, calls: CheckedCalls, jpeg: Buffer): Promise<void> {
  sim.lookReadyAfterMs = 3_600_000; // nothing gets ready until the processing answers are checked
  const looks = await makeLooks(sim, calls, jpeg);
  for (const lookStatus of LOOK_STATUS_SHAPES) {
    sim.shapes = { lookStatus, avatarItem: 'present' };
    const shape = `lookStatus=${lookStatus}`;
    for (const id of Object.values(looks)) {
      const look = await calls.expect(200, 'GET', `/v3/avatars/looks/${id}`, { shape: `processing ${shape}` });
      assert.equal(look.data.status, { present: 'processing', null: null, absent: undefined }[lookStatus]);
    }
    await calls.expect(200, 'GET', `/v3/avatars/looks?group_id=${SEED}&limit=2`, { shape });
  }
  sim.lookReadyAfterMs = 200;
  sim.shapes = { lookStatus: 'present', avatarItem: 'present' };
  await calls.until(
    `/v3/avatars/looks/${looks.failed}`,
    (json) => json.data.status === 'failed',
    () => 'settling',
  );
  for (const lookStatus of LOOK_STATUS_SHAPES) {
    sim.shapes = { lookStatus, avatarItem: 'present' };
    const shape = `lookStatus=${lookStatus}`;
    const expected = { done: 'completed', alone: 'completed', pending: 'pending_consent', failed: 'failed' } as const;
    for (const [which, status] of Object.entries(expected)) {
      const id = looks[which as keyof typeof looks];
      const look = await calls.expect(200, 'GET', `/v3/avatars/looks/${id}`, { shape: `${status} ${shape}` });
      if (lookStatus === 'present') assert.equal(look.data.status, status);
      if (status === 'failed') assert.equal(look.data.error.code, 'no_face_detected');
    }
    const listed = await calls.expect(200, 'GET', '/v3/avatars/looks?ownership=private&limit=50', { shape });
    assert.ok(listed.data.length >= 9);
    await calls.expect(200, 'GET', '/v3/avatars/looks?avatar_type=digital_twin');
  }
  const group = (await calls.expect(200, 'GET', `/v3/avatars/looks/${looks.alone}`)).data.group_id;
  assert.deepEqual((await calls.expect(200, 'DELETE', `/v3/avatars/looks/${looks.alone}`)).data, { id: looks.alone });
  await calls.expect(404, 'GET', `/v3/avatars/looks/${looks.alone}`);
  await calls.expect(404, 'GET', `/v3/avatars/${group}`); // its last look took the group with it
}

async function promptLooks(sim: HeyGenSimulator, calls: CheckedCalls, jpeg: Buffer): Promise<void> {
  const asset = (await calls.expect(200, 'POST', '/v3/assets', { form: fileForm(jpeg) })).data.asset_id as string;
  const base = (await addLook(calls, asset, SEED, 'base look')).data.avatar_item.id as string;
  await calls.until(
    `/v3/avatars/looks/${base}`,
    (json) => json.data.status === 'completed',
    () => 'settling',
  );
  const body = {
    type: 'prompt',
    name: 'Cosy knit',
    prompt: 'cream knit jumper, warm library, soft window light',
    avatar_id: base,
    avatar_group_id: SEED,
    reference_images: [{ type: 'asset_id', asset_id: asset }],
  };
  const key = { 'idempotency-key': 'contract:prompt:1' };
  const added = await calls.expect(200, 'POST', '/v3/avatars', { json: body, headers: key, shape: 'type=prompt' });
  assert.equal(added.data.avatar_item.status, 'processing');
  assert.equal(added.data.avatar_group.id, SEED);
  const replayed = await calls.expect(200, 'POST', '/v3/avatars', {
    json: body,
    headers: key,
    shape: 'type=prompt replayed',
  });
  assert.equal(replayed.data.avatar_item.id, added.data.avatar_item.id);
  const before = calls.previews.size;
  const done = await calls.until(
    `/v3/avatars/looks/${added.data.avatar_item.id}`,
    (json) => json.data.status === 'completed',
    (json) => `prompt look ${json.data.status}`,
  );
  assert.equal(done.data.preview_image_url, `${sim.url}/files/previews/${done.data.id}.jpg`);
  assert.ok(calls.previews.size > before, "the prompt look's preview was fetched and checked");
  const refused = await calls.expect(400, 'POST', '/v3/avatars', {
    json: {
      ...body,
      reference_images: [
        ...body.reference_images,
        ...body.reference_images,
        ...body.reference_images,
        ...body.reference_images,
      ],
    },
  });
  assert.equal(refused.error.param, 'reference_images');
}

async function consent(sim: HeyGenSimulator, calls: CheckedCalls): Promise<void> {
  const twin = sim.addGroup({ name: 'Consent twin', consentPending: true });
  const asked = await calls.expect(200, 'POST', `/v3/avatars/${twin.id}/consent`, { json: {}, shape: 'url=string' });
  assert.equal(typeof asked.data.url, 'string');
  assert.equal(asked.data.avatar_group.id, twin.id);
  const withBody = { reroute_url: 'https://example.com/done', consent_text: null };
  const key = { 'idempotency-key': 'contract:consent:1' };
  const first = await calls.expect(200, 'POST', `/v3/avatars/${twin.id}/consent`, { json: withBody, headers: key });
  const replay = await calls.expect(200, 'POST', `/v3/avatars/${twin.id}/consent`, { json: withBody, headers: key });
  assert.equal(replay.data.url, first.data.url);
  const photoGroup = await calls.expect(200, 'POST', `/v3/avatars/${SEED}/consent`, { json: {}, shape: 'url=null' });
  assert.equal(photoGroup.data.url, null);
  assert.equal(photoGroup.data.avatar_group.consent_status, null);
}

async function errors(sim: HeyGenSimulator, calls: CheckedCalls, jpeg: Buffer): Promise<void> {
  for (const apiKey of [null, 'wrong-key']) {
    const denied = await calls.expect(401, 'GET', '/v3/users/me', { apiKey });
    assert.equal(denied.error.code, 'unauthorized');
    await calls.expect(401, 'POST', '/v3/video-agents', { apiKey, json: { prompt: 'x' } });
  }
  for (const path of ['/v3/avatars/looks/look_missing', '/v3/avatars/grp_missing', '/v3/video-agents/sess_missing'])
    await calls.expect(404, 'GET', path);
  await calls.expect(404, 'GET', '/v3/videos/vid_missing');
  await calls.expect(404, 'DELETE', '/v3/avatars/looks/look_missing');
  await calls.expect(404, 'POST', '/v3/avatars/grp_missing/consent', { json: {} });
  await calls.expect(404, 'POST', '/v3/video-agents/sess_missing/stop', { json: {} });

  const asset = (await calls.expect(200, 'POST', '/v3/assets', { form: fileForm(jpeg) })).data.asset_id;
  const bad400: [string, string, Record<string, unknown>][] = [
    ['POST', '/v3/avatars', { json: { type: 'photo', file: { type: 'asset_id', asset_id: asset } } }],
    ['POST', '/v3/avatars', { json: { type: 'prompt', name: 'p', prompt: 'in a studio' } }],
    ['POST', '/v3/avatars', { json: { type: 'photo', name: 'n', file: { type: 'asset_id', asset_id: 'ast_none' } } }],
    ['POST', '/v3/avatars', { json: { type: 'photo', name: 'n' }, headers: { 'idempotency-key': 'no spaces!' } }],
    ['POST', '/v3/video-agents', { json: { mode: 'chat' } }],
    ['POST', '/v3/video-agents', { json: { prompt: 'x', orientation: 'square' } }],
    ['POST', '/v3/assets', { json: { file: 'not multipart' } }],
    ['GET', '/v3/avatars?limit=0', {}],
    ['GET', '/v3/assets', {}],
  ];
  for (const [method, path, options] of bad400) {
    const answer = await calls.expect(400, method, path, options);
    assert.equal(answer.error.code, 'invalid_parameter');
  }

  // Two adds with one Idempotency-Key at once: whichever HeyGen takes first is answered, the other 409.
  sim.serviceTimeMs = { 'POST /v3/avatars': 300 };
  const body = { type: 'photo', name: 'Twice', file: { type: 'asset_id', asset_id: asset }, avatar_group_id: SEED };
  const once = { json: body, headers: { 'idempotency-key': 'contract:concurrent:1' } };
  const both = await Promise.all([calls.call('POST', '/v3/avatars', once), calls.call('POST', '/v3/avatars', once)]);
  assert.deepEqual(both.map((answer) => answer.status).sort(), [200, 409]);
  sim.serviceTimeMs = {};

  sim.inject(
    'GET /v3/users/me',
    { kind: 'rate-limited', retryAfterSeconds: 1 },
    { kind: 'server-error', status: 500 },
    { kind: 'server-error', status: 502 },
    { kind: 'server-error', status: 503 },
    { kind: 'unauthorized' },
    { kind: 'insufficient-credit' },
    { kind: 'payload-too-large' },
  );
  for (const status of [429, 500, 502, 503, 401, 402, 413]) await calls.expect(status, 'GET', '/v3/users/me');
}
