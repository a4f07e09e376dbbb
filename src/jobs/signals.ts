// What a job runner listens for, in a module with no dependencies: the runner installs its signal
// handlers before it loads anything heavy, so an early cancel is recorded, not a dead runner.

import { UserError } from '../core/errors.ts';

/** What the server sends a job runner to have it stop at a safe point (SIGTERM cancels). */
export const STOP_SIGNAL = 'SIGUSR2';

/** The error a job is stopped with when it is cancelled or runs too long. */
export function cancellation(reason: string): UserError {
  return new UserError('cancelled', reason, 'Call the tool again when ready.');
}
