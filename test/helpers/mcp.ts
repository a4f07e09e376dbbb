// Real MCP clients for the tests: the SDK Client over an in-memory pair (the whole server,
// no process), and over stdio against the built dist/server.js (what a host runs).

import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface Connected {
  client: Client;
  close: () => Promise<void>;
}

export async function connectInMemory(): Promise<Connected> {
  const lines: string[] = [];
  const server = createServer({ config: loadConfig({}), logger: createLogger('error', (line) => lines.push(line), []) });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'avatar-looks-tests', version: '0.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

export interface StdioConnected extends Connected {
  stderr: () => string;
}

/** Spawns dist/server.js with the SDK's stdio transport; the child's env is explicit. */
export async function connectStdio(env: Record<string, string> = {}): Promise<StdioConnected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_JS],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'avatar-looks-e2e', version: '0.0.0' });
  await client.connect(transport);
  return { client, close: () => client.close(), stderr: () => stderr };
}

export function textOf(result: CallToolResult | Record<string, unknown>): string {
  const content = (result as CallToolResult).content ?? [];
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}
