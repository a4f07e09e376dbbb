// The MCP conformance suite (@modelcontextprotocol/conformance, a client nobody here wrote)
// against dist/server.js --http in sandbox mode, with the justified baseline beside this file.
// Exit code: the suite's (0 when every failure is an expected one and no expected one passes).
//   npm run conformance
//
// The suite's client cannot send an Authorization header, and the server always wants its
// token, so the suite talks to a small forwarder on loopback that adds the server's own token to
// every request and passes everything else through unchanged (Host and Origin included, for the
// DNS rebinding scenario): a host configured with the token. The token itself is tested in
// test/http/.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpProcess } from '../helpers/http.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline.yml', import.meta.url));
const CONFORMANCE = join(ROOT, 'node_modules', '.bin', 'conformance');

const home = mkdtempSync(join(tmpdir(), 'avatar-looks-conformance-'));
const server = await startHttpProcess({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
const forwarder = await forwardWithToken(server.url, server.token ?? '');
const url = `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}/mcp`;
let status = 1;
try {
  // Asynchronously: the forwarder lives in this process's event loop.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      CONFORMANCE,
      ['server', '--url', url, '--expected-failures', BASELINE, '--output-dir', join(home, 'results')],
      { env: { PATH: process.env.PATH ?? '', HOME: home }, timeout: 180_000 },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('close', (code) => resolve({ status: code, stdout, stderr }));
  });
  // The per-scenario progress lines are noise in CI; the summary and the verdict are what count.
  const out = `${run.stdout}\n${run.stderr}`;
  const summary = out.slice(Math.max(0, out.indexOf('=== SUMMARY ===')));
  process.stdout.write(`conformance server against ${server.url}, baseline ${BASELINE}\n${summary.trim()}\n`);
  status = run.status ?? 1;
  if (status !== 0 && !summary.trim()) process.stdout.write(out);
} finally {
  forwarder.close();
  forwarder.closeAllConnections();
  const ended = await server.stop('SIGTERM');
  if (ended.code !== 0) {
    process.stdout.write(`the server did not shut down cleanly (${JSON.stringify(ended)}):\n${server.stderr()}\n`);
    status = status || 1;
  }
  rmSync(home, { recursive: true, force: true });
}
process.exit(status);

/** An HTTP forwarder on loopback that adds "Authorization: Bearer <token>" and changes nothing else. */
async function forwardWithToken(target: string, token: string): Promise<Server> {
  const { port } = new URL(target);
  const forwarder = createServer((req, res) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
  return forwarder;
}
