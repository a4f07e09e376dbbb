// HeyGen v3 over undici: one keep-alive dispatcher, a timeout and the caller's AbortSignal on
// every call, answers parsed with zod, HTML pages recognised, and retries (p-retry) only where
// they cannot do anything twice: GETs on 429, 5xx and network errors; POSTs only on 429 (HeyGen
// did nothing) or when the connection was never made.

import pRetry, { AbortError } from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, FormData, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { neverSent, retryAfterMs } from '../../core/net.ts';
import { HeyGenError } from './errors.ts';
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
}

export interface CallOptions {
  /** This call's timeout (default: the client's). Uploads get longer: the body takes time to send. */
  timeoutMs?: number;
  /** This call's retry budget (default: the client's). */
  retries?: number;
}

type Body = { json: unknown } | { form: FormData } | undefined;

export class HeyGenClient {
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryAfterMs: number;
  private readonly backoffMs: number;
  private readonly dispatcher: Dispatcher;

  constructor(options: HeyGenClientOptions) {
    this.apiKey = options.apiKey;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
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
    query: Record<string, string | number | undefined> = {},
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

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body: Body,
    signal: AbortSignal | undefined,
    query: Record<string, string | number | undefined>,
    options: CallOptions,
  ): Promise<z.infer<T>> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    let failures = 0;
    try {
      return await pRetry(() => this.once(method, url, schema, body, signal, timeoutMs), {
        retries: options.retries ?? this.retries,
        minTimeout: 0,
        maxTimeout: 0,
        ...(signal ? { signal } : {}),
        shouldRetry: ({ error }) => this.retryable(method, error),
        // p-retry's own delays are off: the wait is decided here (Retry-After, or backoff).
        onFailedAttempt: async ({ error, retriesLeft }) => {
          failures += 1;
          if (retriesLeft === 0 || !this.retryable(method, error)) return;
          const retryAfter = error instanceof RetryAfter ? error.ms : undefined;
          const wait =
            retryAfter !== undefined
              ? Math.min(retryAfter, this.maxRetryAfterMs)
              : this.backoffMs * 2 ** (failures - 1);
          await sleep(wait, undefined, signal ? { signal } : undefined);
        },
      });
    } catch (error) {
      const retried = Math.max(0, failures - 1);
      if (error instanceof RetryAfter) throw error.heygen.withRetries(retried);
      if (error instanceof HeyGenError) throw error.withRetries(retried);
      if (signal?.aborted)
        throw new HeyGenError({
          status: 0,
          code: 'cancelled',
          message: 'the request was cancelled',
          maybeProcessed: method === 'POST',
        });
      throw error;
    }
  }

  private retryable(method: 'GET' | 'POST', error: unknown): boolean {
    const heygen = error instanceof RetryAfter ? error.heygen : error;
    if (!(heygen instanceof HeyGenError)) return false;
    if (heygen.status === 429) return true; // rejected before anything was done
    if (heygen.code === 'cancelled' || heygen.code === 'html_response') return false;
    if (method === 'GET') return heygen.status >= 500 || heygen.status === 0;
    return heygen.status === 0 && heygen.code === 'connect_failed'; // never reached HeyGen
  }

  private async once<T extends z.ZodType>(
    method: 'GET' | 'POST',
    url: URL,
    schema: T,
    body: Body,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<z.infer<T>> {
    const timeout = AbortSignal.timeout(Math.ceil(timeoutMs));
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'x-api-key': this.apiKey, accept: 'application/json' };
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
      throw this.transportError(error, method, url, signal, timeout, timeoutMs, true);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      // The connection broke while the answer was arriving: the request itself was carried out.
      throw this.transportError(error, method, url, signal, timeout, timeoutMs, false);
    }
    const contentType = String(response.headers['content-type'] ?? '');
    if (contentType.includes('text/html') || /^\s*</.test(text)) {
      throw new HeyGenError({
        status: response.statusCode,
        code: 'html_response',
        message: `an HTML page instead of JSON (HTTP ${response.statusCode})`,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HeyGenError({
        status: response.statusCode,
        code: 'bad_response',
        message: `an answer that is not JSON (HTTP ${response.statusCode})`,
      });
    }
    if (response.statusCode >= 400) {
      const envelope = errorEnvelope.safeParse(parsed);
      const error = new HeyGenError({
        status: response.statusCode,
        code: envelope.success ? envelope.data.error.code : 'error',
        message:
          envelope.success && envelope.data.error.message ? envelope.data.error.message : `HTTP ${response.statusCode}`,
        param: envelope.success ? (envelope.data.error.param ?? undefined) : undefined,
        // A gateway's 5xx may come after HeyGen did the work: a POST is then "maybe done".
        maybeProcessed: method === 'POST' && response.statusCode >= 500,
      });
      if (response.statusCode === 429) throw new RetryAfter(error, retryAfterMs(response.headers['retry-after']));
      throw error;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      throw new HeyGenError({
        status: response.statusCode,
        code: 'unexpected_response',
        message: `an answer of an unexpected shape (${result.error.issues[0]?.path.join('.') ?? ''}: ${result.error.issues[0]?.message ?? ''})`,
      });
    }
    return result.data;
  }

  private transportError(
    error: unknown,
    method: 'GET' | 'POST',
    url: URL,
    signal: AbortSignal | undefined,
    timeout: AbortSignal,
    timeoutMs: number,
    beforeAnswer: boolean,
  ): Error {
    if (signal?.aborted)
      return new AbortError(
        new HeyGenError({
          status: 0,
          code: 'cancelled',
          message: 'the call was cancelled',
          maybeProcessed: method === 'POST',
        }),
      );
    const errno = error as NodeJS.ErrnoException;
    const code = errno.code ?? '';
    if (beforeAnswer && neverSent(errno))
      return new HeyGenError({
        status: 0,
        code: 'connect_failed',
        message: `could not connect to ${url.host} (${code})`,
      });
    const timedOut = timeout.aborted || /timeout/i.test(code);
    return new HeyGenError({
      status: 0,
      code: timedOut ? 'timeout' : 'network_error',
      message: timedOut
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : `the connection broke (${code || errno.message})`,
      maybeProcessed: method === 'POST',
    });
  }
}

/** A 429 with how long HeyGen asked us to wait. */

class RetryAfter extends Error {
  readonly heygen: HeyGenError;
  readonly ms: number | undefined;
  constructor(heygen: HeyGenError, ms: number | undefined) {
    super(heygen.message);
    this.heygen = heygen;
    this.ms = ms;
  }
}

export { FormData };
