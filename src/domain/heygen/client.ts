// HeyGen v3 over undici: one keep-alive dispatcher, a timeout and the caller's AbortSignal on
// every call, answers parsed with zod, HTML pages recognised, and retries only where they cannot
// do anything twice: GETs on 429, 5xx and network errors; POSTs only on 429 (HeyGen did nothing)
// or when the connection was never made.

import { Agent, FormData, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { neverSent, retryAfterMs } from '../../core/net.ts';
import { retry } from '../../core/retry.ts';
import { HeyGenError, type HeyGenErrorDetails } from './errors.ts';
import { errorEnvelope } from './schemas.ts';

export interface HeyGenClientOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Extra attempts after the first. */
  retries?: number;
  /** Longest Retry-After we honour. */
  maxRetryAfterMs?: number;
  backoffMs?: number;
  /** 1 for HeyGen; smaller for a local double whose looks are ready in seconds (see polling.ts). */
  pollScale?: number;
}

export interface CallOptions {
  /** This call's timeout (default: the client's). Uploads get longer: the body takes time to send. */
  timeoutMs?: number;
  /** This call's retry budget (default: the client's). */
  retries?: number;
  /**
   * Sent as Idempotency-Key: HeyGen replays the first answer to a POST that repeats the key for
   * 24 h, and answers 409 request_in_progress while the first is still being handled. Where
   * HeyGen documents that it honours the key (`honoured`), a POST whose answer was lost is simply
   * sent again; elsewhere the key is sent, but nothing relies on it.
   */
  idempotency?: { key: string; honoured: boolean };
}

type Method = 'GET' | 'POST' | 'DELETE';
type Body = { json: unknown } | { form: FormData } | undefined;
type Query = Record<string, string | number | undefined>;

export class HeyGenClient {
  /** How much shorter than HeyGen's polling cadence this HeyGen may be asked about a look. */
  readonly pollScale: number;
  /** Where it is: learned timings (how soon looks are ready) are kept per endpoint. */
  readonly endpoint: string;
  private readonly apiKey: string;
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryAfterMs: number;
  private readonly backoffMs: number;
  private readonly dispatcher: Dispatcher;

  constructor(options: HeyGenClientOptions) {
    this.apiKey = options.apiKey;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.endpoint = new URL(this.baseUrl).origin;
    this.pollScale = options.pollScale ?? 1;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.dispatcher = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });
  }

  get<T extends z.ZodType>(
    path: string,
    schema: T,
    signal?: AbortSignal,
    query: Query = {},
    options: CallOptions = {},
  ): Promise<z.infer<T>> {
    return this.call('GET', path, schema, undefined, signal, query, options);
  }

  post<T extends z.ZodType>(
    path: string,
    schema: T,
    body: Body,
    signal?: AbortSignal,
    options: CallOptions = {},
  ): Promise<z.infer<T>> {
    return this.call('POST', path, schema, body, signal, {}, options);
  }

  /** DELETE is idempotent: the same call again deletes nothing more (a 404 then says it is gone). */
  delete<T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
    return this.call('DELETE', path, schema, undefined, signal, {}, {});
  }

  private async call<T extends z.ZodType>(
    method: Method,
    path: string,
    schema: T,
    body: Body,
    signal: AbortSignal | undefined,
    query: Query,
    options: CallOptions,
  ): Promise<z.infer<T>> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const retries = options.retries ?? this.retries;
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    let attempts = 0;
    try {
      return await retry(
        (n) => {
          attempts = n;
          return this.once(method, url, schema, body, signal, timeoutMs, options.idempotency?.key);
        },
        {
          signal,
          delay: (error, n) =>
            n > retries ? undefined : this.delay(method, error, n, options.idempotency?.honoured === true),
          cancelled: () => cancelled(method),
        },
      );
    } catch (error) {
      if (error instanceof HeyGenError) throw attempts > 1 ? error.withRetries(attempts - 1) : error;
      if (signal?.aborted) throw cancelled(method);
      throw error;
    }
  }

  /**
   * How long to wait before trying again, or undefined when trying again could do something
   * twice. A POST whose key HeyGen honours is as safe to repeat as a GET: the repeat gets the
   * first answer, or a 409 while the first is still being handled (then it waits).
   */
  private delay(method: Method, error: unknown, attempt: number, replayed: boolean): number | undefined {
    if (!(error instanceof HeyGenError) || error.code === 'cancelled' || error.code === 'html_response')
      return undefined;
    const backoff = this.backoffMs * 2 ** (attempt - 1);
    if (error.status === 429) return Math.min(error.retryAfterMs ?? backoff, this.maxRetryAfterMs);
    const safe = method === 'GET' || method === 'DELETE' || replayed;
    if (safe && (error.status >= 500 || error.status === 0)) return backoff;
    if (replayed && error.status === 409 && error.code === 'request_in_progress') return backoff;
    return error.status === 0 && error.code === 'connect_failed' ? backoff : undefined;
  }

  private async once<T extends z.ZodType>(
    method: Method,
    url: URL,
    schema: T,
    body: Body,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    idempotencyKey: string | undefined,
  ): Promise<z.infer<T>> {
    const timeout = AbortSignal.timeout(Math.ceil(timeoutMs));
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'x-api-key': this.apiKey, accept: 'application/json' };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let payload: string | FormData | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body && 'form' in body) payload = body.form;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method,
        headers,
        body: payload,
        dispatcher: this.dispatcher,
        signal: combined,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw transportError(error, method, url, signal, timeout, timeoutMs, true);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      // The connection broke while the answer was arriving: the request itself was carried out.
      throw transportError(error, method, url, signal, timeout, timeoutMs, false);
    }
    return parseAnswer(method, response, text, schema);
  }
}

function parseAnswer<T extends z.ZodType>(
  method: Method,
  response: Dispatcher.ResponseData,
  text: string,
  schema: T,
): z.infer<T> {
  const status = response.statusCode;
  const contentType = String(response.headers['content-type'] ?? '');
  if (contentType.includes('text/html') || /^\s*</.test(text)) {
    throw new HeyGenError({ status, code: 'html_response', said: `an HTML page instead of JSON (HTTP ${status})` });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HeyGenError({ status, code: 'bad_response', said: `an answer that is not JSON (HTTP ${status})` });
  }
  if (status >= 400) {
    const envelope = errorEnvelope.safeParse(parsed);
    throw new HeyGenError({
      status,
      code: envelope.success ? envelope.data.error.code : 'error',
      said: envelope.success && envelope.data.error.message ? envelope.data.error.message : `HTTP ${status}`,
      param: envelope.success ? (envelope.data.error.param ?? undefined) : undefined,
      // A gateway's 5xx may come after HeyGen did the work: a POST is then "maybe done".
      maybeProcessed: method === 'POST' && status >= 500,
      ...(status === 429 ? { retryAfterMs: retryAfterMs(response.headers['retry-after']) } : {}),
    });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HeyGenError({
      status,
      code: 'unexpected_response',
      said: `an answer of an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    });
  }
  return result.data;
}

function cancelled(method: Method): HeyGenError {
  return new HeyGenError({
    status: 0,
    code: 'cancelled',
    said: 'the call was cancelled',
    maybeProcessed: method === 'POST',
  });
}

function transportError(
  error: unknown,
  method: Method,
  url: URL,
  signal: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
  beforeAnswer: boolean,
): HeyGenError {
  if (signal?.aborted) return cancelled(method);
  const errno = error as NodeJS.ErrnoException;
  const code = errno.code ?? '';
  if (beforeAnswer && neverSent(errno)) {
    return new HeyGenError({ status: 0, code: 'connect_failed', said: `could not connect to ${url.host} (${code})` });
  }
  const timedOut = timeout.aborted || /timeout/i.test(code);
  const details: HeyGenErrorDetails = {
    status: 0,
    code: timedOut ? 'timeout' : 'network_error',
    said: timedOut
      ? `no answer within ${Math.round(timeoutMs / 1000)} s`
      : `the connection broke (${code || errno.message})`,
    maybeProcessed: method === 'POST',
  };
  return new HeyGenError(details);
}

export { FormData };
