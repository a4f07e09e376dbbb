// createServer(deps): the MCP server, apart from any transport, so stdio, HTTP and in-memory
// tests all run the same server.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import type { Services } from './services.ts';
import { registerAll, serverInstructions } from './tools/index.ts';
import { VERSION } from './version.ts';

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
