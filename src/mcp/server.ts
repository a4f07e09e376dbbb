// createServer(services): the MCP server, apart from any transport, so stdio, HTTP and in-memory
// tests all run the same server.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VERSION } from '../core/version.ts';
import type { Services } from '../flows/deps.ts';
import { redactToolResults } from './redacting.ts';
import { registerAll, serverInstructions } from './registry.ts';

export function createServer(services: Services): McpServer {
  const server = new McpServer(
    { name: 'avatar-looks-mcp', title: 'Avatar Looks', version: VERSION },
    { capabilities: { logging: {} }, instructions: serverInstructions(services.config) },
  );
  redactToolResults(server);
  registerAll(server, services);
  return server;
}
