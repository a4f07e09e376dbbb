// A fake Black Forest Labs (FLUX) API on loopback: answers POST /v1/flux-2-pro and
// /v1/flux-kontext-pro (x-key, JSON with prompt, base64 input_image, width/height or
// aspect_ratio), hands out a polling_url on this server, answers GET /v1/get_result with Pending
// then a final status, and serves the finished image from an unauthenticated, expiring "signed"
// /samples/… URL, like BFL's delivery CDN. Scripted submit behaviours: tasks (with their poll
// count, final status, sample lifetime and format), 402 no credits, 429, 5xx, and hanging.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackFake } from './loopback.ts';
import { sniff, type ImageMime } from './openai.ts';

export type BflFinalStatus = 'Ready' | 'Error' | 'Request Moderated' | 'Content Moderated';
export type BflSampleMime = 'image/png' | 'image/jpeg';

export type BflBehaviour =
  | {
      kind: 'task';
      pollsUntilReady?: number;
      final?: BflFinalStatus;
      sampleExpiresMs?: number;
      mime?: BflSampleMime;
      pollingUrl?: string;
      /** The result URL to hand out instead of this server's /samples/… (a hostile or private one). */
      sampleUrl?: string;
    }
  | { kind: 'insufficient-credits' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status?: number }
  | { kind: 'hang' };

export interface BflRecordedSubmit {
  /** The path segment: 'flux-2-pro' or 'flux-kontext-pro'. */
  model: string;
  apiKey: string | undefined;
  prompt: string | undefined;
  width: number | undefined;
  height: number | undefined;
  aspect_ratio: string | undefined;
  output_format: string | undefined;
  seed: number | undefined;
  /** The decoded input_image: the format its bytes show (undefined if none) and its length. */
  inputImage: { mimeType: ImageMime | undefined; bytes: number } | undefined;
  /** input_image, input_image_2 … in order: the format each one's bytes show. */
  inputImages: Array<ImageMime | undefined>;
}

interface Task {
  id: string;
  prompt: string;
  seed: number;
  width: number;
  height: number;
  mime: BflSampleMime;
  pollsUntilReady: number;
  final: BflFinalStatus;
  sampleExpiresMs: number;
  sampleUrl?: string | undefined;
  polls: number;
  /** When the sample URL stops working, set on the first poll that sees the final status. */
  expiresAt: number | undefined;
}

const MODELS = new Set(['flux-2-pro', 'flux-kontext-pro']);
/** Kontext's output sizes (about one megapixel) for its aspect ratios. */
const KONTEXT_SIZES: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '16:9': [1392, 752],
  '9:16': [752, 1392],
  '4:3': [1184, 880],
  '3:4': [880, 1184],
  '3:2': [1248, 832],
  '2:3': [832, 1248],
  '21:9': [1568, 672],
  '9:21': [672, 1568],
};

export class FakeBFL extends LoopbackFake<BflBehaviour> {
  /** Every submit, in order (including refused ones). */
  readonly requests: BflRecordedSubmit[] = [];
  /** Sample downloads that were served (200). */
  sampleDownloads = 0;
  /** Every GET /samples/… request, served or refused (expired, unknown). */
  sampleAttempts = 0;
  /** Faults for the next polls: a 503, or "Task not found" for a task that exists. */
  private readonly pollFaults: Array<'server-error' | 'task-not-found'> = [];
  private readonly tasks = new Map<string, Task>();
  private readonly pollCounts = new Map<string, number>();

  constructor(apiKey = 'fake-bfl-key-0123456789') {
    super('fake BFL', apiKey, { kind: 'task' });
  }

  /** Faults for the next polls, in order. */
  enqueuePollFaults(...faults: Array<'server-error' | 'task-not-found'>): void {
    this.pollFaults.push(...faults);
  }

  /** How many times GET /v1/get_result asked about this id (known or not). */
  polls(id: string): number {
    return this.pollCounts.get(id) ?? 0;
  }

  override reset(): void {
    super.reset();
    this.requests.length = 0;
    this.sampleDownloads = 0;
    this.sampleAttempts = 0;
    this.tasks.clear();
    this.pollCounts.clear();
    this.pollFaults.length = 0;
  }

  protected override async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const submit = /^\/v1\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'POST' && submit?.[1] && MODELS.has(submit[1]))
      return this.submit(submit[1], request, response);
    request.resume();
    if (request.method === 'GET' && url.pathname === '/v1/get_result') return this.poll(url, request, response);
    if (request.method === 'GET' && url.pathname === '/v1/credits') {
      if (header(request, 'x-key') !== this.apiKey)
        return json(response, 403, { detail: 'Not authenticated - Invalid Authentication' });
      return json(response, 200, { credits: 1234.5 });
    }
    const sample = /^\/samples\/([^/.]+)\.(png|jpeg)$/.exec(url.pathname);
    if (request.method === 'GET' && sample?.[1]) return this.sample(sample[1], url, response);
    return json(response, 404, { detail: 'Not Found' });
  }

  private async submit(model: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const apiKey = header(request, 'x-key');
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      body =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : undefined;
    } catch {
      body = undefined;
    }
    const input = typeof body?.['input_image'] === 'string' ? Buffer.from(body['input_image'], 'base64') : undefined;
    const recorded: BflRecordedSubmit = {
      model,
      apiKey,
      prompt: str(body?.['prompt']),
      width: num(body?.['width']),
      height: num(body?.['height']),
      aspect_ratio: str(body?.['aspect_ratio']),
      output_format: str(body?.['output_format']),
      seed: num(body?.['seed']),
      inputImage: input ? { mimeType: sniff(input), bytes: input.length } : undefined,
      inputImages: Object.keys(body ?? {})
        .filter((key) => /^input_image(_\d+)?$/.test(key))
        .sort((a, b) => Number(a.split('_')[2] ?? 1) - Number(b.split('_')[2] ?? 1))
        .map((key) => sniff(Buffer.from(String(body?.[key]), 'base64'))),
    };
    this.requests.push(recorded);

    if (apiKey !== this.apiKey) return json(response, 403, { detail: 'Not authenticated - Invalid Authentication' });
    if (!body) return json(response, 422, { detail: 'fake BFL: the body is not a JSON object' });
    if (!recorded.prompt) return json(response, 422, { detail: 'fake BFL: no prompt' });
    if (!recorded.inputImage?.mimeType) return json(response, 422, { detail: 'fake BFL: no input_image' });
    // FLUX.2 [pro] takes input_image … input_image_8; Kontext only input_image.
    const extra = Object.keys(body).filter((key) => /^input_image_\d+$/.test(key));
    const allowed = model === 'flux-kontext-pro' ? [] : [2, 3, 4, 5, 6, 7, 8].map((n) => `input_image_${n}`);
    const unknown = extra.filter((key) => !allowed.includes(key));
    if (unknown.length > 0) return json(response, 422, { detail: `fake BFL: unexpected field ${unknown.join(', ')}` });
    if (recorded.inputImages.some((mime) => !mime))
      return json(response, 422, { detail: 'fake BFL: an input image is not a PNG, JPEG or WebP' });
    if (recorded.output_format !== undefined && recorded.output_format !== 'png' && recorded.output_format !== 'jpeg') {
      return json(response, 422, {
        detail: `fake BFL: output_format must be 'png' or 'jpeg', not '${recorded.output_format}'`,
      });
    }
    let width = 1024;
    let height = 1024;
    if (recorded.width !== undefined || recorded.height !== undefined) {
      width = recorded.width ?? 1024;
      height = recorded.height ?? 1024;
      if (
        !Number.isInteger(width) ||
        !Number.isInteger(height) ||
        width <= 0 ||
        height <= 0 ||
        width % 16 !== 0 ||
        height % 16 !== 0
      ) {
        return json(response, 422, {
          detail: `fake BFL: width and height must be positive multiples of 16 (got ${recorded.width}x${recorded.height})`,
        });
      }
    } else if (recorded.aspect_ratio !== undefined) {
      const size = kontextSize(recorded.aspect_ratio);
      if (!size)
        return json(response, 422, {
          detail: `fake BFL: aspect_ratio '${recorded.aspect_ratio}' is not between 21:9 and 9:21`,
        });
      [width, height] = size;
    }

    const behaviour = this.nextBehaviour();
    switch (behaviour.kind) {
      case 'hang':
        return; // never answers; the client's timeout or cancel must end it
      case 'insufficient-credits':
        return json(response, 402, { detail: 'Insufficient credits' });
      case 'rate-limited':
        return json(
          response,
          429,
          { detail: 'Too many active tasks' },
          { 'retry-after': String(behaviour.retryAfterSeconds) },
        );
      case 'server-error':
        return json(response, behaviour.status ?? 500, { detail: 'Internal Server Error' });
      case 'task': {
        const id = randomUUID();
        this.tasks.set(id, {
          id,
          prompt: recorded.prompt,
          seed: recorded.seed ?? Math.floor(Math.random() * 2 ** 31),
          width,
          height,
          // BFL's default output_format is jpeg.
          mime: behaviour.mime ?? (recorded.output_format === 'png' ? 'image/png' : 'image/jpeg'),
          pollsUntilReady: behaviour.pollsUntilReady ?? 2,
          final: behaviour.final ?? 'Ready',
          sampleExpiresMs: behaviour.sampleExpiresMs ?? 600_000,
          sampleUrl: behaviour.sampleUrl,
          polls: 0,
          expiresAt: undefined,
        });
        return json(response, 200, { id, polling_url: behaviour.pollingUrl ?? `${this.url}/v1/get_result?id=${id}` });
      }
    }
  }

  private poll(url: URL, request: IncomingMessage, response: ServerResponse): void {
    if (header(request, 'x-key') !== this.apiKey)
      return json(response, 403, { detail: 'Not authenticated - Invalid Authentication' });
    const id = url.searchParams.get('id') ?? '';
    this.pollCounts.set(id, (this.pollCounts.get(id) ?? 0) + 1);
    const fault = this.pollFaults.shift();
    if (fault === 'server-error') return json(response, 503, { detail: 'Service Unavailable' });
    if (fault === 'task-not-found') return json(response, 200, { id, status: 'Task not found', result: null });
    const task = this.tasks.get(id);
    if (!task) return json(response, 200, { id, status: 'Task not found', result: null });
    task.polls += 1;
    if (task.polls <= task.pollsUntilReady) {
      const progress = Math.round((task.polls / (task.pollsUntilReady + 1)) * 100) / 100;
      return json(response, 200, { id, status: 'Pending', result: null, progress });
    }
    switch (task.final) {
      case 'Ready': {
        task.expiresAt ??= Date.now() + task.sampleExpiresMs;
        const ext = task.mime === 'image/png' ? 'png' : 'jpeg';
        return json(response, 200, {
          id,
          status: 'Ready',
          result: {
            sample: task.sampleUrl ?? `${this.url}/samples/${id}.${ext}?se=${task.expiresAt}`,
            prompt: task.prompt,
            seed: task.seed,
          },
        });
      }
      case 'Error':
        return json(response, 200, {
          id,
          status: 'Error',
          result: null,
          details: { error: 'fake BFL: generation failed' },
        });
      case 'Request Moderated':
      case 'Content Moderated':
        return json(response, 200, {
          id,
          status: task.final,
          result: null,
          details: { 'Moderation Reasons': ['Derivative Works'] },
        });
    }
  }

  private async sample(id: string, url: URL, response: ServerResponse): Promise<void> {
    this.sampleAttempts += 1;
    const task = this.tasks.get(id);
    if (!task || task.final !== 'Ready' || task.expiresAt === undefined)
      return xml(response, 404, 'BlobNotFound', 'The specified blob does not exist.');
    // A signed URL: the expiry it carries must be the one it was issued with, and must not have passed.
    if (url.searchParams.get('se') !== String(task.expiresAt) || Date.now() >= task.expiresAt) {
      return xml(
        response,
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Signed expiry time has passed or the signature does not match.',
      );
    }
    const bytes = await this.photo(task.width, task.height, task.mime === 'image/jpeg' ? 'jpeg' : 'png');
    if (response.destroyed) return;
    this.sampleDownloads += 1;
    response.writeHead(200, { 'content-type': task.mime, 'content-length': bytes.length });
    response.end(bytes);
  }
}

function kontextSize(aspectRatio: string): [number, number] | undefined {
  const known = KONTEXT_SIZES[aspectRatio];
  if (known) return known;
  const match = /^(\d+):(\d+)$/.exec(aspectRatio);
  const w = Number(match?.[1]);
  const h = Number(match?.[2]);
  if (!(w > 0 && h > 0) || w / h > 21 / 9 || h / w > 21 / 9) return undefined;
  const width = Math.round(Math.sqrt((1024 * 1024 * w) / h) / 16) * 16;
  const height = Math.round((1024 * 1024) / width / 16) * 16;
  return [width, height];
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
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

function xml(response: ServerResponse, status: number, code: string, message: string): void {
  const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
