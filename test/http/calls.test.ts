// dist/server.js --http bounds the work one client can start at once: a JSON-RPC batch (many
// tool calls in one POST) is refused whole before any of it runs, and beyond the tool calls in
// flight per process a call is answered "busy, call again shortly" without starting anything.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectHttp, MCP_HEADERS, rawRequest, startSandboxHttp, type HttpProcess } from '../helpers/http.ts';
import { temporaryHome, textOf } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

/** The job records under the home: one per job started. */
const jobsIn = (home: string) =>
  existsSync(join(home, 'jobs')) ? readdirSync(join(home, 'jobs')).filter((name) => /^job_\w+\.json$/.test(name)) : [];

const generate = (id: number, prompt: string, waitSeconds: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: {
    name: 'generate_look_image',
    arguments: { prompt, size: '1K', force_new: true, wait_seconds: waitSeconds },
  },
});

describe('Streamable HTTP: how much one client can start at once', () => {
  let home: string;
  let server: HttpProcess;
  before(async () => {
    home = temporaryHome();
    server = await startSandboxHttp(home, {
      // Each image takes 4 s, so calls that wait for it stay in flight that long.
      AVATAR_LOOKS_SANDBOX_DELAY_MS: '4000',
      AVATAR_LOOKS_MAX_CALLS_IN_FLIGHT: '2',
    });
  });
  after(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses a JSON-RPC batch with a JSON-RPC error that says to send one message per POST, and runs none of it', async () => {
    const batch = Array.from({ length: 4 }, (_, index) => generate(index + 1, `sleep science, take ${index}`, 0));
    const answer = await rawRequest(server.url, {
      headers: { ...MCP_HEADERS, Authorization: `Bearer ${server.token}` },
      body: JSON.stringify(batch),
    });
    assert.equal(answer.status, 400, answer.body);
    const error = JSON.parse(answer.body) as { jsonrpc: string; id: unknown; error: { code: number; message: string } };
    assert.equal(error.jsonrpc, '2.0');
    assert.equal(error.id, null);
    assert.equal(error.error.code, -32600, 'Invalid Request');
    assert.match(error.error.message, /batch.*one message per POST/is);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(jobsIn(home), [], 'no job was started by any call of the batch');
  });

  it(`answers a call beyond the calls in flight with "busy, call again" and starts nothing; later it goes through`, async () => {
    const client = await connectHttp(server.url, server.token);
    try {
      const call = (prompt: string) =>
        client.callTool(
          { name: 'generate_look_image', arguments: { prompt, size: '1K', force_new: true, wait_seconds: 20 } },
          undefined,
          { timeout: 60_000 },
        ) as Promise<Result>;
      const earlier = jobsIn(home).length;
      const running = [call('sleep science, first'), call('sleep science, second')];
      // Both have started their jobs and are waiting on them.
      const waitUntil = Date.now() + 10_000;
      while (jobsIn(home).length < earlier + 2 && Date.now() < waitUntil)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(jobsIn(home).length, earlier + 2);

      const busy = await call('sleep science, third');
      assert.equal(busy.isError, true, textOf(busy));
      assert.match(textOf(busy), /busy.*2 tool calls.*Nothing was started/s);
      assert.match(textOf(busy), /Next step: Call again in a few seconds/);
      assert.equal(jobsIn(home).length, earlier + 2, 'the refused call started no job');

      for (const result of await Promise.all(running)) assert.equal(result.isError, undefined, textOf(result));
      const later = await call('sleep science, third');
      assert.equal(later.isError, undefined, textOf(later));
      assert.equal(later.structuredContent?.status, 'completed');
    } finally {
      await client.close();
    }
  });
});
