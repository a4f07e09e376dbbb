import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import {
  HEYGEN_SIMULATOR_ROUTES,
  HeyGenSimulator,
  MAX_ASSET_BYTES,
  readImageHeader,
  SIMULATOR_SEED_GROUP_ID,
  SIMULATOR_VIDEO_FILE_BYTES,
} from '../../src/sandbox/heygen/simulator.ts';
import { photo } from '../helpers/images.ts';

// ------------------------------------------------------------------ helpers

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function call(
  sim: HeyGenSimulator,
  method: string,
  path: string,
  options: {
    body?: RequestInit['body'];
    json?: unknown;
    key?: string | null;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? sim.apiKey : options.key;
  if (key !== null) headers['x-api-key'] = key;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  if (options.signal) init.signal = options.signal;
  const res = await fetch(sim.url + path, init);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

function form(bytes: Uint8Array, type = 'image/png', name = 'photo.png'): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([bytes], { type }), name);
  return fd;
}

/** A PNG signature and IHDR chunk: enough for the header read. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

async function upload(sim: HeyGenSimulator, bytes: Uint8Array, type = 'image/png'): Promise<string> {
  const answer = await call(sim, 'POST', '/v3/assets', { body: form(bytes, type) });
  assert.equal(answer.status, 200, answer.text);
  return answer.json.data.asset_id as string;
}

async function addLook(
  sim: HeyGenSimulator,
  assetId: string,
  groupId: string | null = SIMULATOR_SEED_GROUP_ID,
  name = 'Look',
  idempotencyKey?: string,
): Promise<Answer> {
  const body: Record<string, unknown> = { type: 'photo', name, file: { type: 'asset_id', asset_id: assetId } };
  if (groupId !== null) body.avatar_group_id = groupId;
  const headers: Record<string, string> = idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey };
  return call(sim, 'POST', '/v3/avatars', { json: body, headers });
}

async function lookStatus(sim: HeyGenSimulator, lookId: string): Promise<Answer> {
  return call(sim, 'GET', `/v3/avatars/looks/${lookId}`);
}

function simulator(options: ConstructorParameters<typeof HeyGenSimulator>[0] = {}): HeyGenSimulator {
  const sim = new HeyGenSimulator(options);
  before(() => sim.start().then(() => undefined));
  after(() => sim.stop());
  return sim;
}

// ------------------------------------------------------------------ tests

describe('HeyGenSimulator: auth, routes and seed data', () => {
  const sim = simulator();

  it('rejects a missing or wrong x-api-key with 401 unauthorized', async () => {
    for (const key of [null, 'wrong-key']) {
      const answer = await call(sim, 'GET', '/v3/users/me', { key });
      assert.equal(answer.status, 401);
      assert.equal(answer.json.error.code, 'unauthorized');
      assert.equal(answer.json.error.message, 'Invalid API key');
    }
    const ok = await call(sim, 'GET', '/v3/users/me');
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json.data.wallet, { remaining_balance: 42.5, currency: 'usd', auto_reload: null });
    assert.equal(ok.json.data.billing_type, 'wallet');
    assert.equal(typeof ok.json.request_id, 'string', 'answers carry unknown extra fields');
  });

  it('answers an unknown route with an HTML 404 page', async () => {
    for (const [method, path] of [
      ['POST', '/v2/photo_avatar/grp_sandbox_default/look'],
      ['DELETE', '/v3/assets'],
      ['GET', '/v3/nothing'],
    ] as const) {
      const answer = await call(sim, method, path);
      assert.equal(answer.status, 404);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(answer.text, /<html>/);
      assert.equal(answer.json, null);
    }
    assert.equal(sim.requests.at(-1)?.status, 404);
  });

  it('seeds one approved private group with one completed look', async () => {
    const groups = await call(sim, 'GET', '/v3/avatars?ownership=private');
    assert.equal(groups.status, 200);
    assert.equal(groups.json.data.length, 1);
    assert.deepEqual(
      {
        id: groups.json.data[0].id,
        name: groups.json.data[0].name,
        consent: groups.json.data[0].consent_status,
        count: groups.json.data[0].looks_count,
      },
      // consent_status null: "None means consent is not required", as for every photo avatar group.
      { id: SIMULATOR_SEED_GROUP_ID, name: 'My avatar', consent: null, count: 1 },
    );
    const looks = await call(
      sim,
      'GET',
      `/v3/avatars/looks?group_id=${SIMULATOR_SEED_GROUP_ID}&avatar_type=photo_avatar&ownership=private`,
    );
    assert.equal(looks.json.data[0].status, 'completed');
    assert.equal(looks.json.has_more, false);
    assert.equal(looks.json.next_token, null);
    const group = await call(sim, 'GET', `/v3/avatars/${SIMULATOR_SEED_GROUP_ID}`);
    assert.equal(group.json.data.id, SIMULATOR_SEED_GROUP_ID);
    const missing = await call(sim, 'GET', '/v3/avatars/grp_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'avatar_not_found');
  });
});

describe('HeyGenSimulator: upload, add a look, status progression', () => {
  const sim = simulator({ lookReadyAfterMs: 150 });

  it('reads dimensions from real PNG and JPEG headers', async () => {
    assert.deepEqual(readImageHeader(await photo(640, 480, 'jpeg')), { mime: 'image/jpeg', width: 640, height: 480 });
    assert.deepEqual(readImageHeader(await photo(300, 500, 'png')), { mime: 'image/png', width: 300, height: 500 });
    assert.equal(readImageHeader(Buffer.from('GIF89a....')), null);
  });

  it('uploads an asset, adds a look to the group, and the look goes processing → completed', async () => {
    const jpeg = await photo(1280, 720, 'jpeg');
    const up = await call(sim, 'POST', '/v3/assets', { body: form(jpeg, 'image/jpeg', 'me.jpg') });
    assert.equal(up.status, 200, up.text);
    assert.match(up.json.data.asset_id, /^ast_[0-9a-f]{16}$/);
    assert.equal(up.json.data.mime_type, 'image/jpeg');
    assert.equal(up.json.data.size_bytes, jpeg.length);
    assert.equal(up.json.data.url, `https://files.heygen.example/asset/${up.json.data.asset_id}.jpg`);

    const added = await addLook(sim, up.json.data.asset_id, SIMULATOR_SEED_GROUP_ID, 'Newsroom');
    assert.equal(added.status, 200, added.text);
    const look = added.json.data.avatar_item;
    assert.match(look.id, /^look_[0-9a-f]{16}$/);
    assert.equal(look.status, 'processing');
    assert.equal(look.group_id, SIMULATOR_SEED_GROUP_ID);
    assert.equal(look.avatar_type, 'photo_avatar');
    assert.equal(look.preview_image_url, null);
    assert.equal(look.image_width, 0);
    assert.equal(added.json.data.avatar_group.id, SIMULATOR_SEED_GROUP_ID);
    assert.equal(sim.requests.at(-1)?.created, 'look');

    const early = await lookStatus(sim, look.id);
    assert.equal(early.json.data.status, 'processing');
    await sleep(200);
    const done = await lookStatus(sim, look.id);
    assert.equal(done.json.data.status, 'completed');
    // The look keeps its photo, so its preview is served by the simulator like a CDN, without an API key.
    assert.equal(done.json.data.preview_image_url, `${sim.url}/files/previews/${look.id}.jpg`);
    const preview = await call(sim, 'GET', `/files/previews/${look.id}.jpg`, { key: null });
    assert.equal(preview.headers.get('content-type'), 'image/jpeg');
    assert.equal(Number(preview.headers.get('content-length')), jpeg.length, 'a JPEG photo is served as uploaded');
    assert.deepEqual(
      [done.json.data.image_width, done.json.data.image_height, done.json.data.preferred_orientation],
      [1280, 720, 'landscape'],
    );

    sim.lookReadyAfterMs = 60_000; // raising the delay later never moves a finished look back
    assert.equal((await lookStatus(sim, look.id)).json.data.status, 'completed');
    sim.lookReadyAfterMs = 150;
  });

  it('reports a portrait PNG and counts created assets and looks', async () => {
    const before = { ...sim.created };
    const assetId = await upload(sim, pngHeader(600, 900));
    const added = await addLook(sim, assetId);
    await sleep(200);
    const done = await lookStatus(sim, added.json.data.avatar_item.id);
    assert.equal(done.json.data.preferred_orientation, 'portrait');
    assert.deepEqual(sim.created, {
      assets: before.assets + 1,
      looks: before.looks + 1,
      groups: before.groups,
      sessions: before.sessions,
    });
    assert.equal(sim.count('POST', '/v3/assets') >= 1, true);
  });

  it('hides a new look for lookInvisibleForMs with 404 avatar_not_found', async () => {
    sim.lookInvisibleForMs = 150;
    try {
      const added = await addLook(sim, await upload(sim, pngHeader(512, 512)));
      const id = added.json.data.avatar_item.id;
      const hidden = await lookStatus(sim, id);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.json.error.code, 'avatar_not_found');
      await sleep(200);
      const seen = await lookStatus(sim, id);
      assert.equal(seen.status, 200);
      assert.equal(seen.json.data.preferred_orientation, 'square');
    } finally {
      sim.lookInvisibleForMs = 0;
    }
  });

  it('validates uploads and look requests', async () => {
    const gif = await call(sim, 'POST', '/v3/assets', {
      body: form(Buffer.from('GIF89a-not-supported'), 'image/gif', 'a.gif'),
    });
    assert.equal(gif.status, 400);
    assert.deepEqual(
      [gif.json.error.code, gif.json.error.param, gif.json.error.message],
      ['invalid_parameter', 'file', 'Unsupported file type'],
    );

    const noFile = new FormData();
    noFile.append('image', new Blob([pngHeader(10, 10)]), 'x.png');
    const missing = await call(sim, 'POST', '/v3/assets', { body: noFile });
    assert.deepEqual([missing.status, missing.json.error.param], [400, 'file']);

    const assetId = await upload(sim, pngHeader(800, 800));
    const badType = await call(sim, 'POST', '/v3/avatars', {
      json: {
        type: 'video',
        name: 'x',
        file: { type: 'asset_id', asset_id: assetId },
        avatar_group_id: SIMULATOR_SEED_GROUP_ID,
      },
    });
    assert.deepEqual(
      [badType.status, badType.json.error.code, badType.json.error.param],
      [400, 'invalid_parameter', 'type'],
    );

    const badAsset = await addLook(sim, 'ast_0000000000000000');
    assert.deepEqual([badAsset.status, badAsset.json.error.param], [400, 'file.asset_id']);

    const badGroup = await addLook(sim, assetId, 'grp_missing');
    assert.equal(badGroup.status, 404);
    assert.equal(badGroup.json.error.code, 'avatar_not_found');
    assert.equal(badGroup.json.error.message, 'Avatar group grp_missing not found');

    const unknownLook = await lookStatus(sim, 'look_ffffffffffffffff');
    assert.deepEqual([unknownLook.status, unknownLook.json.error.code], [404, 'avatar_not_found']);
  });

  it('creates a new group when avatar_group_id is missing, like real HeyGen', async () => {
    const groupsBefore = sim.created.groups;
    const added = await addLook(sim, await upload(sim, pngHeader(1024, 1024)), null, 'Stray');
    assert.equal(added.status, 200, added.text);
    const groupId = added.json.data.avatar_group.id;
    assert.notEqual(groupId, SIMULATOR_SEED_GROUP_ID);
    assert.equal(added.json.data.avatar_item.group_id, groupId);
    assert.equal(sim.created.groups, groupsBefore + 1);
    assert.equal(sim.requests.at(-1)?.created, 'group');
    const group = await call(sim, 'GET', `/v3/avatars/${groupId}`);
    assert.equal(group.json.data.looks_count, 1);
  });

  it('ends a look as failed when its asset was rejected', async () => {
    const assetId = await upload(sim, pngHeader(700, 700));
    sim.rejectAsset(assetId, 'no_face_detected', 'No face detected, please try another photo.');
    const added = await addLook(sim, assetId);
    assert.equal(added.json.data.avatar_item.status, 'processing');
    await sleep(200);
    const failed = await lookStatus(sim, added.json.data.avatar_item.id);
    assert.equal(failed.json.data.status, 'failed');
    assert.deepEqual(failed.json.data.error, {
      code: 'no_face_detected',
      message: 'No face detected, please try another photo.',
    });
    assert.equal(failed.json.data.preview_image_url, null);

    const again = await addLook(sim, assetId); // the rejection applied to the next look only
    await sleep(200);
    assert.equal((await lookStatus(sim, again.json.data.avatar_item.id)).json.data.status, 'completed');
  });

  it('holds a look in pending_consent until consent is approved; the consent URL approves nothing', async () => {
    const { id: groupId } = sim.addGroup({ name: 'Needs consent', consentPending: true });
    const added = await addLook(sim, await upload(sim, pngHeader(1600, 900)), groupId);
    await sleep(200);
    assert.equal((await lookStatus(sim, added.json.data.avatar_item.id)).json.data.status, 'pending_consent');
    const consent = await call(sim, 'POST', `/v3/avatars/${groupId}/consent`);
    assert.equal(consent.status, 200);
    assert.match(consent.json.data.url, /^https:\/\/app\.heygen\.example\/consent\/\w+/);
    assert.equal((await lookStatus(sim, added.json.data.avatar_item.id)).json.data.status, 'pending_consent');
    assert.equal((await call(sim, 'GET', `/v3/avatars/${groupId}`)).json.data.consent_status, 'pending');
    sim.approveConsent(groupId);
    const done = await lookStatus(sim, added.json.data.avatar_item.id);
    assert.equal(done.json.data.status, 'completed');
    assert.equal((await call(sim, 'GET', `/v3/avatars/${groupId}`)).json.data.consent_status, 'approved');
    assert.equal((await call(sim, 'POST', '/v3/avatars/grp_nope/consent')).status, 404);
  });
});

describe('HeyGenSimulator: Idempotency-Key on POST /v3/avatars and consent', () => {
  const sim = simulator({ lookReadyAfterMs: 200 });

  it('answers a repeated key with the first answer, marked Idempotent-Replayed, and makes one look', async () => {
    const asset = await upload(sim, pngHeader(600, 600));
    const first = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Once', 'run-1:add:0');
    assert.equal(first.status, 200, first.text);
    const before = sim.created.looks;
    const again = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Once', 'run-1:add:0');
    assert.equal(again.status, 200);
    assert.equal(again.json.data.avatar_item.id, first.json.data.avatar_item.id);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(sim.created.looks, before, 'the replay made nothing');
    assert.deepEqual(
      sim.requests.slice(-2).map((r) => [r.idempotencyKey, r.replayed ?? false]),
      [
        ['run-1:add:0', false],
        ['run-1:add:0', true],
      ],
    );
    // Another key is another look.
    const other = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Once', 'run-1:add:1');
    assert.notEqual(other.json.data.avatar_item.id, first.json.data.avatar_item.id);
  });

  it('answers 409 request_in_progress to a repeat while the first is still being handled', async () => {
    const asset = await upload(sim, pngHeader(600, 600));
    sim.serviceTimeMs = { 'POST /v3/avatars': 400 };
    try {
      const first = addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Slow', 'slow-key');
      await sleep(100);
      const repeat = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Slow', 'slow-key');
      assert.equal(repeat.status, 409, repeat.text);
      assert.equal(repeat.json.error.code, 'request_in_progress');
      assert.equal((await first).status, 200);
      const after = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Slow', 'slow-key');
      assert.equal(after.json.data.avatar_item.id, (await first).json.data.avatar_item.id);
    } finally {
      sim.serviceTimeMs = {};
    }
  });

  it('keeps a refusal (4xx) for the key, but frees it after a 429, which started nothing', async () => {
    const refused = await addLook(sim, 'asset_missing', SIMULATOR_SEED_GROUP_ID, 'Refused', 'refused-key');
    assert.equal(refused.status, 400, refused.text);
    const replayed = await addLook(sim, 'asset_missing', SIMULATOR_SEED_GROUP_ID, 'Refused', 'refused-key');
    assert.deepEqual([replayed.status, replayed.headers.get('idempotent-replayed')], [400, 'true']);

    const asset = await upload(sim, pngHeader(600, 600));
    sim.maxProcessingLooks = 0;
    try {
      const limited = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Busy', 'busy-key');
      assert.equal(limited.status, 429);
    } finally {
      sim.maxProcessingLooks = undefined;
    }
    const later = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Busy', 'busy-key');
    assert.equal(later.status, 200, 'the key works once the rate limit is over');
    assert.equal(later.headers.get('idempotent-replayed'), null);
  });

  it('refuses a malformed key, and never keeps an answer for a request without the API key', async () => {
    const asset = await upload(sim, pngHeader(600, 600));
    const bad = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Bad key', 'has spaces/and slashes');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.param, 'Idempotency-Key');
    const body = {
      type: 'photo',
      name: 'Anon',
      file: { type: 'asset_id', asset_id: asset },
      avatar_group_id: SIMULATOR_SEED_GROUP_ID,
    };
    const anonymous = await call(sim, 'POST', '/v3/avatars', {
      json: body,
      key: null,
      headers: { 'idempotency-key': 'anon-key' },
    });
    assert.equal(anonymous.status, 401);
    const real = await addLook(sim, asset, SIMULATOR_SEED_GROUP_ID, 'Anon', 'anon-key');
    assert.equal(real.status, 200, 'the 401 was not kept for the key');
  });

  it('replays the consent answer for the same key (a digital twin group)', async () => {
    const twin = sim.addGroup({ name: 'Twin', consentPending: true });
    const ask = () =>
      call(sim, 'POST', `/v3/avatars/${twin.id}/consent`, { json: {}, headers: { 'idempotency-key': 'consent-1' } });
    const first = await ask();
    assert.equal(first.status, 200, first.text);
    const again = await ask();
    assert.equal(again.json.data.url, first.json.data.url);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });
});

describe('HeyGenSimulator: pagination', () => {
  const sim = simulator({ lookReadyAfterMs: 0 });

  it('pages groups and looks with opaque tokens and checks limit and token', async () => {
    sim.addGroup({ name: 'Second' });
    sim.addGroup({ id: 'grp_third', name: 'Third' });
    const first = await call(sim, 'GET', '/v3/avatars?ownership=private&limit=2');
    assert.equal(first.status, 200);
    assert.equal(first.json.data.length, 2);
    assert.equal(first.json.has_more, true);
    assert.equal(typeof first.json.next_token, 'string');
    const second = await call(
      sim,
      'GET',
      `/v3/avatars?ownership=private&limit=2&token=${encodeURIComponent(first.json.next_token)}`,
    );
    assert.equal(second.json.data.length, 1);
    assert.equal(second.json.has_more, false);
    assert.equal(second.json.next_token, null);
    const ids = [...first.json.data, ...second.json.data].map((g: { id: string }) => g.id);
    assert.deepEqual(new Set(ids).size, 3);
    assert.ok(ids.includes('grp_third'));

    for (const limit of ['0', '51', 'ten']) {
      const bad = await call(sim, 'GET', `/v3/avatars?limit=${limit}`);
      assert.deepEqual([bad.status, bad.json.error.code, bad.json.error.param], [400, 'invalid_parameter', 'limit']);
    }
    const badToken = await call(sim, 'GET', '/v3/avatars?token=not-a-token');
    assert.deepEqual([badToken.status, badToken.json.error.param], [400, 'token']);

    for (let i = 0; i < 2; i++) await addLook(sim, await upload(sim, pngHeader(900, 600)), 'grp_third', `L${i}`);
    const looks1 = await call(
      sim,
      'GET',
      '/v3/avatars/looks?group_id=grp_third&avatar_type=photo_avatar&ownership=private&limit=1',
    );
    assert.deepEqual([looks1.json.data.length, looks1.json.has_more], [1, true]);
    const looks2 = await call(
      sim,
      'GET',
      `/v3/avatars/looks?group_id=grp_third&avatar_type=photo_avatar&ownership=private&limit=1&token=${looks1.json.next_token}`,
    );
    assert.deepEqual([looks2.json.data.length, looks2.json.has_more, looks2.json.next_token], [1, false, null]);
    assert.notEqual(looks1.json.data[0].id, looks2.json.data[0].id);
    assert.equal(looks2.json.data[0].group_id, 'grp_third');
    const all = await call(sim, 'GET', '/v3/avatars/looks?limit=50');
    assert.equal(all.json.data.length, 3);
    const unknown = await call(sim, 'GET', '/v3/avatars/looks?group_id=grp_nope');
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'avatar_not_found']);
    const groupToken = await call(sim, 'GET', `/v3/avatars/looks?token=${first.json.next_token}`);
    assert.equal(groupToken.status, 400, 'a groups token is not a looks token');
  });
});

describe('HeyGenSimulator: faults', () => {
  const sim = simulator({ lookReadyAfterMs: 0 });

  it('answers 429 with Retry-After, then 5xx, then serves normally', async () => {
    sim.inject(
      'GET /v3/users/me',
      { kind: 'rate-limited', retryAfterSeconds: 7 },
      { kind: 'server-error', status: 503 },
    );
    const limited = await call(sim, 'GET', '/v3/users/me');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.json.error.code, 'rate_limit_exceeded');
    const broken = await call(sim, 'GET', '/v3/users/me');
    assert.deepEqual([broken.status, broken.json.error.code], [503, 'internal_error']);
    assert.equal((await call(sim, 'GET', '/v3/users/me')).status, 200);
  });

  it('reset-before drops the connection and creates nothing', async () => {
    const before = sim.created.assets;
    sim.inject('POST /v3/assets', { kind: 'reset-before' });
    await assert.rejects(call(sim, 'POST', '/v3/assets', { body: form(pngHeader(512, 512)) }), TypeError);
    assert.equal(sim.created.assets, before);
    const entry = sim.requests.at(-1);
    assert.deepEqual([entry?.method, entry?.path, entry?.status, entry?.created], ['POST', '/v3/assets', 0, undefined]);
  });

  it('reset-after creates the asset (or look) but the answer is lost', async () => {
    const before = { ...sim.created };
    sim.inject('POST /v3/assets', { kind: 'reset-after' });
    await assert.rejects(call(sim, 'POST', '/v3/assets', { body: form(pngHeader(512, 512)) }), TypeError);
    assert.equal(sim.created.assets, before.assets + 1);
    assert.deepEqual([sim.requests.at(-1)?.status, sim.requests.at(-1)?.created], [0, 'asset']);

    const assetId = await upload(sim, pngHeader(512, 512));
    sim.inject('POST /v3/avatars', { kind: 'reset-after' });
    await assert.rejects(addLook(sim, assetId), TypeError);
    assert.equal(sim.created.looks, before.looks + 1);
    const listed = await call(sim, 'GET', `/v3/avatars/looks?group_id=${SIMULATOR_SEED_GROUP_ID}&limit=50`);
    assert.equal(listed.json.data.length, 2, 'the look exists although the client never saw its id');
  });

  it('hang never answers; the client has to time out', async () => {
    sim.inject('GET /v3/avatars/looks/:id', { kind: 'hang' });
    await assert.rejects(
      call(sim, 'GET', '/v3/avatars/looks/look_x', { signal: AbortSignal.timeout(300) }),
      (error: Error) => error.name === 'TimeoutError',
    );
    assert.equal(sim.requests.at(-1)?.status, 0);
  });

  it('html-404, unauthorized, insufficient-credit and payload-too-large answer as HeyGen does', async () => {
    sim.inject('GET /v3/avatars/:id', { kind: 'html-404' });
    const html = await call(sim, 'GET', `/v3/avatars/${SIMULATOR_SEED_GROUP_ID}`);
    assert.equal(html.status, 404);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);

    sim.inject('GET /v3/avatars', { kind: 'unauthorized' });
    const unauthorized = await call(sim, 'GET', '/v3/avatars');
    assert.deepEqual([unauthorized.status, unauthorized.json.error.code], [401, 'unauthorized']);

    const before = sim.created.looks;
    const assetId = await upload(sim, pngHeader(512, 512));
    sim.inject('POST /v3/avatars', { kind: 'insufficient-credit' });
    const credit = await addLook(sim, assetId);
    assert.deepEqual([credit.status, credit.json.error.code], [402, 'insufficient_credit']);
    assert.match(credit.json.error.message, /API wallet/);
    assert.equal(sim.created.looks, before, 'a fault other than reset-after processes nothing');

    sim.inject('POST /v3/assets', { kind: 'payload-too-large' });
    const large = await call(sim, 'POST', '/v3/assets', { body: form(pngHeader(512, 512)) });
    assert.deepEqual([large.status, large.json.error.code], [413, 'payload_too_large']);

    sim.inject('POST /v3/avatars/:group_id/consent', { kind: 'server-error', status: 502 });
    assert.equal((await call(sim, 'POST', `/v3/avatars/${SIMULATOR_SEED_GROUP_ID}/consent`)).status, 502);
  });

  it('faults apply per route only; reset() clears faults and the log; unknown routes are refused', async () => {
    sim.inject('GET /v3/avatars', { kind: 'server-error', status: 500 });
    assert.equal((await call(sim, 'GET', '/v3/avatars/looks')).status, 200, 'GET /v3/avatars/looks is another route');
    assert.equal((await call(sim, 'GET', `/v3/avatars/${SIMULATOR_SEED_GROUP_ID}`)).status, 200);
    sim.reset();
    assert.equal(sim.requests.length, 0);
    assert.equal((await call(sim, 'GET', '/v3/avatars')).status, 200);
    assert.equal(sim.count('GET', '/v3/avatars'), 1);
    assert.throws(() => sim.inject('GET /v3/videos', { kind: 'hang' }), /unknown route/);
  });
});

describe('HeyGenSimulator: size limit and shutdown', () => {
  const sim = simulator();

  it('answers 413 payload_too_large for an upload over 32 MB', async () => {
    for (const size of [MAX_ASSET_BYTES + 1, MAX_ASSET_BYTES + 2 * 1024 * 1024]) {
      const big = Buffer.alloc(size);
      pngHeader(4000, 4000).copy(big);
      const answer = await call(sim, 'POST', '/v3/assets', { body: form(big) });
      assert.equal(answer.status, 413, `size ${size}`);
      assert.equal(answer.json.error.code, 'payload_too_large');
    }
    assert.equal(sim.created.assets, 0);
  });

  it('stop() closes hanging connections', async () => {
    const other = await new HeyGenSimulator().start();
    other.inject('GET /v3/users/me', { kind: 'hang' });
    const pending = call(other, 'GET', '/v3/users/me');
    await sleep(50);
    await other.stop();
    await assert.rejects(pending, TypeError);
  });
});

// ------------------------------------------------------------------ shared state, service times, concurrency cap

/** Two started simulators sharing one state file in a fresh temp dir (in a subfolder that does not exist yet). */
async function sharedPair(
  options: ConstructorParameters<typeof HeyGenSimulator>[0] = {},
): Promise<{ a: HeyGenSimulator; b: HeyGenSimulator; stateFile: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'heygen-sim-'));
  const stateFile = join(dir, 'state', 'heygen-simulator.json');
  const a = new HeyGenSimulator({ lookReadyAfterMs: 0, ...options, stateFile });
  const b = new HeyGenSimulator({ lookReadyAfterMs: 0, ...options, stateFile });
  await Promise.all([a.start(), b.start()]);
  return {
    a,
    b,
    stateFile,
    close: async () => {
      await Promise.all([a.stop(), b.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function readStateFile(stateFile: string): Promise<any> {
  return JSON.parse(await readFile(stateFile, 'utf8'));
}

describe('HeyGenSimulator: shared state file', () => {
  it("two simulators on one state file see each other's assets and looks; the seed exists once", async () => {
    const { a, b, stateFile, close } = await sharedPair();
    try {
      assert.equal((await stat(join(stateFile, '..'))).mode & 0o777, 0o700);
      const saved = await readStateFile(stateFile);
      assert.deepEqual(
        saved.groups.map((g: { id: string }) => g.id),
        [SIMULATOR_SEED_GROUP_ID],
      );
      assert.equal(saved.looks.length, 1);
      const seedA = await call(a, 'GET', `/v3/avatars/looks?group_id=${SIMULATOR_SEED_GROUP_ID}`);
      const seedB = await call(b, 'GET', `/v3/avatars/looks?group_id=${SIMULATOR_SEED_GROUP_ID}`);
      assert.deepEqual(seedA.json.data, seedB.json.data);
      assert.equal(seedA.json.data.length, 1);

      const assetId = await upload(a, pngHeader(640, 480));
      const added = await addLook(b, assetId, SIMULATOR_SEED_GROUP_ID, 'Shared');
      assert.equal(added.status, 200, added.text);
      const lookId = added.json.data.avatar_item.id as string;
      const seen = await lookStatus(a, lookId);
      assert.equal(seen.status, 200, seen.text);
      assert.deepEqual(
        [seen.json.data.name, seen.json.data.status, seen.json.data.image_width],
        ['Shared', 'completed', 640],
      );

      const groupsA = await call(a, 'GET', '/v3/avatars?limit=50');
      assert.deepEqual([groupsA.json.data.length, groupsA.json.data[0].looks_count], [1, 2]);
      assert.deepEqual(
        [a.created, b.created],
        [
          { assets: 1, looks: 1, groups: 0, sessions: 0 },
          { assets: 1, looks: 1, groups: 0, sessions: 0 },
        ],
      );

      const file = await readStateFile(stateFile);
      assert.deepEqual(file.created, { assets: 1, looks: 1, groups: 0, sessions: 0 });
      assert.deepEqual(Object.keys(file.assets[0]).sort(), ['createdAtMs', 'height', 'id', 'mime', 'name', 'width']);
      assert.equal(file.requests, undefined, 'the request log is not shared');
      const snapshot = await a.looksSnapshot();
      assert.deepEqual(
        snapshot.map((l) => [l.groupId, l.assetId, l.name]),
        [
          [SIMULATOR_SEED_GROUP_ID, null, 'Original photo'],
          [SIMULATOR_SEED_GROUP_ID, assetId, 'Shared'],
        ],
      );
      assert.deepEqual(await b.looksSnapshot(), snapshot);
      assert.equal(snapshot[1]?.id, lookId);

      // A simulator started later on the same file takes the file's state, not its own seed.
      const c = await new HeyGenSimulator({ stateFile, lookReadyAfterMs: 0 }).start();
      try {
        const listed = await call(c, 'GET', '/v3/avatars/looks?limit=50');
        assert.deepEqual(
          listed.json.data.map((l: { id: string }) => l.id),
          snapshot.map((l) => l.id),
        );
        assert.equal((await call(c, 'GET', '/v3/avatars?limit=50')).json.data.length, 1);
      } finally {
        await c.stop();
      }
      assert.deepEqual(
        (await readdir(join(stateFile, '..'))).sort(),
        ['heygen-simulator-files', 'heygen-simulator.json'],
        'no lock or temp file left',
      );
      const kept = await readdir(join(stateFile, '..', 'heygen-simulator-files'));
      assert.ok(
        kept.every((name) => /^(ast|look)_[0-9a-f]{16}\.(png|jpg)$/.test(name)),
        `only asset and look files: ${kept.join(', ')}`,
      );
    } finally {
      await close();
    }
  });

  it('loses nothing when two simulators take concurrent POSTs on one state file', async () => {
    const { a, b, stateFile, close } = await sharedPair();
    try {
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) => upload(i % 2 === 0 ? a : b, pngHeader(500 + i, 500))),
      );
      assert.equal(new Set(ids).size, 10);
      const looks = await Promise.all(
        ids.map((id, i) => addLook(i % 2 === 0 ? b : a, id, i < 4 ? null : SIMULATOR_SEED_GROUP_ID, `L${i}`)),
      );
      for (const look of looks) assert.equal(look.status, 200, look.text);
      const file = await readStateFile(stateFile);
      assert.deepEqual(file.created, { assets: 10, looks: 10, groups: 4, sessions: 0 });
      assert.equal(file.assets.length, 10);
      assert.equal(file.looks.length, 11);
      assert.equal(file.groups.length, 5);
      assert.equal((await a.looksSnapshot()).length, 11);
    } finally {
      await close();
    }
  });

  it('addGroup, approveConsent and rejectAsset reach the other simulator; rejectNextAssets works across them', async () => {
    const { a, b, close } = await sharedPair();
    try {
      const { id: groupId } = a.addGroup({ name: 'Needs consent', consentPending: true });
      await a.flush();
      assert.equal((await call(b, 'GET', `/v3/avatars/${groupId}`)).json.data.consent_status, 'pending');
      assert.throws(() => b.addGroup({ id: groupId, name: 'Again' }), /already exists/);
      b.approveConsent(groupId);
      await b.flush();
      assert.equal((await call(a, 'GET', `/v3/avatars/${groupId}`)).json.data.consent_status, 'approved');

      const assetId = await upload(a, pngHeader(700, 700));
      b.rejectAsset(assetId, 'no_face_detected', 'No face detected, please try another photo.');
      const rejected = await addLook(b, assetId, groupId);
      assert.equal((await lookStatus(a, rejected.json.data.avatar_item.id)).json.data.error.code, 'no_face_detected');

      a.rejectNextAssets(1, 'image_too_blurry', 'The photo is too blurry.');
      const blurry = await upload(a, pngHeader(800, 800));
      const sharp = await upload(a, pngHeader(800, 800));
      const failed = await addLook(b, blurry, groupId);
      const fine = await addLook(b, sharp, groupId);
      const failedAnswer = await lookStatus(a, failed.json.data.avatar_item.id);
      assert.equal(failedAnswer.json.data.status, 'failed');
      assert.deepEqual(failedAnswer.json.data.error, { code: 'image_too_blurry', message: 'The photo is too blurry.' });
      assert.equal((await lookStatus(a, fine.json.data.avatar_item.id)).json.data.status, 'completed');
    } finally {
      await close();
    }
  });

  it('takes over a stale lock left by a crashed process, and waits for a live one', async () => {
    const { a, stateFile, close } = await sharedPair();
    try {
      const lock = `${stateFile}.lk`;
      await writeFile(lock, JSON.stringify({ pid: 999_999, what: 'a crashed simulator' }));
      const old = new Date(Date.now() - 60_000);
      await utimes(lock, old, old);
      const started = performance.now();
      assert.equal((await call(a, 'GET', '/v3/avatars')).status, 200);
      assert.ok(performance.now() - started < 1000);
      // A fresh lock is someone's: the request waits for it (here it is released after 300 ms).
      await writeFile(lock, JSON.stringify({ pid: process.pid, what: 'this test' }));
      setTimeout(() => void rm(lock, { force: true }), 300);
      const waited = performance.now();
      assert.equal((await call(a, 'GET', '/v3/avatars')).status, 200);
      assert.ok(performance.now() - waited >= 250, 'it waited for the live lock');
    } finally {
      await close();
    }
  });
});

describe('HeyGenSimulator: service times, processing cap, rejectNextAssets, looksSnapshot', () => {
  const sim = simulator({
    lookReadyAfterMs: 200,
    serviceTimeMs: { 'GET /v3/users/me': 150 },
    maxProcessingLooks: 2,
    concurrencyRetryAfterSeconds: 3,
  });

  it('waits serviceTimeMs before answering a route; the property can be changed', async () => {
    let started = performance.now();
    assert.equal((await call(sim, 'GET', '/v3/users/me')).status, 200);
    assert.ok(performance.now() - started >= 148, `answered after ${performance.now() - started} ms`);

    sim.serviceTimeMs['GET /v3/avatars'] = 100;
    started = performance.now();
    assert.equal((await call(sim, 'GET', '/v3/avatars')).status, 200);
    assert.ok(performance.now() - started >= 98);

    sim.serviceTimeMs = {};
    started = performance.now();
    await call(sim, 'GET', '/v3/users/me');
    assert.ok(performance.now() - started < 100);
  });

  it('answers 429 with Retry-After past maxProcessingLooks, creates nothing, and allows again once looks are ready', async () => {
    const assets = [
      await upload(sim, pngHeader(600, 600)),
      await upload(sim, pngHeader(600, 600)),
      await upload(sim, pngHeader(600, 600)),
    ];
    assert.equal((await addLook(sim, assets[0] ?? '')).status, 200);
    assert.equal((await addLook(sim, assets[1] ?? '')).status, 200);
    const before = { ...sim.created };
    const looksBefore = (await sim.looksSnapshot()).length;

    const limited = await addLook(sim, assets[2] ?? '', null, 'Over the cap');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal(limited.json.error.code, 'rate_limit_exceeded');
    assert.deepEqual(sim.created, before, 'neither a look nor a group');
    assert.equal((await sim.looksSnapshot()).length, looksBefore);
    assert.equal(sim.rateLimited, 1);
    assert.deepEqual([sim.requests.at(-1)?.status, sim.requests.at(-1)?.created], [429, undefined]);

    await sleep(250);
    const again = await addLook(sim, assets[2] ?? '', null, 'After the wait');
    assert.equal(again.status, 200, again.text);
    assert.equal(sim.rateLimited, 1);

    sim.maxProcessingLooks = undefined;
    assert.equal((await addLook(sim, assets[0] ?? '')).status, 200, 'no cap once unset');
    sim.maxProcessingLooks = 2;
    await sleep(250);
  });

  it('rejectNextAssets makes the looks of the next uploads fail with the code', async () => {
    sim.rejectNextAssets(2, 'no_face_detected', 'No face detected, please try another photo.');
    const first = await upload(sim, pngHeader(640, 640));
    const second = await upload(sim, pngHeader(640, 640));
    const third = await upload(sim, pngHeader(640, 640));
    const looks = [await addLook(sim, first), await addLook(sim, second)];
    await sleep(250);
    const lastLook = await addLook(sim, third);
    await sleep(250);
    for (const look of looks) {
      const answer = await lookStatus(sim, look.json.data.avatar_item.id);
      assert.equal(answer.json.data.status, 'failed');
      assert.deepEqual(answer.json.data.error, {
        code: 'no_face_detected',
        message: 'No face detected, please try another photo.',
      });
    }
    assert.equal((await lookStatus(sim, lastLook.json.data.avatar_item.id)).json.data.status, 'completed');
    assert.throws(() => sim.rejectNextAssets(-1, 'x', 'y'), RangeError);
  });

  it('looksSnapshot lists every look in memory without a state file', async () => {
    const snapshot = await sim.looksSnapshot();
    assert.equal(snapshot[0]?.groupId, SIMULATOR_SEED_GROUP_ID);
    assert.equal(snapshot[0]?.assetId, null);
    assert.equal(snapshot.length, 1 + sim.created.looks);
    for (const look of snapshot) {
      assert.deepEqual(Object.keys(look).sort(), ['assetId', 'createdAtMs', 'groupId', 'id', 'name', 'prompt']);
    }
  });
});

// ------------------------------------------------------------------ Video Agent and videos

/** Polls `check` every `stepMs` until it holds; fails after `timeoutMs`. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 2000, stepMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`still waiting for ${what} after ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

/** Uploads an asset (multipart), adds a look from it to the seed group and waits until the look is completed. */
async function readyLook(sim: HeyGenSimulator, width = 1280, height = 720): Promise<string> {
  const added = await addLook(sim, await upload(sim, pngHeader(width, height)));
  assert.equal(added.status, 200, added.text);
  const id = added.json.data.avatar_item.id as string;
  await waitFor('the look', async () => (await lookStatus(sim, id)).json.data?.status === 'completed');
  return id;
}

async function createSession(sim: HeyGenSimulator, body: unknown): Promise<Answer> {
  return call(sim, 'POST', '/v3/video-agents', { json: body });
}

async function sessionOf(sim: HeyGenSimulator, sessionId: string): Promise<Answer> {
  return call(sim, 'GET', `/v3/video-agents/${sessionId}`);
}

async function waitForSession(
  sim: HeyGenSimulator,
  sessionId: string,
  status: string,
  timeoutMs = 2000,
): Promise<Answer> {
  let last: Answer | undefined;
  await waitFor(
    `session ${sessionId} ${status}`,
    async () => {
      last = await sessionOf(sim, sessionId);
      return last.json?.data?.status === status;
    },
    timeoutMs,
  );
  return last as Answer;
}

async function download(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('HeyGenSimulator: Video Agent sessions and videos', () => {
  const sim = simulator({ lookReadyAfterMs: 100, sessionThinkingMs: 200, videoRenderMs: 300 });

  it('lists the new routes for inject()', () => {
    for (const route of [
      'POST /v3/video-agents',
      'GET /v3/video-agents/:id',
      'GET /v3/videos/:id',
      'GET /files/videos/:id',
    ]) {
      assert.ok((HEYGEN_SIMULATOR_ROUTES as readonly string[]).includes(route), route);
    }
  });

  it('runs a session thinking → generating → completed and serves its video as a downloadable MP4', async () => {
    const lookId = await readyLook(sim);
    const assetId = await upload(sim, pngHeader(640, 480));
    const before = { ...sim.created };
    const created = await createSession(sim, {
      prompt: 'A 30-second welcome video for new customers.',
      avatar_id: lookId,
      orientation: 'landscape',
      files: [{ type: 'asset_id', asset_id: assetId }],
      callback_id: 'job-1',
      callback_url: 'https://example.com/hook',
      mode: 'generate',
    });
    assert.equal(created.status, 200, created.text);
    const session = created.json.data;
    assert.match(session.session_id, /^sess_[0-9a-f]{16}$/);
    assert.deepEqual([session.status, session.video_id], ['thinking', null]);
    assert.ok(Math.abs(session.created_at - Date.now() / 1000) < 5);
    assert.deepEqual(sim.created, { ...before, sessions: before.sessions + 1 });
    assert.equal(sim.requests.at(-1)?.created, 'session');

    const first = await sessionOf(sim, session.session_id);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.data.status, 'thinking');
    assert.equal(first.json.data.video_id, null);
    assert.equal('callback_id' in first.json.data, false, 'the published session has no callback_id');
    assert.ok(first.json.data.progress >= 0 && first.json.data.progress < 10, `progress ${first.json.data.progress}`);
    // Newest first: the agent's reply, then the user's prompt.
    assert.deepEqual(
      first.json.data.messages.map((m: { role: string; type: string }) => [m.role, m.type]),
      [
        ['model', 'text'],
        ['user', 'text'],
      ],
    );

    const seen: string[] = [];
    const progress: number[] = [];
    let videoId: string | null = null;
    let processingChecked = false;
    await waitFor('completion', async () => {
      const answer = await sessionOf(sim, session.session_id);
      const data = answer.json.data;
      if (seen.at(-1) !== data.status) seen.push(data.status);
      progress.push(data.progress);
      assert.ok(Number.isInteger(data.progress) && data.progress >= 0 && data.progress <= 100);
      if (data.status === 'thinking') assert.equal(data.video_id, null);
      else {
        assert.match(data.video_id, /^vid_[0-9a-f]{16}$/);
        videoId ??= data.video_id;
        assert.equal(data.video_id, videoId);
      }
      if (data.status === 'generating' && !processingChecked) {
        const video = await call(sim, 'GET', `/v3/videos/${data.video_id}`);
        assert.equal(video.status, 200, video.text);
        if (video.json.data.status === 'processing') {
          assert.deepEqual(
            [
              video.json.data.video_url,
              video.json.data.thumbnail_url,
              video.json.data.duration,
              video.json.data.completed_at,
            ],
            [null, null, null, null],
          );
          processingChecked = true;
        }
      }
      return data.status === 'completed';
    });
    assert.deepEqual(seen, ['thinking', 'generating', 'completed']);
    assert.ok(processingChecked, 'saw the video processing');
    assert.deepEqual(
      [...progress].sort((x, y) => x - y),
      progress,
      'progress never goes back',
    );
    assert.equal(progress.at(-1), 100);

    const video = await call(sim, 'GET', `/v3/videos/${videoId}`);
    assert.equal(video.status, 200, video.text);
    const v = video.json.data;
    assert.deepEqual(
      [v.id, v.status, v.failure_code, v.failure_message, v.captioned_video_url, v.subtitle_url],
      [videoId, 'completed', null, null, null, null],
    );
    assert.equal(typeof v.duration, 'number');
    assert.ok(v.duration > 0);
    assert.ok(v.completed_at >= v.created_at);
    assert.equal(v.video_page_url, `https://app.heygen.example/videos/${videoId}`);
    assert.equal(v.thumbnail_url, `${sim.url}/files/thumbnails/${videoId}.jpg`);
    const signed = new RegExp(
      `^${sim.url.replace(/\./g, '\\.')}/files/videos/${videoId}\\.mp4\\?Expires=(\\d+)&Signature=[0-9a-f]+$`,
    ).exec(v.video_url);
    assert.ok(signed, v.video_url);
    assert.ok(Math.abs(Number(signed[1]) - (Date.now() / 1000 + 7 * 86_400)) < 60, 'expires in 7 days');

    const file = await download(v.video_url); // no x-api-key, like a CDN
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'video/mp4');
    assert.equal(file.headers.get('accept-ranges'), 'bytes');
    assert.equal(Number(file.headers.get('content-length')), file.bytes.length);
    assert.equal(file.bytes.length, SIMULATOR_VIDEO_FILE_BYTES);
    const b = file.bytes;
    assert.equal(b.toString('latin1', 4, 8), 'ftyp');
    assert.equal(b.toString('latin1', 8, 12), 'isom');
    let offset = 0;
    const boxes: string[] = [];
    while (offset < b.length) {
      const size = b.readUInt32BE(offset);
      assert.ok(size >= 8, `box at ${offset}`);
      boxes.push(b.toString('latin1', offset + 4, offset + 8));
      offset += size;
    }
    assert.equal(offset, b.length, 'the boxes cover the file exactly');
    // A real, playable MP4: the index (moov) before the samples, then the padding that names the video.
    assert.deepEqual(boxes, ['ftyp', 'moov', 'free', 'mdat', 'free']);
    const moovAt = b.indexOf('moov', 0, 'latin1') - 4;
    const mvhd = b.indexOf('mvhd', moovAt, 'latin1') - 4;
    const [timescale, duration] = [b.readUInt32BE(mvhd + 20), b.readUInt32BE(mvhd + 24)];
    assert.equal(duration / timescale, 10, 'mvhd says 10 s');
    for (const box of ['trak', 'avc1', 'avcC', 'mp4a', 'stco', 'stsz'])
      assert.ok(b.indexOf(box, moovAt, 'latin1') > moovAt, `${box} in moov`);
    assert.equal(v.duration, 10, "the video reports the file's length");
    const again = await download(v.video_url.replace(/Signature=[0-9a-f]+/, 'Signature=anything'));
    assert.equal(again.status, 200, 'any signature is accepted');
    assert.ok(again.bytes.equals(b), 'the same bytes for the same video');

    const partial = await download(v.video_url, { range: 'bytes=1000-' });
    assert.equal(partial.status, 206);
    assert.equal(partial.headers.get('content-range'), `bytes 1000-${b.length - 1}/${b.length}`);
    assert.equal(Number(partial.headers.get('content-length')), b.length - 1000);
    assert.ok(partial.bytes.equals(b.subarray(1000)));
    const middle = await download(v.video_url, { range: 'bytes=4-11' });
    assert.deepEqual([middle.status, middle.bytes.toString('latin1')], [206, 'ftypisom']);
    const beyond = await download(v.video_url, { range: `bytes=${b.length}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${b.length}`);

    assert.equal((await download(`${sim.url}/files/videos/vid_0000000000000000.mp4`)).status, 404);
    assert.equal((await download(`${sim.url}/files/videos/${videoId}.webm`)).status, 404);

    const snapshot = await sim.sessionsSnapshot();
    const mine = snapshot.find((x) => x.session_id === session.session_id);
    assert.ok(mine);
    assert.deepEqual(
      { ...mine, createdAtMs: typeof mine.createdAtMs },
      {
        session_id: session.session_id,
        status: 'completed',
        video_id: videoId,
        avatar_id: lookId,
        callback_id: 'job-1',
        createdAtMs: 'number',
      },
    );
  });

  it('validates the request: prompt, avatar, orientation, files, mode, API key', async () => {
    const lookId = await readyLook(sim, 900, 1600);
    const before = sim.created.sessions;
    const expectParam = async (
      body: unknown,
      param: string,
      status = 400,
      code = 'invalid_parameter',
    ): Promise<Answer> => {
      const answer = await createSession(sim, body);
      assert.deepEqual(
        [answer.status, answer.json?.error?.code, answer.json?.error?.param],
        [status, code, param],
        JSON.stringify(body).slice(0, 200),
      );
      return answer;
    };
    await expectParam({ avatar_id: lookId }, 'prompt');
    await expectParam({ prompt: '', avatar_id: lookId }, 'prompt');
    await expectParam({ prompt: 42, avatar_id: lookId }, 'prompt');
    const tooLong = await expectParam({ prompt: 'x'.repeat(10_001), avatar_id: lookId }, 'prompt');
    assert.match(tooLong.json.error.message, /10000/);
    await expectParam({ prompt: 'Hi', avatar_id: 'look_ffffffffffffffff' }, 'avatar_id', 404, 'avatar_not_found');
    await expectParam({ prompt: 'Hi', avatar_id: 7 }, 'avatar_id');
    await expectParam({ prompt: 'Hi', avatar_id: lookId, orientation: 'square' }, 'orientation');
    await expectParam({ prompt: 'Hi', avatar_id: lookId, mode: 'batch' }, 'mode');
    await expectParam({ prompt: 'Hi', avatar_id: lookId, files: 'ast_x' }, 'files');
    await expectParam(
      { prompt: 'Hi', avatar_id: lookId, files: [{ type: 'asset_id', asset_id: 'ast_0000000000000000' }] },
      'files[0].asset_id',
    );
    await expectParam(
      { prompt: 'Hi', avatar_id: lookId, files: [{ type: 'url', url: 'https://example.com/a.png' }] },
      'files[0].type',
    );
    const assetId = await upload(sim, pngHeader(64, 64));
    await expectParam(
      {
        prompt: 'Hi',
        avatar_id: lookId,
        files: Array.from({ length: 21 }, () => ({ type: 'asset_id', asset_id: assetId })),
      },
      'files',
    );
    await expectParam({ prompt: 'Hi', avatar_id: lookId, callback_url: 'not a url' }, 'callback_url');
    const notJson = await call(sim, 'POST', '/v3/video-agents', { body: '{nope' });
    assert.deepEqual([notJson.status, notJson.json.error.code], [400, 'invalid_parameter']);
    const noKey = await call(sim, 'POST', '/v3/video-agents', { json: { prompt: 'Hi' }, key: null });
    assert.deepEqual([noKey.status, noKey.json.error.code], [401, 'unauthorized']);

    sim.lookReadyAfterMs = 60_000;
    try {
      const processing = await addLook(sim, await upload(sim, pngHeader(800, 800)));
      const notReady = await expectParam({ prompt: 'Hi', avatar_id: processing.json.data.avatar_item.id }, 'avatar_id');
      assert.match(notReady.json.error.message, /not ready/);
      assert.match(notReady.json.error.message, /processing/);
    } finally {
      sim.lookReadyAfterMs = 100;
    }
    const { id: consentGroup } = sim.addGroup({ name: 'Consent first', consentPending: true });
    const pending = await addLook(sim, await upload(sim, pngHeader(800, 800)), consentGroup);
    const pendingId = pending.json.data.avatar_item.id as string;
    await waitFor(
      'pending_consent',
      async () => (await lookStatus(sim, pendingId)).json.data.status === 'pending_consent',
    );
    assert.match(
      (await expectParam({ prompt: 'Hi', avatar_id: pendingId }, 'avatar_id')).json.error.message,
      /pending_consent/,
    );
    assert.equal(sim.created.sessions, before, 'no invalid request made a session');

    const exact = await createSession(sim, {
      prompt: 'y'.repeat(10_000),
      avatar_id: lookId,
      files: Array.from({ length: 20 }, () => ({ type: 'asset_id', asset_id: assetId })),
    });
    assert.equal(exact.status, 200, exact.text);
    const noAvatar = await createSession(sim, { prompt: 'Let the agent pick the presenter.' });
    assert.equal(noAvatar.status, 200, 'avatar_id is optional, as on HeyGen');
    assert.equal(sim.created.sessions, before + 2);

    const unknown = await sessionOf(sim, 'sess_ffffffffffffffff');
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'not_found']);
    const noVideo = await call(sim, 'GET', '/v3/videos/vid_ffffffffffffffff');
    assert.deepEqual([noVideo.status, noVideo.json.error.code], [404, 'video_not_found']);
    const unauthorized = await call(sim, 'GET', `/v3/video-agents/${exact.json.data.session_id}`, { key: 'wrong' });
    assert.equal(unauthorized.status, 401);
  });

  it('failNextVideos ends the next session and its video failed with the code; the one after completes', async () => {
    assert.throws(() => sim.failNextVideos(-1, 'x', 'y'), RangeError);
    assert.throws(() => sim.stickNextSessions(1.5), RangeError);
    const lookId = (await sim.looksSnapshot())[0]?.id ?? '';
    sim.failNextVideos(1, 'video_render_failed', 'Rendering failed: the avatar could not be animated.');
    const failing = await createSession(sim, { prompt: 'Doomed', avatar_id: lookId });
    const fine = await createSession(sim, { prompt: 'Fine', avatar_id: lookId });
    assert.deepEqual([failing.status, failing.json.data.status, fine.status], [200, 'thinking', 200]);

    const failed = await waitForSession(sim, failing.json.data.session_id, 'failed');
    assert.match(failed.json.data.video_id, /^vid_/);
    // The reason is the newest message, of type error.
    assert.deepEqual([failed.json.data.messages[0].type, failed.json.data.messages[0].role], ['error', 'model']);
    assert.match(failed.json.data.messages[0].content, /Rendering failed/);
    const video = await call(sim, 'GET', `/v3/videos/${failed.json.data.video_id}`);
    assert.deepEqual(
      [
        video.json.data.status,
        video.json.data.failure_code,
        video.json.data.failure_message,
        video.json.data.video_url,
        video.json.data.completed_at,
      ],
      ['failed', 'video_render_failed', 'Rendering failed: the avatar could not be animated.', null, null],
    );
    assert.equal(
      (await download(`${sim.url}/files/videos/${failed.json.data.video_id}.mp4`)).status,
      404,
      'a failed video has no file',
    );

    const completed = await waitForSession(sim, fine.json.data.session_id, 'completed');
    assert.equal((await call(sim, 'GET', `/v3/videos/${completed.json.data.video_id}`)).json.data.status, 'completed');
  });

  it('stickNextSessions keeps the next session thinking with low progress and no video', async () => {
    const lookId = (await sim.looksSnapshot())[0]?.id ?? '';
    sim.stickNextSessions(1);
    const stuck = await createSession(sim, { prompt: 'Stuck', avatar_id: lookId });
    const moving = await createSession(sim, { prompt: 'Moving', avatar_id: lookId });
    await waitForSession(sim, moving.json.data.session_id, 'completed');
    await sleep(100);
    const answer = await sessionOf(sim, stuck.json.data.session_id);
    assert.deepEqual([answer.json.data.status, answer.json.data.video_id], ['thinking', null]);
    assert.ok(answer.json.data.progress < 10, `progress ${answer.json.data.progress}`);
    const snapshot = (await sim.sessionsSnapshot()).find((x) => x.session_id === stuck.json.data.session_id);
    assert.deepEqual([snapshot?.status, snapshot?.video_id], ['thinking', null]);
  });

  it('faults, service times and reset-after work on the new routes', async () => {
    const lookId = (await sim.looksSnapshot())[0]?.id ?? '';
    sim.inject('POST /v3/video-agents', { kind: 'rate-limited', retryAfterSeconds: 5 });
    const before = sim.created.sessions;
    const limited = await createSession(sim, { prompt: 'Hi', avatar_id: lookId });
    assert.deepEqual([limited.status, limited.headers.get('retry-after'), sim.created.sessions], [429, '5', before]);

    sim.inject('POST /v3/video-agents', { kind: 'reset-after' });
    await assert.rejects(createSession(sim, { prompt: 'Lost answer', avatar_id: lookId }), TypeError);
    assert.equal(sim.created.sessions, before + 1, 'the session exists although the client never saw its id');

    const made = await createSession(sim, { prompt: 'Hi', avatar_id: lookId });
    sim.inject('GET /v3/video-agents/{session_id}', { kind: 'server-error', status: 502 });
    assert.equal((await sessionOf(sim, made.json.data.session_id)).status, 502);
    const done = await waitForSession(sim, made.json.data.session_id, 'completed');
    const videoId = done.json.data.video_id as string;

    sim.serviceTimeMs['GET /v3/videos/:id'] = 100;
    const started = performance.now();
    const video = await call(sim, 'GET', `/v3/videos/${videoId}`);
    assert.ok(performance.now() - started >= 98);
    delete sim.serviceTimeMs['GET /v3/videos/:id'];

    sim.inject('GET /files/videos/:file', { kind: 'reset-before' });
    await assert.rejects(download(video.json.data.video_url), TypeError);
    assert.equal((await download(video.json.data.video_url)).status, 200, 'a retry downloads it');
    const head = await fetch(video.json.data.video_url, { method: 'HEAD' });
    assert.deepEqual([head.status, Number(head.headers.get('content-length'))], [200, SIMULATOR_VIDEO_FILE_BYTES]);
  });
});

describe('HeyGenSimulator: Video Agent concurrency cap', () => {
  const sim = simulator({
    sessionThinkingMs: 300,
    videoRenderMs: 300,
    maxConcurrentSessions: 2,
    concurrencyRetryAfterSeconds: 4,
  });

  it('answers 429 with Retry-After past maxConcurrentSessions, creates nothing, and allows again once sessions finish', async () => {
    assert.equal(new HeyGenSimulator().maxConcurrentSessions, 10, 'pay-as-you-go default');
    const lookId = (await sim.looksSnapshot())[0]?.id ?? '';
    const first = await createSession(sim, { prompt: 'One', avatar_id: lookId });
    const second = await createSession(sim, { prompt: 'Two', avatar_id: lookId });
    assert.deepEqual([first.status, second.status], [200, 200]);
    const before = { ...sim.created };

    const limited = await createSession(sim, { prompt: 'Three', avatar_id: lookId });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '4');
    assert.equal(limited.json.error.code, 'rate_limit_exceeded');
    assert.deepEqual(sim.created, before);
    assert.equal((await sim.sessionsSnapshot()).length, 2);
    assert.deepEqual([sim.sessionsRateLimited, sim.rateLimited], [1, 0]);
    assert.deepEqual([sim.requests.at(-1)?.status, sim.requests.at(-1)?.created], [429, undefined]);

    await waitForSession(sim, first.json.data.session_id, 'completed');
    await waitForSession(sim, second.json.data.session_id, 'completed');
    const again = await createSession(sim, { prompt: 'Three', avatar_id: lookId });
    assert.equal(again.status, 200, again.text);
    assert.equal(sim.created.sessions, before.sessions + 1);

    sim.stickNextSessions(2);
    sim.maxConcurrentSessions = 3;
    const stuck = [
      await createSession(sim, { prompt: 'S1', avatar_id: lookId }),
      await createSession(sim, { prompt: 'S2', avatar_id: lookId }),
    ];
    assert.deepEqual(
      stuck.map((a) => a.status),
      [200, 200],
    );
    await waitForSession(sim, again.json.data.session_id, 'completed');
    assert.equal((await createSession(sim, { prompt: 'S3', avatar_id: lookId })).status, 200);
    assert.equal(
      (await createSession(sim, { prompt: 'S4', avatar_id: lookId })).status,
      429,
      'stuck sessions keep their slots',
    );
    sim.maxConcurrentSessions = Infinity;
    assert.equal((await createSession(sim, { prompt: 'S5', avatar_id: lookId })).status, 200, 'no cap');
  });
});

describe('HeyGenSimulator: Video Agent on a shared state file', () => {
  it('two simulators see the same session and video; the cap counts the whole account', async () => {
    const { a, b, stateFile, close } = await sharedPair({
      sessionThinkingMs: 300,
      videoRenderMs: 300,
      maxConcurrentSessions: 1,
    });
    try {
      const lookId = (await a.looksSnapshot())[0]?.id ?? '';
      const created = await createSession(a, { prompt: 'Shared', avatar_id: lookId, callback_id: 'cb-7' });
      assert.equal(created.status, 200, created.text);
      const sessionId = created.json.data.session_id as string;

      const seen = await sessionOf(b, sessionId);
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.json.data.session_id, sessionId);
      const blocked = await createSession(b, { prompt: 'Second', avatar_id: lookId });
      assert.equal(blocked.status, 429, 'a session of the other simulator takes the only slot');

      const done = await waitForSession(b, sessionId, 'completed');
      const videoId = done.json.data.video_id as string;
      const viaA = await call(a, 'GET', `/v3/videos/${videoId}`);
      assert.deepEqual([viaA.status, viaA.json.data.status], [200, 'completed']);
      assert.ok(viaA.json.data.video_url.startsWith(`${a.url}/files/videos/${videoId}.mp4?`));
      const viaB = await call(b, 'GET', `/v3/videos/${videoId}`);
      assert.deepEqual(
        [viaB.json.data.created_at, viaB.json.data.completed_at, viaB.json.data.duration],
        [viaA.json.data.created_at, viaA.json.data.completed_at, viaA.json.data.duration],
      );
      const fileA = await download(viaA.json.data.video_url);
      const fileB = await download(viaB.json.data.video_url);
      assert.ok(fileA.bytes.equals(fileB.bytes), 'the same file from either simulator');

      const snapshotA = await a.sessionsSnapshot();
      assert.deepEqual(await b.sessionsSnapshot(), snapshotA);
      assert.deepEqual(
        snapshotA.map((x) => [x.session_id, x.status, x.video_id, x.avatar_id, x.callback_id]),
        [[sessionId, 'completed', videoId, lookId, 'cb-7']],
      );
      const file = await readStateFile(stateFile);
      assert.equal(file.created.sessions, 1);
      assert.deepEqual([file.sessions.length, file.videos.length, file.videos[0].id], [1, 1, videoId]);
      assert.deepEqual([a.created.sessions, b.created.sessions], [1, 1]);
      assert.equal(
        (await createSession(b, { prompt: 'Second', avatar_id: lookId })).status,
        200,
        'the slot is free again',
      );
    } finally {
      await close();
    }
  });
});

// ------------------------------------------------------------------ prompt looks and previews

/** A person-like picture: a backdrop with a head and shoulders in the given colours, as a JPEG. */
async function portrait(width: number, height: number, skin: string, backdrop: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${width}" height="${height}" fill="${backdrop}"/>
    <ellipse cx="${width / 2}" cy="${height * 0.4}" rx="${width * 0.18}" ry="${height * 0.22}" fill="${skin}"/>
    <ellipse cx="${width * 0.43}" cy="${height * 0.36}" rx="${width * 0.03}" ry="${height * 0.02}" fill="#222"/>
    <ellipse cx="${width * 0.57}" cy="${height * 0.36}" rx="${width * 0.03}" ry="${height * 0.02}" fill="#222"/>
    <rect x="${width * 0.2}" y="${height * 0.68}" width="${width * 0.6}" height="${height * 0.32}" fill="#35507a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

/** Mean absolute difference (0–255) between the person pasted into a prompt look and `person`, both at 32 px. */
async function personDifference(look: Buffer, person: Buffer): Promise<number> {
  const { width = 0, height = 0 } = await sharp(look).metadata();
  const { width: pw = 1, height: ph = 1 } = await sharp(person).metadata();
  // Where the simulator puts the person: 95% of the height (at most 90% of the width), lower-centre.
  const scale = Math.min((height * 0.95) / ph, (width * 0.9) / pw);
  const [w, h] = [Math.round(pw * scale), Math.round(ph * scale)];
  const region = { left: Math.round((width - w) / 2), top: height - h, width: w, height: h };
  const small = (input: Sharp) => input.resize(32, 32, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const [a, b] = await Promise.all([small(sharp(look).extract(region)), small(sharp(person))]);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

async function addPromptLook(
  sim: HeyGenSimulator,
  body: Record<string, unknown>,
  idempotencyKey?: string,
): Promise<Answer> {
  const headers: Record<string, string> = idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey };
  return call(sim, 'POST', '/v3/avatars', { json: { type: 'prompt', name: 'Cosy knit', ...body }, headers });
}

async function seedLookId(sim: HeyGenSimulator): Promise<string> {
  const listed = await call(sim, 'GET', `/v3/avatars/looks?group_id=${SIMULATOR_SEED_GROUP_ID}`);
  return listed.json.data[0].id as string;
}

async function untilDone(sim: HeyGenSimulator, lookId: string): Promise<any> {
  let look: any;
  await waitFor(`look ${lookId} done`, async () => {
    look = (await lookStatus(sim, lookId)).json.data;
    return look.status !== 'processing';
  });
  return look;
}

describe('HeyGenSimulator: prompt looks (type "prompt") and previews', () => {
  const sim = simulator({ lookReadyAfterMs: 50, promptLookReadyAfterMs: 250 });
  let seedImage: Buffer;
  before(async () => {
    seedImage = await portrait(800, 600, '#d9a07e', '#8aa0b0');
  });

  it('makes a look from a prompt on a base look: processing, then completed in the base look group, with a served JPEG preview of the same person', async () => {
    const seeded = new HeyGenSimulator({ seedLookImage: seedImage, lookReadyAfterMs: 50, promptLookReadyAfterMs: 250 });
    await seeded.start();
    try {
      const seedId = await seedLookId(seeded);
      const seed = (await lookStatus(seeded, seedId)).json.data;
      assert.deepEqual([seed.image_width, seed.image_height], [800, 600], 'the seeded look takes its image size');
      const seedPreview = await fetch(seed.preview_image_url);
      assert.deepEqual(Buffer.from(await seedPreview.arrayBuffer()), seedImage, 'the seeded look serves its image');

      const before = { ...seeded.created };
      const added = await addPromptLook(seeded, {
        prompt: 'cream knit jumper, warm library, soft window light',
        avatar_id: seedId,
      });
      assert.equal(added.status, 200, added.text);
      const item = added.json.data.avatar_item;
      assert.deepEqual(
        [item.status, item.group_id, item.avatar_type, item.preview_image_url, item.image_width],
        ['processing', SIMULATOR_SEED_GROUP_ID, 'photo_avatar', null, 0],
      );
      assert.equal(added.json.data.avatar_group.id, SIMULATOR_SEED_GROUP_ID);
      assert.equal(seeded.requests.at(-1)?.created, 'look');
      assert.deepEqual(seeded.created, { ...before, looks: before.looks + 1 });
      await sleep(120);
      assert.equal(
        (await lookStatus(seeded, item.id)).json.data.status,
        'processing',
        'promptLookReadyAfterMs, not lookReadyAfterMs',
      );

      const done = await untilDone(seeded, item.id);
      assert.equal(done.status, 'completed');
      assert.equal(done.preview_image_url, `${seeded.url}/files/previews/${item.id}.jpg`);
      assert.deepEqual([done.image_width, done.image_height, done.preferred_orientation], [1920, 1440, 'landscape']);
      const preview = await call(seeded, 'GET', `/files/previews/${item.id}.jpg`, { key: null });
      assert.equal(preview.status, 200);
      assert.equal(preview.headers.get('content-type'), 'image/jpeg');
      const bytes = Buffer.from(await (await fetch(done.preview_image_url)).arrayBuffer());
      assert.deepEqual(readImageHeader(bytes), { mime: 'image/jpeg', width: 1920, height: 1440 });
      assert.ok((await personDifference(bytes, seedImage)) < 12, 'the person is the base look pixels, scaled');
      const snapshot = await seeded.looksSnapshot();
      assert.equal(snapshot.at(-1)?.prompt, 'cream knit jumper, warm library, soft window light');

      // Another prompt, another scene around the same person.
      const other = await addPromptLook(seeded, { prompt: 'navy blazer, newsroom', avatar_id: seedId });
      const otherDone = await untilDone(seeded, other.json.data.avatar_item.id);
      const otherBytes = Buffer.from(await (await fetch(otherDone.preview_image_url)).arrayBuffer());
      assert.notDeepEqual(otherBytes, bytes);
      assert.ok((await personDifference(otherBytes, seedImage)) < 12);
    } finally {
      await seeded.stop();
    }
  });

  it('takes the person from nextPromptLookFaces instead of the base look, one per prompt look', async () => {
    const seeded = new HeyGenSimulator({ seedLookImage: seedImage, lookReadyAfterMs: 0 });
    await seeded.start();
    try {
      const id = await seedLookId(seeded);
      const stranger = await portrait(600, 800, '#6b4a3a', '#203020');
      seeded.nextPromptLookFaces.push(stranger);
      const swapped = await addPromptLook(seeded, { prompt: 'same scene', avatar_id: id });
      const kept = await addPromptLook(seeded, { prompt: 'same scene', avatar_id: id });
      assert.equal(seeded.nextPromptLookFaces.length, 0);
      const image = async (answer: Answer) =>
        Buffer.from(
          await (
            await fetch((await untilDone(seeded, answer.json.data.avatar_item.id)).preview_image_url)
          ).arrayBuffer(),
        );
      const [swappedBytes, keptBytes] = [await image(swapped), await image(kept)];
      // The base look's orientation and size stay; the person is the stranger.
      assert.deepEqual(readImageHeader(swappedBytes), { mime: 'image/jpeg', width: 1920, height: 1440 });
      assert.ok((await personDifference(swappedBytes, stranger)) < 12, 'the stranger was pasted in');
      assert.ok((await personDifference(swappedBytes, seedImage)) > 25, 'not the base look person');
      assert.ok((await personDifference(keptBytes, seedImage)) < 12, 'the next look has the base person again');
    } finally {
      await seeded.stop();
    }
  });

  it('refuses with 400 invalid_parameter, naming the field, and creates nothing', async () => {
    const seeded = new HeyGenSimulator({ seedLookImage: seedImage, lookReadyAfterMs: 100_000 });
    await seeded.start();
    try {
      const id = await seedLookId(seeded);
      const jpeg = await portrait(400, 400, '#d9a07e', '#777');
      const asset = await upload(seeded, jpeg, 'image/jpeg');
      const imageless = (await addLook(seeded, await upload(seeded, pngHeader(640, 480)))).json.data.avatar_item.id;
      const processing = (await addLook(seeded, asset)).json.data.avatar_item.id;
      const other = seeded.addGroup({ name: 'Elsewhere' });
      const ref = { type: 'asset_id', asset_id: asset };
      const cases: [string, Record<string, unknown>, string][] = [
        ['no prompt', { avatar_id: id }, 'prompt'],
        ['an empty prompt', { prompt: '', avatar_id: id }, 'prompt'],
        ['a prompt over 1000 characters', { prompt: 'x'.repeat(1001), avatar_id: id }, 'prompt'],
        ['a prompt that is not a string', { prompt: 7, avatar_id: id }, 'prompt'],
        ['no name', { name: undefined, prompt: 'p', avatar_id: id }, 'name'],
        ['an unknown avatar_id', { prompt: 'p', avatar_id: 'look_ffffffffffffffff' }, 'avatar_id'],
        ['a base look that is still processing', { prompt: 'p', avatar_id: processing }, 'avatar_id'],
        ['avatar_id outside avatar_group_id', { prompt: 'p', avatar_id: id, avatar_group_id: other.id }, 'avatar_id'],
        [
          'four reference images',
          { prompt: 'p', avatar_id: id, reference_images: [ref, ref, ref, ref] },
          'reference_images',
        ],
        ['reference_images not an array', { prompt: 'p', avatar_id: id, reference_images: ref }, 'reference_images'],
        [
          'a reference asset that does not exist',
          { prompt: 'p', avatar_id: id, reference_images: [{ type: 'asset_id', asset_id: 'ast_ffffffffffffffff' }] },
          'reference_images[0]',
        ],
        [
          'a reference of an unknown type',
          { prompt: 'p', avatar_id: id, reference_images: [ref, { type: 'file', path: '/tmp/x.jpg' }] },
          'reference_images[1]',
        ],
        [
          'a url reference without its url',
          { prompt: 'p', avatar_id: id, reference_images: [{ type: 'url' }] },
          'reference_images[0]',
        ],
        [
          'a base64 reference without media_type',
          { prompt: 'p', avatar_id: id, reference_images: [{ type: 'base64', data: 'AAAA' }] },
          'reference_images[0]',
        ],
        [
          'no picture to start from (no avatar_id, no uploaded reference)',
          { prompt: 'p', reference_images: [{ type: 'url', url: 'https://example.com/me.jpg' }] },
          'avatar_id',
        ],
      ];
      const before = { ...seeded.created };
      for (const [what, body, param] of cases) {
        const refused = await addPromptLook(seeded, body);
        assert.deepEqual(
          [refused.status, refused.json?.error?.code, refused.json?.error?.param],
          [400, 'invalid_parameter', param],
          `${what}: ${refused.text}`,
        );
      }
      await sleep(0);
      seeded.lookReadyAfterMs = 0;
      const noImage = await addPromptLook(seeded, { prompt: 'p', avatar_id: imageless });
      assert.deepEqual([noImage.status, noImage.json.error.param], [400, 'avatar_id'], 'a base look without an image');
      assert.match(noImage.json.error.message, /no usable image/);
      assert.deepEqual(seeded.created, before, 'no refusal created anything');

      const wrongType = await call(seeded, 'POST', '/v3/avatars', { json: { type: 'studio', name: 'x' } });
      assert.deepEqual([wrongType.status, wrongType.json.error.param], [400, 'type']);
      assert.match(wrongType.json.error.message, /"photo" or "prompt"/);
      const missingGroup = await addPromptLook(seeded, {
        prompt: 'p',
        avatar_group_id: 'grp_missing',
        reference_images: [ref],
      });
      assert.deepEqual([missingGroup.status, missingGroup.json.error.code], [404, 'avatar_not_found']);
      const longest = await addPromptLook(seeded, { prompt: 'x'.repeat(1000), avatar_id: id });
      assert.equal(longest.status, 200, '1000 characters is allowed');
    } finally {
      await seeded.stop();
    }
  });

  it('places the look in avatar_group_id, or a new group made from the first uploaded reference; never pending_consent', async () => {
    const person = await portrait(600, 800, '#c89070', '#a0a0a0');
    const asset = await upload(sim, person, 'image/jpeg');
    const twin = sim.addGroup({ name: 'Twin', consentPending: true });
    const intoTwin = await addPromptLook(sim, {
      prompt: 'linen shirt, garden',
      avatar_group_id: twin.id,
      avatar_id: null,
      reference_images: [
        { type: 'url', url: 'https://example.com/style.jpg' },
        { type: 'asset_id', asset_id: asset },
      ],
    });
    assert.equal(intoTwin.status, 200, intoTwin.text);
    assert.equal(intoTwin.json.data.avatar_item.group_id, twin.id);
    assert.equal(sim.requests.at(-1)?.created, 'look');
    const done = await untilDone(sim, intoTwin.json.data.avatar_item.id);
    assert.equal(done.status, 'completed', 'HeyGen makes a prompt look itself: no consent is asked');
    assert.deepEqual([done.image_width, done.image_height, done.preferred_orientation], [1440, 1920, 'portrait']);

    const groupsBefore = sim.created.groups;
    const alone = await addPromptLook(sim, {
      prompt: 'p',
      reference_images: [{ type: 'asset_id', asset_id: asset }],
    });
    assert.equal(alone.status, 200, alone.text);
    assert.notEqual(alone.json.data.avatar_group.id, SIMULATOR_SEED_GROUP_ID);
    assert.equal(alone.json.data.avatar_item.group_id, alone.json.data.avatar_group.id);
    assert.equal(sim.created.groups, groupsBefore + 1);
    assert.equal(sim.requests.at(-1)?.created, 'group');
    const aloneDone = await untilDone(sim, alone.json.data.avatar_item.id);
    const group = (await call(sim, 'GET', `/v3/avatars/${aloneDone.group_id}`)).json.data;
    assert.equal(group.preview_image_url, aloneDone.preview_image_url, "the group's preview is its look's");
    const bytes = Buffer.from(await (await fetch(aloneDone.preview_image_url)).arrayBuffer());
    assert.ok((await personDifference(bytes, person)) < 12);
  });

  it('ends failed when a reference asset was rejected, as a photo look does', async () => {
    const asset = await upload(sim, await portrait(500, 500, '#d0a080', '#999'), 'image/jpeg');
    sim.rejectAsset(asset, 'content_policy', 'The prompt was flagged.');
    const added = await addPromptLook(sim, {
      prompt: 'p',
      reference_images: [{ type: 'asset_id', asset_id: asset }],
    });
    const failed = await untilDone(sim, added.json.data.avatar_item.id);
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'content_policy', message: 'The prompt was flagged.' });
    assert.equal(failed.preview_image_url, null);
    assert.equal((await call(sim, 'GET', `/files/previews/${failed.id}.jpg`, { key: null })).status, 404);
  });

  it('replays a prompt POST with the same Idempotency-Key: the same look, one created', async () => {
    const asset = await upload(sim, await portrait(640, 480, '#d9a07e', '#556'), 'image/jpeg');
    const body = { prompt: 'grey hoodie, loft', reference_images: [{ type: 'asset_id', asset_id: asset }] };
    const first = await addPromptLook(sim, body, 'run-7:prompt:0');
    assert.equal(first.status, 200, first.text);
    const looks = sim.created.looks;
    const again = await addPromptLook(sim, body, 'run-7:prompt:0');
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.json.data.avatar_item.id, first.json.data.avatar_item.id);
    assert.equal(sim.created.looks, looks, 'the replay made no look');
    const inGroup = await call(sim, 'GET', `/v3/avatars/looks?group_id=${first.json.data.avatar_group.id}`);
    assert.equal(inGroup.json.data.length, 1);
  });

  it('answers 429 past maxProcessingLooks for prompt looks too, creating nothing', async () => {
    const capped = new HeyGenSimulator({ maxProcessingLooks: 1, promptLookReadyAfterMs: 60_000 });
    await capped.start();
    try {
      const asset = await upload(capped, await portrait(300, 300, '#d9a07e', '#556'), 'image/jpeg');
      const body = { prompt: 'p', reference_images: [{ type: 'asset_id', asset_id: asset }] };
      assert.equal((await addPromptLook(capped, body)).status, 200);
      const looks = capped.created.looks;
      const refused = await addPromptLook(capped, body);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal(capped.created.looks, looks);
      assert.equal(capped.rateLimited, 1);
    } finally {
      await capped.stop();
    }
  });

  it('serves previews without an API key (GET and HEAD), 404 for a missing look, an unfinished one or one without an image', async () => {
    const jpeg = await portrait(640, 480, '#d9a07e', '#abc');
    const added = await addLook(sim, await upload(sim, jpeg, 'image/jpeg'));
    const id = added.json.data.avatar_item.id as string;
    sim.lookReadyAfterMs = 100_000;
    try {
      const processing = (await addLook(sim, await upload(sim, jpeg, 'image/jpeg'))).json.data.avatar_item.id;
      const early = await call(sim, 'GET', `/files/previews/${processing}.jpg`, { key: null });
      assert.equal(early.status, 404, 'a look still processing has no preview yet');
    } finally {
      sim.lookReadyAfterMs = 50;
    }
    const done = await untilDone(sim, id);
    assert.equal(done.preview_image_url, `${sim.url}/files/previews/${id}.jpg`);
    for (const key of [null, 'wrong-key', sim.apiKey]) {
      const got = await call(sim, 'GET', `/files/previews/${id}.jpg`, { key });
      assert.equal(got.status, 200);
    }
    const head = await fetch(`${sim.url}/files/previews/${id}.jpg`, { method: 'HEAD' });
    assert.deepEqual([head.status, head.headers.get('content-type')], [200, 'image/jpeg']);
    assert.equal(Number(head.headers.get('content-length')), jpeg.length);
    assert.equal((await head.arrayBuffer()).byteLength, 0);

    const seedId = await seedLookId(sim);
    const seed = (await lookStatus(sim, seedId)).json.data;
    assert.equal(
      seed.preview_image_url,
      `https://files.heygen.example/preview/${seedId}.jpg`,
      'no seedLookImage: no image',
    );
    const imageless = (await addLook(sim, await upload(sim, pngHeader(300, 300)))).json.data.avatar_item.id;
    await untilDone(sim, imageless);
    for (const path of [
      `/files/previews/${seedId}.jpg`,
      `/files/previews/${imageless}.jpg`,
      '/files/previews/look_ffffffffffffffff.jpg',
      `/files/previews/${id}.png`,
    ])
      assert.equal((await call(sim, 'GET', path, { key: null })).status, 404, path);
    assert.equal((await call(sim, 'POST', `/files/previews/${id}.jpg`)).status, 404, 'only GET and HEAD');

    sim.filesOrigin = 'https://cdn.example.test';
    try {
      assert.equal(
        (await lookStatus(sim, id)).json.data.preview_image_url,
        `https://cdn.example.test/files/previews/${id}.jpg`,
      );
    } finally {
      sim.filesOrigin = undefined;
    }
    assert.ok(HEYGEN_SIMULATOR_ROUTES.includes('GET /files/previews/:id'));
    sim.inject('GET /files/previews/:id', { kind: 'server-error', status: 503 });
    assert.equal((await call(sim, 'GET', `/files/previews/${id}.jpg`, { key: null })).status, 503);
  });
});

describe('HeyGenSimulator: look images and asset bytes on a shared state file', () => {
  it('another simulator (another process) uses the assets one received and serves the looks it made', async () => {
    const seedImage = await portrait(800, 600, '#d9a07e', '#8aa0b0');
    const { a, b, stateFile, close } = await sharedPair({ seedLookImage: seedImage });
    try {
      const person = await portrait(600, 800, '#c89070', '#a0a0a0');
      const assetId = await upload(a, person, 'image/jpeg');
      // b never received the bytes: it reads them from beside the state file.
      const photoLook = await addLook(b, assetId, SIMULATOR_SEED_GROUP_ID, 'Photo');
      assert.equal(photoLook.status, 200, photoLook.text);
      const promptLook = await addPromptLook(b, {
        prompt: 'denim jacket, street',
        reference_images: [{ type: 'asset_id', asset_id: assetId }],
      });
      assert.equal(promptLook.status, 200, promptLook.text);
      const seedId = await seedLookId(b);
      const onSeed = await addPromptLook(b, { prompt: 'studio', avatar_id: seedId });
      assert.equal(onSeed.status, 200, onSeed.text);

      // a serves the images b made, and the photo look's image is the uploaded photo itself.
      const photoDone = await untilDone(a, photoLook.json.data.avatar_item.id);
      assert.equal(photoDone.preview_image_url, `${a.url}/files/previews/${photoDone.id}.jpg`);
      const served = await call(a, 'GET', `/files/previews/${photoDone.id}.jpg`, { key: null });
      assert.equal(served.status, 200);
      assert.deepEqual(Buffer.from(await (await fetch(photoDone.preview_image_url)).arrayBuffer()), person);
      for (const answer of [promptLook, onSeed]) {
        const done = await untilDone(a, answer.json.data.avatar_item.id);
        const bytes = Buffer.from(await (await fetch(done.preview_image_url)).arrayBuffer());
        assert.deepEqual(readImageHeader(bytes), {
          mime: 'image/jpeg',
          width: done.image_width,
          height: done.image_height,
        });
      }

      // A third simulator, started later with nothing in memory, still has them all.
      const c = await new HeyGenSimulator({ stateFile, lookReadyAfterMs: 0, seedLookImage: seedImage }).start();
      try {
        const late = await addPromptLook(c, {
          prompt: 'late',
          reference_images: [{ type: 'asset_id', asset_id: assetId }],
        });
        assert.equal(late.status, 200, late.text);
        const preview = await call(c, 'GET', `/files/previews/${promptLook.json.data.avatar_item.id}.jpg`, {
          key: null,
        });
        assert.equal(preview.status, 200);
      } finally {
        await c.stop();
      }
      const dir = join(stateFile, '..', 'heygen-simulator-files');
      const kept = await readdir(dir);
      assert.ok(kept.includes(`${assetId}.jpg`));
      assert.ok(kept.includes(`${photoDone.id}.jpg`));
      for (const name of kept) assert.equal((await stat(join(dir, name))).mode & 0o777, 0o600, name);
    } finally {
      await close();
    }
  });
});
