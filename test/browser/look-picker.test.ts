// The look picker in a real browser: headless Chromium (Debian's, driven by playwright-core; no
// browser download) opens a small test host page on 127.0.0.1 that speaks the MCP Apps protocol
// (JSON-RPC over postMessage) to the picker in a sandboxed iframe, and proxies the picker's
// tools/call and resources/read to a real server (dist/server.js over stdio, sandbox, approval
// pick). A person picks candidate 2; the look is made (the simulator's looks go 0 → 1), and the
// picker shows it. Its screenshot is docs/picker.png, shown in the README (UPDATE_SNAPSHOTS=1 rewrites it).
//
// Without /usr/bin/chromium the test skips, saying so, unless AVATAR_LOOKS_REQUIRE_BROWSER=1
// (set by .ci/run, which installs chromium): then it fails.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { chromium, type BrowserContext } from 'playwright-core';
import { writeReference } from '../helpers/faces.ts';
import { connectStdio, ROOT, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = process.env.AVATAR_LOOKS_REQUIRE_BROWSER === '1';
const PICKER_URI = 'ui://avatar-looks/look-picker.html';
/** The README's screenshot, rewritten when missing or with UPDATE_SNAPSHOTS=1 (else each run would leave a changed PNG). */
const README_SCREENSHOT = join(ROOT, 'docs', 'picker.png');
const missing = !existsSync(CHROMIUM);
const skip =
  missing && !REQUIRED
    ? `${CHROMIUM} is not installed: the look picker's browser test is skipped (apt-get install -y chromium runs it; .ci/run does)`
    : false;

type Result = CallToolResult & { structuredContent?: Record<string, any> };

/** The test host: an iframe for the app, and the host's half of the MCP Apps postMessage protocol. */
const HOST_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>test host</title>
<style>body{margin:0;font-family:sans-serif;background:#e9e9ee}iframe{display:block;width:100%;border:0;background:#fff;height:700px}</style>
</head><body><iframe id="app" sandbox="allow-scripts"></iframe><script type="module">
const rpc = async (method, params) => {
  const response = await fetch('/mcp', { method: 'POST', body: JSON.stringify({ method, params }) });
  const answer = await response.json();
  if (answer.error) throw answer.error;
  return answer.result;
};
const iframe = document.getElementById('app');
const toApp = (message) => iframe.contentWindow.postMessage({ jsonrpc: '2.0', ...message }, '*');
const first = await (await fetch('/first-result')).json();
window.addEventListener('message', async (event) => {
  const message = event.data;
  if (event.source !== iframe.contentWindow || message?.jsonrpc !== '2.0') return;
  window.appMessages = [...(window.appMessages ?? []), message.method ?? 'response'];
  if (message.method === 'ui/initialize') {
    toApp({ id: message.id, result: {
      protocolVersion: message.params.protocolVersion,
      hostInfo: { name: 'avatar-looks test host', version: '0.0.0' },
      hostCapabilities: { serverTools: {}, serverResources: {} },
      hostContext: { theme: 'light', displayMode: 'inline' },
    } });
  } else if (message.method === 'ui/notifications/initialized') {
    toApp({ method: 'ui/notifications/tool-input', params: { arguments: first.arguments } });
    toApp({ method: 'ui/notifications/tool-result', params: first.result });
  } else if (message.method === 'ui/notifications/size-changed') {
    iframe.style.height = Math.max(300, message.params.height) + 'px';
  } else if (message.method === 'tools/call' || message.method === 'resources/read') {
    try { toApp({ id: message.id, result: await rpc(message.method, message.params) }); }
    catch (error) { toApp({ id: message.id, error: { code: error.code ?? -32603, message: error.message ?? String(error) } }); }
  } else if (message.id !== undefined && message.method) {
    toApp({ id: message.id, error: { code: -32601, message: 'Not offered by the test host: ' + message.method } });
  }
});
const page = await rpc('resources/read', { uri: '${PICKER_URI}' });
iframe.srcdoc = page.contents[0].text;
</script></body></html>`;

describe('the look picker in headless Chromium (test host page, real server, sandbox)', { skip }, () => {
  let home: string;
  let connection: StdioConnected;
  let http: Server;
  let browser: BrowserContext;
  let profile: string;
  let tools: Tool[];
  let first: { arguments: Record<string, unknown>; result: Result };
  const proxied: string[] = [];

  before(async () => {
    assert.ok(!missing, `${CHROMIUM} is missing, and AVATAR_LOOKS_REQUIRE_BROWSER=1 says this run needs it`);
    home = temporaryHome();
    const reference = await writeReference(home);
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: reference,
      AVATAR_LOOKS_APPROVAL: 'pick',
    });
    tools = (await connection.client.listTools()).tools;
    http = createServer((request, response) => {
      void serve(request.url ?? '/', request).then(
        ([status, type, body]) => response.writeHead(status, { 'content-type': type }).end(body),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    profile = mkdtempSync(join(tmpdir(), 'avatar-looks-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 760 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    if (http) await new Promise((resolve) => http.close(resolve));
    await connection?.close();
    for (const dir of [home, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The host's server side: the page, the first tool result, and the app's requests proxied to the real server. */
  async function serve(url: string, request: import('node:http').IncomingMessage): Promise<[number, string, string]> {
    if (url === '/') return [200, 'text/html', HOST_PAGE];
    if (url === '/first-result') return [200, 'application/json', JSON.stringify(first)];
    if (url !== '/mcp') return [404, 'text/plain', 'not found'];
    let body = '';
    for await (const chunk of request) body += chunk;
    const { method, params } = JSON.parse(body) as { method: string; params: Record<string, any> };
    proxied.push(method === 'tools/call' ? `tools/call ${params.name}` : `${method} ${params.uri}`);
    const answer = async () => {
      if (method === 'resources/read') return connection.client.readResource(params as { uri: string });
      // As a host must: the app may call only tools whose visibility includes "app" (the default).
      const visibility = (tools.find((tool) => tool.name === params.name)?._meta?.ui as { visibility?: string[] })
        ?.visibility ?? ['model', 'app'];
      if (!visibility.includes('app')) throw { code: -32602, message: `${params.name} is not callable by an app` };
      return connection.client.callTool(params as { name: string }, undefined, { timeout: 120_000 });
    };
    try {
      return [200, 'application/json', JSON.stringify({ result: await answer() })];
    } catch (error) {
      const { code, message } = error as { code?: number; message?: string };
      return [200, 'application/json', JSON.stringify({ error: { code: code ?? -32603, message } })];
    }
  }

  function created(): { assets: number; looks: number } {
    const path = join(home, 'sandbox', 'heygen-simulator.json');
    if (!existsSync(path)) return { assets: 0, looks: 0 };
    const { assets, looks } = JSON.parse(readFileSync(path, 'utf8')).created;
    return { assets, looks };
  }

  it('shows the candidates with likeness, pose and gate results; "Use this one" makes that look', async () => {
    const args = { key: 'browser-1', topic: 'sleep science', orientation: 'landscape', size: '1K', candidates: 2 };
    let result = (await connection.client.callTool(
      { name: 'create_look', arguments: { ...args, wait_seconds: 45 } },
      undefined,
      { timeout: 120_000 },
    )) as Result;
    while (result.structuredContent?.status === 'running')
      result = (await connection.client.callTool({
        name: 'get_job',
        arguments: { job_id: result.structuredContent.job_id, wait_seconds: 30 },
      })) as Result;
    assert.equal(result.structuredContent?.status, 'awaiting_approval', textOf(result));
    first = { arguments: args, result };
    assert.deepEqual(created(), { assets: 0, looks: 0 });

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    const app = page.frameLocator('#app');
    await app.getByText('Choose the look for “browser-1”').waitFor({ timeout: 30_000 });
    const cards = app.locator('article.card');
    assert.equal(await cards.count(), 2);
    // Both previews arrive through resources/read, as data: URLs.
    for (const index of [1, 2]) {
      const shot = app.locator(`article[data-candidate="${index}"] img.shot`);
      await assertEventually(async () => (await shot.getAttribute('src'))?.startsWith('data:image/jpeg;base64,'));
    }
    const second = app.locator('article[data-candidate="2"]');
    assert.match(await second.innerText(), /Likeness 0\.\d{3} \(needs 0\.\d+\)/);
    assert.match(await second.innerText(), /Head yaw -?\d+°, pitch -?\d+°/);
    assert.match(await second.innerText(), /Passed the gate/);
    assert.match(await app.locator('body').innerText(), /Recommended/);
    assert.match(await app.locator('body').innerText(), /Another round/);
    assert.match(await app.locator('body').innerText(), /Reject all/);
    const screenshot =
      process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(README_SCREENSHOT)
        ? README_SCREENSHOT
        : join(profile, 'picker.png');
    await page.locator('#app').screenshot({ path: screenshot });
    assert.ok(readFileSync(screenshot).subarray(1, 4).toString() === 'PNG', `a PNG at ${screenshot}`);

    await second.getByRole('button', { name: 'Use this one' }).click();
    await app.getByText('Look ready').waitFor({ timeout: 60_000 });
    const lookId = await app.locator('#look-id').innerText();
    await assertEventually(async () => /completed/.test(await app.locator('#heygen-status').innerText()));
    assert.deepEqual(created(), { assets: 1, looks: 1 }, 'the look was made, once');
    assert.deepEqual(errors, [], 'no script error in the page');

    // The answer went through the app-only tool; the run says so, and get_job shows the same look.
    assert.ok(proxied.includes('tools/call answer_look_picker'), proxied.join(', '));
    assert.ok(proxied.some((entry) => entry.startsWith('resources/read avatar-looks://runs/')));
    const job = (await connection.client.callTool({
      name: 'get_job',
      arguments: { job_id: result.structuredContent?.job_id, wait_seconds: 0 },
    })) as Result;
    assert.equal(job.structuredContent?.look_id, lookId);
    assert.equal(job.structuredContent?.image.index, 2);
    const run = JSON.parse(readFileSync(join(String(result.structuredContent?.run_dir), 'run.json'), 'utf8'));
    assert.deepEqual(
      run.approval.decisions.map((d: Record<string, unknown>) => [d.action, d.candidate, d.via]),
      [['approve', 2, 'app']],
    );
  });
});

async function assertEventually(check: () => Promise<boolean | undefined>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) assert.fail('timed out waiting for the page');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
