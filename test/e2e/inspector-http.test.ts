// MCP Inspector's CLI — a client nobody here wrote — against dist/server.js --http started as a
// local user starts it, without AVATAR_LOOKS_HTTP_TOKEN: it lists and calls tools with
// "Authorization: Bearer <the server's http-token file>", follows a create_look job from another
// connection, and is turned away without the token or with a wrong one.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXED_LINES } from '../../src/domain/prompt/template.ts';
import { startSandboxHttp, type HttpProcess } from '../helpers/http.ts';
import { ROOT } from '../helpers/mcp.ts';

const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');

interface InspectorRun {
  status: number | null;
  stdout: string;
  stderr: string;
  result:
    | {
        structuredContent?: Record<string, unknown>;
        isError?: boolean;
        content?: Array<{ type: string; text?: string }>;
        tools?: Array<{ name: string }>;
      }
    | undefined;
}

describe('MCP Inspector CLI over Streamable HTTP', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-inspector-http-'));
  const home = join(scratch, 'home');
  let server: HttpProcess;
  before(async () => {
    server = await startSandboxHttp(home, { AVATAR_LOOKS_SANDBOX_DELAY_MS: '3000' });
    assert.match(server.token ?? '', /^[0-9a-f]{64}$/, 'the server made its token');
  });
  after(async () => {
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The CLI, asynchronously: the server under test lives in this process's event loop's children. */
  function inspector(headers: string[], ...args: string[]): Promise<InspectorRun> {
    const env = {
      ...process.env,
      MCP_CATALOG_PATH: join(scratch, 'catalog.json'),
      MCP_CLIENT_CONFIG_PATH: join(scratch, 'clients.json'),
    };
    const child = spawn(
      INSPECTOR,
      [
        '--cli',
        server.url,
        '--transport',
        'http',
        ...headers.flatMap((header) => ['--header', header]),
        ...args,
        '--format',
        'json',
      ],
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    return new Promise((resolve) =>
      child.once('close', (status) => {
        clearTimeout(timer);
        let result: InspectorRun['result'];
        try {
          result = stdout.trim() ? (JSON.parse(stdout) as { result: InspectorRun['result'] }).result : undefined;
        } catch {
          result = undefined;
        }
        resolve({ status, stdout, stderr, result });
      }),
    );
  }
  const auth = () => [`Authorization: Bearer ${server.token}`];
  const textOf = (run: InspectorRun) => run.result?.content?.map((block) => block.text ?? '').join('\n') ?? '';

  it('lists the tools and calls build_look_prompt with the bearer token', async () => {
    const listed = await inspector(auth(), '--method', 'tools/list');
    assert.equal(listed.status, 0, listed.stderr);
    assert.ok(
      listed.result?.tools?.some((tool) => tool.name === 'create_look'),
      listed.stdout.slice(0, 500),
    );
    const called = await inspector(
      auth(),
      '--method',
      'tools/call',
      '--tool-name',
      'build_look_prompt',
      '--tool-arg',
      'topic=sleep science',
    );
    assert.equal(called.status, 0, called.stderr);
    assert.equal(String(called.result?.structuredContent?.prompt).split('\n').at(-1), FIXED_LINES.antiRender);
  });

  it('starts create_look in one call and follows it to a look id with get_job in later calls', async () => {
    const started = await inspector(
      auth(),
      '--method',
      'tools/call',
      '--tool-name',
      'create_look',
      '--tool-arg',
      'key=inspector-http-ep1',
      '--tool-arg',
      'topic=tech news',
      '--tool-arg',
      'size=1K',
      '--tool-arg',
      'wait_seconds=1',
    );
    assert.equal(started.status, 0, started.stderr);
    assert.equal(started.result?.structuredContent?.status, 'running', textOf(started));
    const jobId = String(started.result?.structuredContent?.job_id);
    let done = await inspector(
      auth(),
      '--method',
      'tools/call',
      '--tool-name',
      'get_job',
      '--tool-arg',
      `job_id=${jobId}`,
      '--tool-arg',
      'wait_seconds=40',
    );
    while (done.result?.structuredContent?.status === 'running')
      done = await inspector(
        auth(),
        '--method',
        'tools/call',
        '--tool-name',
        'get_job',
        '--tool-arg',
        `job_id=${jobId}`,
        '--tool-arg',
        'wait_seconds=40',
      );
    assert.equal(done.status, 0, done.stderr);
    assert.equal(done.result?.structuredContent?.status, 'completed', textOf(done));
    assert.match(String(done.result?.structuredContent?.look_id), /^look_/);
  });

  it('is refused with 401 without the token or with a wrong one, and shows what the server said', async () => {
    // --stored-auth-only: on a 401 the CLI would otherwise start an interactive OAuth login.
    for (const [headers, said] of [
      [[], /Unauthorized: send .{0,8}Authorization: Bearer <token>/],
      [['Authorization: Bearer wrong-token'], /the bearer token is wrong/],
    ] as const) {
      const refused = await inspector([...headers], '--method', 'tools/list', '--stored-auth-only');
      assert.equal(
        refused.status,
        3,
        `exit 3 (auth required) with headers ${JSON.stringify(headers)}: ${refused.stdout}${refused.stderr}`,
      );
      const out = `${refused.stdout}\n${refused.stderr}`;
      assert.match(out, /auth_required/);
      assert.match(out, said);
      assert.match(out, /AVATAR_LOOKS_HTTP_TOKEN.*http-token/s, 'the refusal says where the token is');
    }
  });
});
