// Flags, config, the server, and its transport: stdio (the default) or Streamable HTTP
// (--http). Nothing here writes to stdout: on stdio, stdout is the protocol.

import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './mcp/server.ts';
import { ConfigError, loadConfig, type Config } from './core/config.ts';
import type { HttpListenOptions } from './mcp/http/server.ts';
import { createLogger, type Logger } from './core/log.ts';
import { createServices } from './compose.ts';
import { withSandboxGroup } from './sandbox/wire.ts';
import { VERSION } from './core/version.ts';

const DEFAULT_PORT = 3400;

const USAGE = `avatar-looks-mcp ${VERSION}: an MCP server that gives a HeyGen photo avatar a fresh look for every video.

Usage: avatar-looks-mcp [--sandbox] [--help] [--version]
       avatar-looks-mcp --http [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--sandbox]

Runs on stdio by default: start it from an MCP host (Claude Desktop, Claude Code, MCP Inspector).
  --http      serve Streamable HTTP at http://HOST:PORT/mcp instead (and /healthz)
  --host      address to listen on (default 127.0.0.1); anything but loopback needs AVATAR_LOOKS_HTTP_TOKEN
  --port      port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --sandbox   offline stand-ins for every paid service (also: AVATAR_LOOKS_SANDBOX=1, or no keys set)
Environment: GEMINI_API_KEY, AVATAR_REFERENCE_IMAGE, AVATAR_LOOKS_HOME, AVATAR_LOOKS_HTTP_TOKEN, ... (see the README).
Logs go to stderr.
`;

export async function main(argv: string[]): Promise<void> {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        sandbox: { type: 'boolean' },
        http: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
      },
      strict: true,
    });
    if (!flags.values.http && (flags.values.host !== undefined || flags.values.port !== undefined))
      throw new Error('--host and --port go with --http.');
    if (flags.values.port !== undefined && !/^\d{1,5}$/.test(flags.values.port))
      throw new Error(`--port must be a port number (0–65535), not "${flags.values.port}".`);
    if (Number(flags.values.port) > 65535) throw new Error(`--port must be at most 65535, not ${flags.values.port}.`);
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
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { message: error.message, stack: error.stack });
    process.exit(1);
  });
  const mode = config.sandbox
    ? `sandbox (${config.sandbox === 'flag' ? 'asked for' : 'no API keys set'})`
    : 'real services';
  if (flags.values.http) {
    await serveHttp(
      config,
      logger,
      {
        host: flags.values.host ?? '127.0.0.1',
        port: flags.values.port === undefined ? DEFAULT_PORT : Number(flags.values.port),
      },
      mode,
    );
    return;
  }
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

  await server.connect(transport);
  logger.info('ready on stdio', { version: VERSION, home: config.home, mode });
}

async function serveHttp(config: Config, logger: Logger, listen: HttpListenOptions, mode: string): Promise<void> {
  const { startHttpServer, HttpStartError } = await import('./mcp/http/server.ts');
  const stopping = new AbortController();
  const services = createServices(config, logger, { env: process.env, stopping: stopping.signal });
  let running;
  try {
    running = await startHttpServer({ config, logger, services, stopping }, listen);
  } catch (error) {
    if (error instanceof HttpStartError) {
      process.stderr.write(`avatar-looks-mcp: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = running;
  let signals = 0;
  const shutdown = (signal: string) => {
    // A second Ctrl-C means "now": jobs are in their own processes, so nothing paid for is lost.
    if (++signals > 1) process.exit(1);
    void server.shutdown(signal).finally(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  logger.info(`listening on ${server.url}`, {
    version: VERSION,
    home: config.home,
    mode,
    auth: config.http.token ? 'bearer token' : 'none (loopback only)',
    allowed_hosts: ['localhost', '127.0.0.1', '[::1]', ...config.http.allowedHosts],
  });
}
