// Security: what a prompt-injected agent can make the server hold or say, over stdio. Keys a
// provider echoes never reach a result or a file; jobs are bounded per home; an upload is checked
// on its bytes (pixel bombs, truncated files) before anything is decoded whole or sent; URLs an
// upstream names are held to the public-address guard; a key claimed seconds ago is never
// answered with "pass force_new".

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { normalizeRequest } from '../../src/flows/create-look/request.ts';
import { lookKeys } from '../../src/store/keys.ts';
import { FakeBFL } from '../fakes/bfl.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { photo } from '../helpers/images.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

const PROMPT = 'A quiet bedroom at night, soft lamp light on a knit blanket, candid photo, not an AI render.';

async function call(connection: StdioConnected, name: string, args: Record<string, unknown>): Promise<Result> {
  return (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 90_000 })) as Result;
}

/** Follows a job until it is no longer running. */
async function finish(connection: StdioConnected, result: Result): Promise<Result> {
  let current = result;
  while (!current.isError && current.structuredContent?.status === 'running')
    current = await call(connection, 'get_job', { job_id: current.structuredContent.job_id, wait_seconds: 30 });
  return current;
}

/** Every file under a folder, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(json|log)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('security: a key a provider echoes (stdio)', () => {
  it('never reaches the tool result, run.json or the job record', async () => {
    const gemini = await new FakeGemini().start();
    const home = temporaryHome();
    const face = join(home, 'face.jpg');
    writeFileSync(face, await photo(600, 800));
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      AVATAR_LOOKS_PROVIDERS: 'gemini',
      AVATAR_REFERENCE_IMAGE: face,
    });
    try {
      gemini.setDefault({ kind: 'echo-key' });
      const result = await finish(connection, await call(connection, 'generate_look_image', { prompt: PROMPT }));
      const said = JSON.stringify(result);
      assert.match(said, /API key not valid/, 'the provider error is shown');
      for (const where of [said, allText(home)]) {
        assert.equal(where.includes(gemini.apiKey), false, 'the configured key was masked');
        assert.doesNotMatch(where, /ya29\.a0/, 'a token-shaped string was masked');
      }
      assert.match(said, /\[redacted\]/);
    } finally {
      await connection.close();
      await gemini.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('security: jobs per home (stdio, sandbox)', () => {
  it('starts at most AVATAR_LOOKS_MAX_JOBS jobs, and refuses the next one naming those running, starting nothing', async () => {
    const home = temporaryHome();
    const face = join(home, 'face.jpg');
    writeFileSync(face, await photo(600, 800));
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '6000',
      AVATAR_LOOKS_MAX_JOBS: '2',
      AVATAR_REFERENCE_IMAGE: face,
    });
    try {
      const started = await Promise.all(
        [1, 2].map((n) => call(connection, 'generate_look_image', { prompt: `${PROMPT} Take ${n}.`, wait_seconds: 1 })),
      );
      const ids = started.map((result) => String(result.structuredContent?.job_id));
      assert.ok(
        started.every((result) => result.structuredContent?.status === 'running'),
        JSON.stringify(started),
      );
      const refused = await call(connection, 'generate_look_image', { prompt: `${PROMPT} Take 3.`, wait_seconds: 1 });
      assert.equal(refused.isError, true);
      assert.match(
        textOf(refused),
        /2 jobs are already running in this home \(the limit is 2, AVATAR_LOOKS_MAX_JOBS\)/,
      );
      for (const id of ids) assert.match(textOf(refused), new RegExp(id));
      const records = readdirSync(join(home, 'jobs')).filter((name) => /^job_[a-z0-9]{12}\.json$/.test(name));
      assert.equal(records.length, 2, 'no third job was recorded or started');
      // Once they finish there is room again.
      for (const id of ids)
        await finish(connection, await call(connection, 'get_job', { job_id: id, wait_seconds: 30 }));
      const later = await call(connection, 'generate_look_image', { prompt: `${PROMPT} Take 3.`, wait_seconds: 1 });
      assert.equal(later.isError, undefined, textOf(later));
    } finally {
      await connection.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

/** A 38-byte lossless WebP (a 1×1 image whose header was edited) that declares 16383×16383: 268 MP, about 1 GB decoded. */
const WEBP_BOMB = Buffer.from('UklGRh4AAABXRUJQVlA4TBEAAAAv/r//DwfQu971rv+BiOh/AAA=', 'base64');

describe('security: upload_to_heygen checks the bytes (stdio, simulator)', () => {
  const sim = new HeyGenSimulator();
  const home = temporaryHome();
  let connection: StdioConnected;
  before(async () => {
    await sim.start();
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
    });
  });
  after(async () => {
    await connection.close();
    await sim.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses a pixel bomb by its header, a truncated JPEG and a 49 MP PNG, uploading nothing and staying small', async () => {
    const bomb = join(home, 'bomb.webp');
    writeFileSync(bomb, WEBP_BOMB);
    const whole = await photo(2048, 1152);
    const truncated = join(home, 'truncated.jpg');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const huge = join(home, 'huge.png');
    writeFileSync(
      huge,
      await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#777' } })
        .png()
        .toBuffer(),
    );
    const cases: Array<[string, RegExp]> = [
      [bomb, /16383×16383 \(268 MP\), over the 40 MP limit/],
      [truncated, /cannot be decoded as an image: it may be truncated or corrupt/],
      [huge, /7000×7000 \(49 MP\), over the 40 MP limit/],
    ];
    for (const [path, said] of cases) {
      const result = await call(connection, 'upload_to_heygen', { image_path: path });
      assert.equal(result.isError, true, path);
      assert.match(textOf(result), said);
    }
    assert.equal(sim.count('POST', '/v3/assets'), 0);
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${connection.pid}/status`, 'utf8'))?.[1];
    const peakMb = Number(kb) / 1024;
    process.stderr.write(`# security: server peak RSS after the upload bombs: ${peakMb.toFixed(0)} MB\n`);
    assert.ok(peakMb < 600, `the server grew to ${peakMb.toFixed(0)} MB`);
  });
});

describe('security: URLs an upstream names (stdio)', () => {
  it('never fetches a FLUX result URL on a private or local address', async () => {
    const bfl = await new FakeBFL().start();
    const home = temporaryHome();
    const face = join(home, 'face.jpg');
    writeFileSync(face, await photo(600, 800));
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      BFL_API_KEY: bfl.apiKey,
      BFL_BASE_URL: bfl.url,
      AVATAR_LOOKS_PROVIDERS: 'flux',
      AVATAR_REFERENCE_IMAGE: face,
    });
    try {
      for (const sampleUrl of [
        'http://169.254.169.254/latest/meta-data/iam/',
        `http://localhost:${new URL(bfl.url).port}/samples/x.png`,
      ]) {
        bfl.enqueue({ kind: 'task', pollsUntilReady: 0, sampleUrl });
        const before_ = bfl.sampleAttempts;
        const result = await finish(
          connection,
          await call(connection, 'generate_look_image', { prompt: PROMPT, force_new: true }),
        );
        assert.match(
          JSON.stringify(result),
          /FLUX named a result URL the server does not fetch: it points at/,
          sampleUrl,
        );
        assert.equal(bfl.sampleAttempts, before_, 'nothing was fetched');
      }
    } finally {
      await connection.close();
      await bfl.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("never fetches HeyGen's video URL on another private address, and saves nothing that is not an MP4", async () => {
    const sim = await new HeyGenSimulator({
      lookReadyAfterMs: 100,
      sessionThinkingMs: 100,
      videoRenderMs: 100,
    }).start();
    // A local "CDN" that answers an HTML page of 5 MB for any path.
    let served = 0;
    const page: Server = createServer((_request, response) => {
      served += 1;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<html>${'x'.repeat(5 * 1024 * 1024)}</html>`);
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const home = temporaryHome();
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
    });
    try {
      const image = join(home, 'look.jpg');
      writeFileSync(image, await photo(1280, 720));
      const asset = await call(connection, 'upload_to_heygen', { image_path: image });
      const look = await call(connection, 'add_look', { asset_id: asset.structuredContent?.asset_id, name: 'probe' });
      const lookId = look.structuredContent?.look_id;
      await call(connection, 'get_look_status', { look_id: lookId, wait_seconds: 10 });
      const video = async () => {
        const started = await call(connection, 'create_video', { prompt: 'One minute on sleep.', avatar_id: lookId });
        let status = await call(connection, 'get_video_status', {
          session_id: started.structuredContent?.session_id,
          wait_seconds: 10,
        });
        while (status.structuredContent?.video_status !== 'completed')
          status = await call(connection, 'get_video_status', {
            session_id: started.structuredContent?.session_id,
            wait_seconds: 10,
          });
        return String(status.structuredContent?.video_id);
      };
      sim.filesOrigin = 'http://169.254.169.254';
      const metadata = await call(connection, 'download_video', { video_id: await video() });
      assert.equal(metadata.isError, true);
      assert.match(
        textOf(metadata),
        /video URL was not fetched: it points at 169\.254\.169\.254, a private or local address/,
      );

      sim.filesOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
      const html = await call(connection, 'download_video', { video_id: await video() });
      assert.equal(html.isError, true);
      assert.match(textOf(html), /not an MP4/);
      assert.equal(served, 1);
      const left = readdirSync(join(home, 'runs'), { recursive: true })
        .map(String)
        .filter((name) => /\.mp4|\.part$/.test(name));
      assert.deepEqual(left, [], 'nothing of the page was kept');
    } finally {
      await connection.close();
      await sim.stop();
      page.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('security: a key claimed seconds ago (stdio, sandbox)', () => {
  it('is never answered with "pass force_new" (which would pay twice), but with "call again in a few seconds"', async () => {
    const home = temporaryHome();
    const face = join(home, 'face.jpg');
    writeFileSync(face, await photo(600, 800));
    const connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: face,
    });
    try {
      // Another call has just claimed the key and is still writing its run folder.
      const args = { key: 'race', topic: 'sleep science', orientation: 'landscape', size: '2K', candidates: 1 };
      const now = new Date().toISOString();
      await lookKeys(home).claim({
        key: 'race',
        run_id: '2026-12-04-race-abcdef',
        run_dir: join(home, 'runs', '2026-12-04-race-abcdef'),
        request: { ...normalizeRequest(args as never) },
        heygen: 'sandbox',
        created_at: now,
        updated_at: now,
      });
      const result = await call(connection, 'create_look', args);
      assert.equal(result.isError, true);
      assert.doesNotMatch(textOf(result), /force_new/);
      assert.match(textOf(result), /claimed moments ago.*in a few seconds/s);
    } finally {
      await connection.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
