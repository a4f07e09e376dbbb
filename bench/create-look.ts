// Benchmark: create_look (the whole pipeline as one MCP job) against the manual recipe it
// replaces (bench/recipe.sh: curl, base64, grep, sed), both against the same stand-ins: the fake
// Gemini (test/fakes/gemini.ts, 2K JPEG answers) and the HeyGen simulator
// (src/sandbox/heygen/), each with set service times. What it measures:
//   (a) vs (b) one look: wall time, the HTTP requests each approach made (counted by the fake and
//       the simulator), and the overhead over the sum of the service times
//       (Gemini + upload + add + look processing). Target for create_look: overhead
//       ≤ 2% of that sum + 3 s of polling lag (HeyGen asks for one read about every 10 s; create_look
//       times its first read from the recent looks and follows up 3 s and 5 s later). The recipe
//       polls every 10 s, as people do by hand. Also per look: the GETs of the look, the poll lag
//       (last GET − look ready), and the most GETs in any minute (HeyGen's limit: 6).
//   (c) a batch of 20 looks, at most 12 jobs in flight from the client, against a simulator that
//       answers 429 beyond 10 looks processing: every look made, and none twice (the simulator's
//       own counts of assets and looks must be exactly 20).
//   Peak RSS (VmHWM) of the server and of its job runners, sampled from /proc.
// Service times: Gemini 20 s (5 s with --quick), upload 400 ms, add 300 ms, look ready after 15 s
// (5 s with --quick), GET look 50 ms; the batch: Gemini 2 s, look ready after 5 s, same HeyGen times.
//   npm run build && npm run bench:create-look    3 runs each of (a) and (b), then (c) (≈ 4.5 min on 2 cores)
//   npm run bench:create-look -- --quick          1 run each, then (c) (≈ 1 min on 2 cores)
// Before (a) and (b) one untimed look with all service times at 0 warms the fake (it encodes its
// 2K JPEG once), the file caches, and the runner's modules; (c) only warms the fake. Never fails on a missed target: it
// prints ok / MISSED; it exits 1 only when something broke (an error, or a look not made).
// BENCH_KEEP=1 keeps the scratch folder (.cache/bench-create-look-*: homes, recipe files, job logs,
// and requests-{a,b,c}.json with the stand-ins' request logs and timestamps).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  HeyGenSimulator,
  SIMULATOR_SEED_GROUP_ID,
  type HeyGenSimulatorRoute,
} from '../src/sandbox/heygen/simulator.ts';
import { busiestWindow } from '../src/domain/heygen/polling.ts';
import { FakeGemini } from '../test/fakes/gemini.ts';
import { photo } from '../test/helpers/images.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SERVER_JS = join(ROOT, 'dist', 'server.js');
const RECIPE = join(ROOT, 'bench', 'recipe.sh');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;

const GEN_MS = quick ? 5_000 : 20_000;
const LOOK_MS = quick ? 5_000 : 15_000;
const UPLOAD_MS = 400;
const ADD_MS = 300;
const GET_MS = 50;
const SUM_MS = GEN_MS + UPLOAD_MS + ADD_MS + LOOK_MS;
const TARGET_MS = 0.02 * SUM_MS + 3_000;
const RECIPE_POLL_SECONDS = 10;

const BATCH = 20;
const BATCH_IN_FLIGHT = 12;
const BATCH_MAX_PROCESSING = 10;
const BATCH_GEN_MS = 2_000;
const BATCH_LOOK_MS = 5_000;

const LOOK_ARGS = {
  topic: 'sleep science',
  orientation: 'landscape',
  size: '2K',
  candidates: 1,
  wait_seconds: 45,
} as const;
const CALL_TIMEOUT_MS = 120_000;

const problems: string[] = [];
const oddities: string[] = [];

/** The fake Gemini, also noting when each request arrived. */
class TimedGemini extends FakeGemini {
  readonly arrivals: number[] = [];
  protected override serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.arrivals.push(Date.now());
    return super.serve(request, response);
  }
}

function heygenServiceTimes(): Partial<Record<HeyGenSimulatorRoute, number>> {
  return { 'POST /v3/assets': UPLOAD_MS, 'POST /v3/avatars': ADD_MS, 'GET /v3/avatars/looks/:id': GET_MS };
}

async function standIns(
  geminiMs: number,
  lookMs: number,
  extra: { maxProcessingLooks?: number; concurrencyRetryAfterSeconds?: number } = {},
) {
  const fake = await new TimedGemini().start();
  fake.setDefault({ kind: 'image', mime: 'image/jpeg', delayMs: geminiMs });
  const sim = await new HeyGenSimulator({
    lookReadyAfterMs: lookMs,
    serviceTimeMs: heygenServiceTimes(),
    ...extra,
  }).start();
  return { fake, sim };
}

// ------------------------------------------------------------------ memory

function procField(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the server's and the job runners' peak RSS (runners found through the job records). */
class MemorySampler {
  serverMb = 0;
  runnerMb = 0;
  /** The most resident memory of the server and all runners at one moment. */
  totalMb = 0;
  private readonly runners = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly serverPid: number;
  private readonly jobsDir: string;

  constructor(serverPid: number, home: string) {
    this.serverPid = serverPid;
    this.jobsDir = join(home, 'jobs');
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    this.serverMb = Math.max(this.serverMb, procField(this.serverPid, 'VmHWM') ?? 0);
    let total = procField(this.serverPid, 'VmRSS') ?? 0;
    try {
      for (const name of readdirSync(this.jobsDir)) {
        if (!/^job_[a-z0-9]{12}\.json$/.test(name) || this.runners.get(name)) continue;
        try {
          const record = JSON.parse(readFileSync(join(this.jobsDir, name), 'utf8')) as { owner?: { pid?: number } };
          this.runners.set(name, record.owner?.pid ?? 0);
        } catch {
          // being written
        }
      }
    } catch {
      // no jobs yet
    }
    for (const pid of this.runners.values()) {
      if (pid <= 0) continue;
      this.runnerMb = Math.max(this.runnerMb, procField(pid, 'VmHWM') ?? 0);
      total += procField(pid, 'VmRSS') ?? 0;
    }
    this.totalMb = Math.max(this.totalMb, total);
  }

  stop(): this {
    this.sample();
    clearInterval(this.timer);
    return this;
  }
}

// ------------------------------------------------------------------ server and calls

interface Server {
  client: Client;
  pid: number;
  home: string;
  stderr: () => string;
  close: () => Promise<void>;
}

async function startServer(
  scratch: string,
  label: string,
  face: string,
  fake: FakeGemini,
  sim: HeyGenSimulator,
): Promise<Server> {
  const home = join(scratch, `home-${label}`);
  mkdirSync(home, { recursive: true });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_JS],
    env: {
      PATH: process.env.PATH ?? '',
      AVATAR_LOOKS_HOME: home,
      AVATAR_REFERENCE_IMAGE: face,
      AVATAR_LOOKS_LOG_LEVEL: 'warn',
      // The same four steps as the recipe: the face gate (which the recipe lacks) is measured on
      // its own by bench/faces.ts; the fake's images have no face to check anyway.
      AVATAR_LOOKS_FACE_GATE: 'off',
      // The batch keeps 12 create_look calls in flight on purpose (the default cap of 4 running
      // jobs would refuse the rest, which is the cap working, not the batch being measured).
      AVATAR_LOOKS_MAX_JOBS: '16',
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: fake.apiKey,
      GEMINI_BASE_URL: fake.url,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'bench-create-look', version: '0' });
  await client.connect(transport);
  return { client, pid: transport.pid ?? 0, home, stderr: () => stderr, close: () => client.close() };
}

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Result> {
  try {
    return (await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS })) as Result;
  } catch (error) {
    return { isError: true, content: [{ type: 'text', text: `${name} threw: ${(error as Error).message}` }] };
  }
}

const textOf = (result: Result) => result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');

interface Outcome {
  key: string;
  lookId: string | undefined;
  error: string | undefined;
  /** Tool calls made: create_look plus get_job. */
  calls: number;
  startedAt: number;
  finishedAt: number;
  structured: Record<string, unknown> | undefined;
}

/** create_look, then get_job until it is no longer running. */
async function makeLook(client: Client, key: string): Promise<Outcome> {
  const startedAt = Date.now();
  let calls = 1;
  let result = await call(client, 'create_look', { key, ...LOOK_ARGS });
  while (!result.isError && result.structuredContent?.status === 'running' && Date.now() - startedAt < 15 * 60_000) {
    calls += 1;
    result = await call(client, 'get_job', { job_id: result.structuredContent.job_id, wait_seconds: 45 });
  }
  const finishedAt = Date.now();
  const structured = result.structuredContent;
  const lookId =
    !result.isError && structured?.status === 'completed' && typeof structured.look_id === 'string'
      ? structured.look_id
      : undefined;
  const error = lookId
    ? undefined
    : result.isError
      ? textOf(result).slice(0, 400)
      : `ended with status ${String(structured?.status)}`;
  return { key, lookId, error, calls, startedAt, finishedAt, structured };
}

// ------------------------------------------------------------------ (a) create_look

interface SingleRow {
  wallMs: number;
  gemini: number;
  heygen: number;
  routes: string;
  /** Milliseconds from the start: the Gemini request, upload, add, the last GET of the look, the result. */
  timeline: { gemini: number; upload: number; add: number; ready: number; lastGet: number; done: number };
  timings?: string;
  calls?: number;
  lookId: string;
  /** The reads of the new look: how many, how long after it was ready the last one came, the most in any minute. */
  polling: { gets: number; lagMs: number; busiestMinute: number };
}

/** How the look was polled, from the simulator's log. */
function pollingOf(sim: HeyGenSimulator, from: number, readyAt: number): SingleRow['polling'] {
  const gets = sim.requests
    .slice(from)
    .filter((r) => r.method === 'GET' && r.path.startsWith('/v3/avatars/looks/'))
    .map((r) => r.at);
  return {
    gets: gets.length,
    lagMs: (gets.at(-1) ?? NaN) - readyAt,
    busiestMinute: busiestWindow(gets),
  };
}

function routeCounts(sim: HeyGenSimulator, from: number): string {
  const counts = new Map<string, number>();
  for (const request of sim.requests.slice(from)) {
    const route = `${request.method} ${request.path.replace(/\/looks\/[^/]+$/, '/looks/:id').replace(/^\/v3\/avatars\/(?!looks)[^/]+$/, '/v3/avatars/:group')}${request.status === 200 ? '' : ` (${request.status})`}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
  }
  return [...counts].map(([route, count]) => `${count}× ${route}`).join(', ');
}

/** When things happened, from the stand-ins' own logs, relative to `started`. */
function timeline(
  fake: TimedGemini,
  geminiFrom: number,
  sim: HeyGenSimulator,
  heygenFrom: number,
  started: number,
  done: number,
): SingleRow['timeline'] {
  const log = sim.requests.slice(heygenFrom);
  const at = (method: string, prefix: string, last = false) => {
    const hits = log.filter((r) => r.method === method && r.path.startsWith(prefix) && r.status === 200);
    const hit = last ? hits.at(-1) : hits[0];
    return hit ? hit.at - started : NaN;
  };
  const add = at('POST', '/v3/avatars');
  return {
    gemini: (fake.arrivals[geminiFrom] ?? NaN) - started,
    upload: at('POST', '/v3/assets'),
    add,
    // The look exists once the add's service time has passed; it is ready LOOK_MS later.
    ready: add + ADD_MS + LOOK_MS,
    lastGet: at('GET', '/v3/avatars/looks/', true),
    done: done - started,
  };
}

async function benchCreateLook(
  scratch: string,
  face: string,
): Promise<{ rows: SingleRow[]; serverMb: number; runnerMb: number }> {
  const { fake, sim } = await standIns(GEN_MS, LOOK_MS);
  const server = await startServer(scratch, 'single', face, fake, sim);
  const rows: SingleRow[] = [];
  const sampler = new MemorySampler(server.pid, server.home);
  try {
    // Warm-up, untimed: everything instant.
    fake.enqueue({ kind: 'image', mime: 'image/jpeg', delayMs: 0 });
    sim.lookReadyAfterMs = 0;
    sim.serviceTimeMs = {};
    const warm = await makeLook(server.client, 'bench-warmup');
    if (!warm.lookId) problems.push(`(a) warm-up look not made: ${warm.error}`);
    sim.lookReadyAfterMs = LOOK_MS;
    sim.serviceTimeMs = heygenServiceTimes();

    for (let run = 1; run <= RUNS; run++) {
      const geminiFrom = fake.requests.length;
      const heygenFrom = sim.requests.length;
      const outcome = await makeLook(server.client, `bench-${run}`);
      if (!outcome.lookId) {
        problems.push(`(a) run ${run}: look not made: ${outcome.error}`);
        continue;
      }
      const t = outcome.structured?.timings_ms as Record<string, number> | undefined;
      const when = timeline(fake, geminiFrom, sim, heygenFrom, outcome.startedAt, outcome.finishedAt);
      rows.push({
        polling: pollingOf(sim, heygenFrom, outcome.startedAt + when.ready),
        wallMs: outcome.finishedAt - outcome.startedAt,
        gemini: fake.requests.length - geminiFrom,
        heygen: sim.requests.length - heygenFrom,
        routes: routeCounts(sim, heygenFrom),
        timeline: when,
        ...(t
          ? {
              timings: ['generate', 'gate', 'upload', 'add', 'wait', 'total']
                .map((step) => `${step} ${t[step] ?? '?'}`)
                .join(', '),
            }
          : {}),
        calls: outcome.calls,
        lookId: outcome.lookId,
      });
      const warnings = outcome.structured?.warnings;
      if (Array.isArray(warnings) && warnings.length > 0)
        oddities.push(`(a) run ${run} warnings: ${warnings.join(' | ')}`);
    }
    if (sim.created.looks !== RUNS + 1 || sim.created.assets !== RUNS + 1) {
      oddities.push(
        `(a) the simulator made ${sim.created.assets} assets and ${sim.created.looks} looks for ${RUNS + 1} create_look calls (warm-up included)`,
      );
    }
  } finally {
    sampler.stop();
    await server.close();
    collectLogs('(a)', server);
    dump(scratch, 'a', fake, sim);
    await fake.stop();
    await sim.stop();
  }
  return { rows, serverMb: sampler.serverMb, runnerMb: sampler.runnerMb };
}

/** With BENCH_KEEP: the stand-ins' request logs, for a closer look. */
function dump(
  scratch: string,
  label: string,
  fake: TimedGemini,
  sim: HeyGenSimulator,
  extra: Record<string, unknown> = {},
): void {
  if (!process.env.BENCH_KEEP) return;
  writeFileSync(
    join(scratch, `requests-${label}.json`),
    JSON.stringify({ gemini: fake.arrivals, heygen: sim.requests, ...extra }, null, 1),
  );
}

/** Warnings and errors the server and its job runners logged (AVATAR_LOOKS_LOG_LEVEL=warn; job logs are kept at info). */
function collectLogs(label: string, server: Server): void {
  const lines = server
    .stderr()
    .split('\n')
    .filter((line) => line.trim());
  const jobs = join(server.home, 'jobs');
  if (existsSync(jobs)) {
    for (const name of readdirSync(jobs).filter((file) => file.endsWith('.log'))) {
      lines.push(
        ...readFileSync(join(jobs, name), 'utf8')
          .split('\n')
          .filter((line) => line.trim())
          .map((line) => `${name}: ${line}`),
      );
    }
  }
  const serious = lines.filter((line) => / (warn|error):/.test(line));
  if (serious.length > 0)
    oddities.push(
      `${label} ${serious.length} log line(s) at warn or above, e.g.:\n    ${serious
        .slice(0, 6)
        .map((line) => line.slice(0, 300))
        .join('\n    ')}`,
    );
}

// ------------------------------------------------------------------ (b) recipe.sh

function runRecipe(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', [RECIPE], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

async function benchRecipe(scratch: string, face: string): Promise<SingleRow[]> {
  const { fake, sim } = await standIns(GEN_MS, LOOK_MS);
  const rows: SingleRow[] = [];
  const env = (run: string, pollSeconds: number) => ({
    GEMINI_BASE_URL: fake.url,
    GEMINI_API_KEY: fake.apiKey,
    HEYGEN_BASE_URL: sim.url,
    HEYGEN_API_KEY: sim.apiKey,
    GROUP_ID: SIMULATOR_SEED_GROUP_ID,
    REFERENCE: face,
    OUT: join(scratch, `recipe-${run}`),
    POLL_SECONDS: String(pollSeconds),
    LOOK_NAME: `recipe ${run}`,
  });
  try {
    fake.enqueue({ kind: 'image', mime: 'image/jpeg', delayMs: 0 });
    sim.lookReadyAfterMs = 0;
    sim.serviceTimeMs = {};
    const warm = await runRecipe(env('warmup', 0));
    if (warm.code !== 0) problems.push(`(b) warm-up recipe failed (${warm.code}): ${warm.stderr.trim().slice(0, 400)}`);
    sim.lookReadyAfterMs = LOOK_MS;
    sim.serviceTimeMs = heygenServiceTimes();

    for (let run = 1; run <= RUNS; run++) {
      const geminiFrom = fake.requests.length;
      const heygenFrom = sim.requests.length;
      const startedAt = Date.now();
      const result = await runRecipe(env(String(run), RECIPE_POLL_SECONDS));
      const finishedAt = Date.now();
      const line = /RECIPE look_id=(\S+) requests=(\d+)/.exec(result.stdout);
      if (result.code !== 0 || !line?.[1]) {
        problems.push(`(b) run ${run}: recipe.sh failed (exit ${result.code}): ${result.stderr.trim().slice(0, 400)}`);
        continue;
      }
      const gemini = fake.requests.length - geminiFrom;
      const heygen = sim.requests.length - heygenFrom;
      if (Number(line[2]) !== gemini + heygen)
        oddities.push(
          `(b) run ${run}: recipe.sh counted ${line[2]} requests, the stand-ins received ${gemini + heygen}`,
        );
      const when = timeline(fake, geminiFrom, sim, heygenFrom, startedAt, finishedAt);
      rows.push({
        wallMs: finishedAt - startedAt,
        gemini,
        heygen,
        routes: routeCounts(sim, heygenFrom),
        timeline: when,
        lookId: line[1],
        polling: pollingOf(sim, heygenFrom, startedAt + when.ready),
      });
    }
  } finally {
    dump(scratch, 'b', fake, sim);
    await fake.stop();
    await sim.stop();
  }
  return rows;
}

// ------------------------------------------------------------------ (c) batch

interface BatchReport {
  wallMs: number;
  outcomes: Outcome[];
  maxInFlight: number;
  created: { assets: number; looks: number; groups: number };
  rateLimited: number;
  answered429: number;
  gemini: number;
  heygen: number;
  routes: string;
  assetsAddedTwice: number;
  serverMb: number;
  runnerMb: number;
  totalMb: number;
  geminiMaxInFlight: number;
}

async function benchBatch(scratch: string, face: string): Promise<BatchReport> {
  const { fake, sim } = await standIns(BATCH_GEN_MS, BATCH_LOOK_MS, {
    maxProcessingLooks: BATCH_MAX_PROCESSING,
    concurrencyRetryAfterSeconds: 1,
  });
  // Warm the fake's 2K JPEG answer with one direct request (not counted below).
  fake.enqueue({ kind: 'image', mime: 'image/jpeg', delayMs: 0 });
  const warm = await fetch(`${fake.url}/v1beta/models/gemini-3.1-flash-image:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': fake.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      contents: [
        {
          parts: [
            { text: 'warm-up' },
            { inlineData: { mimeType: 'image/jpeg', data: readFileSync(face).toString('base64') } },
          ],
        },
      ],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9', imageSize: '2K' } },
    }),
  });
  await warm.arrayBuffer();
  fake.requests.length = 0;
  fake.maxInFlight = 0;

  const server = await startServer(scratch, 'batch', face, fake, sim);
  const sampler = new MemorySampler(server.pid, server.home);
  const keys = Array.from({ length: BATCH }, (_, i) => `bench-batch-${String(i + 1).padStart(2, '0')}`);
  const outcomes: Outcome[] = [];
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const started = Date.now();
  try {
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++] as string;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        outcomes.push(await makeLook(server.client, key));
        inFlight -= 1;
      }
    };
    await Promise.all(Array.from({ length: BATCH_IN_FLIGHT }, worker));
  } finally {
    sampler.stop();
  }
  const wallMs = Date.now() - started;
  const snapshot = await sim.looksSnapshot();
  const byAsset = new Map<string, number>();
  for (const look of snapshot) if (look.assetId) byAsset.set(look.assetId, (byAsset.get(look.assetId) ?? 0) + 1);
  const report: BatchReport = {
    wallMs,
    outcomes,
    maxInFlight,
    created: { ...sim.created },
    rateLimited: sim.rateLimited,
    answered429: sim.requests.filter((r) => r.status === 429).length,
    gemini: fake.requests.length,
    heygen: sim.requests.length,
    routes: routeCounts(sim, 0),
    assetsAddedTwice: [...byAsset.values()].filter((count) => count > 1).length,
    serverMb: sampler.serverMb,
    runnerMb: sampler.runnerMb,
    totalMb: sampler.totalMb,
    geminiMaxInFlight: fake.maxInFlight,
  };
  for (const outcome of outcomes) {
    const warnings = outcome.structured?.warnings;
    if (Array.isArray(warnings) && warnings.length > 0)
      oddities.push(`(c) ${outcome.key} warnings: ${warnings.join(' | ')}`);
  }
  await server.close();
  collectLogs('(c)', server);
  dump(scratch, 'c', fake, sim, { started, outcomes: outcomes.map(({ structured: _s, ...rest }) => rest) });
  await fake.stop();
  await sim.stop();
  return report;
}

// ------------------------------------------------------------------ main

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (value: number) => (value > 0 ? `${value.toFixed(0)} MB` : 'n/a');

if (!existsSync(SERVER_JS)) {
  console.error(`${SERVER_JS} is missing: run npm run build first.`);
  process.exit(1);
}
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const scratch = mkdtempSync(join(ROOT, '.cache', 'bench-create-look-'));
const face = join(scratch, 'face.jpg');
writeFileSync(face, await photo(1200, 1600));
const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
const benchStarted = Date.now();

let single: Awaited<ReturnType<typeof benchCreateLook>> | undefined;
let recipe: SingleRow[] | undefined;
let batch: BatchReport | undefined;
try {
  single = await benchCreateLook(scratch, face);
  if (hasCurl) recipe = await benchRecipe(scratch, face);
  batch = await benchBatch(scratch, face);
} catch (error) {
  problems.push(`the benchmark itself failed: ${(error as Error).stack ?? String(error)}`);
}

console.log(
  `\ncreate_look benchmark${quick ? ' (--quick)' : ''} — node ${process.versions.node}, ${RUNS} run(s) per approach, total ${s(Date.now() - benchStarted)}\n`,
);
console.log(
  `(a) vs (b) one look, 2K landscape, 1 candidate. Service times: Gemini ${GEN_MS / 1000} s, upload ${UPLOAD_MS} ms, add ${ADD_MS} ms, look ready ${LOOK_MS / 1000} s after the add, GET look ${GET_MS} ms.`,
);
console.log(
  `Sum of service times ${s(SUM_MS)}; target for create_look: overhead ≤ 2% + 3 s = ${TARGET_MS.toFixed(0)} ms.\n`,
);
console.log(
  '| approach | wall (median) | walls | HTTP requests (Gemini + HeyGen) | overhead over service times | target |',
);
console.log('|---|---:|---|---:|---:|---|');
const summary = (label: string, rows: SingleRow[] | undefined, target: boolean) => {
  if (!rows || rows.length === 0) return console.log(`| ${label} | — | — | — | — | no successful run |`);
  const wall = median(rows.map((row) => row.wallMs));
  const overhead = wall - SUM_MS;
  const requests = [...new Set(rows.map((row) => `${row.gemini} + ${row.heygen} = ${row.gemini + row.heygen}`))].join(
    '; ',
  );
  const verdict = target
    ? overhead <= TARGET_MS
      ? `ok (≤ ${TARGET_MS.toFixed(0)} ms)`
      : `MISSED (> ${TARGET_MS.toFixed(0)} ms)`
    : 'reference';
  console.log(
    `| ${label} | ${s(wall)} | ${rows.map((row) => s(row.wallMs)).join(', ')} | ${requests} | ${overhead.toFixed(0)} ms = ${((overhead / SUM_MS) * 100).toFixed(1)}% | ${verdict} |`,
  );
};
summary('(a) create_look via MCP (create_look + get_job)', single?.rows, true);
if (hasCurl) summary(`(b) recipe.sh (curl, poll every ${RECIPE_POLL_SECONDS} s)`, recipe, false);
else console.log('| (b) recipe.sh | — | — | — | — | skipped: curl is not installed |');

console.log(
  '\nWhere the time went, ms from the start of each run (look ready = add + add service + look processing):\n',
);
console.log(
  '| run | Gemini request | upload | add | look ready | last GET | result | HeyGen requests | server timings_ms |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---|---|');
for (const [label, rows] of [
  ['(a)', single?.rows],
  ['(b)', recipe],
] as const) {
  for (const [i, row] of (rows ?? []).entries()) {
    const t = row.timeline;
    console.log(
      `| ${label} ${i + 1} | ${t.gemini} | ${t.upload} | ${t.add} | ${t.ready} | ${t.lastGet} | ${t.done} | ${row.routes} | ${row.timings ?? '—'}${row.calls ? ` (${row.calls} tool calls)` : ''} |`,
    );
  }
}
console.log('\nPolling the new look (HeyGen asks for about one GET every 10 s, and no more than 6 a minute):\n');
console.log('| run | GETs of the look | poll lag (last GET − look ready) | most GETs in any minute |');
console.log('|---|---:|---:|---:|');
for (const [label, rows] of [
  ['(a)', single?.rows],
  ['(b)', recipe],
] as const) {
  for (const [i, row] of (rows ?? []).entries()) {
    const p = row.polling;
    console.log(
      `| ${label} ${i + 1} | ${p.gets} | ${s(p.lagMs)} | ${p.busiestMinute}${p.busiestMinute > 6 ? ' TOO MANY' : ''} |`,
    );
    if (label === '(a)' && p.busiestMinute > 6)
      problems.push(`(a) run ${i + 1}: ${p.busiestMinute} GETs of the look in one minute`);
  }
}
if (single) console.log(`\nPeak RSS during (a): server ${mb(single.serverMb)}, job runner ${mb(single.runnerMb)}.`);

if (batch) {
  const completed = batch.outcomes.filter((outcome) => outcome.lookId);
  const ids = new Set(completed.map((outcome) => outcome.lookId));
  const latencies = completed.map((outcome) => outcome.finishedAt - outcome.startedAt);
  const check = (value: number) => (value === BATCH ? 'ok' : 'WRONG');
  console.log(
    `\n(c) batch: ${BATCH} create_look calls, at most ${BATCH_IN_FLIGHT} in flight (each followed with get_job), simulator maxProcessingLooks ${BATCH_MAX_PROCESSING} (429, Retry-After 1 s);`,
  );
  console.log(
    `    Gemini ${BATCH_GEN_MS / 1000} s, look ready ${BATCH_LOOK_MS / 1000} s, upload ${UPLOAD_MS} ms, add ${ADD_MS} ms, GET look ${GET_MS} ms.\n`,
  );
  console.log(
    '| wall | looks completed | distinct look ids | created.assets | created.looks | created.groups | 429s answered | HTTP requests (Gemini + HeyGen) | per look (median / max) | in flight (client / Gemini) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  console.log(
    `| ${s(batch.wallMs)} | ${completed.length} ${check(completed.length)} | ${ids.size} ${check(ids.size)} | ${batch.created.assets} ${check(batch.created.assets)} | ${batch.created.looks} ${check(batch.created.looks)} | ${batch.created.groups} | ${batch.rateLimited} | ${batch.gemini} + ${batch.heygen} = ${batch.gemini + batch.heygen} | ${s(median(latencies))} / ${s(Math.max(0, ...latencies))} | ${batch.maxInFlight} / ${batch.geminiMaxInFlight} |`,
  );
  console.log(`\nHeyGen requests in (c): ${batch.routes}.`);
  console.log(
    `Peak RSS during (c): server ${mb(batch.serverMb)}, one job runner ${mb(batch.runnerMb)}, server + all runners at once ${mb(batch.totalMb)}.`,
  );
  if (completed.length !== BATCH)
    problems.push(
      `(c) ${BATCH - completed.length} look(s) not made: ${batch.outcomes
        .filter((o) => !o.lookId)
        .map((o) => `${o.key}: ${o.error}`)
        .join(' | ')
        .slice(0, 800)}`,
    );
  if (ids.size !== completed.length)
    problems.push(`(c) ${completed.length - ids.size} look id(s) returned for more than one key`);
  if (batch.created.assets !== BATCH)
    problems.push(`(c) the simulator made ${batch.created.assets} assets, not ${BATCH}`);
  if (batch.created.looks !== BATCH) problems.push(`(c) the simulator made ${batch.created.looks} looks, not ${BATCH}`);
  if (batch.created.groups !== 0)
    problems.push(`(c) the simulator made ${batch.created.groups} groups (create_look must never create one)`);
  if (batch.assetsAddedTwice > 0)
    problems.push(`(c) ${batch.assetsAddedTwice} asset(s) were added as a look more than once`);
  if (batch.answered429 !== batch.rateLimited)
    oddities.push(
      `(c) the simulator answered ${batch.answered429} 429s, ${batch.rateLimited} of them for maxProcessingLooks`,
    );
}

if (oddities.length > 0) console.log(`\nNoticed:\n- ${oddities.join('\n- ')}`);
if (process.env.BENCH_KEEP) console.log(`\nkept ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
if (problems.length > 0) {
  console.log(`\nBROKEN:\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
console.log('');
