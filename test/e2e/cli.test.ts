// The command a person types: --help and --version on stdout, `doctor` (reads only, with what to
// fix), and `config` (a host entry with absolute paths), run as the built dist/server.js.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HeyGenSimulator, SIMULATOR_SEED_GROUP_ID } from '../../src/sandbox/heygen/simulator.ts';
import { FakeBFL } from '../fakes/bfl.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { faceCrop, writeReference } from '../helpers/faces.ts';
import { SERVER_JS, temporaryHome } from '../helpers/mcp.ts';

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER_JS, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the command line (dist/server.js)', () => {
  const home = temporaryHome();
  const gemini = new FakeGemini();
  const openai = new FakeOpenAI();
  const bfl = new FakeBFL();
  const sim = new HeyGenSimulator();
  let reference: string;
  let real: Record<string, string>;
  before(async () => {
    await Promise.all([gemini.start(), openai.start(), bfl.start(), sim.start()]);
    reference = await writeReference(home);
    real = {
      AVATAR_LOOKS_HOME: home,
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.url,
      BFL_API_KEY: bfl.apiKey,
      BFL_BASE_URL: bfl.url,
      HEYGEN_API_KEY: sim.apiKey,
      HEYGEN_BASE_URL: sim.url,
      HEYGEN_AVATAR_GROUP_ID: SIMULATOR_SEED_GROUP_ID,
      AVATAR_REFERENCE_IMAGE: reference,
    };
  });
  after(async () => {
    await Promise.all([gemini.stop(), openai.stop(), bfl.stop(), sim.stop()]);
    rmSync(home, { recursive: true, force: true });
  });

  it('prints --help and --version on stdout', async () => {
    const help = await run(['--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: avatar-looks-mcp/);
    assert.match(help.stdout, /avatar-looks-mcp doctor/);
    assert.equal(help.stderr, '');
    const version = await run(['--version'], {});
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('doctor: every key checked with a read, the group, the reference photo, and "Ready" (nothing paid for)', async () => {
    const result = await run(['doctor'], real);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    for (const line of [
      /\[ok {2}\] Image provider gemini: key accepted/,
      /\[ok {2}\] Image provider openai: key accepted/,
      /\[ok {2}\] Image provider flux: key accepted; 1234\.5 credits/,
      /\[ok {2}\] HeyGen key: accepted/,
      new RegExp(`\\[ok {2}\\] Avatar group: ${SIMULATOR_SEED_GROUP_ID}`),
      /\[ok {2}\] Reference photo: .*one person, facing the camera/,
      /\[ok {2}\] Folders it may read: /,
    ])
      assert.match(result.stdout, line);
    assert.equal(gemini.requests.length, 0, 'nothing was generated');
    assert.equal(sim.created.looks + sim.created.assets, 0, 'nothing was made at HeyGen');
  });

  it('doctor: a refused key, a missing group and a group photo each say what to fix, and it exits 1', async () => {
    const groupPhoto = join(home, 'group.jpg');
    const { readFileSync } = await import('node:fs');
    const { samplePhoto } = await import('../helpers/faces.ts');
    writeFileSync(groupPhoto, readFileSync(samplePhoto(1)));
    const result = await run(['doctor'], {
      ...real,
      GEMINI_API_KEY: 'wrong-gemini-key-000000',
      HEYGEN_AVATAR_GROUP_ID: 'grp_missing',
      AVATAR_REFERENCE_IMAGE: groupPhoto,
    });
    assert.equal(result.code, 1, result.stdout);
    assert.match(
      result.stdout,
      /\[FAIL\] Image provider gemini: Gemini refused the key \(HTTP 400\)\.\n +fix: Check GEMINI_API_KEY/,
    );
    assert.match(result.stdout, /\[FAIL\] Avatar group: .*\n +fix: .*list_avatar_groups/);
    assert.match(result.stdout, /\[FAIL\] Reference photo: .*people/);
    assert.equal(result.stdout.includes('wrong-gemini-key-000000'), false, 'the key is never printed');
  });

  it('doctor: several reference photos must be one person; a mix names the photo that differs', async () => {
    const same = join(home, 'me-close.jpg');
    const other = join(home, 'someone-else.jpg');
    writeFileSync(same, await faceCrop('person', 0.7));
    writeFileSync(other, await faceCrop('other', 0.5));
    const sandbox = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1', AVATAR_REFERENCE_IMAGE: reference };
    const one = await run(['doctor'], { ...sandbox, AVATAR_REFERENCE_IMAGES: same });
    assert.match(one.stdout, /\[ok\s*\] Reference photos: 2 photos, one person in all\./, one.stdout + one.stderr);
    const mixed = await run(['doctor'], { ...sandbox, AVATAR_REFERENCE_IMAGES: other });
    assert.equal(mixed.code, 1, mixed.stdout);
    assert.match(mixed.stdout, /\[FAIL\] Reference photos: .*someone-else\.jpg/);
  });

  it('doctor in a bare sandbox: ready with warnings, telling what real looks need', async () => {
    const result = await run(['doctor'], { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /\[warn\] Mode: sandbox/);
    assert.match(result.stdout, /Ready, with the warnings above\./);
  });

  it('config claude-desktop: absolute node and server paths, secrets as placeholders unless asked', async () => {
    const result = await run(['config', 'claude-desktop'], {
      GEMINI_API_KEY: 'secret-gemini-123456',
      HEYGEN_AVATAR_GROUP_ID: 'grp_1',
    });
    assert.equal(result.code, 0, result.stderr);
    const entry = JSON.parse(result.stdout).mcpServers['avatar-looks'];
    assert.equal(entry.command, process.execPath);
    assert.equal(entry.args[0], SERVER_JS);
    assert.equal(entry.env.GEMINI_API_KEY, '<your GEMINI_API_KEY>');
    assert.equal(entry.env.HEYGEN_AVATAR_GROUP_ID, 'grp_1');
    assert.equal(entry.env.HEYGEN_API_KEY, '<your HEYGEN_API_KEY>');
    const withSecrets = await run(['config', 'claude-desktop', '--with-secrets'], {
      GEMINI_API_KEY: 'secret-gemini-123456',
    });
    assert.equal(JSON.parse(withSecrets.stdout).mcpServers['avatar-looks'].env.GEMINI_API_KEY, 'secret-gemini-123456');
    const code = await run(['config', 'claude-code'], {});
    assert.match(
      code.stdout,
      new RegExp(`^claude mcp add avatar-looks .*-- ${process.execPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `),
    );
    const wrong = await run(['config', 'vscode'], {});
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Unknown command "config vscode"/);
  });
});
