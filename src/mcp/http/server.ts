// Streamable HTTP, stateless: every POST to /mcp gets a new McpServer and transport, so no
// request depends on another reaching the same process; jobs and run records live on disk and
// outlive requests (get_job works from any later request). GET and DELETE answer 405: there are
// no sessions to stream to or end.
//
// Before a byte of the body is read: the Host and Origin checks (DNS rebinding), the bearer
// token, and the declared size. A POST must be answered within the request timeout; on SIGTERM
// the server stops taking requests, lets running ones finish (waits end early with "still
// running"), asks its jobs to stop at a safe point, and exits.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createServer, type ServerDeps } from '../server.ts';
import { VERSION } from '../../core/version.ts';
import { bearerMatches, hostAllowed, isLoopback, originAllowed } from './guard.ts';

export interface HttpListenOptions {
  host: string;
  port: number;
}

export interface HttpServerDeps extends ServerDeps {
  /** Aborted at shutdown; the same signal the services were built with (waits end early). */
  stopping: AbortController;
}

export interface RunningHttpServer {
  /** http://host:port/mcp, as a client would reach it. */
  url: string;
  port: number;
  /** Graceful shutdown; resolves when nothing is left to wait for (or the grace period is over). */
  shutdown(reason: string): Promise<void>;
}

export class HttpStartError extends Error {
  override name = 'HttpStartError';
}

/** How long a refused request's body is read and dropped before its connection closes. */
const DRAIN_MS = 2_000;
/** Open connections at most (each long-poll holds one): beyond it, new ones wait in the backlog. */
const MAX_CONNECTIONS = 512;

const ALLOWED_REQUEST_HEADERS =
  'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID';

/** Refuses a setup that would let anyone on the network spend the user's keys. */
export function checkListenOptions(options: HttpListenOptions, token: string | undefined): void {
  if (!isLoopback(options.host) && !token) {
    throw new HttpStartError(
      `Refusing to listen on ${options.host} without a token: anyone who can reach this machine could generate images and HeyGen looks on your keys. ` +
        'Set AVATAR_LOOKS_HTTP_TOKEN (at least 32 characters, e.g. `openssl rand -hex 32`) and send it as "Authorization: Bearer <token>", or listen on 127.0.0.1 only (the default).',
    );
  }
}

export async function startHttpServer(deps: HttpServerDeps, options: HttpListenOptions): Promise<RunningHttpServer> {
  const { config, logger, services } = deps;
  const settings = config.http;
  checkListenOptions(options, settings.token);
  const policy = { allowedHosts: settings.allowedHosts, boundAddress: options.host };
  const active = new Set<Promise<void>>();
  let draining = false;

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
  server.maxConnections = MAX_CONNECTIONS;
  // A client that asks before sending a big body (Expect: 100-continue) hears "no" before it sends.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => dispatch(req, res, true));

  function dispatch(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    const handling = handle(req, res, expectsContinue).catch((error: unknown) => {
      logger.error('HTTP request failed', { message: (error as Error).message, stack: (error as Error).stack });
      if (!res.headersSent)
        reply(res, 500, ErrorCode.InternalError, 'Internal error in avatar-looks-mcp; the details are in its log.');
      else res.destroy();
    });
    active.add(handling);
    void handling.finally(() => active.delete(handling));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const started = Date.now();
    // Taken now: Node clears req.socket once the request stream is done with.
    const socket = req.socket;
    /**
     * A refusal before the body is used: the body is read and dropped for a moment (so the
     * client sees the answer, not a reset), then the connection closes; a refused client never
     * keeps the server reading.
     */
    const refuse = (status: number, code: number, message: string) => {
      res.setHeader('Connection', 'close');
      reply(res, status, code, message);
      req.resume();
      setTimeout(() => socket.destroy(), DRAIN_MS).unref();
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return health(req, res);

    // DNS rebinding: a page whose name points at this machine carries its own Host and Origin.
    if (!hostAllowed(req.headers.host, policy)) {
      logger.warn('refused a request for a host this server does not serve', {
        host: String(req.headers.host ?? '').slice(0, 100),
        path,
      });
      return refuse(
        403,
        -32000,
        `Forbidden: this server does not answer for Host "${String(req.headers.host ?? '').slice(0, 100)}". To reach it under that name, add it to AVATAR_LOOKS_HTTP_ALLOWED_HOSTS.`,
      );
    }
    const origin = req.headers.origin;
    if (!originAllowed(origin, settings.allowedOrigins)) {
      logger.warn('refused a request from a web page origin that is not allowed', {
        origin: String(origin).slice(0, 100),
      });
      return refuse(
        403,
        -32000,
        `Forbidden: web pages from ${String(origin).slice(0, 100)} may not call this server. To allow one, add its origin to AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS.`,
      );
    }
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (path !== '/mcp') return refuse(404, -32000, `Not found: the MCP endpoint is /mcp (and /healthz for liveness).`);
    if (req.method === 'OPTIONS' && origin) {
      res
        .writeHead(204, {
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
          'Access-Control-Max-Age': '600',
        })
        .end();
      return;
    }
    if (draining) {
      res.setHeader('Retry-After', '5');
      return refuse(
        503,
        -32000,
        'The server is shutting down (a restart or deploy): send the request again in a few seconds. Jobs already started go on.',
      );
    }
    if (settings.token && !bearerMatches(req.headers.authorization, settings.token)) {
      if (req.headers.authorization) logger.warn('refused a wrong bearer token', { from: socket.remoteAddress });
      res.setHeader(
        'WWW-Authenticate',
        req.headers.authorization
          ? 'Bearer realm="avatar-looks-mcp", error="invalid_token"'
          : 'Bearer realm="avatar-looks-mcp"',
      );
      return refuse(
        401,
        -32000,
        `Unauthorized: ${req.headers.authorization ? 'the bearer token is wrong' : 'send "Authorization: Bearer <token>"'}. The token is the server's AVATAR_LOOKS_HTTP_TOKEN.`,
      );
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(
        405,
        -32000,
        `Method ${req.method} not allowed: this server is stateless (no sessions, no server-sent stream); send each JSON-RPC message as a POST to /mcp.`,
      );
    }

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > settings.maxBodyBytes) return refuse(413, -32000, tooLarge(declared));
    if (expectsContinue) res.writeContinue();
    const body = await readBody(req, settings.maxBodyBytes);
    if (body === 'gone') return;
    if (body === 'too-large') return refuse(413, -32000, tooLarge(undefined));
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, ErrorCode.ParseError, 'Parse error: the body is not JSON. Send a JSON-RPC message.');
    }

    const mcp = createServer(deps);
    // The body is already read (and capped) above: the transport gets it parsed.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const ids = requestIds(message);
    const timeout = setTimeout(() => {
      // The tools answer within about 50 s; this only fires when something upstream hangs.
      logger.warn('HTTP request timed out', { ms: Date.now() - started, methods: methodsOf(message) });
      for (const id of ids) {
        void transport
          .send(
            {
              jsonrpc: '2.0',
              id,
              error: {
                code: ErrorCode.RequestTimeout,
                message: `The server took longer than ${Math.round(settings.requestTimeoutMs / 1000)} s to answer and gave up. Long work runs as jobs: if a job_id was returned before, follow it with get_job; otherwise call again.`,
              },
            },
            { relatedRequestId: id },
          )
          .catch(() => res.destroy());
      }
    }, settings.requestTimeoutMs);
    res.on('close', () => {
      clearTimeout(timeout);
      void transport.close();
      void mcp.close();
      logger.debug('HTTP request', { methods: methodsOf(message), status: res.statusCode, ms: Date.now() - started });
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, message);
  }

  function health(req: IncomingMessage, res: ServerResponse): void {
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

  function tooLarge(declared: number | undefined): string {
    const limit = `${(settings.maxBodyBytes / 1024 / 1024).toFixed(0)} MB`;
    return `Request too large: ${declared ? `${(declared / 1024 / 1024).toFixed(1)} MB, ` : ''}over this server's ${limit} limit. Pass a large reference photo as an https:// URL (or a path on the server) instead of a data: URL, or raise AVATAR_LOOKS_HTTP_MAX_BODY_MB.`;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new HttpStartError(
          error.code === 'EADDRINUSE'
            ? `Port ${options.port} on ${options.host} is already in use: stop what holds it, or pass --port with another number.`
            : error.code === 'EADDRNOTAVAIL'
              ? `${options.host} is not an address of this machine: pass --host with one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for all).`
              : `Could not listen on ${options.host}:${options.port}: ${error.message}.`,
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':')
    ? `[${options.host}]`
    : options.host === '0.0.0.0'
      ? '127.0.0.1'
      : options.host;

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (shuttingDown ??= (async () => {
      const deadline = Date.now() + settings.shutdownMs;
      draining = true;
      deps.stopping.abort();
      server.close();
      server.closeIdleConnections();
      const jobs = await services.jobs.stopAtSafePoints();
      logger.info('shutting down', {
        reason,
        requests_running: active.size,
        jobs_running: jobs.map((job) => job.id),
        grace_ms: settings.shutdownMs,
      });
      for (;;) {
        const left = await services.jobs.running();
        if ((active.size === 0 && left.length === 0) || Date.now() >= deadline) {
          for (const job of left) {
            logger.warn(
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
    })());

  return { url: `http://${shownHost}:${port}/mcp`, port, shutdown };
}

function reply(res: ServerResponse, status: number, code: number, message: string): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * The body; "too-large" as soon as it passes the limit (the rest is then dropped, not kept);
 * "gone" when the client went away before sending it all.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'gone'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve('gone'));
    req.once('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'gone'));
  });
}

function requestIds(message: unknown): Array<string | number> {
  const messages = (Array.isArray(message) ? message : [message]) as Array<
    Partial<JSONRPCMessage> & { id?: unknown; method?: unknown }
  >;
  return messages
    .filter((item) => typeof item?.method === 'string' && (typeof item.id === 'string' || typeof item.id === 'number'))
    .map((item) => item.id as string | number);
}

function methodsOf(message: unknown): string {
  const messages = (Array.isArray(message) ? message : [message]) as Array<{ method?: unknown }>;
  return messages.map((item) => (typeof item?.method === 'string' ? item.method : 'response')).join(',');
}
