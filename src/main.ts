// Flags, config, services, and the transport: stdio (the default) or Streamable HTTP (--http).
// Nothing here writes to stdout: on stdio, stdout is the protocol.

import { parseArgs } from 'node:util';
import { appConfig, createServices } from './compose.ts';
import type { Config } from './core/config.ts';
import { UserError } from './core/errors.ts';
import { createLogger, type Logger } from './core/log.ts';
import { VERSION } from './core/version.ts';
import type { HttpListenOptions } from './mcp/http/listen.ts';

const DEFAULT_PORT = 3400;

const USAGE = `avatar-looks-mcp ${VERSION}: an MCP server that gives a HeyGen photo avatar a fresh look for every video.

Usage: avatar-looks-mcp [--sandbox] [--help] [--version]
       avatar-looks-mcp --http [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--sandbox]
       avatar-looks-mcp doctor                 check Node, keys, group and reference photo (reads only)
       avatar-looks-mcp config claude-desktop  print a ready Claude Desktop entry (also: claude-code)
                        [--with-secrets]       with the keys set in this shell instead of placeholders

Runs on stdio by default: start it from an MCP host (Claude Desktop, Claude Code, MCP Inspector).
  --http      serve Streamable HTTP at http://HOST:PORT/mcp instead (and /healthz); every request needs
              the bearer token: AVATAR_LOOKS_HTTP_TOKEN, or else the one it makes in AVATAR_LOOKS_HOME/http-token
  --host      address or name to listen on (default 127.0.0.1); a name is resolved first, and any address
              beyond loopback needs AVATAR_LOOKS_HTTP_TOKEN
  --port      port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --sandbox   offline stand-ins for every paid service (also: AVATAR_LOOKS_SANDBOX=1, or no keys set)
Environment: GEMINI_API_KEY, AVATAR_REFERENCE_IMAGE, AVATAR_LOOKS_HOME, AVATAR_LOOKS_HTTP_TOKEN, ... (all of them: docs/configuration.md).
Logs go to stderr.
`;

interface Flags {
  /** A subcommand: doctor, or config (with the host in `host`). */
  command?: 'doctor' | 'config' | undefined;
  'with-secrets'?: boolean | undefined;
  help?: boolean | undefined;
  version?: boolean | undefined;
  sandbox?: boolean | undefined;
  http?: boolean | undefined;
  host?: string | undefined;
  port?: string | undefined;
}

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  // Asked for by a person at a terminal: stdout (no MCP client is listening).
  if (flags.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (flags.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (flags.command === 'config') {
    const { hostConfig } = await import('./cli/host-config.ts');
    process.stdout.write(
      hostConfig(flags.host === 'claude-code' ? 'claude-code' : 'claude-desktop', {
        env: process.env,
        withSecrets: flags['with-secrets'] === true,
      }),
    );
    return;
  }
  let config: Config;
  try {
    config = appConfig(process.env, { sandboxFlag: flags.sandbox === true });
  } catch (error) {
    if (error instanceof UserError) exit(`${error.message} ${error.nextStep}`);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // On stdio, stdout is the protocol: a library that prints to the console (TensorFlow.js does)
  // must not corrupt it.
  const toStderr = (...args: unknown[]) => void process.stderr.write(`${args.map(String).join(' ')}\n`);
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr, warn: toStderr });
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { message: error.message, stack: error.stack });
    process.exit(1);
  });
  if (flags.command === 'doctor') {
    await doctor(config, logger);
    return;
  }
  const mode = config.sandbox
    ? `sandbox (${config.sandbox === 'flag' ? 'asked for' : 'no API keys set'})`
    : 'real services';
  if (flags.http) {
    const listen = {
      host: flags.host ?? '127.0.0.1',
      port: flags.port === undefined ? DEFAULT_PORT : Number(flags.port),
    };
    await serveHttp(config, logger, listen, mode);
    return;
  }
  const { serveStdio } = await import('./mcp/stdio.ts');
  await serveStdio(createServices(config, logger, { env: process.env }), mode);
}

function parseFlags(argv: string[]): Flags {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'with-secrets': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        sandbox: { type: 'boolean' },
        http: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
      },
      strict: true,
    });
    const [command, target, ...rest] = positionals;
    if (command !== undefined) {
      if (command === 'doctor' && target === undefined) return { ...values, command };
      if (command === 'config' && (target === 'claude-desktop' || target === 'claude-code') && rest.length === 0)
        return { ...values, command, host: target };
      throw new Error(`Unknown command "${positionals.join(' ')}".`);
    }
    if (!values.http && (values.host !== undefined || values.port !== undefined))
      throw new Error('--host and --port go with --http.');
    if (values.port !== undefined && !/^\d{1,5}$/.test(values.port))
      throw new Error(`--port must be a port number (0–65535), not "${values.port}".`);
    if (Number(values.port) > 65535) throw new Error(`--port must be at most 65535, not ${values.port}.`);
    return values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** `doctor`: the checks, printed for a person; exit 1 when something must be fixed. */
async function doctor(config: Config, logger: Logger): Promise<void> {
  const { runDoctor } = await import('./flows/doctor.ts');
  const { renderDoctor } = await import('./cli/doctor.ts');
  const services = createServices(config, logger, { env: process.env });
  const { text, failed } = renderDoctor(await runDoctor(services, AbortSignal.timeout(60_000)), VERSION);
  process.stdout.write(text);
  // The sandbox's simulator and HTTP agents would keep the process alive: this command is done.
  process.exit(failed ? 1 : 0);
}

function exit(message: string): never {
  process.stderr.write(`avatar-looks-mcp: ${message}\n`);
  process.exit(1);
}

async function serveHttp(config: Config, logger: Logger, listen: HttpListenOptions, mode: string): Promise<void> {
  const { startHttpServer } = await import('./mcp/http/server.ts');
  const stopping = new AbortController();
  const services = createServices(config, logger, { env: process.env, stopping: stopping.signal });
  let server;
  try {
    server = await startHttpServer({ services, stopping }, listen);
  } catch (error) {
    if (error instanceof UserError) exit(`${error.message} ${error.nextStep}`);
    throw error;
  }
  const running = server;
  let signals = 0;
  const shutdown = (signal: string) => {
    // A second Ctrl-C means "now": jobs are in their own processes, so nothing paid for is lost.
    if (++signals > 1) process.exit(1);
    void running.shutdown(signal).finally(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  logger.info(`listening on ${running.url} (bound to ${running.bound})`, {
    version: VERSION,
    home: config.home,
    mode,
    auth: running.auth,
    allowed_hosts: ['localhost', '127.0.0.1', '[::1]', ...config.http.allowedHosts],
  });
}
