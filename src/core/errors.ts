// One error for every expected failure: what happened (the message: one line, in the user's
// words), what to do next, and whether calling again with the same input would end the same way
// (final). Everything a user is told goes through this shape, whichever layer it comes from;
// anything else that is thrown is a bug and is shown as one.

export class UserError extends Error {
  override name = 'UserError';
  /** A short machine-readable name ("gate_rejected", "rate_limited", "config", …). */
  readonly kind: string;
  readonly nextStep: string;
  /** True when the same input would meet the same outcome: a re-call returns it instead of paying again. */
  readonly final: boolean;

  constructor(kind: string, message: string, nextStep: string, options: { final?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.nextStep = nextStep;
    this.final = options.final ?? false;
  }
}

/** An error as it is kept in a job or run record on disk, and shown again later. */
export interface ErrorRecord {
  kind: string;
  message: string;
  next_step: string;
  final?: boolean;
}

/** The record of a UserError; `redact` removes secrets from what is written. */
export function errorRecord(error: UserError, redact: (text: string) => string = (text) => text): ErrorRecord {
  return { kind: error.kind, message: redact(error.message), next_step: redact(error.nextStep), final: error.final };
}

/** What a bug looks like to the user: said plainly, with where the details are. */
export function internalErrorRecord(error: unknown, where: string, redact: (text: string) => string): ErrorRecord {
  return {
    kind: 'internal',
    message: `Internal error: ${redact((error as Error)?.message ?? String(error))}.`,
    next_step: `This is a bug in avatar-looks-mcp; the details are in ${where}. Try again.`,
  };
}
