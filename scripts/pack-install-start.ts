// What a newcomer gets from npm: packs the tarball (prepack builds it), installs it into an empty
// folder from the registry, then starts the installed command from / with only PATH and HOME, as
// a host would, lists the tools and makes one whole look in sandbox mode (no keys, no photo).
// Prints the tarball and installed sizes, the first start time and the tools/list size; exits 1
// when anything a user would meet is broken.
//   npm run check:package

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-pack-'));
const problems: string[] = [];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function folderBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

try {
  // 1. The tarball, as `npm publish` would make it.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' }),
  ) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{ path: string }>;
  }>;
  const tarball = packed[0]!;
  const paths = tarball.files.map((file) => file.path);
  if (!paths.includes('dist/server.js')) problems.push('the tarball has no dist/server.js');
  if (paths.some((path) => path.endsWith('.map'))) problems.push('the tarball ships source maps');

  // 2. Installed into an empty folder, from the registry.
  const app = join(scratch, 'app');
  execFileSync('npm', ['init', '-y'], { cwd: scratch, stdio: 'ignore' });
  execFileSync('mkdir', ['-p', app]);
  execFileSync('npm', ['init', '-y'], { cwd: app, stdio: 'ignore' });
  const install = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--omit=dev', join(scratch, tarball.filename)],
    { cwd: app, encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr.slice(-2000)}`);
  const installed = folderBytes(join(app, 'node_modules'));
  const command = join(app, 'node_modules', '.bin', 'avatar-looks-mcp');

  // 3. Started from / with only PATH and HOME, as a host starts it.
  const home = join(scratch, 'home');
  execFileSync('mkdir', ['-p', home]);
  const started = performance.now();
  const transport = new StdioClientTransport({
    command,
    args: [],
    cwd: '/',
    env: { PATH: process.env.PATH ?? '', HOME: home },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'pack-install-start', version: '0' });
  await client.connect(transport);
  const firstStartMs = performance.now() - started;
  const tools = await client.listTools();
  const toolsBytes = JSON.stringify(tools).length;
  let result = (await client.callTool(
    { name: 'create_look', arguments: { key: 'first-video', topic: 'sleep science', wait_seconds: 45 } },
    undefined,
    { timeout: 180_000 },
  )) as CallToolResult & { structuredContent?: Record<string, unknown> };
  while (!result.isError && result.structuredContent?.status === 'running') {
    result = (await client.callTool(
      { name: 'get_job', arguments: { job_id: result.structuredContent.job_id, wait_seconds: 45 } },
      undefined,
      { timeout: 180_000 },
    )) as typeof result;
  }
  await client.close();
  if (result.structuredContent?.status !== 'completed')
    problems.push(
      `the sandbox create_look did not complete: ${JSON.stringify(result).slice(0, 600)}\n${stderr.slice(-1500)}`,
    );

  console.log('\nFrom the npm tarball to a first look (sandbox), started from / with only PATH and HOME:\n');
  console.log('| measure | value |');
  console.log('|---|---:|');
  console.log(`| tarball | ${mb(tarball.size)} (${tarball.entryCount} files, ${mb(tarball.unpackedSize)} unpacked) |`);
  console.log(`| installed (node_modules, production) | ${mb(installed)} |`);
  console.log(`| first start → initialize answered | ${Math.round(firstStartMs)} ms |`);
  console.log(`| tools/list | ${(toolsBytes / 1024).toFixed(1)} KB, ${tools.tools.length} tools |`);
  console.log(
    `| sandbox create_look | ${String(result.structuredContent?.status)} (look ${String(result.structuredContent?.look_id)}) |`,
  );
} catch (error) {
  problems.push((error as Error).stack ?? String(error));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.log(`\nBROKEN:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
