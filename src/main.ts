// Flags, config, the server, and the stdio transport. Nothing here writes to stdout:
// on stdio, stdout is the protocol.

import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { createServices } from './services.ts';
import { withSandboxGroup } from './sandbox/wire.ts';
import { VERSION } from './version.ts';

const USAGE = `avatar-looks-mcp ${VERSION}: an MCP server that gives a HeyGen photo avatar a fresh look for every video.

Usage: avatar-looks-mcp [--sandbox] [--help] [--version]

Runs on stdio: start it from an MCP host (Claude Desktop, Claude Code, MCP Inspector).
  --sandbox   offline stand-ins for every paid service (also: AVATAR_LOOKS_SANDBOX=1, or no keys set)
Environment: GEMINI_API_KEY, AVATAR_REFERENCE_IMAGE, AVATAR_LOOKS_HOME, ... (see the README).
Logs go to stderr.
`;

export async function main(argv: string[]): Promise<void> {
  let flags;
  try {
    flags = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' }, sandbox: { type: 'boolean' } }, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (flags.values.help) {
    process.stderr.write(USAGE);
    return;
  }
  if (flags.values.version) {
    process.stderr.write(`${VERSION}\n`);
    return;
  }

  let config;
  try {
    config = loadConfig(process.env, { sandboxFlag: flags.values.sandbox === true });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`avatar-looks-mcp: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // On stdio, stdout is the protocol: a library that prints to the console (TensorFlow.js does)
  // must not corrupt it.
  const toStderr = (...args: unknown[]) => void process.stderr.write(`${args.map(String).join(' ')}\n`);
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr, warn: toStderr });
  // Sandbox mode: HeyGen is the simulator, started in this process on the first HeyGen call.
  config = withSandboxGroup(config);
  const services = createServices(config, logger, { env: process.env });
  const server = createServer({ config, logger, services });
  const transport = new StdioServerTransport();

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
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { message: error.message, stack: error.stack });
    process.exit(1);
  });

  await server.connect(transport);
  logger.info('ready on stdio', {
    version: VERSION,
    home: config.home,
    mode: config.sandbox ? `sandbox (${config.sandbox === 'flag' ? 'asked for' : 'no API keys set'})` : 'real services',
  });
}
