// The create_look issue's "done when", through MCP Inspector's CLI in sandbox mode: create_look
// answers with a job handle, then get_job (another server process: the CLI starts one per call)
// ends with a completed look id and a run folder holding the image, preview and run.json.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { faceCrop } from '../helpers/faces.ts';
import { ROOT, SERVER_JS } from '../helpers/mcp.ts';

const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');

describe('create_look through MCP Inspector CLI in sandbox mode', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-inspector-look-'));
  const home = join(scratch, 'home');
  const face = join(scratch, 'face.jpg');
  before(async () => writeFileSync(face, await faceCrop('person', 1.2)));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  function tool(name: string, ...args: string[]) {
    const env = {
      ...process.env,
      MCP_CATALOG_PATH: join(scratch, 'catalog.json'),
      MCP_CLIENT_CONFIG_PATH: join(scratch, 'clients.json'),
    };
    const serverEnv = [
      '-e',
      'AVATAR_LOOKS_SANDBOX=1',
      '-e',
      'AVATAR_LOOKS_SANDBOX_DELAY_MS=3000',
      '-e',
      `AVATAR_REFERENCE_IMAGE=${face}`,
      '-e',
      `AVATAR_LOOKS_HOME=${home}`,
      '-e',
      `PATH=${process.env.PATH ?? ''}`,
    ];
    const run = spawnSync(
      INSPECTOR,
      [
        '--cli',
        ...serverEnv,
        process.execPath,
        SERVER_JS,
        '--method',
        'tools/call',
        '--tool-name',
        name,
        ...args.flatMap((arg) => ['--tool-arg', arg]),
        '--format',
        'json',
      ],
      { env, encoding: 'utf8', timeout: 90_000 },
    );
    const result = run.stdout.trim()
      ? (
          JSON.parse(run.stdout) as {
            result: {
              structuredContent?: Record<string, unknown>;
              isError?: boolean;
              content: Array<{ type: string; text?: string }>;
            };
          }
        ).result
      : undefined;
    return {
      status: run.status,
      stderr: run.stderr,
      structured: result?.structuredContent ?? {},
      text: result?.content.map((block) => block.text ?? '').join('\n') ?? '',
    };
  }

  let lookId = '';
  let runDir = '';

  it('create_look then get_job end with a completed look id and a run folder with image, preview and run.json', () => {
    const started = tool('create_look', 'key=sleep-science-ep1', 'topic=sleep science', 'size=1K', 'wait_seconds=1');
    assert.equal(started.status, 0, started.stderr);
    assert.equal(started.structured.status, 'running', started.text);
    const jobId = String(started.structured.job_id);
    assert.match(jobId, /^job_/);

    let done = tool('get_job', `job_id=${jobId}`, 'wait_seconds=40');
    while (done.structured.status === 'running') done = tool('get_job', `job_id=${jobId}`, 'wait_seconds=40');
    assert.equal(done.status, 0, done.stderr);
    assert.equal(done.structured.status, 'completed', done.text);
    assert.match(String(done.structured.look_id), /^look_/);
    runDir = String(done.structured.run_dir);
    lookId = String(done.structured.look_id);
    const image = done.structured.image as { path: string; preview_path: string };
    assert.ok(existsSync(image.path) && existsSync(image.preview_path) && existsSync(join(runDir, 'run.json')));
    const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    assert.equal(run.look.look_id, done.structured.look_id);
    assert.equal(run.status, 'completed');
    // The gate's face checks ran, and their scores are in the result and in run.json.
    const gate = done.structured.gate as {
      face_checks: boolean;
      checks: Array<{ passed: boolean; identity: { similarity: number } }>;
    };
    assert.equal(gate.face_checks, true);
    assert.equal(gate.checks[0]?.passed, true);
    assert.equal(run.gate.checks[0].identity.similarity, gate.checks[0]?.identity.similarity);

    // The same key through yet another server: the same look, nothing new.
    const again = tool('create_look', 'key=sleep-science-ep1', 'topic=sleep science', 'size=1K');
    assert.equal(again.structured.look_id, done.structured.look_id);
    const simulator = JSON.parse(readFileSync(join(home, 'sandbox', 'heygen-simulator.json'), 'utf8'));
    assert.deepEqual([simulator.created.assets, simulator.created.looks], [1, 1]);
  });

  it("create_video, get_video_status until completed, then download_video gives an MP4 in the look's run folder", () => {
    assert.ok(lookId, 'the look from the test above');
    const started = tool(
      'create_video',
      'prompt=Why deep sleep matters, in one minute.',
      `avatar_id=${lookId}`,
      'key=sleep-science-ep1',
    );
    assert.equal(started.status, 0, started.stderr);
    const sessionId = String(started.structured.session_id);
    assert.match(sessionId, /^sess_/, started.text);
    let status = tool('get_video_status', `session_id=${sessionId}`, 'wait_seconds=30');
    for (let tries = 0; status.structured.video_status !== 'completed' && tries < 5; tries++)
      status = tool('get_video_status', `session_id=${sessionId}`, 'wait_seconds=30');
    assert.equal(status.structured.video_status, 'completed', status.text);
    const downloaded = tool('download_video', `video_id=${String(status.structured.video_id)}`);
    assert.equal(downloaded.status, 0, downloaded.stderr);
    const path = String(downloaded.structured.path);
    assert.equal(downloaded.structured.run_dir, runDir);
    assert.ok(existsSync(path));
    assert.equal(readFileSync(path).toString('latin1', 4, 8), 'ftyp');
  });
});
