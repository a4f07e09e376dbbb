// The HeyGen tools through the SDK Client against the HeyGen v3 simulator: the happy path, and
// one test per fault. Every test checks the simulator's own count of what was created: no fault
// may ever lead to a second asset, a second look, or a new group.

import assert from 'node:assert/strict';
import { existsSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator } from '../../src/sandbox/heygen/simulator.ts';
import { photo } from '../helpers/images.ts';
import { connectInMemory, textOf, type InMemoryConnected } from '../helpers/mcp.ts';

describe('HeyGen tools against the v3 simulator', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 300 });
  let connection: InMemoryConnected;
  let image: string;
  let before_: { assets: number; looks: number; groups: number };

  before(async () => {
    await sim.start();
    connection = await connectInMemory({
      env: {
        HEYGEN_API_KEY: sim.apiKey,
        HEYGEN_BASE_URL: sim.url,
        HEYGEN_AVATAR_GROUP_ID: 'grp_sandbox_default',
        HEYGEN_TIMEOUT_SECONDS: '2',
      },
    });
    image = join(connection.home, 'look.png');
    writeFileSync(image, await photo(1024, 576, 'png'));
  });
  after(async () => {
    await connection.close();
    await sim.stop();
  });
  beforeEach(() => {
    sim.reset();
    sim.lookReadyAfterMs = 300;
    sim.lookInvisibleForMs = 0;
    sim.shapes = { lookStatus: 'present', avatarItem: 'present' };
    before_ = { ...sim.created };
  });

  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
    return { result, text: textOf(result), structured: (result.structuredContent ?? {}) as Record<string, unknown> };
  };
  const made = () => ({
    assets: sim.created.assets - before_.assets,
    looks: sim.created.looks - before_.looks,
    groups: sim.created.groups - before_.groups,
  });
  const upload = async () => {
    const uploaded = await call('upload_to_heygen', { image_path: image });
    assert.equal(uploaded.result.isError, undefined, uploaded.text);
    return String(uploaded.structured.asset_id);
  };

  it('uploads a PNG, adds it as a look, waits until completed, and lists it in the group', async () => {
    const uploaded = await call('upload_to_heygen', { image_path: image });
    assert.equal(uploaded.result.isError, undefined, uploaded.text);
    assert.match(String(uploaded.structured.asset_id), /^ast_/);
    assert.equal(uploaded.structured.mime_type, 'image/png');
    const added = await call('add_look', { asset_id: uploaded.structured.asset_id, name: 'Sleep science look' });
    assert.equal(added.result.isError, undefined, added.text);
    const lookId = String(added.structured.look_id);
    assert.equal(added.structured.avatar_id, lookId);
    assert.equal(added.structured.group_id, 'grp_sandbox_default');
    assert.match(added.text, /avatar_id for HeyGen Video Agent/);
    const status = await call('get_look_status', { look_id: lookId, wait_seconds: 10 });
    assert.equal(status.structured.ready, true, status.text);
    assert.equal(status.structured.status, 'completed');
    assert.equal(status.structured.avatar_id, lookId);
    assert.deepEqual(
      [status.structured.image_width, status.structured.image_height, status.structured.orientation],
      [1024, 576, 'landscape'],
    );
    const listed = await call('list_looks', { limit: 50 });
    assert.ok((listed.structured.looks as Array<{ id: string }>).some((item) => item.id === lookId));
    assert.deepEqual(made(), { assets: 1, looks: 1, groups: 0 });
  });

  it('waits out a 429 on upload as long as Retry-After says, and uploads once', async () => {
    sim.inject('POST /v3/assets', { kind: 'rate-limited', retryAfterSeconds: 1 });
    const started = Date.now();
    await upload();
    assert.ok(Date.now() - started >= 1_000, 'waited the Retry-After');
    assert.equal(sim.count('POST', '/v3/assets'), 2);
    assert.deepEqual(made(), { assets: 1, looks: 0, groups: 0 });
  });

  it('retries a 429 on add_look (HeyGen did nothing) and adds once', async () => {
    const assetId = await upload();
    sim.inject('POST /v3/avatars', { kind: 'rate-limited', retryAfterSeconds: 1 });
    const started = Date.now();
    const added = await call('add_look', { asset_id: assetId, name: 'after 429' });
    assert.equal(added.result.isError, undefined, added.text);
    assert.ok(Date.now() - started >= 1_000, 'waited the Retry-After');
    assert.equal(sim.count('POST', '/v3/avatars'), 2);
    assert.deepEqual(made(), { assets: 1, looks: 1, groups: 0 });
  });

  it('says how often it retried when the 429s do not stop', async () => {
    sim.inject(
      'GET /v3/users/me',
      { kind: 'rate-limited', retryAfterSeconds: 0 },
      { kind: 'rate-limited', retryAfterSeconds: 0 },
      { kind: 'rate-limited', retryAfterSeconds: 0 },
    );
    const account = await call('get_heygen_account');
    assert.equal(account.result.isError, true);
    assert.match(account.text, /HTTP 429 rate_limit_exceeded: .*, after 2 retries\./);
    assert.equal(sim.count('GET', '/v3/users/me'), 3);
  });

  it('sends add_look again with the same Idempotency-Key after a 5xx or a reset, and makes one look', async () => {
    for (const fault of [
      { kind: 'server-error', status: 502 },
      { kind: 'reset-before' },
      { kind: 'reset-after' },
    ] as const) {
      sim.reset();
      const assetId = await upload();
      before_ = { ...sim.created };
      sim.inject('POST /v3/avatars', fault);
      const added = await call('add_look', { asset_id: assetId, name: `after ${fault.kind}` });
      assert.equal(added.result.isError, undefined, `${fault.kind}: ${added.text}`);
      const adds = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v3/avatars');
      assert.equal(adds.length, 2, `${fault.kind}: sent twice`);
      assert.ok(adds[0]?.idempotencyKey, 'with an Idempotency-Key');
      assert.equal(adds[1]?.idempotencyKey, adds[0]?.idempotencyKey, `${fault.kind}: the same key both times`);
      // After reset-after the work was done: the repeat got HeyGen's replay, not a second look.
      assert.equal(adds[1]?.replayed === true, fault.kind === 'reset-after', `${fault.kind}: replayed`);
      assert.deepEqual(made(), { assets: 0, looks: 1, groups: 0 }, `${fault.kind}: one look`);
    }
  });

  it('calling add_look again with the same inputs returns the same look (HeyGen replays it), never a second', async () => {
    const assetId = await upload();
    const first = await call('add_look', { asset_id: assetId, name: 'twice' });
    const again = await call('add_look', { asset_id: assetId, name: 'twice' });
    assert.equal(again.structured.look_id, first.structured.look_id);
    assert.equal(sim.created.looks - before_.looks, 1);
    const other = await call('add_look', { asset_id: assetId, name: 'another name' });
    assert.notEqual(other.structured.look_id, first.structured.look_id, 'other inputs are another look');
  });

  it('when every answer to the add is lost, finds the new look in the group, not an older one of the same name', async () => {
    const assetId = await upload();
    const first = await call('add_look', { asset_id: assetId, name: 'Same name' });
    const firstId = String(first.structured.look_id);
    const second = await upload();
    sim.lookInvisibleForMs = 3_000;
    sim.inject('POST /v3/avatars', { kind: 'reset-after' }, { kind: 'reset-after' }, { kind: 'reset-after' });
    const added = await call('add_look', { asset_id: second, name: 'Same name' });
    assert.equal(added.result.isError, undefined, added.text);
    assert.equal(added.structured.recovered, true);
    assert.match(added.text, /so it was not added twice/);
    assert.notEqual(added.structured.look_id, firstId);
    const listed = await call('list_looks', { limit: 50 });
    assert.ok((listed.structured.looks as Array<{ id: string }>).some((item) => item.id === added.structured.look_id));
    assert.equal(sim.count('POST', '/v3/avatars'), 4, 'the first add, and three tries of the second with one key');
    assert.equal(sim.created.looks - before_.looks, 2, 'one look each');
  });

  it('retries 500, 502 and 503 on reads', async () => {
    const assetId = await upload();
    const lookId = String((await call('add_look', { asset_id: assetId, name: 'after 5xx' })).structured.look_id);
    sim.inject(
      'GET /v3/avatars/looks/:id',
      { kind: 'server-error', status: 500 },
      { kind: 'server-error', status: 502 },
    );
    const status = await call('get_look_status', { look_id: lookId, wait_seconds: 10 });
    assert.equal(status.structured.ready, true, status.text);
    sim.inject('GET /v3/avatars', { kind: 'server-error', status: 503 });
    assert.equal((await call('list_avatar_groups')).result.isError, undefined);
  });

  it('does not retry a 503 on upload (it may have been stored) and says what to do', async () => {
    sim.inject('POST /v3/assets', { kind: 'server-error', status: 503 });
    const uploaded = await call('upload_to_heygen', { image_path: image });
    assert.equal(uploaded.result.isError, true);
    assert.match(uploaded.text, /HeyGen answered HTTP 503/);
    assert.match(uploaded.text, /may have stored it/);
    assert.equal(sim.count('POST', '/v3/assets'), 1);
  });

  it('does not upload again when the connection breaks after sending', async () => {
    sim.inject('POST /v3/assets', { kind: 'reset-after' });
    const uploaded = await call('upload_to_heygen', { image_path: image });
    assert.equal(uploaded.result.isError, true);
    assert.match(uploaded.text, /HeyGen may have stored it/);
    assert.equal(sim.count('POST', '/v3/assets'), 1);
    assert.deepEqual(made(), { assets: 1, looks: 0, groups: 0 });
  });

  it('says a connection reset before anything happened may have stored the upload, and does not retry', async () => {
    sim.inject('POST /v3/assets', { kind: 'reset-before' });
    const uploaded = await call('upload_to_heygen', { image_path: image });
    assert.equal(uploaded.result.isError, true);
    assert.match(uploaded.text, /HeyGen may have stored it/);
    assert.match(uploaded.text, /makes a second asset/);
    assert.equal(sim.count('POST', '/v3/assets'), 1);
    assert.deepEqual(made(), { assets: 0, looks: 0, groups: 0 });
  });

  it('times out a hanging read and retries it; a hanging upload is not retried', async () => {
    const assetId = await upload();
    const lookId = String((await call('add_look', { asset_id: assetId, name: 'hang' })).structured.look_id);
    sim.inject('GET /v3/avatars/looks/:id', { kind: 'hang' });
    const status = await call('get_look_status', { look_id: lookId, wait_seconds: 15 });
    assert.equal(status.structured.ready, true, status.text);
    sim.inject('POST /v3/assets', { kind: 'hang' });
    const uploaded = await call('upload_to_heygen', { image_path: image });
    assert.equal(uploaded.result.isError, true);
    assert.match(uploaded.text, /may have stored it/);
    assert.equal(sim.count('POST', '/v3/assets'), 2, 'one upload before, one that hung: none repeated');
  });

  it('recognises an HTML 404 page and points at HEYGEN_BASE_URL, also for a look just added', async () => {
    sim.inject('GET /v3/avatars', { kind: 'html-404' });
    const listed = await call('list_avatar_groups');
    assert.equal(listed.result.isError, true);
    assert.match(listed.text, /HTML page instead of JSON/);
    assert.match(listed.text, /HEYGEN_BASE_URL/);
    const assetId = await upload();
    const lookId = String((await call('add_look', { asset_id: assetId, name: 'html' })).structured.look_id);
    sim.inject('GET /v3/avatars/looks/:id', { kind: 'html-404' });
    const status = await call('get_look_status', { look_id: lookId, wait_seconds: 5 });
    assert.equal(status.result.isError, true, 'not mistaken for "not visible yet"');
    assert.match(status.text, /HEYGEN_BASE_URL/);
  });

  it('names HEYGEN_API_KEY on 401, the API wallet on 402, the size limit on 413', async () => {
    sim.inject('GET /v3/users/me', { kind: 'unauthorized' });
    assert.match((await call('get_heygen_account')).text, /Check HEYGEN_API_KEY/);
    const assetId = await upload();
    sim.inject('POST /v3/avatars', { kind: 'insufficient-credit' });
    const added = await call('add_look', { asset_id: assetId, name: 'no money' });
    assert.match(added.text, /HTTP 402/);
    assert.match(added.text, /API wallet is empty \(it is separate from the web plan's credits\)/);
    sim.inject('POST /v3/assets', { kind: 'payload-too-large' });
    assert.match((await call('upload_to_heygen', { image_path: image })).text, /32 MB limit/);
    assert.deepEqual(made(), { assets: 1, looks: 0, groups: 0 });
  });

  it('never creates a group: an unknown group gets a pointer to list_avatar_groups', async () => {
    const assetId = await upload();
    const added = await call('add_look', { asset_id: assetId, name: 'wrong group', group_id: 'grp_missing' });
    assert.equal(added.result.isError, true);
    assert.match(added.text, /HTTP 404/);
    assert.match(added.text, /call list_avatar_groups/);
    assert.deepEqual(made(), { assets: 1, looks: 0, groups: 0 });
  });

  it('waits through the 404s of a look that is not visible yet', async () => {
    sim.lookInvisibleForMs = 2_000;
    const assetId = await upload();
    const lookId = String((await call('add_look', { asset_id: assetId, name: 'shy look' })).structured.look_id);
    const early = await call('get_look_status', { look_id: lookId, wait_seconds: 0 });
    assert.equal(early.result.isError, undefined, early.text);
    assert.equal(early.structured.status, 'not_visible_yet');
    const later = await call('get_look_status', { look_id: lookId, wait_seconds: 15 });
    assert.equal(later.structured.ready, true, later.text);
  });

  it('says an unknown look does not exist at once, and what to do if it was just added elsewhere', async () => {
    const started = Date.now();
    const status = await call('get_look_status', { look_id: 'look_doesnotexist' });
    assert.ok(Date.now() - started < 3_000, 'no waiting out the default 40 s on a 404');
    assert.equal(status.result.isError, true);
    assert.match(status.text, /HTTP 404 avatar_not_found/);
    assert.match(status.text, /call get_look_status again in 10 s[\s\S]*list_looks/);
  });

  it('walks a look through pending consent with the consent link, never approving it itself', async () => {
    const group = sim.addGroup({ name: 'Needs consent', consentPending: true });
    const assetId = await upload();
    const lookId = String(
      (await call('add_look', { asset_id: assetId, name: 'consent look', group_id: group.id })).structured.look_id,
    );
    const pending = await call('get_look_status', { look_id: lookId, wait_seconds: 10 });
    assert.equal(pending.structured.status, 'pending_consent');
    assert.match(pending.text, /request_avatar_consent/);
    const consent = await call('request_avatar_consent', { group_id: group.id });
    assert.match(String(consent.structured.consent_url), /^https:\/\//);
    const stillPending = await call('get_look_status', { look_id: lookId, wait_seconds: 0 });
    assert.equal(stillPending.structured.status, 'pending_consent', 'asking for the link approves nothing');
    sim.approveConsent(group.id);
    assert.equal((await call('get_look_status', { look_id: lookId, wait_seconds: 10 })).structured.ready, true);
  });

  for (const lookStatus of ['null', 'absent'] as const) {
    it(`a look whose status is ${lookStatus} (HeyGen gives one only to private avatars) is ready once its preview and dimensions are there`, async () => {
      sim.shapes.lookStatus = lookStatus;
      sim.lookReadyAfterMs = 1_500;
      const assetId = await upload();
      const added = await call('add_look', { asset_id: assetId, name: `status ${lookStatus}` });
      assert.equal(added.result.isError, undefined, added.text);
      assert.match(String(added.structured.status), /none \(HeyGen gives a status only to private avatars\)/);
      const early = await call('get_look_status', { look_id: added.structured.look_id, wait_seconds: 0 });
      assert.equal(early.result.isError, undefined, early.text);
      assert.equal(early.structured.ready, false, 'no preview yet: not ready, whatever the status says');
      const ready = await call('get_look_status', { look_id: added.structured.look_id, wait_seconds: 10 });
      assert.equal(ready.structured.ready, true, ready.text);
      assert.equal(made().looks, 1);
    });
  }

  it('an add answered with avatar_item null (the look was made and billed) finds the look by name instead of adding it again', async () => {
    sim.shapes.avatarItem = 'null';
    const assetId = await upload();
    const added = await call('add_look', { asset_id: assetId, name: 'item null look' });
    assert.equal(added.result.isError, undefined, added.text);
    assert.equal(added.structured.recovered, true);
    assert.equal(made().looks, 1, 'one look, not a second one paid for');
    const look = (await sim.looksSnapshot()).find((item) => item.id === added.structured.look_id);
    assert.equal(look?.name, 'item null look');
    // Asked again within 24 h: HeyGen replays the same answer (still null), and the same look comes back.
    const again = await call('add_look', { asset_id: assetId, name: 'item null look' });
    assert.equal(again.structured.look_id, added.structured.look_id);
    assert.equal(made().looks, 1);
  });

  it('a photo avatar group needs no consent: the answer has no link (url null), and the tool says so', async () => {
    const consent = await call('request_avatar_consent', { group_id: 'grp_sandbox_default' });
    assert.equal(consent.result.isError, undefined, consent.text);
    assert.equal(consent.structured.consent_url, undefined);
    assert.match(consent.text, /HeyGen gave no consent link/);
    assert.match(consent.text, /get_look_status/);
  });

  it('prices each new look at $1.00 (an estimate from published prices)', async () => {
    const assetId = await upload();
    const added = await call('add_look', { asset_id: assetId, name: 'priced look' });
    assert.equal(added.structured.cost_estimate_usd, 1);
    assert.match(added.text, /Cost: about \$1\.00 \(Estimate from HeyGen's published pay-as-you-go prices/);
  });

  it("gives HeyGen's reason when a look fails, and what to do", async () => {
    const assetId = await upload();
    sim.rejectAsset(assetId, 'no_face_detected', 'No face detected, please try another photo.');
    const lookId = String((await call('add_look', { asset_id: assetId, name: 'faceless' })).structured.look_id);
    const status = await call('get_look_status', { look_id: lookId, wait_seconds: 10 });
    assert.equal(status.result.isError, true);
    assert.match(status.text, /no_face_detected: No face detected/);
    assert.match(status.text, /generate the look again with the face clearly visible/);
  });

  it('refuses bad files before any network call, and converts WebP to PNG', async () => {
    const small = join(connection.home, 'small.png');
    writeFileSync(small, await photo(400, 300, 'png'));
    assert.match((await call('upload_to_heygen', { image_path: small })).text, /400×300; HeyGen needs at least 512 px/);
    const text = join(connection.home, 'notes.png');
    writeFileSync(text, 'just some text');
    assert.match((await call('upload_to_heygen', { image_path: text })).text, /is not a PNG, JPEG or WebP image/);
    const huge = join(connection.home, 'huge.png');
    writeFileSync(huge, '');
    truncateSync(huge, 33 * 1024 * 1024);
    assert.match((await call('upload_to_heygen', { image_path: huge })).text, /over HeyGen's 32 MB limit/);
    assert.match((await call('upload_to_heygen', { image_path: 'look.png' })).text, /is relative/);
    assert.equal(sim.count('POST', '/v3/assets'), 0);
    const webp = join(connection.home, 'look.webp');
    writeFileSync(webp, await photo(800, 600, 'webp'));
    const converted = await call('upload_to_heygen', { image_path: webp });
    assert.equal(converted.structured.mime_type, 'image/png');
    // The PNG is made in a run folder of the home, never beside the input, and only the owner can read it.
    const png = String(converted.structured.image_path);
    assert.match(png, /look\.heygen\.png$/);
    assert.ok(png.startsWith(join(connection.home, 'runs')), png);
    assert.equal(existsSync(join(connection.home, 'look.heygen.png')), false);
    assert.equal(statSync(png).mode & 0o777, 0o600);
  });

  it('pages through groups with next_token', async () => {
    sim.addGroup({ name: 'Second avatar' });
    const first = await call('list_avatar_groups', { limit: 1 });
    assert.equal((first.structured.groups as unknown[]).length, 1);
    assert.ok(first.structured.next_token);
    const second = await call('list_avatar_groups', { limit: 1, token: first.structured.next_token });
    assert.notDeepEqual(second.structured.groups, first.structured.groups);
  });

  it('shows the account balance', async () => {
    const account = await call('get_heygen_account');
    assert.deepEqual(
      [account.structured.billing_type, account.structured.remaining, account.structured.unit],
      ['wallet', 42.5, 'usd'],
    );
  });
});

describe('HeyGen tools when HeyGen cannot be reached', () => {
  it('retries a POST that never connected, and says so', async () => {
    const connection = await connectInMemory({
      env: {
        HEYGEN_API_KEY: 'hg-0123456789abcdef',
        HEYGEN_BASE_URL: 'http://127.0.0.1:9',
        HEYGEN_AVATAR_GROUP_ID: 'grp_x',
      },
    });
    try {
      const image = join(connection.home, 'look.png');
      writeFileSync(image, await photo(600, 600, 'png'));
      const started = Date.now();
      const uploaded = (await connection.client.callTool({
        name: 'upload_to_heygen',
        arguments: { image_path: image },
      })) as CallToolResult;
      assert.equal(uploaded.isError, true);
      assert.match(textOf(uploaded), /could not connect to 127\.0\.0\.1:9 \(ECONNREFUSED\), after 2 retries/);
      assert.ok(Date.now() - started >= 3_000, 'backed off 1 s, then 2 s');
    } finally {
      await connection.close();
    }
  });
});

describe('HeyGen tools without HeyGen', () => {
  it('names HEYGEN_API_KEY when there is no key, and refuses add_look without a group', async () => {
    const connection = await connectInMemory({ env: { GEMINI_API_KEY: 'gm-0123456789abcdef' } });
    try {
      const image = join(connection.home, 'look.png');
      writeFileSync(image, await photo(600, 600, 'png'));
      const uploaded = (await connection.client.callTool({
        name: 'upload_to_heygen',
        arguments: { image_path: image },
      })) as CallToolResult;
      assert.equal(uploaded.isError, true);
      assert.match(textOf(uploaded), /no HEYGEN_API_KEY/);
      const added = (await connection.client.callTool({
        name: 'add_look',
        arguments: { asset_id: 'ast_1', name: 'x' },
      })) as CallToolResult;
      assert.match(textOf(added), /never creates a group[\s\S]*list_avatar_groups/);
    } finally {
      await connection.close();
    }
  });
});
