// The server's cold start must not pay for image work: sharp, the Gemini SDK and undici load on
// the first generation, not when the server starts.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

describe('cold start', () => {
  it('starts the server without loading sharp, @google/genai or undici', () => {
    const app = fileURLToPath(new URL('../../src/mcp/server.ts', import.meta.url));
    const script = `
      import { registerHooks } from 'node:module';
      const heavy = new Set();
      registerHooks({ resolve(specifier, context, next) {
        const result = next(specifier, context);
        const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url);
        if (match && /^(sharp|@google\\/genai|undici)$/.test(match[1])) heavy.add(match[1]);
        return result;
      } });
      const { createServer } = await import(${JSON.stringify(app)});
      if (typeof createServer !== 'function') throw new Error('no createServer');
      process.stdout.write(JSON.stringify([...heavy]));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});
