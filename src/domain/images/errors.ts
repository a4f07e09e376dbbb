// The error of everything that can go wrong making an image: a UserError that also says whether
// trying again can help, how long the provider asked to wait, and which provider said it.

import { UserError } from '../../core/errors.ts';

export type ImageErrorKind =
  | 'reference' // the reference photo is missing, unreadable or unusable
  | 'prompt_blocked' // the provider refused the prompt or reference
  | 'output_blocked' // the provider made an image and withheld it
  | 'no_image' // the model answered without an image
  | 'rate_limited' // 429 with a retry delay
  | 'no_quota' // 429 with limit 0: this key has no image quota at all
  | 'unavailable' // 5xx, overloaded, network
  | 'timeout'
  | 'cancelled'
  | 'auth' // bad or missing key
  | 'config' // wrong model, missing variable
  | 'storage' // generated, but could not be saved
  | 'bad_request';

/** Outcomes the same prompt and photo would meet again: a re-call returns them instead of paying again. */
const FINAL_KINDS = new Set<ImageErrorKind>(['prompt_blocked', 'output_blocked', 'reference']);

export class ImageError extends UserError {
  override name = 'ImageError';
  declare readonly kind: ImageErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly provider: string | undefined;
  attempts = 1;

  constructor(
    kind: ImageErrorKind,
    message: string,
    nextStep: string,
    options: { retryable?: boolean; retryAfterMs?: number; provider?: string | undefined; cause?: unknown } = {},
  ) {
    super(kind, message, nextStep, { final: FINAL_KINDS.has(kind), cause: options.cause });
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
  }
}
