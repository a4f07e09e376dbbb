// Benchmark: the server's cold start to its first `initialize` answer, and the round trip of
// build_look_prompt over stdio. Speaks raw newline-delimited JSON-RPC, so the figures are the
// server's (plus one pipe each way), not a client library's validation.
//   npm run bench            full run
//   npm run bench -- --quick fewer samples (CI)

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const SERVER_JS = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const quick = process.argv.includes('--quick');
const COLD_STARTS = quick ? 10 : 30;
const ROUND_TRIPS = quick ? 500 : 3000;
const TARGETS = { coldStartMs: 300, roundTripP50Ms: 2 };

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
};

class RawClient {
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting = new Map<number, (message: unknown) => void>();

  constructor() {
    this.child = spawn(process.execPath, [SERVER_JS], {
      env: { PATH: process.env.PATH ?? '', AVATAR_LOOKS_LOG_LEVEL: 'warn' },
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        const message = JSON.parse(line) as { id?: number };
        if (typeof message.id === 'number') this.waiting.get(message.id)?.(message);
      }
    });
  }

  request(message: { id: number } & Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve) => {
      this.waiting.set(message.id, resolve);
      this.child.stdin.write(JSON.stringify(message) + '\n');
    });
  }

  notify(message: Record<string, unknown>): void {
    this.child.stdin.write(JSON.stringify(message) + '\n');
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function coldStarts(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const started = performance.now();
    const client = new RawClient();
    await client.request(INITIALIZE);
    times.push(performance.now() - started);
    await client.close();
  }
  return times.sort((a, b) => a - b);
}

async function roundTrips(): Promise<number[]> {
  const client = new RawClient();
  await client.request(INITIALIZE);
  client.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const times: number[] = [];
  const warmup = 50;
  for (let i = 1; i <= ROUND_TRIPS + warmup; i++) {
    const started = performance.now();
    await client.request({
      jsonrpc: '2.0',
      id: i,
      method: 'tools/call',
      params: {
        name: 'build_look_prompt',
        arguments: { topic: 'sleep science', wardrobe: 'a faded blue denim shirt, sleeves rolled' },
      },
    });
    if (i > warmup) times.push(performance.now() - started);
  }
  await client.close();
  return times.sort((a, b) => a - b);
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const cold = await coldStarts();
const trips = await roundTrips();
const coldP50 = percentile(cold, 50);
const tripP50 = percentile(trips, 50);

console.log(`\navatar-looks-mcp stdio benchmark — node ${process.versions.node}, ${quick ? 'quick' : 'full'} run\n`);
console.log('| measure | samples | min | p50 | p90 | p99 | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
console.log(
  `| cold start → initialize answer | ${cold.length} | ${fmt(cold[0] ?? NaN)} | ${fmt(coldP50)} | ${fmt(percentile(cold, 90))} | ${fmt(percentile(cold, 99))} | p50 ≤ ${TARGETS.coldStartMs} ms ${coldP50 <= TARGETS.coldStartMs ? 'met' : 'MISSED'} |`,
);
console.log(
  `| build_look_prompt round trip | ${trips.length} | ${fmt(trips[0] ?? NaN)} | ${fmt(tripP50)} | ${fmt(percentile(trips, 90))} | ${fmt(percentile(trips, 99))} | p50 ≤ ${TARGETS.roundTripP50Ms} ms ${tripP50 <= TARGETS.roundTripP50Ms ? 'met' : 'MISSED'} |`,
);
console.log('');
