// The "done when", through MCP Inspector's CLI against the fake Gemini: each CLI call
// starts its own dist/server.js, so the job started by one call is picked up by the next.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sniffImage } from '../../src/core/media.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { photo } from '../helpers/images.ts';
import { ROOT, SERVER_JS } from '../helpers/mcp.ts';

const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');
const PROMPT =
  'Facing the camera, genuine relaxed smile, not posed.\nA cream cable-knit sweater on a king bed, amber lamp.\nThis should look like a real candid photo, NOT an AI render.';

interface Outcome {
  status: number | null;
  json:
    | {
        result?: {
          content: Array<{ type: string; data?: string; uri?: string; text?: string }>;
          structuredContent: Record<string, unknown>;
        };
      }
    | undefined;
  stderr: string;
}

describe('generate_look_image through MCP Inspector CLI against the fake Gemini', () => {
  const fake = new FakeGemini();
  const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-inspector-gen-'));
  const home = join(scratch, 'home');
  const face = join(scratch, 'face.jpg');
  let serverEnv: string[];
  before(async () => {
    await fake.start();
    writeFileSync(face, await photo(600, 800));
    serverEnv = [
      '-e',
      `GEMINI_API_KEY=${fake.apiKey}`,
      '-e',
      `GEMINI_BASE_URL=${fake.url}`,
      '-e',
      `AVATAR_LOOKS_HOME=${home}`,
      '-e',
      `AVATAR_LOOKS_ALLOWED_DIRS=${scratch}`,
      '-e',
      `PATH=${process.env.PATH ?? ''}`,
    ];
  });
  after(async () => {
    await fake.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  // Asynchronous: the fake Gemini answers from this process's event loop.
  function inspector(...args: string[]): Promise<Outcome> {
    const env = {
      ...process.env,
      MCP_CATALOG_PATH: join(scratch, 'catalog.json'),
      MCP_CLIENT_CONFIG_PATH: join(scratch, 'clients.json'),
    };
    const child = spawn(INSPECTOR, ['--cli', ...serverEnv, process.execPath, SERVER_JS, ...args, '--format', 'json'], {
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    return new Promise((resolve) =>
      child.on('close', (status) => resolve({ status, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr })),
    );
  }

  it('returns a preview, a link, and a file whose bytes match its extension', async () => {
    fake.enqueue({ kind: 'image', mime: 'image/jpeg' });
    const run = await inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'generate_look_image',
      '--tool-arg',
      `prompt=${PROMPT}`,
      '--tool-arg',
      `reference_image=${face}`,
      '--tool-arg',
      'force_new=true',
    );
    assert.equal(run.status, 0, run.stderr);
    const result = run.json?.result;
    assert.deepEqual(
      result?.content.map((block) => block.type),
      ['text', 'image', 'resource_link'],
    );
    const image = (result?.structuredContent.images as Array<{ path: string }>)[0];
    assert.match(image?.path ?? '', /\.jpg$/);
    assert.deepEqual(sniffImage(readFileSync(image?.path ?? '')), { kind: 'image', mime: 'image/jpeg' });
    assert.equal(fake.requests.at(-1)?.reference?.mimeType, 'image/jpeg');
  });

  it('with wait_seconds=1 and a 10 s delay returns a job id; get_job later returns the image', async () => {
    fake.enqueue({ kind: 'image', delayMs: 10_000 });
    const first = await inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'generate_look_image',
      '--tool-arg',
      `prompt=${PROMPT}`,
      '--tool-arg',
      `reference_image=${face}`,
      '--tool-arg',
      'wait_seconds=1',
      '--tool-arg',
      'force_new=true',
    );
    assert.equal(first.status, 0, first.stderr);
    const started = first.json?.result?.structuredContent;
    assert.equal(started?.status, 'running');
    const jobId = String(started?.job_id);
    assert.match(jobId, /^job_[a-z0-9]{12}$/);
    // A new server process (the first one has exited) follows the job on disk.
    const later = await inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'get_job',
      '--tool-arg',
      `job_id=${jobId}`,
      '--tool-arg',
      'wait_seconds=20',
    );
    assert.equal(later.status, 0, later.stderr);
    const done = later.json?.result;
    assert.equal(done?.structuredContent.status, 'completed');
    assert.ok(
      done?.content.some((block) => block.type === 'image'),
      'the preview',
    );
    const image = (done?.structuredContent.images as Array<{ path: string }>)[0];
    assert.deepEqual(sniffImage(readFileSync(image?.path ?? '')), { kind: 'image', mime: 'image/png' });
  });
});
