// Real MCP clients for the tests: the SDK Client over an in-memory pair (the whole server,
// no process), and over stdio against the built dist/server.js (what a host runs).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { createServer } from '../../src/mcp/server.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { createLogger } from '../../src/core/log.ts';
import { createServices, type Services } from '../../src/compose.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface Connected {
  client: Client;
  close: () => Promise<void>;
}

export interface InMemoryConnected extends Connected {
  config: Config;
  services: Services;
  home: string;
  logs: string[];
}

/**
 * HeyGen's polling cadence (10 s, then 30 s) at a tenth, against the simulator on loopback whose
 * looks are ready in a second or two; the schedule itself is the real one.
 */
export const TEST_POLL_SCALE = '0.1';

export function temporaryHome(): string {
  return mkdtempSync(join(tmpdir(), 'avatar-looks-home-'));
}

export interface InMemoryOptions {
  env?: Record<string, string>;
  home?: string;
}

/** The whole server in this process, with its own temporary AVATAR_LOOKS_HOME. */
export async function connectInMemory(options: InMemoryOptions = {}): Promise<InMemoryConnected> {
  const logs: string[] = [];
  const home = options.home ?? temporaryHome();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AVATAR_LOOKS_HOME: home,
    AVATAR_LOOKS_TEST_POLL_SCALE: TEST_POLL_SCALE,
    ...options.env,
  };
  const config = loadConfig(env);
  const logger = createLogger('debug', (line) => logs.push(line), []);
  const services = createServices(config, logger, { env });
  const server = createServer(services);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'avatar-looks-tests', version: '0.0.0' });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    config,
    services,
    home,
    logs,
    close: async () => {
      await client.close();
      await server.close();
      await services.jobs.idle();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface StdioConnected extends Connected {
  stderr: () => string;
  /** The server process's pid (for SIGKILL tests). */
  pid: number;
}

export interface StdioClientOptions {
  /** What the client declares (e.g. elicitation: {}). */
  capabilities?: ClientCapabilities;
  /** Sets the client's request handlers before it connects. */
  setup?: (client: Client) => void;
}

/** Spawns dist/server.js with the SDK's stdio transport; the child's env is explicit. */
export async function connectStdio(
  env: Record<string, string> = {},
  options: StdioClientOptions = {},
): Promise<StdioConnected> {
  const home = env.AVATAR_LOOKS_HOME ?? temporaryHome();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_JS],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AVATAR_LOOKS_TEST_POLL_SCALE: TEST_POLL_SCALE,
      ...env,
      AVATAR_LOOKS_HOME: home,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client(
    { name: 'avatar-looks-e2e', version: '0.0.0' },
    options.capabilities ? { capabilities: options.capabilities } : undefined,
  );
  options.setup?.(client);
  await client.connect(transport);
  return {
    client,
    close: async () => {
      await client.close();
      if (!env.AVATAR_LOOKS_HOME) rmSync(home, { recursive: true, force: true });
    },
    stderr: () => stderr,
    pid: transport.pid ?? 0,
  };
}

export function textOf(result: CallToolResult | Record<string, unknown>): string {
  const content = (result as CallToolResult).content ?? [];
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}
