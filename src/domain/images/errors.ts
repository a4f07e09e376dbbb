// One error type for everything that can go wrong making an image: a cause for the user, a
// next step, whether trying again can help, and never a secret.

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

export class ImageError extends Error {
  override name = 'ImageError';
  readonly kind: ImageErrorKind;
  readonly nextStep: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly provider: string | undefined;
  attempts = 1;

  constructor(
    kind: ImageErrorKind,
    message: string,
    nextStep: string,
    options: { retryable?: boolean; retryAfterMs?: number; provider?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.nextStep = nextStep;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
  }
}
