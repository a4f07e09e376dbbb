// dist/server.js as a host runs it: a child process spoken to over stdio by the SDK Client.

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FIXED_LINES } from '../../src/domain/prompt/template.ts';
import { samplePhoto } from '../helpers/faces.ts';
import { connectStdio, SERVER_JS } from '../helpers/mcp.ts';

describe('dist/server.js over stdio', () => {
  it('answers tools/list and build_look_prompt, logging only to stderr', async () => {
    const connected = await connectStdio({ AVATAR_LOOKS_LOG_LEVEL: 'info' });
    try {
      const { tools } = await connected.client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        [
          'build_look_prompt',
          'generate_look_image',
          'get_job',
          'check_look_image',
          'upload_to_heygen',
          'add_look',
          'get_look_status',
          'request_avatar_consent',
          'list_avatar_groups',
          'list_looks',
          'get_heygen_account',
          'create_look',
          'approve_look',
          'list_runs',
          'create_video',
          'get_video_status',
          'answer_video_agent',
          'stop_video_agent',
          'download_video',
          // App-only (the look picker's): listed, as the MCP Apps spec says; hosts keep it from the model.
          'answer_look_picker',
        ],
      );
      const result = (await connected.client.callTool({
        name: 'build_look_prompt',
        arguments: { topic: 'sleep science' },
      })) as CallToolResult;
      const prompt = (result.structuredContent as { prompt: string }).prompt;
      assert.equal(prompt.split('\n').at(-1), FIXED_LINES.antiRender);
      assert.equal(connected.client.getServerVersion()?.name, 'avatar-looks-mcp');
    } finally {
      await connected.close();
    }
    // Every stderr line is a log line; nothing else leaked there, and stdout carried only JSON-RPC
    // (the SDK client would have failed to parse anything else).
    for (const line of connected.stderr().trim().split('\n'))
      assert.match(line, /^\S+ avatar-looks-mcp (info|debug|warn): /);
  });

  it('writes nothing but JSON-RPC messages to stdout', async () => {
    // Read the raw stream: the SDK client quietly skips lines it cannot parse, so it cannot catch this.
    const child = spawn(process.execPath, [SERVER_JS], {
      env: {
        PATH: process.env.PATH ?? '',
        AVATAR_LOOKS_LOG_LEVEL: 'debug',
        // The sample photo sits among the dependencies: allowed here so the face check really runs.
        AVATAR_LOOKS_ALLOWED_DIRS: dirname(samplePhoto(1)),
      },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const send = (message: object) => child.stdin.write(JSON.stringify(message) + '\n');
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'build_look_prompt', arguments: { topic: 'sleep science' } },
    });
    send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'build_look_prompt', arguments: { topic: 'x', wardrobe: 'blonde hair' } },
    });
    // The face checks load TensorFlow.js, which writes to the console: none of it may reach stdout.
    send({
      jsonrpc: '2.0',
      id: 4,
      method: 'tools/call',
      params: { name: 'check_look_image', arguments: { image_path: samplePhoto(1) } },
    });
    const deadline = Date.now() + 30_000;
    // Every line is a JSON-RPC message: the four answers, plus log entries sent as
    // notifications/message (the logging capability) — never a bare console line.
    const answers = () => (stdout.match(/"id":\d+\}\n/g) ?? []).length;
    while (answers() < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    const messages = stdout
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as { jsonrpc: string; id?: number; method?: string });
    for (const message of messages) assert.equal(message.jsonrpc, '2.0');
    assert.deepEqual(
      messages
        .filter((message) => message.id !== undefined)
        .map((message) => message.id)
        .sort(),
      [1, 2, 3, 4],
      stdout.slice(0, 2000),
    );
    for (const message of messages.filter((m) => m.id === undefined))
      assert.equal(message.method, 'notifications/message');
  });

  it('refuses a bad environment variable at start, naming it, with nothing on stdout', () => {
    const run = spawnSync(process.execPath, [SERVER_JS], {
      env: { PATH: process.env.PATH ?? '', AVATAR_LOOKS_LOG_LEVEL: 'chatty' },
      input: '',
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /AVATAR_LOOKS_LOG_LEVEL must be one of debug, info, warn, error/);
  });

  it('prints --version to stdout (it is not serving then), and rejects an unknown flag with exit code 2', () => {
    const version = spawnSync(process.execPath, [SERVER_JS, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.equal(version.stderr, '');
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const unknown = spawnSync(process.execPath, [SERVER_JS, '--frobnicate'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--frobnicate'[\s\S]*Usage: avatar-looks-mcp/);
  });

  // Node 20 is still the default on many machines (these included): the server must say so
  // plainly rather than crash. Runs when an older node is on the PATH.
  const olderNode = findOlderNode();
  it(
    'tells a user on Node < 22.19 which version it needs',
    { skip: olderNode ? false : 'no Node older than 22.19 on this machine' },
    () => {
      const run = spawnSync(olderNode ?? 'node', [SERVER_JS], { encoding: 'utf8', input: '' });
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /needs Node\.js 22\.19 or newer; this is 2\d\./);
    },
  );
});

function findOlderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
      const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
      if (major < 22 || (major === 22 && minor < 19)) return candidate;
    } catch {
      // not installed here
    }
  }
  return undefined;
}

describe('the logging capability over stdio', () => {
  it('sends the server’s own log entries as notifications/message, at the level the client set', async () => {
    const connection = await connectStdio({ AVATAR_LOOKS_SANDBOX: '1' });
    const received: { level: string; data: Record<string, unknown> }[] = [];
    connection.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      received.push({ level: notification.params.level, data: notification.params.data as Record<string, unknown> });
    });
    const generate = (name: string) =>
      connection.client.callTool(
        {
          name: 'generate_look_image',
          arguments: { prompt: 'A quiet bedroom at night, soft lamp light, candid photo.', name, wait_seconds: 45 },
        },
        undefined,
        { timeout: 120_000 },
      );
    try {
      await connection.client.setLoggingLevel('info');
      const first = (await generate('log-info')) as CallToolResult;
      assert.ok(!first.isError, JSON.stringify(first.content));
      const started = received.find((entry) => entry.data.message === 'job started');
      assert.ok(started, `a 'job started' entry among ${JSON.stringify(received)}`);
      assert.equal(started.level, 'info');
      assert.match(String(started.data.id), /^job_[a-z0-9]{12}$/);

      received.length = 0;
      await connection.client.setLoggingLevel('error');
      const second = (await generate('log-error')) as CallToolResult;
      assert.ok(!second.isError, JSON.stringify(second.content));
      assert.deepEqual(received, [], 'nothing below error once the client asked for errors only');
      assert.match(connection.stderr(), /job started/, 'stderr keeps its own log either way');
    } finally {
      await connection.close();
    }
  });
});
