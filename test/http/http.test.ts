// dist/server.js --http end to end, with the SDK's StreamableHTTPClientTransport and raw HTTP:
// the pipeline with progress over the stream, jobs that outlive the request that started them,
// and every refusal (token, Host, Origin, size, method), in sandbox mode.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { writeReference } from '../helpers/faces.ts';
import {
  connectHttp,
  MCP_HEADERS,
  rawRequest,
  startHttpProcess,
  toolCallBody,
  type HttpProcess,
} from '../helpers/http.ts';
import { currentSnapshot, snapshotOf, snapshotToolNames } from '../helpers/snapshots.ts';
import { SERVER_JS, temporaryHome, textOf } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const LOOK = { topic: 'sleep science', orientation: 'landscape', size: '1K' } as const;
const TOKEN = randomBytes(32).toString('hex');

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  progress?: Array<{ at: number; message: string }>,
): Promise<Result> {
  return (await client.callTool({ name, arguments: args }, undefined, {
    timeout: 120_000,
    ...(progress ? { onprogress: (p) => progress.push({ at: Date.now(), message: p.message ?? '' }) } : {}),
  })) as Result;
}

/** What the sandbox simulator made, from its state file (shared by every process of the home). */
function sandboxCreated(home: string): { assets: number; looks: number } {
  return (
    JSON.parse(readFileSync(join(home, 'sandbox', 'heygen-simulator.json'), 'utf8')) as {
      created: { assets: number; looks: number };
    }
  ).created;
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('Streamable HTTP: the pipeline over HTTP with a token (sandbox)', () => {
  let home: string;
  let server: HttpProcess;
  let client: Client;
  before(async () => {
    home = temporaryHome();
    server = await startHttpProcess({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '3000',
      AVATAR_LOOKS_HTTP_TOKEN: TOKEN,
      AVATAR_LOOKS_HTTP_MAX_BODY_MB: '1',
      AVATAR_LOOKS_HTTP_ALLOWED_HOSTS: 'looks.internal',
      AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS: 'https://studio.example.com',
    });
    client = await connectHttp(server.url, TOKEN);
  });
  after(async () => {
    await client?.close();
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('offers the same tools as over stdio (the checked-in tools/list)', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((tool) => tool.name),
      snapshotToolNames(),
    );
    for (const tool of tools) assert.equal(currentSnapshot(tool), snapshotOf(tool.name), tool.name);
  });

  it('runs create_look to a ready look, with progress arriving over the stream while it works', async () => {
    const progress: Array<{ at: number; message: string }> = [];
    const started = Date.now();
    const result = await call(client, 'create_look', { key: 'http-ep1', ...LOOK, wait_seconds: 45 }, progress);
    const answered = Date.now();
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(result.structuredContent?.status, 'completed');
    assert.match(result.structuredContent?.look_id, /^look_/);
    assert.equal(result.structuredContent?.group_id, SIMULATOR_SEED_GROUP_ID);
    assert.ok(
      result.content.some((block) => block.type === 'image'),
      'the preview comes back as an image block',
    );
    // Every step is told, and the first arrives while the image is still being made (3 s): the
    // answer is streamed, not buffered until the end.
    for (const step of ['Step 2/6', 'Step 3/6', 'Step 4/6', 'Step 5/6', 'Step 6/6'])
      assert.ok(
        progress.some((p) => p.message.includes(step)),
        `progress for ${step}: ${JSON.stringify(progress.map((p) => p.message))}`,
      );
    assert.ok(
      (progress[0]?.at ?? answered) - started < answered - started - 2_000,
      'the first progress arrived seconds before the answer',
    );
  });

  it('keeps a job beyond the request that started it: get_job from a new connection follows it to the end', async () => {
    const first = await call(client, 'create_look', { key: 'http-ep2', ...LOOK, wait_seconds: 0 });
    assert.equal(first.structuredContent?.status, 'running', textOf(first));
    const jobId = first.structuredContent?.job_id as string;
    const later = await connectHttp(server.url, TOKEN);
    try {
      let current = await call(later, 'get_job', { job_id: jobId, wait_seconds: 45 });
      while (current.structuredContent?.status === 'running')
        current = await call(later, 'get_job', { job_id: jobId, wait_seconds: 45 });
      assert.equal(current.isError, undefined, textOf(current));
      assert.equal(current.structuredContent?.status, 'completed');
      assert.match(current.structuredContent?.look_id, /^look_/);
    } finally {
      await later.close();
    }
    // http-ep1 (the test before) and http-ep2: one asset and one look each, nothing made twice.
    const made = sandboxCreated(home);
    assert.equal(made.assets, 2);
    assert.equal(made.looks, 2);
  });

  it('keeps the job when the client gives up on the call: what is being paid for finishes, for get_job', async () => {
    const giveUp = new AbortController();
    const pending = client.callTool(
      { name: 'create_look', arguments: { key: 'http-ep3', ...LOOK, wait_seconds: 45 } },
      undefined,
      { signal: giveUp.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    giveUp.abort();
    await assert.rejects(pending, /abort/i);
    const again = await call(client, 'create_look', { key: 'http-ep3', ...LOOK, wait_seconds: 45 });
    let current = again;
    while (current.structuredContent?.status === 'running')
      current = await call(client, 'get_job', { job_id: current.structuredContent.job_id, wait_seconds: 45 });
    assert.equal(current.structuredContent?.status, 'completed', textOf(current));
    assert.match(
      textOf(again),
      /already being made by job|already has its look/,
      "the same key found the first call's job, not a new one",
    );
  });

  it('refuses a request without the token, or with a wrong one, with 401 and WWW-Authenticate', async () => {
    const none = await rawRequest(server.url, {
      headers: MCP_HEADERS,
      body: toolCallBody(1, 'build_look_prompt', { topic: 'sleep science' }),
    });
    assert.equal(none.status, 401);
    assert.match(String(none.headers['www-authenticate']), /^Bearer realm="avatar-looks-mcp"$/);
    assert.match(none.body, /AVATAR_LOOKS_HTTP_TOKEN/);
    const wrong = await rawRequest(server.url, {
      headers: { ...MCP_HEADERS, Authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      body: toolCallBody(1, 'build_look_prompt', { topic: 'sleep science' }),
    });
    assert.equal(wrong.status, 401);
    assert.match(String(wrong.headers['www-authenticate']), /error="invalid_token"/);
    // The SDK client with a wrong token fails to connect, with the status.
    await assert.rejects(
      connectHttp(server.url, 'not-the-token'),
      (error: Error & { code?: number }) => error.code === 401 && /bearer token is wrong/.test(error.message),
    );
  });

  it('refuses a foreign Host with 403 (DNS rebinding) and answers a configured one', async () => {
    const body = toolCallBody(2, 'build_look_prompt', { topic: 'sleep science' });
    const headers = { ...MCP_HEADERS, Authorization: `Bearer ${TOKEN}` };
    const foreign = await rawRequest(server.url, {
      headers: { ...headers, Host: `evil.example.com:${server.port}` },
      body,
    });
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /AVATAR_LOOKS_HTTP_ALLOWED_HOSTS/);
    const configured = await rawRequest(server.url, {
      headers: { ...headers, Host: `looks.internal:${server.port}` },
      body,
    });
    assert.equal(configured.status, 200, configured.body);
    assert.match(configured.body, /"prompt"/);
  });

  it('refuses a web page from a foreign origin with 403, and answers a configured origin with CORS headers', async () => {
    const body = toolCallBody(3, 'build_look_prompt', { topic: 'tech news' });
    const headers = { ...MCP_HEADERS, Authorization: `Bearer ${TOKEN}` };
    const foreign = await rawRequest(server.url, { headers: { ...headers, Origin: 'https://evil.example.com' }, body });
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS/);
    const studio = await rawRequest(server.url, {
      headers: { ...headers, Origin: 'https://studio.example.com' },
      body,
    });
    assert.equal(studio.status, 200, studio.body);
    assert.equal(studio.headers['access-control-allow-origin'], 'https://studio.example.com');
    const preflight = await rawRequest(server.url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://studio.example.com', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization/);
  });

  it('answers an oversized body with 413 that says what to do, and goes on serving', async () => {
    // A reference photo as a 1.5 MB data: URL, over this server's 1 MB cap.
    const dataUrl = `data:image/jpeg;base64,${randomBytes(1_100_000).toString('base64')}`;
    await assert.rejects(
      call(client, 'generate_look_image', { prompt: 'x', reference_image: dataUrl }),
      (error: Error & { code?: number }) => {
        assert.equal(error.code, 413, error.message);
        assert.match(error.message, /over this server's 1 MB limit.*https:\/\/ URL.*AVATAR_LOOKS_HTTP_MAX_BODY_MB/s);
        return true;
      },
    );
    for (let round = 0; round < 3; round++) {
      const chunked = await rawRequest(server.url, {
        headers: { ...MCP_HEADERS, Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' },
        body: Buffer.alloc(2_000_000, 0x20),
      });
      assert.equal(chunked.status, 413, 'a body without Content-Length is cut off at the cap too');
    }
    // Past the moment the refused connections are closed: the server is still there.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const prompt = await call(client, 'build_look_prompt', { topic: 'sleep science' });
    assert.equal(prompt.isError, undefined);
  });

  it('does not keep reading from a client it refused: the connection closes within seconds', async () => {
    const { request } = await import('node:http');
    const outcome = await new Promise<{ status: number; closedAfterMs: number; sent: number }>((resolve, reject) => {
      let status = 0;
      let sent = 0;
      const started = Date.now();
      const req = request(
        server.url,
        { method: 'POST', headers: { ...MCP_HEADERS, 'Transfer-Encoding': 'chunked' } },
        (res) => {
          status = res.statusCode ?? 0;
          res.resume();
        },
      );
      // An endless body from a client without the token.
      const feed = setInterval(() => {
        if (req.destroyed) return;
        req.write(Buffer.alloc(64 * 1024, 0x20));
        sent += 64 * 1024;
      }, 20);
      req.on('close', () => {
        clearInterval(feed);
        resolve({ status, closedAfterMs: Date.now() - started, sent });
      });
      req.on('error', () => {});
      setTimeout(() => reject(new Error('the server was still reading after 10 s')), 10_000).unref();
    });
    assert.equal(outcome.status, 401);
    assert.ok(outcome.closedAfterMs < 5_000, `closed after ${outcome.closedAfterMs} ms (${outcome.sent} bytes sent)`);
  });

  it('answers GET and DELETE on /mcp with 405 (stateless), and /healthz without a token', async () => {
    for (const method of ['GET', 'DELETE']) {
      const answer = await rawRequest(server.url, {
        method,
        headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' },
      });
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.allow, 'POST');
    }
    const health = await rawRequest(server.url.replace(/\/mcp$/, '/healthz'), { method: 'GET' });
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.body).status, 'ok');
    const elsewhere = await rawRequest(server.url.replace(/\/mcp$/, '/admin'), { method: 'GET' });
    assert.equal(elsewhere.status, 404);
  });

  it('never writes to stdout, and the token reaches no log, result or file on disk', async () => {
    assert.doesNotMatch(server.stderr(), /\[stdout — must stay empty\]/);
    assert.ok(!server.stderr().includes(TOKEN), 'not in the server log');
    const leaking = filesUnder(home).filter((path) => readFileSync(path).includes(TOKEN));
    assert.deepEqual(leaking, [], 'no run record, job record, job input or job log holds the token');
  });
});

describe('Streamable HTTP: request timeout', () => {
  let home: string;
  let server: HttpProcess;
  before(async () => {
    home = temporaryHome();
    server = await startHttpProcess({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: await writeReference(home),
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '9000',
      AVATAR_LOOKS_HTTP_REQUEST_TIMEOUT_SECONDS: '5',
    });
  });
  after(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers a request still unanswered at the timeout with an error, and the job goes on', async () => {
    const client = await connectHttp(server.url, server.token);
    try {
      const started = await call(client, 'generate_look_image', { prompt: LOOK.topic, wait_seconds: 0 });
      assert.equal(started.structuredContent?.status, 'running', textOf(started));
      const jobId = started.structuredContent?.job_id as string;
      const asked = Date.now();
      await assert.rejects(call(client, 'get_job', { job_id: jobId, wait_seconds: 30 }), (error: Error) =>
        /longer than 5 s.*get_job/s.test(error.message),
      );
      const waited = Date.now() - asked;
      assert.ok(waited >= 4_500 && waited < 8_000, `answered at the timeout, after ${waited} ms`);
      const done = await call(client, 'get_job', { job_id: jobId, wait_seconds: 20 });
      assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    } finally {
      await client.close();
    }
  });
});

describe('Streamable HTTP: refusing to start unsafely', () => {
  // A server that starts makes its token file in its home: each gets a folder of its own.
  const nowhere = temporaryHome();
  after(() => rmSync(nowhere, { recursive: true, force: true }));
  it('refuses to listen beyond loopback without a token, saying why', async () => {
    await assert.rejects(
      startHttpProcess({ AVATAR_LOOKS_HOME: nowhere, AVATAR_LOOKS_SANDBOX: '1' }, ['--host', '0.0.0.0']),
      (error: Error) => {
        assert.match(error.message, /exited \(1\)/);
        assert.match(error.message, /Refusing to listen on 0\.0\.0\.0 without a token.*AVATAR_LOOKS_HTTP_TOKEN/s);
        return true;
      },
    );
  });

  it('refuses a token too short to be safe, naming the variable but not the value', async () => {
    await assert.rejects(
      startHttpProcess({ AVATAR_LOOKS_HOME: nowhere, AVATAR_LOOKS_HTTP_TOKEN: 'hunter2-hunter2' }),
      (error: Error) => {
        assert.match(error.message, /AVATAR_LOOKS_HTTP_TOKEN must be at least 32 characters/);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });

  it('says a port in use is in use, and that --port goes with --http', async () => {
    const first = await startHttpProcess({ AVATAR_LOOKS_HOME: nowhere, AVATAR_LOOKS_SANDBOX: '1' });
    try {
      await assert.rejects(
        startHttpProcess({ AVATAR_LOOKS_HOME: nowhere, AVATAR_LOOKS_SANDBOX: '1' }, ['--port', String(first.port)]),
        /exited \(1\)[\s\S]*Port \d+ on 127\.0\.0\.1 is already in use.*--port/,
      );
    } finally {
      await first.stop();
    }
    const { spawnSync } = await import('node:child_process');
    const stray = spawnSync(process.execPath, [SERVER_JS, '--port', '3400'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.equal(stray.status, 2);
    assert.match(stray.stderr, /--host and --port go with --http/);
  });

  it('listens beyond loopback with a token', async () => {
    const server = await startHttpProcess(
      { AVATAR_LOOKS_HOME: nowhere, AVATAR_LOOKS_SANDBOX: '1', AVATAR_LOOKS_HTTP_TOKEN: TOKEN },
      ['--host', '0.0.0.0'],
    );
    try {
      const client = await connectHttp(server.url, TOKEN);
      assert.ok((await client.listTools()).tools.length > 10);
      await client.close();
    } finally {
      assert.equal((await server.stop()).code, 0);
    }
  });
});
