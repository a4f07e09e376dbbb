// The checked-in tools/list: one file per tool (test/snapshots/tools/<name>.json) and the order
// they are listed in (ORDER), so a change to one tool's schema or description is a small diff.

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

export const TOOL_SNAPSHOTS = fileURLToPath(new URL('../snapshots/tools/', import.meta.url));

const render = (tool: Tool) => `${JSON.stringify(tool, null, 2)}\n`;

/** The snapshot's tool names, in order. */
export function snapshotToolNames(): string[] {
  return readFileSync(`${TOOL_SNAPSHOTS}ORDER`, 'utf8').split('\n').filter(Boolean);
}

/** Each tool as it is checked in, by name; undefined for a tool with no file. */
export function snapshotOf(name: string): string | undefined {
  try {
    return readFileSync(`${TOOL_SNAPSHOTS}${name}.json`, 'utf8');
  } catch {
    return undefined;
  }
}

export function currentSnapshot(tool: Tool): string {
  return render(tool);
}

/** Rewrites the snapshot from the tools the server lists now (UPDATE_SNAPSHOTS=1). */
export function writeSnapshots(tools: Tool[]): void {
  for (const file of readdirSync(TOOL_SNAPSHOTS)) rmSync(`${TOOL_SNAPSHOTS}${file}`);
  for (const tool of tools) writeFileSync(`${TOOL_SNAPSHOTS}${tool.name}.json`, render(tool));
  writeFileSync(`${TOOL_SNAPSHOTS}ORDER`, `${tools.map((tool) => tool.name).join('\n')}\n`);
}

/** The files in the snapshot folder that name no tool of the server. */
export function strayFiles(names: string[]): string[] {
  return readdirSync(TOOL_SNAPSHOTS).filter((file) => file !== 'ORDER' && !names.includes(file.replace(/\.json$/, '')));
}
