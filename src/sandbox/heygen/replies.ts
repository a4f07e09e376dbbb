// HeyGen's envelopes: {"data": …} or {"error": {code, message, param?}} with a real status, each
// with a request_id. Handlers throw ApiError; the dispatcher turns it into the error envelope. Also
// the reading of JSON request bodies, whose every failure is such an error.

// Hosts the answers point at; none of them resolves, they only need to look like HeyGen's.
export const FILES_HOST = 'https://files.heygen.example';
export const APP_HOST = 'https://app.heygen.example';
const DOCS_HOST = 'https://developers.heygen.example';

const HTML_404 =
  '<!DOCTYPE html>\n<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

/** An answer before it is written; `created` says what the request made, for the request log. */
export interface Reply {
  status: number;
  body: string | Buffer;
  headers: Record<string, string>;
  created?: 'asset' | 'look' | 'group' | 'session';
  /** The answer is a replay of an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, param?: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
    this.headers = headers;
  }
}

/** A 429 rate_limit_exceeded with its Retry-After. */
export function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'rate_limit_exceeded', message, undefined, { 'retry-after': String(retryAfterSeconds) });
}

export function json(
  status: number,
  payload: Record<string, unknown>,
  requestId: string,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    body: JSON.stringify({ ...payload, request_id: requestId }),
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

export function errorReply(error: ApiError, requestId: string): Reply {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.param !== undefined) body.param = error.param;
  body.doc_url = `${DOCS_HOST}/errors#${error.code}`;
  return json(error.status, { error: body }, requestId, error.headers);
}

/** What a proxy in front of the API answers for an unknown path: HTML, not HeyGen's JSON. */
export function html404(): Reply {
  return { status: 404, body: HTML_404, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonObject(bytes: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_parameter', 'Request body must be valid JSON');
  }
  if (!isRecord(body)) throw new ApiError(400, 'invalid_parameter', 'Request body must be a JSON object');
  return body;
}

/** An optional string field: null when absent or null, 400 invalid_parameter when of another type. */
export function optionalString(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_parameter', `${key} must be a string`, key);
  return value;
}

/** The required, non-blank `name` of a create body. */
export function requireName(body: Record<string, unknown>): string {
  if (typeof body.name !== 'string' || body.name.trim() === '')
    throw new ApiError(400, 'invalid_parameter', 'name is required', 'name');
  return body.name;
}

/** An optional, nullable id: null when absent, null or empty; 400 naming it when not a string. */
export function optionalId(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new ApiError(400, 'invalid_parameter', `${key} must be a string`, key);
  return value;
}
