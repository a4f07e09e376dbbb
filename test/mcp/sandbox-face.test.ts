// A newcomer's first run: sandbox mode with no reference photo configured brings its own face (a
// crop of a dependency's sample photo, made at first use) and says so; real mode still asks for
// the person's own photo.

import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FakeGemini } from '../fakes/gemini.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

async function finish(connection: StdioConnected, result: Result): Promise<Result> {
  let current = result;
  while (!current.isError && current.structuredContent?.status === 'running')
    current = (await connection.client.callTool(
      { name: 'get_job', arguments: { job_id: current.structuredContent.job_id, wait_seconds: 45 } },
      undefined,
      { timeout: 120_000 },
    )) as Result;
  return current;
}

describe('the sandbox brings its own face', () => {
  it('makes a whole look with no reference photo configured, saying a sample face stood in', async () => {
    const home = temporaryHome();
    const connection = await connectStdio({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
    try {
      const started = (await connection.client.callTool(
        { name: 'create_look', arguments: { key: 'first-video', topic: 'sleep science', wait_seconds: 45 } },
        undefined,
        { timeout: 120_000 },
      )) as Result;
      const done = await finish(connection, started);
      assert.equal(done.structuredContent?.status, 'completed', textOf(done));
      assert.match(textOf(done), /no reference photo was configured, so a sample face .* stands in for the person/);
      assert.match(textOf(done), /Gate \(strict\): candidate 1 passed \(likeness/);
      assert.doesNotMatch(
        textOf(done),
        /almost identical to a reference photo/,
        'the sandbox pastes the face by design',
      );
      assert.ok(existsSync(join(home, 'sandbox', 'face.jpg')));
    } finally {
      await connection.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('in real mode still asks for the person’s own photo', async () => {
    const gemini = await new FakeGemini().start();
    const connection = await connectStdio({ GEMINI_API_KEY: gemini.apiKey, GEMINI_BASE_URL: gemini.url });
    try {
      const result = (await connection.client.callTool({
        name: 'generate_look_image',
        arguments: { prompt: 'A quiet bedroom at night, soft lamp light, candid photo.' },
      })) as Result;
      assert.equal(result.isError, true);
      assert.match(textOf(result), /No reference photo/);
      assert.equal(gemini.requests.length, 0);
    } finally {
      await connection.close();
      await gemini.stop();
    }
  });
});
