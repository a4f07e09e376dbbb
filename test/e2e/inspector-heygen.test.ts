// The HeyGen issue's "done when", through MCP Inspector's CLI against the simulator: upload a
// PNG, add it as a look, wait until completed, list it in the group — each call its own server.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HeyGenSimulator } from '../../src/sandbox/heygen/simulator.ts';
import { photo } from '../helpers/images.ts';
import { ROOT, SERVER_JS, TEST_POLL_SCALE } from '../helpers/mcp.ts';

const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');

describe('HeyGen tools through MCP Inspector CLI against the simulator', () => {
  const sim = new HeyGenSimulator({ lookReadyAfterMs: 1_000 });
  const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-inspector-heygen-'));
  const image = join(scratch, 'look.png');
  before(async () => {
    await sim.start();
    writeFileSync(image, await photo(1280, 720, 'png'));
  });
  after(async () => {
    await sim.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  // Asynchronous: the simulator answers from this process's event loop.
  function tool(
    name: string,
    ...args: string[]
  ): Promise<{ status: number | null; structured: Record<string, unknown>; stderr: string }> {
    const env = {
      ...process.env,
      MCP_CATALOG_PATH: join(scratch, 'catalog.json'),
      MCP_CLIENT_CONFIG_PATH: join(scratch, 'clients.json'),
    };
    const serverEnv = [
      '-e',
      `HEYGEN_API_KEY=${sim.apiKey}`,
      '-e',
      `HEYGEN_BASE_URL=${sim.url}`,
      '-e',
      'HEYGEN_AVATAR_GROUP_ID=grp_sandbox_default',
      '-e',
      `AVATAR_LOOKS_HOME=${join(scratch, 'home')}`,
      '-e',
      `AVATAR_LOOKS_ALLOWED_DIRS=${scratch}`,
      '-e',
      `PATH=${process.env.PATH ?? ''}`,
      '-e',
      `AVATAR_LOOKS_TEST_POLL_SCALE=${TEST_POLL_SCALE}`,
    ];
    const child = spawn(
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
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    return new Promise((resolve) =>
      child.on('close', (status) =>
        resolve({
          status,
          structured: stdout.trim()
            ? ((JSON.parse(stdout) as { result: { structuredContent: Record<string, unknown> } }).result
                .structuredContent ?? {})
            : {},
          stderr,
        }),
      ),
    );
  }

  it('uploads a PNG, adds it as a look, waits until completed, and lists it in the group', async () => {
    const uploaded = await tool('upload_to_heygen', `image_path=${image}`);
    assert.equal(uploaded.status, 0, uploaded.stderr);
    const added = await tool('add_look', `asset_id=${String(uploaded.structured.asset_id)}`, 'name=Inspector look');
    assert.equal(added.status, 0, added.stderr);
    const lookId = String(added.structured.look_id);
    const status = await tool('get_look_status', `look_id=${lookId}`, 'wait_seconds=20');
    assert.equal(status.status, 0, status.stderr);
    assert.equal(status.structured.ready, true);
    assert.equal(status.structured.avatar_id, lookId);
    const listed = await tool('list_looks');
    assert.ok(
      (listed.structured.looks as Array<{ id: string; status: string }>).some(
        (item) => item.id === lookId && item.status === 'completed',
      ),
    );
    assert.deepEqual(
      [sim.count('POST', '/v3/assets'), sim.count('POST', '/v3/avatars')],
      [1, 1],
      'exactly one upload and one add',
    );
  });
});
