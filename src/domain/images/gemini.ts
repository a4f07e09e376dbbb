// Gemini through @google/genai, with every refusal and error turned into an ImageError that
// says what happened and what to do. One attempt per call: withRetries() decides on retries.

import { ApiError, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { neverSent } from '../../core/net.ts';
import { checkKeyByRead } from './key-check.ts';
import { ImageError } from './errors.ts';
import { describeImage, type GeneratedImage, type GenerateRequest, type ImageProvider } from './provider.ts';

/** Approximate USD per image at 2K (1K for models without sizes); third-party figures. */
const COST_USD: Record<string, number> = {
  'gemini-2.5-flash-image': 0.039,
  'gemini-3.1-flash-image': 0.1,
  'gemini-3-pro-image': 0.134,
};
/** Reference images a model takes (Gemini 3 models: up to 14 images, 5 of them people); others: all we send (5). */
const MAX_REFERENCES: Record<string, number> = { 'gemini-2.5-flash-image': 3 };
/** Models that take no imageSize (1K only). */
const FIXED_SIZE_MODELS = new Set(['gemini-2.5-flash-image']);

const OUTPUT_BLOCKED = new Set([
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
]);
const NO_IMAGE = new Set(['NO_IMAGE', 'IMAGE_OTHER', 'OTHER', 'STOP', 'MAX_TOKENS', 'FINISH_REASON_UNSPECIFIED']);

export interface GeminiOptions {
  apiKey: string;
  apiKeyVariable: string;
  model: string;
  baseUrl: string | undefined;
  timeoutMs: number;
}

export class GeminiProvider implements ImageProvider {
  readonly name = 'gemini';
  readonly models = Object.keys(COST_USD);
  priceUsd(model: string): number {
    return COST_USD[model] ?? 0.1;
  }
  readonly defaultModel: string;
  readonly sandbox = false;
  private readonly client: GoogleGenAI;
  private readonly keyVariable: string;

  private readonly keyCheck: { url: string; apiKey: string };

  constructor(options: GeminiOptions) {
    this.defaultModel = options.model;
    const base = (options.baseUrl ?? 'https://generativelanguage.googleapis.com').replace(/\/+$/, '');
    this.keyCheck = { url: `${base}/v1beta/models?pageSize=1`, apiKey: options.apiKey };
    this.keyVariable = options.apiKeyVariable;
    // v1beta pinned: the SDK's default v1 has been seen to reject responseModalities.
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      apiVersion: 'v1beta',
      httpOptions: { timeout: options.timeoutMs, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) },
    });
  }

  checkKey(signal: AbortSignal): Promise<string> {
    return checkKeyByRead({
      provider: 'Gemini',
      url: this.keyCheck.url,
      headers: { 'x-goog-api-key': this.keyCheck.apiKey },
      variable: this.keyVariable,
      describe: () => 'key accepted (models listed)',
      signal,
    });
  }

  async generate(request: GenerateRequest): Promise<GeneratedImage> {
    const model = request.model ?? this.defaultModel;
    let response: GenerateContentResponse;
    try {
      response = await this.client.models.generateContent({
        model,
        contents: [
          {
            role: 'user',
            parts: [
              ...request.references.slice(0, MAX_REFERENCES[model] ?? 5).map((reference) => ({
                inlineData: { mimeType: reference.mimeType, data: reference.bytes.toString('base64') },
              })),
              { text: request.prompt },
            ],
          },
        ],
        config: {
          responseModalities: ['IMAGE'],
          imageConfig: {
            aspectRatio: request.aspectRatio,
            ...(FIXED_SIZE_MODELS.has(model) ? {} : { imageSize: request.size }),
          },
          abortSignal: request.signal,
        },
      });
    } catch (error) {
      throw this.mapError(error, model, request.signal);
    }
    const bytes = this.imageFrom(response, model);
    const described = await describeImage(bytes, 'Gemini');
    return { bytes, ...described, provider: this.name, model, costUsd: COST_USD[model] ?? 0.1, sandbox: false };
  }

  /** The last non-thought image part: Gemini 3 may send interim "thought" images first. */
  private imageFrom(response: GenerateContentResponse, model: string): Buffer {
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason) {
      throw new ImageError(
        'prompt_blocked',
        `Gemini refused the request before generating (${blockReason}${response.promptFeedback?.blockReasonMessage ? `: ${response.promptFeedback.blockReasonMessage}` : ''}). The prompt or the reference photo was blocked.`,
        'Reword the wardrobe or set (nothing suggestive, violent or trademark-heavy), or try another reference photo. Retrying the same request will not help.',
        { provider: this.name },
      );
    }
    const candidate = response.candidates?.[0];
    const finishReason = candidate?.finishReason ? String(candidate.finishReason) : undefined;
    const parts = candidate?.content?.parts ?? [];
    const image = [...parts]
      .reverse()
      .find((part) => !part.thought && part.inlineData?.data && (part.inlineData.mimeType ?? '').startsWith('image/'));
    if (image?.inlineData?.data) return Buffer.from(image.inlineData.data, 'base64');
    if (finishReason && OUTPUT_BLOCKED.has(finishReason)) {
      throw new ImageError(
        'output_blocked',
        `Gemini generated an image but withheld it (${finishReason}). ${finishReason === 'IMAGE_SAFETY' ? 'Gemini sometimes flags ordinary selfies this way.' : ''}`.trim(),
        'Change the wardrobe or set, or use a different reference photo (a plain, well-lit face photo works best). Retrying the same request will not help.',
        { provider: this.name },
      );
    }
    const said = parts
      .map((part) => part.text ?? '')
      .join(' ')
      .trim()
      .slice(0, 200);
    throw new ImageError(
      'no_image',
      `Gemini (${model}) answered without an image${finishReason && NO_IMAGE.has(finishReason) ? ` (${finishReason})` : ''}${said ? `: "${said}"` : ''}.`,
      'This happens now and then; it was retried. Call again, or simplify the prompt.',
      { provider: this.name, retryable: true },
    );
  }

  private mapError(error: unknown, model: string, signal: AbortSignal): ImageError {
    if (error instanceof ImageError) return error;
    if (signal.aborted)
      return new ImageError('cancelled', 'The image request was cancelled.', 'Call the tool again when ready.', {
        provider: this.name,
      });
    return error instanceof ApiError ? this.apiError(error, model) : this.transportError(error);
  }

  /** No HTTP answer: a timeout, or a connection that failed before or after the request was sent. */
  private transportError(error: unknown): ImageError {
    const name = (error as Error)?.name;
    if (name === 'AbortError' || name === 'TimeoutError') {
      return new ImageError(
        'timeout',
        'Gemini did not answer in time.',
        'Gemini may still have made (and billed) the image. It is sometimes slow (up to 3 minutes): call again, or raise GEMINI_TIMEOUT_SECONDS.',
        { provider: this.name },
      );
    }
    const code =
      (error as NodeJS.ErrnoException)?.code ??
      (error as { cause?: NodeJS.ErrnoException })?.cause?.code ??
      (error as Error)?.message;
    // Only a request that certainly never reached Gemini is retried: one that broke after it
    // was sent may have been generated (and billed) already.
    if (neverSent(error)) {
      return new ImageError(
        'unavailable',
        `Could not reach Gemini (${code}).`,
        'Check the network (and GEMINI_BASE_URL if set), then try again.',
        { provider: this.name, retryable: true, cause: error },
      );
    }
    return new ImageError(
      'unavailable',
      `The connection to Gemini broke after the request was sent (${code}).`,
      'Gemini may have made (and billed) the image; it was not retried automatically. Call again if you want another attempt.',
      { provider: this.name, cause: error },
    );
  }

  /** What Gemini answered, as the user must read it. */
  private apiError(error: ApiError, model: string): ImageError {
    const body = parseErrorBody(error.message);
    const status = error.status;
    const detail = body.message ? `: ${body.message.slice(0, 300).replace(/\.+$/, '')}` : '';
    if (status === 429) {
      if (/limit:\s*0\b/.test(body.raw)) {
        return new ImageError(
          'no_quota',
          `This Gemini key has no image-generation quota (the quota limit is 0)${detail}.`,
          `Free-tier keys cannot generate images: enable billing for the key's project in Google AI Studio, or use another key in ${this.keyVariable}. Retrying will not help.`,
          { provider: this.name },
        );
      }
      const wait =
        body.retryDelayMs === undefined ? '' : ` (it asked to wait ${Math.ceil(body.retryDelayMs / 1000)} s)`;
      return new ImageError(
        'rate_limited',
        `Gemini is rate-limiting this key${wait}${detail}.`,
        `Wait ${body.retryDelayMs === undefined ? 'a minute' : `at least ${Math.ceil(body.retryDelayMs / 1000)} s`} and call again; short waits are retried automatically.`,
        { provider: this.name, retryable: true, retryAfterMs: body.retryDelayMs },
      );
    }
    if (status === 401 || status === 403 || /API_KEY_INVALID|API key not valid/i.test(body.raw)) {
      return new ImageError(
        'auth',
        `Gemini rejected the API key${detail}.`,
        `Check ${this.keyVariable} in the server's environment (a key from Google AI Studio), then restart the server.`,
        { provider: this.name },
      );
    }
    if (status === 404) {
      return new ImageError(
        'config',
        `Gemini has no model "${model}"${detail}.`,
        'Set GEMINI_IMAGE_MODEL to an image model such as gemini-3.1-flash-image, or pass model.',
        { provider: this.name },
      );
    }
    if (status >= 500) {
      return new ImageError(
        'unavailable',
        `Gemini is unavailable (HTTP ${status})${detail}.`,
        'It was retried; try again in a minute.',
        { provider: this.name, retryable: true },
      );
    }
    return new ImageError(
      'bad_request',
      `Gemini rejected the request (HTTP ${status})${detail}.`,
      'Check the prompt and reference photo; if it persists, try another model.',
      { provider: this.name },
    );
  }
}

interface ErrorBody {
  raw: string;
  message: string | undefined;
  retryDelayMs: number | undefined;
}

/** ApiError.message is the raw JSON error body as a string: pull out message and RetryInfo. */
function parseErrorBody(raw: string): ErrorBody {
  let message: string | undefined;
  let retryDelayMs: number | undefined;
  try {
    const start = raw.indexOf('{');
    const parsed = JSON.parse(start >= 0 ? raw.slice(start) : raw) as {
      error?: { message?: string; details?: Array<Record<string, unknown>> };
    };
    message = parsed.error?.message;
    for (const detail of parsed.error?.details ?? []) {
      const delay = typeof detail.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay) : null;
      if (delay?.[1]) retryDelayMs = Math.round(Number(delay[1]) * 1000);
    }
  } catch {
    message = raw.slice(0, 300);
  }
  return { raw, message, retryDelayMs };
}
