// OpenAI GPT Image over undici (no SDK): POST /v1/images/edits, multipart, with the reference
// photos as image[]. One attempt per call: withRetries() decides on retries.

import { Agent, FormData, request, type Dispatcher } from 'undici';
import { neverSent, retryAfterMs } from '../../core/net.ts';
import { checkKeyByRead } from './key-check.ts';
import { ImageError } from './errors.ts';
import { describeImage, type GeneratedImage, type GenerateRequest, type ImageProvider } from './provider.ts';

export const OPENAI_QUALITIES = ['low', 'medium', 'high', 'auto'] as const;
export type OpenAIQuality = (typeof OPENAI_QUALITIES)[number];

/** Approximate USD per image by quality (third-party figures for a 1024×1536 portrait). */
const COST_USD: Record<OpenAIQuality, number> = { low: 0.02, medium: 0.05, high: 0.2, auto: 0.05 };
/** Models that take input_fidelity (faces kept closer to the reference). */
const FIDELITY_MODELS = new Set(['gpt-image-1.5']);
/** gpt-image-2 (and its dated snapshots) takes any size within GPT_IMAGE_2_SIZES; the others three fixed sizes. */
const freeSize = (model: string) => /^gpt-image-2(-|$)/.test(model);

/** What gpt-image-2 accepts (OpenAI's published rule): edges in multiples of 16, long:short ≤ 3:1, and this many pixels. */
export const GPT_IMAGE_2_SIZES = { multiple: 16, maxRatio: 3, minPixels: 655_360, maxPixels: 8_294_400 } as const;

/** The `error` object of an OpenAI error answer. */
type OpenAIErrorBody = { message?: string; type?: string; code?: string | null };

export interface OpenAIOptions {
  apiKey: string;
  model: string;
  quality: OpenAIQuality;
  baseUrl: string;
  timeoutMs: number;
}

export class OpenAIProvider implements ImageProvider {
  readonly name = 'openai';
  readonly models = ['gpt-image-1.5', 'gpt-image-2'];
  readonly defaultModel: string;
  readonly sandbox = false;
  priceUsd(): number {
    return COST_USD[this.options.quality];
  }
  private readonly options: OpenAIOptions;
  private readonly dispatcher: Dispatcher = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });

  constructor(options: OpenAIOptions) {
    this.options = options;
    this.defaultModel = options.model;
  }

  checkKey(signal: AbortSignal): Promise<string> {
    return checkKeyByRead({
      provider: 'OpenAI',
      url: `${this.options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/models`,
      headers: { authorization: `Bearer ${this.options.apiKey}` },
      variable: 'OPENAI_API_KEY',
      describe: () => 'key accepted (models listed)',
      signal,
    });
  }

  async generate(generation: GenerateRequest): Promise<GeneratedImage> {
    const model = generation.model ?? this.defaultModel;
    const form = new FormData();
    form.set('model', model);
    form.set('prompt', generation.prompt);
    // Edits take up to 16 images: every reference photo goes.
    for (const [index, reference] of generation.references.entries())
      form.append(
        'image[]',
        new Blob([new Uint8Array(reference.bytes)], { type: reference.mimeType }),
        index === 0 ? 'reference.jpg' : `reference-${index + 1}.jpg`,
      );
    form.set('size', sizeFor(model, generation.aspectRatio, generation.size));
    form.set('quality', this.options.quality);
    form.set('output_format', 'png');
    form.set('n', '1');
    if (FIDELITY_MODELS.has(model)) form.set('input_fidelity', 'high'); // gpt-image-2 always uses high fidelity

    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      // OPENAI_BASE_URL is often given with /v1 (as the SDK takes it): accept both.
      response = await request(`${this.options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/images/edits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' },
        body: form,
        dispatcher: this.dispatcher,
        signal: AbortSignal.any([generation.signal, deadline]),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      text = await response.body.text();
    } catch (error) {
      throw this.transportError(error, generation.signal, deadline);
    }
    let body: {
      data?: Array<{ b64_json?: string }>;
      error?: { message?: string; type?: string; code?: string | null };
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ImageError(
        'unavailable',
        `OpenAI answered HTTP ${response.statusCode} with something that is not JSON.`,
        'Check OPENAI_BASE_URL, then try again.',
        { provider: this.name },
      );
    }
    if (response.statusCode >= 400)
      throw this.apiError(response.statusCode, body.error, response.headers['retry-after'], model);
    // A 200 answer is a billed answer: a missing or broken image is neither retried nor passed on.
    const billed = (what: string) =>
      new ImageError(
        'unavailable',
        `OpenAI (${model}) answered ${what}.`,
        'The answer may have been billed, so it was not retried or passed to another provider. Call again if you want another attempt.',
        { provider: this.name },
      );
    const b64 = body.data?.[0]?.b64_json;
    if (!b64) throw billed('without an image');
    const bytes = Buffer.from(b64, 'base64');
    let described;
    try {
      described = await describeImage(bytes, 'OpenAI');
    } catch {
      throw billed('with data that is not an image');
    }
    return { bytes, ...described, provider: this.name, model, costUsd: COST_USD[this.options.quality], sandbox: false };
  }

  private apiError(
    status: number,
    error: OpenAIErrorBody | undefined,
    retryAfter: string | string[] | undefined,
    model: string,
  ): ImageError {
    // OpenAI echoes part of a bad key ("sk-ab…6789"): keep even that out of messages.
    const detail = error?.message
      ? `: ${error.message
          .slice(0, 300)
          .replace(/sk-[\w*.-]+/g, 'sk-…')
          .replace(/\.+$/, '')}`
      : '';
    const options = { provider: this.name };
    if (error?.code === 'moderation_blocked') {
      return new ImageError(
        'prompt_blocked',
        `OpenAI's safety system rejected the request${detail}.`,
        'Reword the wardrobe or set, or use another reference photo; retrying the same request will not help.',
        options,
      );
    }
    if (status === 401)
      return new ImageError(
        'auth',
        `OpenAI rejected the API key${detail}.`,
        "Check OPENAI_API_KEY in the server's environment, then restart the server.",
        options,
      );
    if (status === 403 && /verif/i.test(error?.message ?? '')) {
      return new ImageError(
        'config',
        `OpenAI requires a verified organization for ${model}${detail}.`,
        'Verify the organization at platform.openai.com → Settings → Organization → General (it can take a few minutes), or use another provider.',
        options,
      );
    }
    if (status === 403)
      return new ImageError(
        'auth',
        `OpenAI refused the request${detail}.`,
        "Check OPENAI_API_KEY and the project's permissions.",
        options,
      );
    if (status === 429 && (error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota')) {
      return new ImageError(
        'no_quota',
        `This OpenAI key has no quota left${detail}.`,
        'Add credit or raise the limit at platform.openai.com → Billing, or use another provider.',
        options,
      );
    }
    if (status === 429) {
      const wait = retryAfterMs(retryAfter);
      return new ImageError(
        'rate_limited',
        `OpenAI is rate-limiting this key${detail}.`,
        'Wait a minute and call again; short waits are retried automatically.',
        { ...options, retryable: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) },
      );
    }
    return this.otherError(status, error, detail, model);
  }

  /** Outages, a wrong model or address, and anything else OpenAI refused. */
  private otherError(status: number, error: OpenAIErrorBody | undefined, detail: string, model: string): ImageError {
    const options = { provider: this.name };
    if (status >= 500)
      return new ImageError(
        'unavailable',
        `OpenAI is unavailable (HTTP ${status})${detail}.`,
        'It was retried; try again in a minute.',
        { ...options, retryable: true },
      );
    if (status === 404 && error?.code === 'model_not_found')
      return new ImageError(
        'config',
        `OpenAI has no model "${model}"${detail}.`,
        'Set OPENAI_IMAGE_MODEL to gpt-image-1.5 or gpt-image-2, or pass model.',
        options,
      );
    if (status === 404)
      return new ImageError(
        'config',
        `OpenAI answered 404 for the images endpoint${detail}.`,
        'Check OPENAI_BASE_URL (https://api.openai.com).',
        options,
      );
    return new ImageError(
      'bad_request',
      `OpenAI rejected the request (HTTP ${status})${detail}.`,
      'Check the prompt and the reference photo.',
      options,
    );
  }

  private transportError(error: unknown, signal: AbortSignal, deadline: AbortSignal): ImageError {
    if (signal.aborted)
      return new ImageError('cancelled', 'The image request was cancelled.', 'Call the tool again when ready.', {
        provider: this.name,
      });
    if (deadline.aborted)
      return new ImageError(
        'timeout',
        'OpenAI did not answer in time.',
        'OpenAI may still have made (and billed) the image. It can take up to 2 minutes: call again, or raise OPENAI_TIMEOUT_SECONDS.',
        { provider: this.name },
      );
    const errno = error as NodeJS.ErrnoException;
    if (neverSent(errno)) {
      return new ImageError(
        'unavailable',
        `Could not reach OpenAI (${errno.code}).`,
        'Check the network (and OPENAI_BASE_URL if set), then try again.',
        { provider: this.name, retryable: true, cause: error },
      );
    }
    return new ImageError(
      'unavailable',
      `The connection to OpenAI broke after the request was sent (${errno.code ?? errno.message}).`,
      'OpenAI may have made (and billed) the image; it was not retried automatically. Call again if you want another attempt.',
      { provider: this.name, cause: error },
    );
  }
}

/**
 * A size the model takes, in the video's shape: for gpt-image-2 the long edge the size asks for,
 * moved (in steps of 16) until the pixel count is one OpenAI accepts — 1K landscape is 1088×608,
 * not 1024×576, and 4K square 2880×2880, not 3840×3840.
 */
export function sizeFor(model: string, aspectRatio: string, size: '1K' | '2K' | '4K'): string {
  const [w = 1, h = 1] = aspectRatio.split(':').map(Number);
  if (!freeSize(model)) return w > h ? '1536x1024' : w < h ? '1024x1536' : '1024x1024';
  const { multiple, minPixels, maxPixels } = GPT_IMAGE_2_SIZES;
  const shortFor = (long: number) => Math.round((long * Math.min(w, h)) / Math.max(w, h) / multiple) * multiple;
  let long = { '1K': 1024, '2K': 2048, '4K': 3840 }[size];
  while (long * shortFor(long) < minPixels) long += multiple;
  while (long * shortFor(long) > maxPixels) long -= multiple;
  const short = shortFor(long);
  return w >= h ? `${long}x${short}` : `${short}x${long}`;
}

/** Why OpenAI would refuse this size for gpt-image-2, or undefined when it takes it. */
export function gptImage2SizeProblem(width: number, height: number): string | undefined {
  const { multiple, maxRatio, minPixels, maxPixels } = GPT_IMAGE_2_SIZES;
  if (width % multiple !== 0 || height % multiple !== 0) return `both edges must be multiples of ${multiple}`;
  if (Math.max(width, height) / Math.min(width, height) > maxRatio)
    return `the long edge may be at most ${maxRatio}× the short`;
  const pixels = width * height;
  if (pixels < minPixels || pixels > maxPixels)
    return `the image must have between ${minPixels} and ${maxPixels} pixels (this is ${pixels})`;
  return undefined;
}
