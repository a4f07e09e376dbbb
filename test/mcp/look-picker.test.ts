// The look picker as an MCP App, over stdio with the SDK Client: the ui:// resource is listed and
// readable as one self-contained page; create_look, get_job and approve_look link it from their
// definitions; and its app-only tool answers a waiting pick through the same flow as approve_look,
// so the chosen candidate becomes the look and nothing is paid twice.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { writeReference } from '../helpers/faces.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const PICKER_URI = 'ui://avatar-looks/look-picker.html';
const LOOK = { topic: 'sleep science', orientation: 'landscape', size: '1K' } as const;

describe('the look picker app (stdio, sandbox)', () => {
  let home: string;
  let connection: StdioConnected;
  const call = async (name: string, args: Record<string, unknown>): Promise<Result> =>
    (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;
  const settle = async (result: Result): Promise<Result> => {
    let current = result;
    while (current.structuredContent?.status === 'running')
      current = await call('get_job', { job_id: current.structuredContent.job_id, wait_seconds: 30 });
    return current;
  };
  const created = () => {
    const path = join(home, 'sandbox', 'heygen-simulator.json');
    if (!existsSync(path)) return { assets: 0, looks: 0 };
    const { assets, looks } = JSON.parse(readFileSync(path, 'utf8')).created;
    return { assets, looks };
  };

  before(async () => {
    home = temporaryHome();
    const reference = await writeReference(home);
    connection = await connectStdio({
      AVATAR_LOOKS_HOME: home,
      AVATAR_LOOKS_SANDBOX: '1',
      AVATAR_REFERENCE_IMAGE: reference,
    });
  });
  after(async () => {
    await connection.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists and serves the picker as one self-contained page (no network, no outside scripts or fonts)', async () => {
    const { resources } = await connection.client.listResources();
    const listed = resources.find((resource) => resource.uri === PICKER_URI);
    assert.equal(listed?.mimeType, 'text/html;profile=mcp-app');
    const { contents } = await connection.client.readResource({ uri: PICKER_URI });
    const page = contents[0] as { mimeType: string; text: string; _meta?: Record<string, any> };
    assert.equal(page.mimeType, 'text/html;profile=mcp-app');
    assert.deepEqual(page._meta?.ui?.csp, { connectDomains: [], resourceDomains: [] });
    assert.match(page.text, /^<!doctype html>/);
    assert.match(page.text, /globalThis\.McpExtApps=\{App:/, 'the ext-apps bundle is inlined');
    assert.match(page.text, /Use this one/);
    assert.doesNotMatch(page.text, /<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:/i);
    assert.doesNotMatch(page.text, /\/\* (ext-apps|look-picker) \*\//, 'every placeholder is filled');
    assert.ok(page.text.length < 600_000, `the page is ${page.text.length} characters`);
  });

  it('links the picker from create_look, get_job and approve_look; its own tool is app-only', async () => {
    const { tools } = await connection.client.listTools();
    const meta = (name: string) => tools.find((tool) => tool.name === name)?._meta as Record<string, any> | undefined;
    for (const name of ['create_look', 'get_job', 'approve_look'])
      assert.equal(meta(name)?.ui?.resourceUri, PICKER_URI);
    assert.deepEqual(meta('answer_look_picker')?.ui, { resourceUri: PICKER_URI, visibility: ['app'] });
    assert.equal(meta('build_look_prompt'), undefined);
  });

  it('the app-only tool answers a pick as approve_look does: the chosen candidate becomes the look, once', async () => {
    const waiting = await settle(
      await call('create_look', { key: 'app-1', ...LOOK, candidates: 2, approval: 'pick', wait_seconds: 45 }),
    );
    assert.equal(waiting.structuredContent?.status, 'awaiting_approval', textOf(waiting));
    const candidates = waiting.structuredContent?.approval.candidates as Array<{ preview_uri: string; uri: string }>;
    for (const candidate of candidates) {
      // What the app reads to show each candidate: the run's files, not base64 in structuredContent.
      const read = await connection.client.readResource({ uri: candidate.uri });
      assert.equal(read.contents[0]?.mimeType, 'image/png');
    }
    assert.deepEqual(created(), { assets: 0, looks: 0 });

    const done = await settle(
      await call('answer_look_picker', { key: 'app-1', action: 'approve', candidate: 2, wait_seconds: 45 }),
    );
    assert.equal(done.structuredContent?.status, 'completed', textOf(done));
    assert.equal(done.structuredContent?.image.index, 2);
    assert.deepEqual(created(), { assets: 1, looks: 1 });
    const run = JSON.parse(readFileSync(join(String(done.structuredContent?.run_dir), 'run.json'), 'utf8'));
    assert.deepEqual(
      run.approval.decisions.map((d: Record<string, unknown>) => [d.action, d.candidate, d.via]),
      [['approve', 2, 'app']],
    );

    // A second press, or the same answer by approve_look: the same look; another answer is refused.
    for (const [name, args] of [
      ['answer_look_picker', { key: 'app-1', action: 'approve', candidate: 2 }],
      ['approve_look', { key: 'app-1', action: 'approve', candidate: 2 }],
    ] as const) {
      const again = await call(name, args);
      assert.equal(again.structuredContent?.look_id, done.structuredContent?.look_id, textOf(again));
      assert.match(textOf(again), /Already answered: approve candidate 2 \(app,/);
    }
    const other = await call('answer_look_picker', { key: 'app-1', action: 'approve', candidate: 1 });
    assert.equal(other.isError, true);
    assert.match(textOf(other), /already answered/);
    assert.deepEqual(created(), { assets: 1, looks: 1 }, 'never paid twice');
  });

  it('the app-only tool rejects and asks for another round like approve_look', async () => {
    await settle(await call('create_look', { key: 'app-2', ...LOOK, approval: 'pick', wait_seconds: 45 }));
    const round = await settle(
      await call('answer_look_picker', { key: 'app-2', action: 'another_round', wait_seconds: 45 }),
    );
    assert.equal(round.structuredContent?.status, 'awaiting_approval', textOf(round));
    assert.equal(round.structuredContent?.approval.candidates.length, 2);
    const rejected = await call('answer_look_picker', { key: 'app-2', action: 'reject' });
    assert.equal(rejected.structuredContent?.status, 'rejected', textOf(rejected));
    assert.deepEqual(created(), { assets: 1, looks: 1 });
  });
});
