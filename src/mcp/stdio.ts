// Serving over stdio: the transport a host starts the server with. stdout is the protocol, so
// nothing else may write to it.

import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { VERSION } from '../core/version.ts';
import type { Services } from '../flows/deps.ts';
import { askInPlaceOver } from './ask-approval.ts';
import { createServer } from './server.ts';

export async function serveStdio(services: Services, mode: string): Promise<void> {
  const { logger, config } = services;
  const server = createServer(services);
  // Over stdio a tool call can ask the person a question (form elicitation) while it runs.
  askInPlaceOver(server);
  let closing = false;
  const shutdown = (reason: string) => {
    if (closing) return;
    closing = true;
    logger.info('shutting down', { reason });
    void server.close().finally(() => process.exit(0));
  };
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  offerRoots(server, services);
  forwardLogs(server, services);
  await server.connect(new StdioServerTransport());
  logger.info('ready on stdio', { version: VERSION, home: config.home, mode });
}

/**
 * Over stdio the host's user chose the folders the host offers as MCP roots: files in them may be
 * read too. Asked for when a file is first read, and again after the host says they changed.
 */
function offerRoots(server: McpServer, services: Services): void {
  const inner = server.server;
  inner.oninitialized = () => {
    if (!inner.getClientCapabilities()?.roots) return;
    services.files.useRoots(async () => {
      const { roots } = await inner.listRoots(undefined, { timeout: 5_000 });
      return roots.filter((root) => root.uri.startsWith('file://')).map((root) => fileURLToPath(root.uri));
    });
  };
  inner.setNotificationHandler(RootsListChangedNotificationSchema, () => services.files.rootsChanged());
}

/**
 * The logging capability, used: the server's own log entries (info and above, redacted) also go
 * to the client as notifications/message, at the level the client set with logging/setLevel
 * (the SDK drops what is below it). stderr keeps everything either way.
 */
function forwardLogs(server: McpServer, services: Services): void {
  const inner = server.server;
  // Not before the client said it is initialized (the 'ready' entry would otherwise come ahead of
  // the answer to initialize).
  let initialized = false;
  const before = inner.oninitialized;
  inner.oninitialized = () => {
    initialized = true;
    before?.();
  };
  services.logger.forward?.('info', (level, message, fields) => {
    if (!initialized || !inner.transport) return;
    // MCP's levels are syslog's: our 'warn' is its 'warning'.
    const mcpLevel = level === 'warn' ? 'warning' : level;
    void inner
      .sendLoggingMessage({ level: mcpLevel, logger: 'avatar-looks-mcp', data: { message, ...fields } })
      .catch(() => {});
  });
}
