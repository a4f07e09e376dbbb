// The error of everything HeyGen answers or fails to answer: HTTP status, HeyGen's code, message
// and param, how often it was retried, whether the request may have been carried out anyway,
// and — as a UserError — one line of cause and what the user should do next.

import { UserError } from '../../core/errors.ts';

export interface HeyGenErrorDetails {
  /** 0 when there was no HTTP answer. */
  status: number;
  code: string;
  /** What HeyGen (or the connection) said, as it said it. */
  said: string;
  param?: string | undefined;
  retried?: number;
  /** True when the request may have reached HeyGen and been carried out even though we saw no answer. */
  maybeProcessed?: boolean;
  /** How long a 429 asked us to wait. */
  retryAfterMs?: number | undefined;
  /** What to do when it is a 404: depends on what the call was about. */
  notFound?: string | undefined;
}

export class HeyGenError extends UserError {
  override name = 'HeyGenError';
  readonly status: number;
  readonly code: string;
  readonly said: string;
  readonly param: string | undefined;
  readonly retried: number;
  readonly maybeProcessed: boolean;
  readonly retryAfterMs: number | undefined;
  private readonly details: HeyGenErrorDetails;

  constructor(details: HeyGenErrorDetails) {
    super('heygen', summary(details), advice(details));
    this.details = details;
    this.status = details.status;
    this.code = details.code;
    this.said = details.said;
    this.param = details.param;
    this.retried = details.retried ?? 0;
    this.maybeProcessed = details.maybeProcessed ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }

  withRetries(retried: number): HeyGenError {
    return new HeyGenError({ ...this.details, retried });
  }

  /** The same error, with the next step for a 404 that fits the call (e.g. "call list_avatar_groups"). */
  withNotFound(notFound: string): HeyGenError {
    return new HeyGenError({ ...this.details, notFound });
  }
}

/** One line of cause: what HeyGen said, in plain words. */
function summary(details: HeyGenErrorDetails): string {
  const said = `${details.said}${details.param ? ` (parameter ${details.param})` : ''}`;
  const retried = details.retried ?? 0;
  const times = retried > 0 ? `, after ${retried} retr${retried === 1 ? 'y' : 'ies'}` : '';
  if (details.status === 0) return `HeyGen did not answer: ${said}${times}.`;
  return `HeyGen answered HTTP ${details.status} ${details.code}: ${said}${times}.`;
}

/** What to do about it. */
function advice({ status, code, maybeProcessed, notFound }: HeyGenErrorDetails): string {
  switch (true) {
    case code === 'cancelled':
      return maybeProcessed
        ? 'The call was cancelled after it was sent: HeyGen may have carried it out; check before repeating it.'
        : 'The call was cancelled: call again when ready.';
    case status === 401:
      return "Check HEYGEN_API_KEY in the server's environment (HeyGen → Settings → API), then restart the server.";
    case status === 403:
      return 'HeyGen refused access to that resource: it may belong to another account (call list_avatar_groups for yours); if every call answers 403, check HEYGEN_API_KEY.';
    case status === 402:
      return "The HeyGen API wallet is empty (it is separate from the web plan's credits): top it up in HeyGen → Settings → API, then call again. get_heygen_account shows the balance.";
    case status === 404 && code === 'html_response':
      return 'The address is wrong: check HEYGEN_BASE_URL (it should be https://api.heygen.com).';
    case status === 404:
      return notFound ?? 'Check the id; list_avatar_groups and list_looks show what exists.';
    case status === 413:
      return "The image is over HeyGen's 32 MB limit: export it as a JPEG (2048 px is plenty) and upload that.";
    case status === 429:
      return 'HeyGen is rate-limiting this key: wait a minute, then call again.';
    case status >= 500 && maybeProcessed:
      return 'HeyGen answered with an internal error, which can come after the work was done: check before repeating the call.';
    case status >= 500:
      return 'HeyGen had an internal error: try again in a minute.';
    case status === 400:
      return 'Fix the parameter HeyGen named, then call again.';
    case maybeProcessed:
      return 'The request may have reached HeyGen and been carried out: check before repeating it.';
    default:
      return 'Check the network (and HEYGEN_BASE_URL if set), then try again.';
  }
}

/**
 * HeyGen refused the request outright: a 4xx that made nothing (not a timeout, not "still in
 * progress", not a rate limit). HeyGen replays that answer to the same Idempotency-Key for 24 h,
 * so the next attempt must use a new key.
 */
export function refusedOutright(error: unknown): boolean {
  return (
    error instanceof HeyGenError && error.status >= 400 && error.status < 500 && ![408, 409, 429].includes(error.status)
  );
}
