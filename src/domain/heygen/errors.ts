// One error for everything HeyGen answers or fails to answer: HTTP status, HeyGen's code,
// message and param, how often it was retried, and what the user should do next.

export class HeyGenError extends Error {
  override name = 'HeyGenError';
  readonly status: number; // 0 when there was no HTTP answer
  readonly code: string;
  readonly param: string | undefined;
  readonly retried: number;
  /** True when the request may have reached HeyGen and been carried out even though we saw no answer. */
  readonly maybeProcessed: boolean;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    param?: string | undefined;
    retried?: number;
    maybeProcessed?: boolean;
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.param = options.param;
    this.retried = options.retried ?? 0;
    this.maybeProcessed = options.maybeProcessed ?? false;
  }

  withRetries(retried: number): HeyGenError {
    return new HeyGenError({
      status: this.status,
      code: this.code,
      message: this.message,
      param: this.param,
      retried,
      maybeProcessed: this.maybeProcessed,
    });
  }

  /** One line of cause: what HeyGen said, in plain words. */
  summary(): string {
    const said = `${this.message}${this.param ? ` (parameter ${this.param})` : ''}`;
    const times = this.retried > 0 ? `, after ${this.retried} retr${this.retried === 1 ? 'y' : 'ies'}` : '';
    if (this.status === 0) return `HeyGen did not answer: ${said}${times}.`;
    return `HeyGen answered HTTP ${this.status} ${this.code}: ${said}${times}.`;
  }

  /** What to do about it. `subject` names what the call was about, e.g. "the group grp_…". */
  nextStep(context: { notFound?: string } = {}): string {
    switch (true) {
      case this.code === 'cancelled':
        return this.maybeProcessed
          ? 'The call was cancelled after it was sent: HeyGen may have carried it out; check before repeating it.'
          : 'The call was cancelled: call again when ready.';
      case this.status === 401:
        return "Check HEYGEN_API_KEY in the server's environment (HeyGen → Settings → API), then restart the server.";
      case this.status === 403:
        return 'HeyGen refused access to that resource: it may belong to another account (call list_avatar_groups for yours); if every call answers 403, check HEYGEN_API_KEY.';
      case this.status === 402:
        return "The HeyGen API wallet is empty (it is separate from the web plan's credits): top it up in HeyGen → Settings → API, then call again. get_heygen_account shows the balance.";
      case this.status === 404 && this.code === 'html_response':
        return 'The address is wrong: check HEYGEN_BASE_URL (it should be https://api.heygen.com).';
      case this.status === 404:
        return context.notFound ?? 'Check the id; list_avatar_groups and list_looks show what exists.';
      case this.status === 413:
        return "The image is over HeyGen's 32 MB limit: export it as a JPEG (2048 px is plenty) and upload that.";
      case this.status === 429:
        return 'HeyGen is rate-limiting this key: wait a minute, then call again.';
      case this.status >= 500 && this.maybeProcessed:
        return 'HeyGen answered with an internal error, which can come after the work was done: check before repeating the call.';
      case this.status >= 500:
        return 'HeyGen had an internal error: try again in a minute.';
      case this.status === 400:
        return 'Fix the parameter HeyGen named, then call again.';
      case this.maybeProcessed:
        return 'The request may have reached HeyGen and been carried out: check before repeating it.';
      default:
        return 'Check the network (and HEYGEN_BASE_URL if set), then try again.';
    }
  }
}
