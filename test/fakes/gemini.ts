// A fake Gemini API on loopback: answers the path and body the real @google/genai SDK sends
// (POST /v1beta/models/{model}:generateContent, x-goog-api-key), checks that a reference image
// arrived, and plays scripted behaviours: images (PNG or JPEG, with interim thought images),
// refusals, no image, 429 with retryDelay or limit 0, 503, hanging, and an error that echoes the key.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackFake } from './loopback.ts';

export type GeminiBehaviour =
  | {
      kind: 'image';
      mime?: 'image/png' | 'image/jpeg';
      thoughts?: number;
      delayMs?: number;
      /** Answer this size instead of the one asked for (a model that ignores the request). */ size?: [number, number];
      /** Answer these JPEG bytes (e.g. a scene with the person's face, for the face gate). */
      jpeg?: Buffer;
    }
  | { kind: 'prompt-blocked'; reason?: string }
  | { kind: 'finish'; reason: string; text?: string; delayMs?: number }
  | { kind: 'rate-limited'; retryDelay: string }
  | { kind: 'no-quota' }
  | { kind: 'unavailable'; status?: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** A 400 whose message repeats the API key it was sent, and a token-shaped string (some gateways do). */
  | { kind: 'echo-key' };

export interface RecordedRequest {
  model: string;
  apiKey: string | undefined;
  prompt: string;
  aspectRatio: string | undefined;
  imageSize: string | undefined;
  responseModalities: string[] | undefined;
  reference: { mimeType: string; bytes: number } | undefined;
  /** Every inline image, in order (Gemini 3 image models take up to 14). */
  references: Array<{ mimeType: string; bytes: number }>;
}

const LONG_EDGE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

export class FakeGemini extends LoopbackFake<GeminiBehaviour> {
  readonly requests: RecordedRequest[] = [];
  private readonly bodies = new Map<string, Promise<string>>();

  constructor(apiKey = 'fake-gemini-key-0123456789') {
    super('fake Gemini', apiKey, { kind: 'image' });
  }

  override reset(): void {
    super.reset();
    this.requests.length = 0;
  }

  protected override async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET' && /^\/v1beta\/models(\?|$)/.test(request.url ?? '')) {
      // The cheapest read that proves a key (the doctor's check).
      request.resume();
      if (request.headers['x-goog-api-key'] !== this.apiKey)
        return json(
          response,
          400,
          error(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', [
            { reason: 'API_KEY_INVALID' },
          ]),
        );
      return json(response, 200, { models: [{ name: 'models/gemini-3.1-flash-image' }] });
    }
    const match = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match?.[1])
      return json(response, 404, error(404, `Path ${request.url} not found`, 'NOT_FOUND'));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      contents?: Array<{ parts?: Array<{ text?: string; inlineData?: { mimeType?: string; data?: string } }> }>;
      generationConfig?: { responseModalities?: string[]; imageConfig?: { aspectRatio?: string; imageSize?: string } };
    };
    const apiKey = request.headers['x-goog-api-key'] as string | undefined;
    const parts = body.contents?.flatMap((content) => content.parts ?? []) ?? [];
    const inlines = parts.filter((part) => part.inlineData?.data);
    const inline = inlines[0];
    const recorded: RecordedRequest = {
      model: match[1],
      apiKey,
      prompt: parts.map((part) => part.text ?? '').join(''),
      aspectRatio: body.generationConfig?.imageConfig?.aspectRatio,
      imageSize: body.generationConfig?.imageConfig?.imageSize,
      responseModalities: body.generationConfig?.responseModalities,
      reference: inline?.inlineData
        ? {
            mimeType: inline.inlineData.mimeType ?? '',
            bytes: Buffer.from(inline.inlineData.data ?? '', 'base64').length,
          }
        : undefined,
      references: inlines.map((part) => ({
        mimeType: part.inlineData?.mimeType ?? '',
        bytes: Buffer.from(part.inlineData?.data ?? '', 'base64').length,
      })),
    };
    this.requests.push(recorded);
    if (apiKey !== this.apiKey)
      return json(
        response,
        400,
        error(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
        ]),
      );
    if (!recorded.reference || !/^image\/(png|jpeg|webp)$/.test(recorded.reference.mimeType)) {
      return json(response, 400, error(400, 'fake Gemini: the request carried no reference image', 'INVALID_ARGUMENT'));
    }
    if (recorded.references.length > 14)
      return json(
        response,
        400,
        error(400, 'Too many images: at most 14 input images are supported.', 'INVALID_ARGUMENT'),
      );
    if (recorded.references.some((image) => !/^image\/(png|jpeg|webp)$/.test(image.mimeType)))
      return json(response, 400, error(400, 'Unsupported MIME type of an input image.', 'INVALID_ARGUMENT'));

    const behaviour = this.nextBehaviour();
    if (behaviour.kind === 'finish' && behaviour.delayMs)
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    switch (behaviour.kind) {
      case 'hang':
        return; // never answers; the client's timeout or cancel must end it
      case 'reset':
        response.socket?.destroy(); // the connection breaks after the request was received
        return;
      case 'prompt-blocked':
        return json(response, 200, { promptFeedback: { blockReason: behaviour.reason ?? 'PROHIBITED_CONTENT' } });
      case 'finish':
        return json(response, 200, {
          candidates: [
            {
              finishReason: behaviour.reason,
              content: { role: 'model', parts: behaviour.text ? [{ text: behaviour.text }] : [] },
            },
          ],
        });
      case 'rate-limited':
        return json(
          response,
          429,
          error(429, 'Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED', [
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: behaviour.retryDelay },
          ]),
        );
      case 'no-quota':
        return json(
          response,
          429,
          error(
            429,
            `Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: ${recorded.model}`,
            'RESOURCE_EXHAUSTED',
            [
              {
                '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
                violations: [
                  {
                    quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                    quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
                  },
                ],
              },
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '31s' },
            ],
          ),
        );
      case 'echo-key':
        return json(
          response,
          400,
          error(
            400,
            `API key not valid: ${apiKey ?? ''} (request had Authorization: Bearer ya29.a0AfB_byC3xQ9k2LmZ7pR4sT6uV8wX0yZ1aB2cD3eF4gH5).`,
            'INVALID_ARGUMENT',
          ),
        );
      case 'unavailable':
        return json(
          response,
          behaviour.status ?? 503,
          error(behaviour.status ?? 503, 'The model is overloaded. Please try again later.', 'UNAVAILABLE'),
        );
      case 'image': {
        if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        if (response.destroyed) return;
        const mime = behaviour.mime ?? 'image/png';
        const [width, height] = behaviour.size ?? dimensions(recorded.aspectRatio ?? '1:1', recorded.imageSize ?? '1K');
        // The answer is built once per shape and reused, so the fake's own cost stays out of measurements.
        const key = `${width}x${height}:${mime}:${behaviour.thoughts ?? 0}`;
        let body = behaviour.jpeg ? Promise.resolve(this.wrap([], behaviour.jpeg, 'image/jpeg')) : this.bodies.get(key);
        if (!body) {
          body = this.answer(width, height, mime, behaviour.thoughts ?? 0);
          this.bodies.set(key, body);
        }
        const text = await body;
        if (response.destroyed) return;
        response.writeHead(200, {
          'content-type': 'application/json; charset=UTF-8',
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
        return;
      }
    }
  }

  private async answer(width: number, height: number, mime: string, thoughtCount: number): Promise<string> {
    const final = await this.photo(width, height, mime === 'image/jpeg' ? 'jpeg' : 'png');
    const thoughts = await Promise.all(
      Array.from({ length: thoughtCount }, () => this.photo(256, 144, 'png', '#888888')),
    );
    return this.wrap(thoughts, final, mime);
  }

  private wrap(thoughts: Buffer[], final: Buffer, mime: string): string {
    return JSON.stringify({
      candidates: [
        {
          finishReason: 'STOP',
          content: {
            role: 'model',
            parts: [
              ...thoughts.map((bytes) => ({
                thought: true,
                inlineData: { mimeType: 'image/png', data: bytes.toString('base64') },
              })),
              { text: 'Here is the image.' },
              { inlineData: { mimeType: mime, data: final.toString('base64') } },
            ],
          },
        },
      ],
      usageMetadata: { promptTokenCount: 300, candidatesTokenCount: 1290 },
    });
  }
}

function dimensions(aspectRatio: string, size: string): [number, number] {
  const [w = 1, h = 1] = aspectRatio.split(':').map(Number);
  const long = LONG_EDGE[size] ?? 1024;
  return w >= h ? [long, Math.round((long * h) / w)] : [Math.round((long * w) / h), long];
}

function error(code: number, message: string, status: string, details: unknown[] = []) {
  return { error: { code, message, status, details } };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
