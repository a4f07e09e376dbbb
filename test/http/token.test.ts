// dist/server.js --http always has a token: without AVATAR_LOOKS_HTTP_TOKEN it makes one in a
// file only the user can read, so another account on the same machine cannot act as the user
// through the loopback port.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { connectHttp, MCP_HEADERS, rawRequest, startHttpProcess, tokenFile, toolCallBody } from '../helpers/http.ts';
import { temporaryHome } from '../helpers/mcp.ts';

const body = toolCallBody(1, 'build_look_prompt', { topic: 'sleep science' });
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('Streamable HTTP: a token even on loopback', () => {
  const scratch = temporaryHome();
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('makes a token when none is set: a 0600 file in a 0700 home, named on stderr (never the token itself), and a call without it gets 401', async () => {
    const home = join(scratch, 'fresh-home');
    const server = await startHttpProcess({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
    try {
      const path = join(home, 'http-token');
      assert.ok(existsSync(path), `the server made ${path}:\n${server.stderr()}`);
      const token = tokenFile(home) ?? '';
      assert.match(token, /^[0-9a-f]{64}$/, '32 random bytes, in hex');
      assert.equal(modeOf(path).toString(8), '600', 'only the user reads the token');
      assert.equal(modeOf(home).toString(8), '700', 'the home it made is the user’s alone');
      assert.ok(server.stderr().includes(path), `stderr says where the token is:\n${server.stderr()}`);
      assert.ok(!server.stderr().includes(token), 'the token itself is never logged');
      assert.doesNotMatch(server.stderr(), /\[stdout — must stay empty\]/);

      const none = await rawRequest(server.url, { headers: MCP_HEADERS, body });
      assert.equal(none.status, 401, 'another local account without the token is refused');
      assert.match(none.body, /http-token/, 'the refusal says where a user finds the token');
      const client = await connectHttp(server.url, token);
      assert.ok((await client.listTools()).tools.length > 10);
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('keeps its token across restarts, and replaces one that is malformed or readable by others', async () => {
    const home = join(scratch, 'restarts');
    const env = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' };
    const path = join(home, 'http-token');
    const first = await startHttpProcess(env);
    await first.stop();
    const made = tokenFile(home);
    assert.match(made ?? '', /^[0-9a-f]{64}$/);

    const second = await startHttpProcess(env);
    await second.stop();
    assert.equal(tokenFile(home), made, 'clients configured with it keep working after a restart');

    chmodSync(path, 0o644);
    const third = await startHttpProcess(env);
    await third.stop();
    const replaced = tokenFile(home);
    assert.notEqual(replaced, made, 'a token others could read is not used');
    assert.equal(modeOf(path).toString(8), '600');
    assert.match(third.stderr(), /replaced.*readable or writable by other accounts \(mode 644\)/);

    writeFileSync(path, 'not a token\n', { mode: 0o600 });
    const fourth = await startHttpProcess(env);
    await fourth.stop();
    assert.match(tokenFile(home) ?? '', /^[0-9a-f]{64}$/);
    assert.match(fourth.stderr(), /replaced.*not a token this server made/);
  });

  it('gives two servers started at once on one home the one token in the file', async () => {
    const home = join(scratch, 'twins');
    const env = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' };
    const twins = await Promise.all([startHttpProcess(env), startHttpProcess(env)]);
    try {
      const headers = { ...MCP_HEADERS, Authorization: `Bearer ${tokenFile(home)}` };
      for (const server of twins) assert.equal((await rawRequest(server.url, { headers, body })).status, 200);
    } finally {
      await Promise.all(twins.map((server) => server.stop()));
    }
  });

  it('uses AVATAR_LOOKS_HTTP_TOKEN when it is set, and writes no token file', async () => {
    const home = join(scratch, 'configured');
    const token = randomBytes(32).toString('hex');
    const server = await startHttpProcess({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_LOOKS_HTTP_TOKEN: token,
    });
    try {
      assert.equal(existsSync(join(home, 'http-token')), false);
      const ok = await rawRequest(server.url, { headers: { ...MCP_HEADERS, Authorization: `Bearer ${token}` }, body });
      assert.equal(ok.status, 200, ok.body);
      assert.equal((await rawRequest(server.url, { headers: MCP_HEADERS, body })).status, 401);
    } finally {
      await server.stop();
    }
  });
});
