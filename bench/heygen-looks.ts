// Benchmark: one look made by HeyGen itself (create_look with provider heygen: a prompt look from
// the base look, its preview through the face gate) against one made with an image model
// (provider gemini: the image, the face gate, the upload and the photo look), in the same run,
// against the same stand-ins — the HeyGen simulator and the fake Gemini — with the face gate on
// and real faces (the fake Gemini answers a scene with the person's face; the simulator composes
// the base look's person into its scene). What it measures per look: wall time, the HTTP requests
// each path made (HeyGen's and Gemini's, counted by the stand-ins), what was uploaded and made at
// HeyGen, and the likeness the gate measured.
// Service times are the sandbox's: a tenth of the published ones, as the sandbox runs them (HeyGen
// polled at a tenth of its cadence): Gemini 2 s (real ≈ 20 s), a photo look ready after 3 s
// (real 30–90 s), a prompt look ready after 12 s (real 1–3 min), upload 400 ms, add 300 ms, GET 50 ms.
//   npm run build && npm run bench:heygen-looks           3 looks each (≈ 1.5 min on 2 cores)
//   npm run bench:heygen-looks -- --quick                 1 look each (≈ 40 s)
// The first look of each path in a server also loads the face models: the table gives it apart.
// Exits 1 only when something broke (an error, a look not made, or more than one look per call).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../src/sandbox/heygen/simulator.ts';
import { FakeGemini } from '../test/fakes/gemini.ts';
import { faceCrop, lookImage } from '../test/helpers/faces.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SERVER_JS = join(ROOT, 'dist', 'server.js');
const quick = process.argv.includes('--quick');
const LOOKS = quick ? 1 : 3;

const GEMINI_MS = 2_000;
const PHOTO_LOOK_MS = 3_000;
const PROMPT_LOOK_MS = 12_000;
const SERVICE = { 'POST /v3/assets': 400, 'POST /v3/avatars': 300, 'GET /v3/avatars/looks/:id': 50 } as const;

interface Outcome {
  status?: string;
  job_id?: string;
  gate?: { chosen?: number; checks?: Array<{ index: number; identity?: { similarity: number } }> };
}
type Result = CallToolResult & { structuredContent?: Outcome };

interface Measured {
  provider: string;
  look: number;
  wallMs: number;
  heygenRequests: number;
  geminiRequests: number;
  uploads: number;
  looksMade: number;
  likeness: number | undefined;
  /** The HeyGen requests of this look by route ("GET /v3/avatars/looks/:id": 6, …). */
  routes: Record<string, number>;
}

/** "GET /v3/avatars/looks/look_1" → "GET /v3/avatars/looks/:id". */
function routeOf(method: string, path: string): string {
  return `${method} ${path.replace(/\/(look|grp|ast)_[\w]+/g, '/:id').replace(/\/files\/previews\/[^/]+/, '/files/previews/:id')}`;
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(ROOT, '.cache', 'bench-heygen-looks-'));
  const face = join(scratch, 'me.jpg');
  writeFileSync(face, await faceCrop('person', 1.2));
  const scene = await lookImage('person');
  const gemini = await new FakeGemini().start();
  gemini.setDefault({ kind: 'image', jpeg: scene, delayMs: GEMINI_MS });
  const sim = await new HeyGenSimulator({
    lookReadyAfterMs: PHOTO_LOOK_MS,
    promptLookReadyAfterMs: PROMPT_LOOK_MS,
    serviceTimeMs: SERVICE,
    seedLookImage: scene,
  }).start();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_JS],
    env: {
      PATH: process.env.PATH ?? '',
      AVATAR_LOOKS_HOME: join(scratch, 'home'),
      AVATAR_REFERENCE_IMAGE: face,
      AVATAR_LOOKS_LOG_LEVEL: 'warn',
      AVATAR_LOOKS_TEST_POLL_SCALE: '0.1',
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-heygen-looks', version: '0' });
  await client.connect(transport);
  const rows: Measured[] = [];
  const problems: string[] = [];
  try {
    for (let look = 1; look <= LOOKS; look++) {
      for (const provider of ['heygen', 'gemini'] as const) {
        const heygenBefore = sim.requests.length;
        const geminiBefore = gemini.requests.length;
        const uploadsBefore = sim.count('POST', '/v3/assets');
        const looksBefore = sim.created.looks;
        const started = performance.now();
        let result = (await client.callTool(
          {
            name: 'create_look',
            arguments: {
              key: `${provider}-${look}`,
              topic: 'sleep science',
              orientation: 'landscape',
              size: '1K',
              candidates: 1,
              provider,
              wait_seconds: 50,
            },
          },
          undefined,
          { timeout: 300_000 },
        )) as Result;
        while (result.structuredContent?.status === 'running')
          result = (await client.callTool(
            { name: 'get_job', arguments: { job_id: result.structuredContent.job_id, wait_seconds: 50 } },
            undefined,
            { timeout: 300_000 },
          )) as Result;
        const wallMs = performance.now() - started;
        const out = result.structuredContent;
        if (out?.status !== 'completed') {
          problems.push(`${provider} look ${look}: ${JSON.stringify(result.content).slice(0, 400)}`);
          continue;
        }
        const looksMade = sim.created.looks - looksBefore;
        if (looksMade !== 1) problems.push(`${provider} look ${look}: ${looksMade} looks made`);
        rows.push({
          provider,
          look,
          wallMs,
          heygenRequests: sim.requests.length - heygenBefore,
          routes: sim.requests.slice(heygenBefore).reduce<Record<string, number>>((counts, request) => {
            const route = routeOf(request.method, request.path);
            counts[route] = (counts[route] ?? 0) + 1;
            return counts;
          }, {}),
          geminiRequests: gemini.requests.length - geminiBefore,
          uploads: sim.count('POST', '/v3/assets') - uploadsBefore,
          looksMade,
          likeness: out.gate?.checks?.find((check) => check.index === out.gate?.chosen)?.identity?.similarity,
        });
      }
    }
  } finally {
    await client.close();
    await sim.stop();
    await gemini.stop();
    if (!process.env.BENCH_KEEP) rmSync(scratch, { recursive: true, force: true });
  }
  print(rows);
  if (problems.length > 0) {
    console.error(`BROKEN:\n${problems.join('\n')}`);
    process.exit(1);
  }
}

function print(rows: Measured[]): void {
  console.log(
    `\nOne look per call, face gate on, sandbox service times (a tenth of the published: Gemini ${GEMINI_MS / 1000} s, photo look ${PHOTO_LOOK_MS / 1000} s, prompt look ${PROMPT_LOOK_MS / 1000} s).`,
  );
  console.log('| provider | look | wall s | HeyGen requests | Gemini requests | uploads | looks made | likeness |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows)
    console.log(
      `| ${row.provider} | ${row.look}${row.look === 1 ? ' (first: loads the face models)' : ''} | ${(row.wallMs / 1000).toFixed(1)} | ${row.heygenRequests} | ${row.geminiRequests} | ${row.uploads} | ${row.looksMade} | ${row.likeness?.toFixed(3) ?? '—'} |`,
    );
  for (const provider of ['heygen', 'gemini']) {
    const mine = rows.filter((row) => row.provider === provider);
    const later = mine.length > 1 ? mine.slice(1) : mine;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const last = mine.at(-1);
    if (last)
      console.log(
        `${provider}, look ${last.look}: ${Object.entries(last.routes)
          .map(([route, count]) => `${route} ×${count}`)
          .join(', ')}`,
      );
    console.log(
      `${provider}: median wall ${(median(later.map((row) => row.wallMs)) / 1000).toFixed(1)} s${mine.length > 1 ? ' (looks 2+)' : ''}, ${median(later.map((row) => row.heygenRequests))} HeyGen + ${median(later.map((row) => row.geminiRequests))} Gemini requests per look.`,
    );
  }
}

await main();
