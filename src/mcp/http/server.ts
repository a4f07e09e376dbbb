// Streamable HTTP, stateless: every POST to /mcp gets a new McpServer and transport, so no
// request depends on another reaching the same process; jobs and run records live on disk and
// outlive requests (get_job works from any later request). GET and DELETE answer 405: there are
// no sessions to stream to or end. One JSON-RPC message per POST: batches are refused.
//
// Before a byte of the body is read, admit.ts decides whether the request may go on. A POST must
// be answered within the request timeout; on SIGTERM the server stops taking requests, lets
// running ones finish (waits end early with "still running"), asks its jobs to stop at a safe
// point, and exits.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { readBody } from '../../core/net.ts';
import { VERSION } from '../../core/version.ts';
import type { Services } from '../../flows/deps.ts';
import { createServer } from '../server.ts';
import { admit, admitCall, refuse, reply, tooLarge, type Gate } from './admit.ts';
import { PENDING_LIMITS, PendingConnections } from './connections.ts';
import { listen, listenAddress, type HttpListenOptions } from './listen.ts';
import { presentMessage, remotePaths } from './paths.ts';
import { httpToken } from './token.ts';

export interface HttpServerDeps {
  services: Services;
  /** Aborted at shutdown; the same signal the services were built with (waits end early). */
  stopping: AbortController;
}

export interface RunningHttpServer {
  /** http://host:port/mcp, as a client would reach it. */
  url: string;
  /** The address and port actually bound, e.g. 0.0.0.0:3400 or [::1]:3400. */
  bound: string;
  port: number;
  /** Where the bearer token comes from, for the start-up log (never the token). */
  auth: string;
  /** Graceful shutdown; resolves when nothing is left to wait for (or the grace period is over). */
  shutdown(reason: string): Promise<void>;
}

const BATCH_REFUSED =
  'Invalid Request: this server does not accept JSON-RPC batches (MCP 2025-06-18 removed batching), and ran nothing in this one. Send one message per POST to /mcp.';

export async function startHttpServer(deps: HttpServerDeps, options: HttpListenOptions): Promise<RunningHttpServer> {
  const { services } = deps;
  const settings = services.config.http;
  const address = await listenAddress(options, settings.token);
  const token = await httpToken(settings.token, services.config.home, services.logger);
  const active = new Set<Promise<void>>();
  let draining = false;
  const gate: Gate = {
    settings,
    token: token.value,
    pending: new PendingConnections(PENDING_LIMITS, services.logger),
    calls: { running: 0 },
    present: remotePaths(services.config.home, services.config.referenceImages),
    policy: { allowedHosts: settings.allowedHosts, boundAddress: address },
    logger: services.logger,
    draining: () => draining,
  };
  const dispatch = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    const handling = handle(req, res, expectsContinue, gate, services).catch((error: unknown) => {
      services.logger.error('HTTP request failed', {
        message: (error as Error).message,
        stack: (error as Error).stack,
      });
      if (!res.headersSent)
        reply(res, 500, ErrorCode.InternalError, 'Internal error in avatar-looks-mcp; the details are in its log.');
      else res.destroy();
    });
    active.add(handling);
    void handling.finally(() => active.delete(handling));
  };
  const server: Server = createHttpServer(
    {
      // Receiving the headers and the body; the answer has its own timeout below.
      headersTimeout: Math.min(15_000, settings.requestTimeoutMs),
      requestTimeout: settings.requestTimeoutMs,
      // Node checks those two timeouts only this often (30 s by default).
      connectionsCheckingInterval: 1_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => dispatch(req, res, false),
  );
  // No cap on connections in all: the ones without the token are capped (per address and in
  // all) and closed within seconds; the ones with it belong to the user.
  server.on('connection', (socket: Socket) => gate.pending.accept(socket));
  // A client that asks before sending a big body (Expect: 100-continue) hears "no" before it sends.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => dispatch(req, res, true));
  await listen(server, address, options);
  const { port, family, address: boundIp } = server.address() as AddressInfo;
  const bracketed = family === 'IPv6' ? `[${boundIp}]` : boundIp;
  // A client on this machine reaches a wildcard bind through loopback; a name stays as given.
  const shownHost =
    boundIp === '0.0.0.0' ? '127.0.0.1' : boundIp === '::' ? '[::1]' : isIP(options.host) ? bracketed : options.host;
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (shuttingDown ??= (() => {
      draining = true;
      return drain(server, deps, active, reason);
    })());
  const auth =
    token.source === 'environment' ? 'bearer token (AVATAR_LOOKS_HTTP_TOKEN)' : `bearer token in ${token.path}`;
  return { url: `http://${shownHost}:${port}/mcp`, bound: `${bracketed}:${port}`, port, auth, shutdown };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue: boolean,
  gate: Gate,
  services: Services,
): Promise<void> {
  const started = Date.now();
  if ((req.url ?? '/').split('?')[0] === '/healthz') return health(req, res, gate.draining());
  if (!admit(req, res, gate)) return;
  if (expectsContinue) res.writeContinue();
  const body = await readBody(req, gate.settings.maxBodyBytes);
  if ('gone' in body) return;
  if ('tooLarge' in body) return refuse(req, res, 413, tooLarge(gate.settings.maxBodyBytes, undefined));
  let message: unknown;
  try {
    message = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return reply(res, 400, ErrorCode.ParseError, 'Parse error: the body is not JSON. Send a JSON-RPC message.');
  }
  // The SDK would run up to 100 messages of a batch at once: one POST, many paid calls.
  if (Array.isArray(message)) return reply(res, 400, ErrorCode.InvalidRequest, BATCH_REFUSED);
  if (!admitCall(message, res, gate)) return;
  const mcp = createServer(services);
  // The body is already read (and capped) above: the transport gets it parsed.
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  // Whatever it sends names the server's files as an HTTP client is shown them (paths.ts).
  const send = transport.send.bind(transport);
  transport.send = (reply, options) => send(presentMessage(reply, gate.present), options);
  const timeout = setTimeout(() => {
    // The tools answer within about 50 s; this only fires when something upstream hangs.
    services.logger.warn('HTTP request timed out', { ms: Date.now() - started, methods: methodsOf(message) });
    const seconds = Math.round(gate.settings.requestTimeoutMs / 1000);
    const said = `The server took longer than ${seconds} s to answer and gave up. Long work runs as jobs: if a job_id was returned before, follow it with get_job; otherwise call again.`;
    for (const id of requestIds(message)) {
      void transport
        .send(
          { jsonrpc: '2.0', id, error: { code: ErrorCode.RequestTimeout, message: said } },
          { relatedRequestId: id },
        )
        .catch(() => res.destroy());
    }
  }, gate.settings.requestTimeoutMs);
  res.on('close', () => {
    clearTimeout(timeout);
    void transport.close();
    void mcp.close();
    services.logger.debug('HTTP request', {
      methods: methodsOf(message),
      status: res.statusCode,
      ms: Date.now() - started,
    });
  });
  await mcp.connect(transport);
  await transport.handleRequest(req, res, message);
}

function health(req: IncomingMessage, res: ServerResponse, draining: boolean): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  // Unauthenticated on purpose (probes send no token): it tells nothing but liveness.
  const body = JSON.stringify({ status: draining ? 'shutting_down' : 'ok', version: VERSION });
  res
    .writeHead(draining ? 503 : 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    .end(req.method === 'HEAD' ? undefined : body);
}

/** Stops taking requests, asks the jobs to stop at a safe point, and waits out the grace period. */
async function drain(server: Server, deps: HttpServerDeps, active: Set<Promise<void>>, reason: string): Promise<void> {
  const { services } = deps;
  const { shutdownMs } = services.config.http;
  const deadline = Date.now() + shutdownMs;
  deps.stopping.abort();
  server.close();
  server.closeIdleConnections();
  const jobs = await services.jobs.stopAtSafePoints();
  services.logger.info('shutting down', {
    reason,
    requests_running: active.size,
    jobs_running: jobs.map((job) => job.id),
    grace_ms: shutdownMs,
  });
  for (;;) {
    const left = await services.jobs.running();
    if ((active.size === 0 && left.length === 0) || Date.now() >= deadline) {
      for (const job of left) {
        services.logger.warn(
          'job still running at shutdown: it goes on in its own process while that lives; if it dies, it reads "interrupted" and create_look resumes it with the same key',
          { id: job.id, kind: job.kind, step: job.progress.message },
        );
      }
      break;
    }
    // A runner that had not recorded its pid yet gets the request now.
    await services.jobs.stopAtSafePoints();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.closeAllConnections();
}

function requestIds(message: unknown): Array<string | number> {
  const { method, id } = (message ?? {}) as Partial<JSONRPCMessage> & { id?: unknown; method?: unknown };
  return typeof method === 'string' && (typeof id === 'string' || typeof id === 'number') ? [id] : [];
}

function methodsOf(message: unknown): string {
  const { method } = (message ?? {}) as { method?: unknown };
  return typeof method === 'string' ? method : 'response';
}
