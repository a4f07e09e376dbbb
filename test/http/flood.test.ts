// dist/server.js --http under a flood of idle sockets from loopback, the address every local
// client shares: sockets that never show the token must not lock out a client that does.
// Bounded: 600 sockets on loopback only, every one destroyed at the end.

import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  connectHttp,
  MCP_HEADERS,
  rawRequest,
  startHttpProcess,
  toolCallBody,
  type HttpProcess,
} from '../helpers/http.ts';
import { temporaryHome } from '../helpers/mcp.ts';

const FLOOD = 600;
const LEGITIMATE_CALLS = 20;

/** Opens `count` TCP connections to the port and leaves them idle; resolves once each is connected or refused. */
async function openIdle(port: number, count: number): Promise<{ sockets: Socket[]; closed: () => number }> {
  const sockets: Socket[] = [];
  let closed = 0;
  // In rounds of 100: the listen backlog is smaller than the flood.
  for (let round = 0; round < count; round += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - round) }, () => {
        const socket = connect({ host: '127.0.0.1', port });
        sockets.push(socket);
        socket.on('error', () => {});
        socket.once('close', () => closed++);
        return new Promise<void>((resolve) => {
          socket.once('connect', () => resolve());
          socket.once('close', () => resolve());
        });
      }),
    );
  }
  return { sockets, closed: () => closed };
}

describe('Streamable HTTP: idle sockets do not lock out a client with the token', () => {
  let home: string;
  let server: HttpProcess;
  before(async () => {
    home = temporaryHome();
    server = await startHttpProcess({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
  });
  after(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it(`serves every call with the token while ${FLOOD} idle sockets from loopback are open, and closes the idle ones`, async (t) => {
    const flood = await openIdle(server.port, FLOOD);
    try {
      const headers = { ...MCP_HEADERS, Authorization: `Bearer ${server.token}` };
      const latencies: number[] = [];
      for (let index = 0; index < LEGITIMATE_CALLS; index++) {
        // A new connection each time: the flood is what a new client meets.
        const started = performance.now();
        const answer = await rawRequest(server.url, {
          headers,
          newConnection: true,
          body: toolCallBody(index, 'build_look_prompt', { topic: 'sleep science' }),
        });
        latencies.push(performance.now() - started);
        assert.equal(answer.status, 200, answer.body);
        assert.match(answer.body, /"prompt"/);
      }
      const client = await connectHttp(server.url, server.token);
      assert.ok((await client.listTools()).tools.length > 10, 'the SDK client is served too');
      await client.close();
      const sorted = [...latencies].sort((a, b) => a - b);
      t.diagnostic(
        `${FLOOD} idle sockets opened (${flood.closed()} already closed by the server); ${latencies.length}/${LEGITIMATE_CALLS} calls with the token served, each on a new connection: p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
      );
      // A socket that shows no token within the deadline (5 s) is closed: none is left after it.
      const waitUntil = Date.now() + 15_000;
      while (flood.closed() < FLOOD && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(flood.closed(), FLOOD, 'the server closed every idle socket');
      assert.match(server.stderr(), /closed .*connections? that showed no token/);
    } finally {
      for (const socket of flood.sockets) socket.destroy();
    }
  });
});
