// Whether a request to /mcp is let in, decided before a byte of its body is read: the Host and
// Origin checks (DNS rebinding), the path, the server's state, the bearer token, the method and
// the declared size. A refused request is answered and its connection closed; a request with the
// token makes its connection one that is no longer pending (connections.ts).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/log.ts';
import { failure } from '../render.ts';
import type { PendingConnections } from './connections.ts';
import { bearerMatches, hostAllowed, originAllowed, type HostPolicy } from './guard.ts';

/** How long a refused request's body is read and dropped before its connection closes. */
const DRAIN_MS = 2_000;
const ALLOWED_REQUEST_HEADERS =
  'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID';
/** JSON-RPC's "server error" code, for refusals that are not about the message itself. */
const REFUSED = -32000;

export interface Gate {
  settings: Config['http'];
  /** The bearer token every /mcp request must carry (configured, or made by the server). */
  token: string;
  /** Connections that have not shown the token yet. */
  pending: PendingConnections;
  /** Tool calls running now, each counted until its answer is done. */
  calls: { running: number };
  /** How the server's paths are shown to an HTTP client (paths.ts). */
  present: (text: string) => string;
  policy: HostPolicy;
  logger: Logger;
  draining: () => boolean;
}

export function reply(res: ServerResponse, status: number, code: number, message: string): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * A refusal before the body is used: the body is read and dropped for a moment (so the client
 * sees the answer, not a reset), then the connection closes; a refused client never keeps the
 * server reading.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  // Taken now: Node clears req.socket once the request stream is done with.
  const socket = req.socket;
  res.setHeader('Connection', 'close');
  reply(res, status, REFUSED, message);
  req.resume();
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
}

/** True when the request may go on to its body; otherwise it has been answered. */
export function admit(req: IncomingMessage, res: ServerResponse, gate: Gate): boolean {
  const { settings, logger } = gate;
  const path = (req.url ?? '/').split('?')[0];
  // DNS rebinding: a page whose name points at this machine carries its own Host and Origin.
  if (!hostAllowed(req.headers.host, gate.policy)) {
    const host = String(req.headers.host ?? '').slice(0, 100);
    logger.warn('refused a request for a host this server does not serve', { host, path });
    refuse(
      req,
      res,
      403,
      `Forbidden: this server does not answer for Host "${host}". To reach it under that name, add it to AVATAR_LOOKS_HTTP_ALLOWED_HOSTS.`,
    );
    return false;
  }
  const origin = req.headers.origin;
  if (!originAllowed(origin, settings.allowedOrigins)) {
    logger.warn('refused a request from a web page origin that is not allowed', {
      origin: String(origin).slice(0, 100),
    });
    refuse(
      req,
      res,
      403,
      `Forbidden: web pages from ${String(origin).slice(0, 100)} may not call this server. To allow one, add its origin to AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS.`,
    );
    return false;
  }
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (path !== '/mcp') {
    refuse(req, res, 404, 'Not found: the MCP endpoint is /mcp (and /healthz for liveness).');
    return false;
  }
  if (req.method === 'OPTIONS' && origin) {
    const headers = {
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
      'Access-Control-Max-Age': '600',
    };
    res.writeHead(204, headers).end();
    return false;
  }
  return admitCaller(req, res, gate);
}

/** The server's state, the caller's token, the method and the declared size. */
function admitCaller(req: IncomingMessage, res: ServerResponse, gate: Gate): boolean {
  const { settings, logger } = gate;
  if (gate.draining()) {
    res.setHeader('Retry-After', '5');
    refuse(
      req,
      res,
      503,
      'The server is shutting down (a restart or deploy): send the request again in a few seconds. Jobs already started go on.',
    );
    return false;
  }
  const authorization = req.headers.authorization;
  if (!bearerMatches(authorization, gate.token)) {
    if (authorization) logger.warn('refused a wrong bearer token', { from: req.socket.remoteAddress });
    res.setHeader(
      'WWW-Authenticate',
      authorization ? 'Bearer realm="avatar-looks-mcp", error="invalid_token"' : 'Bearer realm="avatar-looks-mcp"',
    );
    const why = authorization ? 'the bearer token is wrong' : 'send "Authorization: Bearer <token>"';
    refuse(
      req,
      res,
      401,
      `Unauthorized: ${why}. The token is the server's AVATAR_LOOKS_HTTP_TOKEN or, when that is not set, the content of the file http-token in its AVATAR_LOOKS_HOME.`,
    );
    return false;
  }
  gate.pending.authenticated(req.socket);
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    refuse(
      req,
      res,
      405,
      `Method ${req.method} not allowed: this server is stateless (no sessions, no server-sent stream); send each JSON-RPC message as a POST to /mcp.`,
    );
    return false;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > settings.maxBodyBytes) {
    refuse(req, res, 413, tooLarge(settings.maxBodyBytes, declared));
    return false;
  }
  return true;
}

export function tooLarge(maxBodyBytes: number, declared: number | undefined): string {
  const limit = `${(maxBodyBytes / 1024 / 1024).toFixed(0)} MB`;
  return `Request too large: ${declared ? `${(declared / 1024 / 1024).toFixed(1)} MB, ` : ''}over this server's ${limit} limit. Pass a large reference photo as an https:// URL (or a path on the server) instead of a data: URL, or raise AVATAR_LOOKS_HTTP_MAX_BODY_MB.`;
}

/**
 * A tools/call beyond the calls in flight is answered at once as a tool error (the model reads it
 * and calls again), and nothing of it starts; any other is counted until its answer is done.
 */
export function admitCall(message: unknown, res: ServerResponse, gate: Gate): boolean {
  const { method, id } = (message ?? {}) as { method?: unknown; id?: unknown };
  if (method !== 'tools/call') return true;
  const cap = gate.settings.maxCallsInFlight;
  if (gate.calls.running >= cap && (typeof id === 'string' || typeof id === 'number')) {
    gate.logger.warn('refused a tool call: the server is at its calls in flight', { running: gate.calls.running });
    const result = failure(
      `The server is busy: ${cap} tool calls are already running on it (AVATAR_LOOKS_MAX_CALLS_IN_FLIGHT). Nothing was started.`,
      'Call again in a few seconds. To follow several jobs, wait on them one get_job call at a time rather than all at once.',
    );
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(JSON.stringify({ jsonrpc: '2.0', id, result }));
    return false;
  }
  gate.calls.running++;
  res.once('close', () => gate.calls.running--);
  return true;
}
