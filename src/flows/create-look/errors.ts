// The error a create_look step ends with: a cause, a next step, and whether calling create_look
// again with the same key can help (resumable) or would only repeat the same outcome (final).

export type PipelineErrorKind =
  | 'gate_rejected' // no candidate passed the gate (images kept, scores shown)
  | 'look_failed' // HeyGen could not make the look
  | 'consent_pending' // the avatar's owner must approve first
  | 'look_timeout' // HeyGen still processing after the wait limit
  | 'add_unresolved' // the add may have happened; the next run looks in the group first
  | 'heygen' // a HeyGen error (auth, wallet, rate limit, outage, …)
  | 'busy' // another job is working on this run
  | 'interrupted' // the server asked the job to stop at a safe point (a restart or deploy)
  | 'storage'
  | 'bad_request';

export class PipelineError extends Error {
  override name = 'PipelineError';
  readonly kind: PipelineErrorKind;
  readonly nextStep: string;
  /** True when the same inputs would end the same way: a re-call returns this, it does not resume. */
  readonly final: boolean;

  constructor(
    kind: PipelineErrorKind,
    message: string,
    nextStep: string,
    options: { final?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.nextStep = nextStep;
    this.final = options.final ?? false;
  }
}
