// A fake OpenAI Images API on loopback: answers POST /v1/images/edits the way the real API does
// (Authorization: Bearer, multipart/form-data with model, prompt, image[], size, quality,
// output_format, n, input_fidelity), checks that a real reference image arrived, and plays
// scripted behaviours: images, moderation refusals, unverified organizations, 429 with
// retry-after or no quota, 5xx, broken connections, and hanging.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackFake } from './loopback.ts';

export type OpenAIBehaviour =
  | { kind: 'image'; delayMs?: number }
  | { kind: 'moderation' }
  | { kind: 'unverified' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'no-quota' }
  | { kind: 'server-error'; status?: 500 | 502 | 503 }
  | { kind: 'hang' }
  | { kind: 'reset' };

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

export interface OpenAIRecordedRequest {
  /** The bearer token sent, if any. */
  apiKey: string | undefined;
  model: string | undefined;
  prompt: string | undefined;
  size: string | undefined;
  quality: string | undefined;
  input_fidelity: string | undefined;
  output_format: string | undefined;
  n: number | undefined;
  /** The first file among image[] / image: its declared type, its length, and the format its bytes show. */
  reference: { mimeType: string; bytes: number; detected: ImageMime | undefined } | undefined;
  /** How many files arrived under image[] and image together. */
  imageCount: number;
  /** Every file's format as its bytes show it, in order (edits take up to 16). */
  images: Array<ImageMime | undefined>;
}

export class FakeOpenAI extends LoopbackFake<OpenAIBehaviour> {
  readonly requests: OpenAIRecordedRequest[] = [];

  constructor(apiKey = 'sk-fake-openai-key-0123456789') {
    super('fake OpenAI', apiKey, { kind: 'image' });
  }

  override reset(): void {
    super.reset();
    this.requests.length = 0;
  }

  protected override async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/v1/models') {
      // The cheapest read that proves a key (the doctor's check).
      request.resume();
      if (request.headers.authorization !== `Bearer ${this.apiKey}`)
        return json(
          response,
          401,
          error('Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key'),
        );
      return json(response, 200, {
        object: 'list',
        data: [{ id: 'gpt-image-1.5', object: 'model', owned_by: 'openai' }],
      });
    }
    if (request.method !== 'POST' || path !== '/v1/images/edits') {
      request.resume();
      return json(response, 404, error(`Invalid URL (${request.method} ${request.url})`, 'invalid_request_error'));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const authorization = request.headers.authorization;
    const apiKey = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;

    let form: FormData | undefined;
    try {
      form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': request.headers['content-type'] ?? '' },
      }).formData();
    } catch {
      form = undefined;
    }
    const files = form
      ? [...form.getAll('image[]'), ...form.getAll('image')].filter(
          (value): value is Exclude<ReturnType<FormData['get']>, string | null> => typeof value !== 'string',
        )
      : [];
    const images: Array<ImageMime | undefined> = [];
    for (const file of files) images.push(sniff(new Uint8Array(await file.arrayBuffer())));
    const first = files[0];
    let reference: OpenAIRecordedRequest['reference'];
    if (first) {
      const bytes = new Uint8Array(await first.arrayBuffer());
      reference = { mimeType: first.type, bytes: bytes.length, detected: sniff(bytes) };
    }
    const n = text(form, 'n');
    const recorded: OpenAIRecordedRequest = {
      apiKey,
      model: text(form, 'model'),
      prompt: text(form, 'prompt'),
      size: text(form, 'size'),
      quality: text(form, 'quality'),
      input_fidelity: text(form, 'input_fidelity'),
      output_format: text(form, 'output_format'),
      n: n === undefined ? undefined : Number(n),
      reference,
      imageCount: files.length,
      images,
    };
    this.requests.push(recorded);

    if (apiKey !== this.apiKey) {
      return json(response, 401, {
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
      });
    }
    if (!form)
      return json(response, 400, error('fake OpenAI: the body is not multipart/form-data', 'invalid_request_error'));
    if (!reference?.detected)
      return json(response, 400, error('fake OpenAI: no reference image', 'invalid_request_error'));
    if (images.length > 16)
      return json(response, 400, error('Too many images: at most 16 may be given.', 'invalid_request_error', 'image'));
    if (images.some((format) => !format))
      return json(response, 400, error('fake OpenAI: an image[] file is not an image', 'invalid_request_error'));
    if (!/^image\/(png|jpeg|webp)$/.test(reference.mimeType)) {
      // The real API trusts the part's declared type, not its bytes (a common integration bug).
      return json(
        response,
        400,
        error(
          `Invalid file 'image': unsupported mimetype ('${reference.mimeType || 'application/octet-stream'}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.`,
          'invalid_request_error',
          'image',
          'unsupported_file_mimetype',
        ),
      );
    }

    const sizeProblem = refusedSize(recorded.model, recorded.size);
    if (sizeProblem) return json(response, 400, error(sizeProblem, 'invalid_request_error', 'size', 'invalid_value'));

    const behaviour = this.nextBehaviour();
    switch (behaviour.kind) {
      case 'hang':
        return; // never answers; the client's timeout or cancel must end it
      case 'reset':
        response.socket?.destroy(); // the connection breaks after the request was received
        return;
      case 'moderation':
        return json(
          response,
          400,
          error(
            'Your request was rejected as a result of our safety system.',
            'image_generation_user_error',
            null,
            'moderation_blocked',
          ),
        );
      case 'unverified':
        return json(
          response,
          403,
          error(
            `Your organization must be verified to use the model \`${recorded.model ?? 'gpt-image-1.5'}\`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.`,
            'invalid_request_error',
          ),
        );
      case 'rate-limited':
        return json(response, 429, error('Rate limit reached for images', 'requests', null, 'rate_limit_exceeded'), {
          'retry-after': String(behaviour.retryAfterSeconds),
        });
      case 'no-quota':
        return json(
          response,
          429,
          error(
            'You exceeded your current quota, please check your plan and billing details.',
            'insufficient_quota',
            null,
            'insufficient_quota',
          ),
        );
      case 'server-error':
        return json(
          response,
          behaviour.status ?? 500,
          error('The server had an error while processing your request.', 'server_error'),
        );
      case 'image': {
        if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        if (response.destroyed) return;
        const [width, height] = dimensions(recorded.size);
        const format =
          recorded.output_format === 'jpeg' || recorded.output_format === 'webp' ? recorded.output_format : 'png';
        // Built once per shape and reused, so the fake's own cost stays out of measurements.
        const b64 = (await this.photo(width, height, format)).toString('base64');
        if (response.destroyed) return;
        const count = Number.isInteger(recorded.n) && (recorded.n ?? 0) > 0 ? (recorded.n ?? 1) : 1;
        const outputTokens = Math.round((width * height) / 1000);
        return json(response, 200, {
          created: Math.floor(Date.now() / 1000),
          background: 'opaque',
          data: Array.from({ length: count }, () => ({ b64_json: b64 })),
          output_format: format,
          quality: recorded.quality ?? 'auto',
          size: `${width}x${height}`,
          usage: {
            input_tokens: 600,
            input_tokens_details: { image_tokens: 520, text_tokens: 80 },
            output_tokens: outputTokens,
            total_tokens: 600 + outputTokens,
          },
        });
      }
    }
  }
}

/** The format the bytes show by their magic numbers. */
export function sniff(bytes: Uint8Array): ImageMime | undefined {
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47 &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  )
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function text(form: FormData | undefined, name: string): string | undefined {
  const value = form?.get(name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * OpenAI's published size rule: gpt-image-1.5 takes 1024x1024, 1536x1024, 1024x1536 or auto;
 * gpt-image-2 any WxH in multiples of 16, long:short at most 3:1, 655,360 to 8,294,400 pixels.
 * (Written here from the published rule, not shared with the client, so the two can disagree.)
 */
function refusedSize(model: string | undefined, size: string | undefined): string | undefined {
  if (size === undefined || size === 'auto') return undefined;
  if (!/^gpt-image-2(-|$)/.test(model ?? '')) {
    return ['1024x1024', '1536x1024', '1024x1536'].includes(size)
      ? undefined
      : `Invalid size '${size}'. Supported sizes are 1024x1024, 1024x1536, 1536x1024, and auto.`;
  }
  const match = /^(\d+)x(\d+)$/.exec(size);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  const pixels = width * height;
  const valid =
    !!match &&
    width % 16 === 0 &&
    height % 16 === 0 &&
    Math.max(width, height) <= 3 * Math.min(width, height) &&
    pixels >= 655_360 &&
    pixels <= 8_294_400;
  return valid
    ? undefined
    : `Invalid size '${size}'. Width and height must be multiples of 16, the aspect ratio at most 3:1, and the total between 655360 and 8294400 pixels.`;
}

function dimensions(size: string | undefined): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(size ?? '');
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  return width > 0 && height > 0 ? [width, height] : [1024, 1024];
}

function error(message: string, type: string, param: string | null = null, code: string | null = null) {
  return { error: { message, type, param, code } };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
