// Serving over stdio: the transport a host starts the server with. stdout is the protocol, so
// nothing else may write to it.

import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { VERSION } from '../core/version.ts';
import type { Services } from '../flows/deps.ts';
import { createServer } from './server.ts';

export async function serveStdio(services: Services, mode: string): Promise<void> {
  const { logger, config } = services;
  const server = createServer(services);
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
  await server.connect(new StdioServerTransport());
  logger.info('ready on stdio', { version: VERSION, home: config.home, mode });
}
