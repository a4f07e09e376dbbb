// What our HeyGen client sends, against HeyGen's published v3 request schemas (heygen-v3.ts): the
// real client code is driven against the simulator — the domain functions directly, then the MCP
// tools end to end — and every request the simulator logged is checked: each JSON body against its
// route's strict schema, the upload's multipart parts, and the Idempotency-Key header's format.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { requestConsent } from '../../src/domain/heygen/account.ts';
import { prepareUpload, uploadAsset } from '../../src/domain/heygen/assets.ts';
import { HeyGenClient } from '../../src/domain/heygen/client.ts';
import { idempotencyKey } from '../../src/domain/heygen/idempotency.ts';
import { addLookOnce, getLook, isLookReady } from '../../src/domain/heygen/looks.ts';
import { getSession, sendMessage, startSession, stopSession } from '../../src/domain/heygen/video-agent.ts';
import {
  HeyGenSimulator,
  SIMULATOR_SEED_GROUP_ID,
  type LoggedRequest,
  type SimulatorSessionSnapshot,
} from '../../src/sandbox/heygen/simulator.ts';
import { photo } from '../helpers/images.ts';
import { connectInMemory, textOf } from '../helpers/mcp.ts';
import { ASSET_CREATE_PARTS, IDEMPOTENCY_KEY, issuesOf, REQUESTS, routeOf, type Route } from './heygen-v3.ts';

const PROMPT = 'A 30-second explainer on why deep sleep matters, friendly and concrete.';
/** The routes whose request the client must have sent in each run, so the check covers them all. */
const SENT: Route[] = [
  'POST /v3/assets',
  'POST /v3/avatars',
  'POST /v3/avatars/:id/consent',
  'POST /v3/video-agents',
  'POST /v3/video-agents/:id',
  'POST /v3/video-agents/:id/stop',
];

/**
 * Checks every logged request against the published schemas; returns how many of each route were
 * checked and how many carried an Idempotency-Key.
 */
function checkRequests(requests: LoggedRequest[]): { byRoute: Map<Route, number>; keyed: number } {
  const byRoute = new Map<Route, number>();
  let keyed = 0;
  for (const request of requests) {
    const what = `${request.method} ${request.path}`;
    const route = routeOf(request.method, request.path);
    assert.ok(route, `${what}: not a published v3 route`);
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    if (request.idempotencyKey !== undefined) {
      keyed++;
      assert.match(request.idempotencyKey, IDEMPOTENCY_KEY, `${what}: Idempotency-Key`);
    }
    const schema = REQUESTS[route];
    if (route === 'POST /v3/assets') {
      assert.equal(request.body, undefined, `${what}: multipart, not JSON`);
      assert.deepEqual(
        request.parts?.map((part) => part.name),
        [...ASSET_CREATE_PARTS],
        `${what}: its parts`,
      );
      assert.ok(request.parts?.[0]?.filename, `${what}: the file part is a file`);
      assert.match(request.parts?.[0]?.type ?? '', /^image\/(png|jpeg)$/, `${what}: the file's type`);
    } else if (schema) {
      const result = schema.safeParse(request.body);
      assert.ok(
        result.success,
        `${what}: the body does not match the published schema: ${issuesOf(result)}\nsent: ${JSON.stringify(request.body)}`,
      );
    }
  }
  return { byRoute, keyed };
}

function assertCovered(checked: { byRoute: Map<Route, number>; keyed: number }): void {
  const missing = SENT.filter((route) => !checked.byRoute.has(route));
  assert.deepEqual(missing, [], 'the client sent a request on each of these routes');
  assert.ok(checked.keyed >= 2, 'the look and the consent requests carried an Idempotency-Key');
}

/** Runs `drive`, then checks what the client sent; when `drive` fails, a contract failure is reported first. */
async function driveAndCheck(sim: HeyGenSimulator, drive: () => Promise<void>): Promise<void> {
  try {
    await drive();
  } catch (error) {
    checkRequests(sim.requests); // a body HeyGen would refuse is the likelier cause: say so
    throw error;
  }
  assertCovered(checkRequests(sim.requests));
}

async function sessionReaches(sim: HeyGenSimulator, id: string, status: SimulatorSessionSnapshot['status']) {
  const deadline = Date.now() + 15_000;
  while ((await sim.sessionsSnapshot()).find((s) => s.session_id === id)?.status !== status) {
    assert.ok(Date.now() < deadline, `session ${id} never reached ${status}`);
    await sleep(25);
  }
}

describe('HeyGen v3 contract: what our client sends is as published', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 200, sessionThinkingMs: 200, videoRenderMs: 200 });
  let dir: string;
  let image: string;

  before(async () => {
    await sim.start();
    dir = await mkdtemp(join(tmpdir(), 'heygen-contract-'));
    image = join(dir, 'look.jpg');
    await writeFile(image, await photo(768, 1024));
  });
  after(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the domain functions: upload, add a look, consent, start / message / stop a Video Agent session', () => {
    sim.reset();
    return driveAndCheck(sim, () => domainFunctions(sim, image));
  });

  it('the MCP tools end to end: upload_to_heygen … stop_video_agent', () => {
    sim.reset();
    return driveAndCheck(sim, () => mcpTools(sim, image));
  });
});

/** The domain functions straight on a HeyGenClient, with every optional field the client can send. */
async function domainFunctions(sim: HeyGenSimulator, image: string): Promise<void> {
  const client = new HeyGenClient({ apiKey: sim.apiKey, baseUrl: sim.url });
  const signal = AbortSignal.timeout(20_000);
  const asset = await uploadAsset(client, await prepareUpload(readFileSync(image), basename(image)), signal, 10_000);
  const request = { assetId: asset.asset_id, name: 'Contract look', groupId: SIMULATOR_SEED_GROUP_ID };
  const added = await addLookOnce(client, { ...request, idempotencyKey: idempotencyKey('contract', 'add') }, signal);
  assert.ok('look' in added, 'the look was added');
  while (!isLookReady(await getLook(client, added.look.id, signal))) await sleep(50);

  const twin = sim.addGroup({ name: 'Twin', consentPending: true });
  for (const group of [twin.id, SIMULATOR_SEED_GROUP_ID])
    await requestConsent(client, group, signal, idempotencyKey('contract', 'consent', group));

  sim.askNextSession('Which voice should narrate?');
  const chat = await startSession(
    client,
    {
      prompt: PROMPT,
      mode: 'chat',
      avatar_id: added.look.id,
      orientation: 'portrait',
      voice_id: 'voice_warm',
      style_id: 'style_clean',
      asset_ids: [asset.asset_id],
      callback_url: 'https://example.com/heygen-callback',
      callback_id: 'contract-video-1',
    },
    signal,
  );
  await sessionReaches(sim, chat.session_id, 'waiting_for_input');
  await sendMessage(client, chat.session_id, 'The warm one, please.', signal);
  await stopSession(client, chat.session_id, signal);
  const plain = await startSession(client, { prompt: PROMPT, avatar_id: added.look.id }, signal);
  await stopSession(client, plain.session_id, signal);
  assert.equal((await getSession(client, plain.session_id, signal)).status, 'failed');
}

/** The MCP server in this process, its tools called as a host would. */
async function mcpTools(sim: HeyGenSimulator, image: string): Promise<void> {
  const connection = await connectInMemory({
    env: {
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      // The image is in the test's own folder: the server may read it because it is allowed.
      AVATAR_LOOKS_ALLOWED_DIRS: dirname(image),
    },
  });
  const callTool = async (name: string, args: Record<string, unknown>) =>
    (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await callTool(name, args);
    assert.equal(result.isError, undefined, `${name}: ${textOf(result)}`);
    return (result.structuredContent ?? {}) as Record<string, any>;
  };
  try {
    const uploaded = await call('upload_to_heygen', { image_path: image });
    const added = await call('add_look', { asset_id: uploaded.asset_id, name: 'Contract look (MCP)' });
    const status = await call('get_look_status', { look_id: added.look_id, wait_seconds: 10 });
    assert.equal(status.ready, true);
    const twin = sim.addGroup({ name: 'Twin (MCP)', consentPending: true });
    await call('request_avatar_consent', { group_id: twin.id });
    await call('request_avatar_consent', {});

    sim.askNextSession('Which voice should narrate?');
    const video = { prompt: PROMPT, avatar_id: added.avatar_id, orientation: 'portrait', voice_id: 'voice_warm' };
    const started = await call('create_video', {
      ...video,
      mode: 'chat',
      style_id: 'style_clean',
      asset_ids: [uploaded.asset_id],
      callback_url: 'https://example.com/heygen-callback',
      key: 'contract-video-2',
    });
    await sessionReaches(sim, started.session_id, 'waiting_for_input');
    await call('get_video_status', { session_id: started.session_id, wait_seconds: 0 });
    await call('answer_video_agent', { session_id: started.session_id, message: 'The warm one, please.' });
    await call('stop_video_agent', { session_id: started.session_id });
    // A stopped session is reported as failed (an error result) naming the stop.
    const stopped = await callTool('get_video_status', { session_id: started.session_id, wait_seconds: 0 });
    assert.match(textOf(stopped), /stopped/);
  } finally {
    await connection.close();
  }
}
