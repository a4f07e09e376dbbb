// The MCP Inspector CLI — a client nobody here wrote — against dist/server.js.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FIXED_LINES } from '../../src/domain/prompt/template.ts';
import { ROOT, SERVER_JS } from '../helpers/mcp.ts';

const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector');
// Keep the Inspector from writing its catalog and config under $HOME.
const scratch = mkdtempSync(join(tmpdir(), 'avatar-looks-inspector-'));
const env = {
  ...process.env,
  MCP_CATALOG_PATH: join(scratch, 'catalog.json'),
  MCP_CLIENT_CONFIG_PATH: join(scratch, 'clients.json'),
};

function inspector(...args: string[]) {
  const run = spawnSync(INSPECTOR, ['--cli', process.execPath, SERVER_JS, ...args, '--format', 'json'], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const json = run.stdout.trim() ? (JSON.parse(run.stdout) as Record<string, unknown>) : undefined;
  return { status: run.status, json, stderr: run.stderr };
}

describe('MCP Inspector CLI', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('lists build_look_prompt with every field described, and strict schema checks pass', () => {
    const run = inspector('--method', 'tools/list', '--strict');
    assert.equal(run.status, 0, run.stderr);
    const tools = (
      run.json as {
        result: {
          tools: Array<{ name: string; inputSchema: { properties: Record<string, { description?: string }> } }>;
        };
      }
    ).result.tools;
    const tool = tools.find((t) => t.name === 'build_look_prompt');
    assert.ok(tool);
    for (const [name, property] of Object.entries(tool.inputSchema.properties))
      assert.ok(property.description, `${name} has a description`);
    assert.doesNotMatch(run.stderr, /warning|error/i, 'no schema portability findings');
  });

  it('calls build_look_prompt with topic=sleep science and gets the anti-render line last', () => {
    const run = inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'build_look_prompt',
      '--tool-arg',
      'topic=sleep science',
    );
    assert.equal(run.status, 0, run.stderr);
    const result = (run.json as { result: { structuredContent: { prompt: string } } }).result;
    assert.equal(result.structuredContent.prompt.split('\n').at(-1), FIXED_LINES.antiRender);
  });

  it('gets an error result (exit code 5) for a wardrobe that describes the person', () => {
    const run = inspector(
      '--method',
      'tools/call',
      '--tool-name',
      'build_look_prompt',
      '--tool-arg',
      'topic=gaming',
      '--tool-arg',
      'wardrobe=oversized hoodie, with blonde hair and blue eyes',
    );
    assert.equal(run.status, 5, run.stderr);
    const text = JSON.stringify(run.json);
    assert.match(text, /blonde hair/);
    assert.match(text, /blue eyes/);
  });
});
