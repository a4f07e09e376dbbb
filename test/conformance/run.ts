// The MCP conformance suite (@modelcontextprotocol/conformance, a client nobody here wrote)
// against dist/server.js --http in sandbox mode, with the justified baseline beside this file.
// Exit code: the suite's (0 when every failure is an expected one and no expected one passes).
//   npm run conformance
//
// The suite's client sends no Authorization header, so the server runs on loopback without a
// token, as a local user would run it; the token itself is tested in test/http/.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpProcess } from '../helpers/http.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline.yml', import.meta.url));
const CONFORMANCE = join(ROOT, 'node_modules', '.bin', 'conformance');

const home = mkdtempSync(join(tmpdir(), 'avatar-looks-conformance-'));
const server = await startHttpProcess({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
let status = 1;
try {
  const run = spawnSync(
    CONFORMANCE,
    ['server', '--url', server.url, '--expected-failures', BASELINE, '--output-dir', join(home, 'results')],
    {
      encoding: 'utf8',
      timeout: 180_000,
      env: { PATH: process.env.PATH ?? '', HOME: home },
    },
  );
  // The per-scenario progress lines are noise in CI; the summary and the verdict are what count.
  const out = `${run.stdout}\n${run.stderr}`;
  const summary = out.slice(Math.max(0, out.indexOf('=== SUMMARY ===')));
  process.stdout.write(`conformance server against ${server.url}, baseline ${BASELINE}\n${summary.trim()}\n`);
  status = run.status ?? 1;
  if (status !== 0 && !summary.trim()) process.stdout.write(out);
} finally {
  const ended = await server.stop('SIGTERM');
  if (ended.code !== 0) {
    process.stdout.write(`the server did not shut down cleanly (${JSON.stringify(ended)}):\n${server.stderr()}\n`);
    status = status || 1;
  }
  rmSync(home, { recursive: true, force: true });
}
process.exit(status);
