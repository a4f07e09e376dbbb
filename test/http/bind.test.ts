// Where dist/server.js --http listens: --host is resolved before listening, every address it
// resolves to must be loopback unless the user set AVATAR_LOOKS_HTTP_TOKEN (a token the server
// made for itself does not count: nobody chose it to hand out), and the address actually bound is
// said on stderr.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { MCP_HEADERS, rawRequest, startHttpProcess, toolCallBody } from '../helpers/http.ts';
import { temporaryHome } from '../helpers/mcp.ts';

const RESOLVE_AS = fileURLToPath(new URL('../helpers/resolve-as.ts', import.meta.url));
const TOKEN = randomBytes(32).toString('hex');

/** An IPv4 address of this machine that is not loopback, if it has one. */
const machineAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

describe('Streamable HTTP: the address it listens on', () => {
  const home = temporaryHome();
  after(() => rmSync(home, { recursive: true, force: true }));
  const sandbox = { AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' };

  it('refuses --host NAME.localhost when the name resolves beyond loopback and no token was set', async (t) => {
    // Without an address of its own, one of TEST-NET: binding it would fail, but the refusal comes first.
    const offLoopback = machineAddress ?? '192.0.2.10';
    const started = startHttpProcess(
      { ...sandbox, TEST_RESOLVE: `looks.localhost=${offLoopback}` },
      ['--host', 'looks.localhost'],
      ['--import', RESOLVE_AS],
    );
    const outcome = await started.then(
      async (server) => {
        // The threat itself: listening on the machine's address with no token anyone must know.
        const url = `http://${offLoopback}:${server.port}/mcp`;
        const open = await rawRequest(url, {
          headers: { ...MCP_HEADERS, Host: `localhost:${server.port}` },
          body: toolCallBody(1, 'build_look_prompt', { topic: 'sleep science' }),
        }).catch((error: Error) => ({ status: error.message }));
        await server.stop();
        return `it listened on ${offLoopback} (answering a call without a token with ${open.status}):\n${server.stderr()}`;
      },
      (error: Error) => error,
    );
    assert.ok(outcome instanceof Error, String(outcome));
    t.diagnostic(`looks.localhost resolved to ${offLoopback}`);
    assert.match(outcome.message, /exited \(1\)/);
    assert.match(
      outcome.message,
      new RegExp(`Refusing to listen on looks\\.localhost \\(${offLoopback.replace(/\./g, '\\.')}\\) without a token`),
    );
    assert.match(outcome.message, /Set AVATAR_LOOKS_HTTP_TOKEN/);
  });

  it(
    "refuses the machine's own address with only the token it made itself",
    { skip: machineAddress ? false : 'this machine has no IPv4 address beyond loopback' },
    async () => {
      await assert.rejects(startHttpProcess(sandbox, ['--host', machineAddress!]), (error: Error) => {
        assert.match(error.message, /exited \(1\)/);
        assert.match(error.message, /Refusing to listen on .* without a token.*AVATAR_LOOKS_HTTP_TOKEN/s);
        return true;
      });
    },
  );

  it('says on stderr the address it bound: loopback for a loopback name, 0.0.0.0 when asked with a token', async () => {
    const local = await startHttpProcess(sandbox, ['--host', 'localhost']);
    await local.stop();
    assert.match(local.stderr(), /bound to (127\.0\.0\.1|\[::1\]):\d+/);
    const open = await startHttpProcess({ ...sandbox, AVATAR_LOOKS_HTTP_TOKEN: TOKEN }, ['--host', '0.0.0.0']);
    await open.stop();
    assert.match(open.stderr(), new RegExp(`bound to 0\\.0\\.0\\.0:${open.port}`));
  });
});
