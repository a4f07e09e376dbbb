// Load check of avatar-looks-mcp --http on loopback, bounded in count and time: 200
// build_look_prompt calls one after another, bursts of 200 concurrent ones, then 20 concurrent get_job long-polls on running jobs
// with another burst of 200 at the same time. Each call is one JSON-RPC POST with the bearer
// token, read to its end (SSE), as a stateless client sends it. Prints throughput, p50/p99
// latency, errors and the server's peak RSS.
//   npm run bench:http            5 bursts
//   npm run bench:http -- --quick 2 bursts (CI)

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { samplePhoto } from '../test/helpers/faces.ts';
import { MCP_HEADERS, startHttpProcess, toolCallBody } from '../test/helpers/http.ts';

const quick = process.argv.includes('--quick');
const BURSTS = quick ? 2 : 5;
const CONCURRENT_CALLS = 200;
const LONG_POLLS = 20;
const JOBS = 2;
const JOB_MS = 8_000;

const token = randomBytes(32).toString('hex');
const home = mkdtempSync(join(tmpdir(), 'avatar-looks-bench-http-'));
const server = await startHttpProcess({
  AVATAR_LOOKS_HOME: home,
  AVATAR_LOOKS_SANDBOX: '1',
  AVATAR_LOOKS_SANDBOX_DELAY_MS: String(JOB_MS),
  AVATAR_LOOKS_HTTP_TOKEN: token,
  AVATAR_LOOKS_LOG_LEVEL: 'info',
  // The sample photo sits among the dependencies, outside the default allowed folders.
  AVATAR_LOOKS_ALLOWED_DIRS: dirname(samplePhoto(1)),
  // What a request costs, not the cap: at the default 16 calls in flight, most of a burst of 200
  // would be answered "busy, call again".
  AVATAR_LOOKS_MAX_CALLS_IN_FLIGHT: '1000',
});
const headers = { ...MCP_HEADERS, Authorization: `Bearer ${token}` };
let nextId = 1;

interface Answer {
  ms: number;
  /** Wall clock when the answer had arrived whole. */
  endedAt: number;
  ok: boolean;
  result?: { structuredContent?: Record<string, unknown>; isError?: boolean };
  progress: number;
  error?: string;
}

/** One tools/call POST, read to the end; the result is the SSE event answering our id. */
async function callTool(name: string, args: Record<string, unknown>, progressToken?: string): Promise<Answer> {
  const id = nextId++;
  const body = progressToken
    ? JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: { name, arguments: args, _meta: { progressToken } },
      })
    : toolCallBody(id, name, args);
  const started = performance.now();
  try {
    const response = await fetch(server.url, { method: 'POST', headers, body });
    const text = await response.text();
    const ms = performance.now() - started;
    const endedAt = Date.now();
    if (response.status !== 200)
      return { ms, endedAt, ok: false, progress: 0, error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    const messages = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map(
        (line) =>
          JSON.parse(line.slice(6)) as {
            id?: number;
            method?: string;
            result?: Answer['result'];
            error?: { message: string };
          },
      );
    const answer = messages.find((message) => message.id === id);
    const progress = messages.filter((message) => message.method === 'notifications/progress').length;
    if (!answer?.result || answer.result.isError)
      return {
        ms,
        endedAt,
        ok: false,
        progress,
        error: answer?.error?.message ?? JSON.stringify(answer?.result).slice(0, 200),
      };
    return { ms, endedAt, ok: true, result: answer.result, progress };
  } catch (error) {
    return {
      ms: performance.now() - started,
      endedAt: Date.now(),
      ok: false,
      progress: 0,
      error: (error as Error).message,
    };
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function burst(): Promise<{ wallMs: number; answers: Answer[] }> {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: CONCURRENT_CALLS }, (_, index) =>
      callTool('build_look_prompt', { topic: index % 2 ? 'sleep science' : 'breaking tech news' }),
    ),
  );
  return { wallMs: performance.now() - started, answers };
}

const rows: Array<{ measure: string; calls: number; throughput: string; p50: string; p99: string; errors: number }> =
  [];
const errors: string[] = [];
const record = (measure: string, answers: Answer[], wallMs?: number) => {
  const latencies = answers.map((answer) => answer.ms);
  const failed = answers.filter((answer) => !answer.ok);
  errors.push(...failed.map((answer) => `${measure}: ${answer.error}`));
  rows.push({
    measure,
    calls: answers.length,
    throughput: wallMs === undefined ? '—' : `${Math.round((answers.length / wallMs) * 1000)}/s`,
    p50: `${percentile(latencies, 50).toFixed(1)} ms`,
    p99: `${percentile(latencies, 99).toFixed(1)} ms`,
    errors: failed.length,
  });
};

try {
  // Warm-up: compile caches, the first server and transport.
  await Promise.all(Array.from({ length: 20 }, () => callTool('build_look_prompt', { topic: 'warm-up' })));

  // One at a time: the cost of a single request, without queueing.
  const sequential: Answer[] = [];
  const sequentialStarted = performance.now();
  for (let index = 0; index < CONCURRENT_CALLS; index++)
    sequential.push(await callTool('build_look_prompt', { topic: 'sleep science' }));
  record(`build_look_prompt, ${CONCURRENT_CALLS} one after another`, sequential, performance.now() - sequentialStarted);

  const bursts = [];
  for (let round = 0; round < BURSTS; round++) bursts.push(await burst());
  const all = bursts.flatMap((run) => run.answers);
  record(
    `build_look_prompt, ${BURSTS} bursts of ${CONCURRENT_CALLS} concurrent`,
    all,
    bursts.reduce((sum, run) => sum + run.wallMs, 0),
  );

  // Long-polls: JOBS running generation jobs, LONG_POLLS get_job calls waiting on them at once.
  const jobs: string[] = [];
  for (let index = 0; index < JOBS; index++) {
    const started = await callTool('generate_look_image', {
      prompt: `sleep science, take ${index}`,
      reference_image: samplePhoto(1),
      wait_seconds: 0,
      force_new: true,
    });
    const jobId = started.result?.structuredContent?.job_id;
    if (typeof jobId !== 'string')
      throw new Error(`generate_look_image did not start a job: ${started.error ?? JSON.stringify(started.result)}`);
    jobs.push(jobId);
  }
  const pollsStarted = performance.now();
  const polls = Promise.all(
    Array.from({ length: LONG_POLLS }, (_, index) =>
      callTool('get_job', { job_id: jobs[index % JOBS], wait_seconds: 45 }, `poll-${index}`),
    ),
  );
  // While every long-poll is open: another burst, which must not wait behind them.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const during = await burst();
  const pollAnswers = await polls;
  const pollWallMs = performance.now() - pollsStarted;
  record(
    `build_look_prompt, ${CONCURRENT_CALLS} concurrent during ${LONG_POLLS} long-polls`,
    during.answers,
    during.wallMs,
  );
  record(`get_job long-polls, ${LONG_POLLS} concurrent on ${JOBS} jobs of ${JOB_MS / 1000} s`, pollAnswers);
  const completed = pollAnswers.filter((answer) => answer.result?.structuredContent?.status === 'completed').length;
  if (completed !== LONG_POLLS) errors.push(`long-polls: ${completed} of ${LONG_POLLS} ended with the completed job`);
  // How late a long-poll hears that its job is done: the answer against the job's own record.
  const lags = pollAnswers.map((answer, index) => {
    const job = JSON.parse(readFileSync(join(home, 'jobs', `${jobs[index % JOBS]}.json`), 'utf8')) as {
      updated_at: string;
    };
    return answer.endedAt - Date.parse(job.updated_at);
  });
  const heard = pollAnswers.reduce((sum, answer) => sum + answer.progress, 0);
  const rss = peakRssMb(server.child.pid ?? 0);

  console.log(
    `\navatar-looks-mcp --http on loopback (Node ${process.versions.node}, ${BURSTS} bursts; each call one POST with the bearer token, read to the end)\n`,
  );
  console.log('| measure | calls | throughput | p50 | p99 | errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const row of rows)
    console.log(`| ${row.measure} | ${row.calls} | ${row.throughput} | ${row.p50} | ${row.p99} | ${row.errors} |`);
  console.log(
    `\nlong-polls: ${completed}/${LONG_POLLS} got the completed job; answered ${percentile(lags, 50).toFixed(0)} ms (p50) / ${percentile(lags, 99).toFixed(0)} ms (p99) after the job finished; ${heard} progress notifications streamed; all done in ${(pollWallMs / 1000).toFixed(1)} s`,
  );
  console.log(`server peak RSS: ${rss.toFixed(0)} MB (jobs run in their own processes)`);
  if (errors.length > 0) {
    console.log(`\n${errors.length} errors, e.g.:\n${[...new Set(errors)].slice(0, 5).join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  await server.stop('SIGTERM');
  rmSync(home, { recursive: true, force: true });
}
