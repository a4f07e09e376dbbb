// createServer(deps): the MCP server, apart from any transport, so stdio, HTTP and in-memory
// tests all run the same server.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import type { Services } from '../compose.ts';
import { registerAll, serverInstructions } from './registry.ts';
import { VERSION } from '../core/version.ts';

export interface ServerDeps {
  config: Config;
  logger: Logger;
  services: Services;
}

export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: 'avatar-looks-mcp', title: 'Avatar Looks', version: VERSION },
    {
      capabilities: { logging: {} },
      instructions: serverInstructions(deps.config),
    },
  );
  registerAll(server, deps);
  return server;
}
