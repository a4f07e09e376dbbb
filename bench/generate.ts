// Benchmark: generate_look_image with four concurrent 2K candidates against the fake Gemini,
// whose every answer takes a set service time. Prints the wall time against that service time
// (what our own work adds: reference, runner start, moving and decoding 4 × 2K images,
// previews, files) and the peak RSS of the server and of the job runner. Two kinds of answer:
// JPEG (what Gemini 3 models return, ≈1.3 MB at 2K: the typical case) and a 7 MB noise PNG
// (the worst case). The fake runs in this process, so its sending shares the 2 cores.
//   npm run bench:generate             service time 20 s, 3 runs
//   npm run bench:generate -- --quick  service time 20 s, 1 run
// One untimed call first warms the fake (it encodes its 2K image once) and the file caches.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGemini } from '../test/fakes/gemini.ts';
import { photo } from '../test/helpers/images.ts';

const SERVER_JS = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const quick = process.argv.includes('--quick');
const SERVICE_MS = 20_000;
const RUNS = quick ? 1 : 3;
const TARGETS = { overheadPercent: 5, peakRssMb: 300 };

/** Peak resident memory of a process, from /proc (VmHWM), in MB; undefined once it has exited. */
function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const fake = await new FakeGemini().start();
const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-bench-'));
const face = join(scratch, 'face.jpg');
writeFileSync(face, await photo(1200, 1600));

const server = spawn(process.execPath, [SERVER_JS], {
  env: {
    PATH: process.env.PATH ?? '',
    AVATAR_LOOKS_HOME: join(scratch, 'home'),
    // The reference photo is in the scratch folder, outside the default allowed folders.
    AVATAR_LOOKS_ALLOWED_DIRS: scratch,
    GEMINI_API_KEY: fake.apiKey,
    GEMINI_BASE_URL: fake.url,
    GEMINI_TIMEOUT_SECONDS: '120',
    AVATAR_LOOKS_LOG_LEVEL: 'warn',
  },
});
let buffer = '';
const waiting = new Map<number, (message: Record<string, unknown>) => void>();
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk: string) => {
  buffer += chunk;
  for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
    const message = JSON.parse(buffer.slice(0, newline)) as { id?: number };
    buffer = buffer.slice(newline + 1);
    if (typeof message.id === 'number') waiting.get(message.id)?.(message as Record<string, unknown>);
  }
});
let nextId = 0;
const request = (method: string, params: unknown) =>
  new Promise<Record<string, unknown>>((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    server.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
  });

await request('initialize', {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'bench', version: '0' },
});
server.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');

interface Row {
  wallMs: number;
  serverMb: number;
  runnerMb: number;
  images: number;
}
const results: Record<string, Row[]> = {};
for (const mime of ['image/jpeg', 'image/png'] as const) {
  fake.setDefault({ kind: 'image', mime, delayMs: SERVICE_MS });
  const rows: Row[] = (results[mime] = []);
  for (let run = -1; run < RUNS; run++) {
    if (run < 0) fake.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'image' as const, mime, delayMs: 0 })));
    let serverPeak = 0;
    let runnerPeak = 0;
    let runnerPid = 0;
    const sampler = setInterval(() => {
      serverPeak = Math.max(serverPeak, peakRssMb(server.pid ?? 0) ?? 0);
      if (!runnerPid) {
        const record = fake.requests.length > 0 ? findRunner(join(scratch, 'home', 'jobs')) : undefined;
        if (record) runnerPid = record;
      }
      if (runnerPid) runnerPeak = Math.max(runnerPeak, peakRssMb(runnerPid) ?? 0);
    }, 50);
    const started = performance.now();
    const answer = await request('tools/call', {
      name: 'generate_look_image',
      arguments: {
        prompt:
          'Facing the camera in a knit sweater on a king bed. This should look like a real candid photo, NOT an AI render.',
        reference_image: face,
        count: 4,
        size: '2K',
        wait_seconds: 50,
        name: `bench-${run}`,
        force_new: true,
      },
    });
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const result = answer.result as
      { isError?: boolean; structuredContent?: { images?: unknown[] }; content?: { text?: string }[] } | undefined;
    const structured = result?.structuredContent;
    if (!result || result.isError || (structured?.images?.length ?? 0) !== 4) {
      // A benchmark of calls that failed measures nothing: stop and say why.
      console.error(`BROKEN: generate_look_image did not return 4 images:\n${JSON.stringify(answer).slice(0, 2000)}`);
      process.exit(1);
    }
    if (run >= 0)
      rows.push({ wallMs, serverMb: serverPeak, runnerMb: runnerPeak, images: structured?.images?.length ?? 0 });
    fake.requests.length = 0;
  }
}

function findRunner(jobsDir: string): number | undefined {
  try {
    for (const name of readdirSync(jobsDir).filter((file) => /^job_[a-z0-9]{12}\.json$/.test(file))) {
      const record = JSON.parse(readFileSync(join(jobsDir, name), 'utf8')) as {
        status: string;
        owner: { pid: number };
      };
      if (record.status === 'running' && record.owner.pid > 0) return record.owner.pid;
    }
  } catch {
    // not written yet
  }
  return undefined;
}

server.stdin.end();
await new Promise((resolve) => server.once('exit', resolve));
await fake.stop();
if (process.env.BENCH_KEEP) console.log('kept', scratch);
else rmSync(scratch, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log(
  `\ngenerate_look_image benchmark — 4 concurrent 2K candidates, fake service time ${SERVICE_MS / 1000} s, ${RUNS} run(s) each, node ${process.versions.node}\n`,
);
console.log(
  '| answers | images per call | wall (median) | overhead over service time | peak RSS server | peak RSS job runner |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const [mime, rows] of Object.entries(results)) {
  const wall = median(rows.map((row) => row.wallMs));
  const overhead = ((wall - SERVICE_MS) / SERVICE_MS) * 100;
  const serverMb = Math.max(...rows.map((row) => row.serverMb));
  const runnerMb = Math.max(...rows.map((row) => row.runnerMb));
  const label = mime === 'image/jpeg' ? 'JPEG ≈1.3 MB (typical)' : 'PNG ≈7 MB (worst case)';
  const verdict = mime === 'image/jpeg' ? (overhead <= TARGETS.overheadPercent ? ' met' : ' MISSED') : '';
  console.log(
    `| ${label} | ${rows.map((row) => row.images).join(', ')} | ${(wall / 1000).toFixed(2)} s | ${(wall - SERVICE_MS).toFixed(0)} ms = ${overhead.toFixed(1)}%${verdict} | ${serverMb.toFixed(0)} MB | ${runnerMb.toFixed(0)} MB |`,
  );
}
console.log(
  `\nTargets: overhead ≤ ${TARGETS.overheadPercent}% of the service time (typical answers); peak RSS ≤ ${TARGETS.peakRssMb} MB per process.\n`,
);
