// Security: what a prompt-injected agent can make the server read, over stdio, through the five
// tool inputs that take a local path. Only files inside the allowed folders are read, with one
// answer for everything outside them (no oracle), never more than a cap whatever the file claims,
// and nothing is sent or kept before that check.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { faceCrop } from '../helpers/faces.ts';
import { photo } from '../helpers/images.ts';
import { connectStdio, SERVER_JS, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

/** Each tool input that takes a local path, as a call with that path. */
const ENTRY_POINTS: Array<[string, (path: string) => [string, Record<string, unknown>]]> = [
  [
    'create_look reference_image',
    (path) => [
      'create_look',
      { key: `k-${Math.random()}`, topic: 'sleep science', reference_image: path, wait_seconds: 1 },
    ],
  ],
  [
    'generate_look_image reference_image',
    (path) => [
      'generate_look_image',
      { prompt: 'A quiet bedroom at night, soft lamp light, candid photo.', reference_image: path, wait_seconds: 1 },
    ],
  ],
  ['check_look_image image_path', (path) => ['check_look_image', { image_path: path }]],
  ['check_look_image reference_image', (path) => ['check_look_image', { image_path: '', reference_image: path }]],
  ['upload_to_heygen image_path', (path) => ['upload_to_heygen', { image_path: path }]],
];

function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

describe('security: local files (stdio, sandbox)', () => {
  const home = temporaryHome();
  const outside = mkdtempSync(join(tmpdir(), 'avatar-looks-outside-'));
  let connection: StdioConnected;
  let inside: string;
  const call = async (name: string, args: Record<string, unknown>) =>
    (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 })) as Result;

  before(async () => {
    inside = join(home, 'look.jpg');
    writeFileSync(inside, await photo(1280, 720));
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_LOOKS_FACE_GATE: 'off',
    });
  });
  after(async () => {
    await connection.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('refuses every path outside the allowed folders with one answer, before any spend, through all five inputs', async () => {
    const face = join(outside, 'face.jpg');
    writeFileSync(face, await faceCrop('person', 1.2));
    writeFileSync(join(outside, 'notes.txt'), 'secret notes');
    const link = join(home, 'innocent.jpg');
    symlinkSync(face, link); // inside the home by name, outside by what it points at
    const bad = [
      face, // a real photo, elsewhere on the machine
      join(outside, 'missing.jpg'), // does not exist
      join(outside, 'notes.txt'), // exists, not an image
      outside, // a folder
      '/etc/hostname',
      '/proc/self/pagemap',
      '/proc/self/environ',
      '/dev/zero',
      '/sys/kernel/notes',
      pathToFileURL(face).href,
      link,
      join(home, '..', 'etc', 'passwd'),
    ];
    let tried = 0;
    let refused = 0;
    for (const [label, make] of ENTRY_POINTS) {
      const answers = new Map<string, string>();
      for (const path of bad) {
        const [tool, args] = make(path);
        if (tool === 'check_look_image' && args.reference_image) args.image_path = inside;
        const result = await call(tool, args);
        tried += 1;
        const text = textOf(result);
        assert.equal(result.isError, true, `${label} ${path}: ${text}`);
        assert.match(text, /is not in a folder this server may read/, `${label} ${path}`);
        assert.doesNotMatch(
          text,
          /does not exist|plain text|not a (?:regular )?file|directory/i,
          `${label} ${path}: an oracle`,
        );
        refused += 1;
        answers.set(path, text.replace(path, '<path>').replace(path.replace('file://', ''), '<path>'));
      }
      // The same words whether the file exists, is an image, a folder or nothing at all.
      assert.equal(new Set(answers.values()).size, 1, `${label}: ${[...new Set(answers.values())].join(' | ')}`);
    }
    // Nothing was made or kept: no run folder holds a reference photo, no asset was uploaded.
    const runs = join(home, 'runs');
    const kept = existsSync(runs)
      ? readdirSync(runs, { recursive: true })
          .map(String)
          .filter((name) => name.endsWith('reference.jpg'))
      : [];
    assert.deepEqual(kept, []);
    const state = join(home, 'sandbox', 'heygen-simulator.json');
    const created = (() => {
      try {
        return (JSON.parse(readFileSync(state, 'utf8')) as { created: { assets: number } }).created.assets;
      } catch {
        return 0;
      }
    })();
    assert.equal(created, 0);
    assert.equal(refused, tried);
    process.stderr.write(
      `# security: ${tried} bad paths tried through ${ENTRY_POINTS.length} inputs, ${refused} refused before any spend\n`,
    );
  });

  it('reads what is inside the allowed folders, and says plainly when such a file is missing', async () => {
    const checked = await call('check_look_image', { image_path: inside });
    assert.equal(checked.isError, undefined, textOf(checked));
    const missing = await call('check_look_image', { image_path: join(home, 'nope.jpg') });
    assert.match(textOf(missing), /does not exist/);
  });

  it('never reads more than the cap, whatever the file says: a FIFO and a huge sparse file in the home', async () => {
    const fifo = join(home, 'pipe.jpg');
    execFileSync('mkfifo', [fifo]);
    const fifoResult = await call('check_look_image', { image_path: fifo });
    assert.equal(fifoResult.isError, true);
    assert.match(textOf(fifoResult), /not a regular file/);
    const sparse = join(home, 'sparse.jpg');
    writeFileSync(sparse, '');
    execFileSync('truncate', ['-s', '20G', sparse]);
    const sparseResult = await call('upload_to_heygen', { image_path: sparse });
    assert.equal(sparseResult.isError, true);
    assert.match(textOf(sparseResult), /over HeyGen's 32 MB limit/);
  });

  it('keeps its memory bounded when told to read /proc/self/pagemap from every input, even with AVATAR_LOOKS_ALLOWED_DIRS=/', async () => {
    const open = await connectStdio({
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_LOOKS_ALLOWED_DIRS: '/',
      AVATAR_LOOKS_FACE_GATE: 'off',
    });
    try {
      for (const [, make] of ENTRY_POINTS) {
        const [tool, args] = make('/proc/self/pagemap');
        if (tool === 'check_look_image' && args.reference_image) args.image_path = inside;
        const result = (await open.client.callTool({ name: tool, arguments: args }, undefined, {
          timeout: 30_000,
        })) as Result;
        assert.equal(result.isError, true, textOf(result));
      }
      const peak = peakRssMb(open.pid);
      process.stderr.write(
        `# security: server peak RSS after /proc/self/pagemap through every input: ${peak.toFixed(0)} MB\n`,
      );
      assert.ok(peak < 600, `the server grew to ${peak.toFixed(0)} MB`);
    } finally {
      await open.close();
    }
  });
});

describe('security: folders the host offers as roots (stdio)', () => {
  it('reads a file in a folder the client offers as a root, and not before', async () => {
    const home = temporaryHome();
    const shared = mkdtempSync(join(tmpdir(), 'avatar-looks-root-'));
    const image = join(shared, 'look.jpg');
    writeFileSync(image, await photo(1280, 720));
    let roots: Array<{ uri: string; name: string }> = [];
    const client = new Client({ name: 'roots-host', version: '0' }, { capabilities: { roots: { listChanged: true } } });
    client.setRequestHandler(ListRootsRequestSchema, () => ({ roots }));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [SERVER_JS],
      env: { PATH: process.env.PATH ?? '', AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' },
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const call = async () =>
        (await client.callTool({ name: 'check_look_image', arguments: { image_path: image } })) as Result;
      const before_ = await call();
      assert.equal(before_.isError, true);
      assert.match(textOf(before_), /not in a folder this server may read/);
      roots = [{ uri: pathToFileURL(shared).href, name: 'shared' }];
      await client.sendRootsListChanged();
      const after_ = await call();
      assert.equal(after_.isError, undefined, textOf(after_));
    } finally {
      await client.close();
      rmSync(home, { recursive: true, force: true });
      rmSync(shared, { recursive: true, force: true });
    }
  });
});

describe('security: run files served back (resources/read)', () => {
  it('refuses a symlink in a run folder, whatever it points at', async () => {
    const home = temporaryHome();
    const connection = await connectStdio({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
    try {
      const secret = join(home, 'secret.txt');
      writeFileSync(secret, 'do not serve me');
      const run = join(home, 'runs', '2026-12-04-probe-abcdef');
      mkdirSync(run, { recursive: true });
      writeFileSync(join(run, 'run.json'), '{"id":"2026-12-04-probe-abcdef"}');
      symlinkSync(secret, join(run, 'candidate-1.png'));
      symlinkSync('/etc/hostname', join(run, 'notes.json'));
      for (const file of ['candidate-1.png', 'notes.json']) {
        await assert.rejects(
          connection.client.readResource({ uri: `avatar-looks://runs/2026-12-04-probe-abcdef/${file}` }),
          /No file/,
        );
      }
      const real = await connection.client.readResource({
        uri: 'avatar-looks://runs/2026-12-04-probe-abcdef/run.json',
      });
      assert.match(String((real.contents[0] as { text?: string }).text), /probe/);
    } finally {
      await connection.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
