// FLUX through Black Forest Labs' API over undici: submit with the reference as input_image,
// poll the returned polling_url with backoff to a deadline, and download result.sample at once
// (it expires in about 10 minutes). One attempt per call: withRetries() decides on retries.

import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { neverSent, refusedAsPrivate, retryAfterMs, upstreamLookup, upstreamUrlProblem } from '../../core/net.ts';
import { checkKeyByRead } from './key-check.ts';
import { ImageError } from './errors.ts';
import {
  describeImage,
  type GeneratedImage,
  type GenerateRequest,
  type ImageProvider,
  type ReferencePhoto,
} from './provider.ts';

export const FLUX_MODELS = ['flux-2-pro', 'flux-kontext-pro'] as const;
/** Approximate USD per image (third-party figures). */
const COST_USD: Record<string, number> = { 'flux-2-pro': 0.05, 'flux-kontext-pro': 0.04 };
const MAX_SAMPLE_BYTES = 50 * 1024 * 1024;

export interface FluxOptions {
  apiKey: string;
  model: string;
  baseUrl: string;
  /** Deadline for submit + polling + download. */
  timeoutMs: number;
}

interface PollAnswer {
  status?: string;
  result?: { sample?: string } | null;
}

export class FluxProvider implements ImageProvider {
  readonly name = 'flux';
  readonly models = [...FLUX_MODELS];
  readonly defaultModel: string;
  readonly sandbox = false;
  priceUsd(model: string): number {
    return COST_USD[model] ?? 0.05;
  }
  private readonly options: FluxOptions;
  private readonly dispatcher: Dispatcher = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });
  /** For the result URL FLUX names: no private address, except the configured base URL's own host. */
  private readonly downloads: Dispatcher;
  private readonly trustedHosts: string[];

  constructor(options: FluxOptions) {
    this.options = options;
    this.defaultModel = options.model;
    this.trustedHosts = [new URL(options.baseUrl).hostname];
    this.downloads = new Agent({
      keepAliveTimeout: 10_000,
      connect: { timeout: 10_000, lookup: upstreamLookup(this.trustedHosts) },
    });
  }

  checkKey(signal: AbortSignal): Promise<string> {
    return checkKeyByRead({
      provider: 'FLUX (BFL)',
      url: `${this.options.baseUrl.replace(/\/+$/, '')}/v1/credits`,
      headers: { 'x-key': this.options.apiKey },
      variable: 'BFL_API_KEY',
      describe: (answer) => `key accepted; ${(answer as { credits?: number }).credits ?? '?'} credits`,
      signal,
    });
  }

  async generate(generation: GenerateRequest): Promise<GeneratedImage> {
    const model = generation.model ?? this.defaultModel;
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const signal = AbortSignal.any([generation.signal, deadline]);
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const body: Record<string, unknown> = {
      prompt: generation.prompt,
      ...inputImages(model, generation.references),
      output_format: 'png',
      ...(model === 'flux-kontext-pro'
        ? { aspect_ratio: generation.aspectRatio }
        : dimensions(generation.aspectRatio, generation.size)),
    };
    const submitted = await this.json('POST', `${base}/v1/${model}`, signal, deadline, body);
    const pollingUrl = typeof submitted.polling_url === 'string' ? submitted.polling_url : undefined;
    if (!pollingUrl || !this.trusted(pollingUrl)) {
      throw new ImageError(
        'unavailable',
        'FLUX accepted the task but gave no usable polling_url.',
        'Check BFL_BASE_URL, then try again.',
        { provider: this.name },
      );
    }
    // From here on the task exists and may be billed: nothing below may be retried by starting a
    // new task, or passed down the chain. Poll errors are waited out until the deadline.
    let wait = 500;
    for (;;) {
      let answer: PollAnswer;
      try {
        answer = (await this.json('GET', pollingUrl, signal, deadline)) as PollAnswer;
      } catch (error) {
        if (error instanceof ImageError && (error.kind === 'cancelled' || error.kind === 'timeout')) throw error;
        if (error instanceof ImageError && error.retryable) {
          generation.onProgress?.(`FLUX polling: ${error.message}; waiting`);
          await sleep(wait, undefined, { signal }).catch(() => undefined);
          if (signal.aborted) throw this.aborted(generation.signal);
          wait = Math.min(wait * 2, 2_000);
          continue;
        }
        throw accepted(`FLUX accepted the task, but asking for its result failed: ${(error as Error).message}`);
      }
      generation.onProgress?.(`FLUX task ${answer.status ?? 'unknown'}`);
      switch (answer.status) {
        case 'Ready': {
          const sample = answer.result?.sample;
          if (!sample) throw accepted('FLUX said the task is ready but gave no image URL.');
          const bytes = await this.download(sample, signal, deadline);
          let described;
          try {
            described = await describeImage(bytes, 'FLUX');
          } catch (error) {
            throw accepted(`FLUX's result is not a usable image (${(error as Error).message}).`);
          }
          return { bytes, ...described, provider: this.name, model, costUsd: COST_USD[model] ?? 0.05, sandbox: false };
        }
        case 'Request Moderated':
          throw new ImageError(
            'prompt_blocked',
            "FLUX's moderation refused the request (Request Moderated).",
            'Reword the wardrobe or set, or use another reference photo; retrying the same request will not help.',
            { provider: this.name },
          );
        case 'Content Moderated':
          throw new ImageError(
            'output_blocked',
            'FLUX made an image but withheld it (Content Moderated).',
            'Change the wardrobe or set, or use another reference photo; retrying the same request will not help.',
            { provider: this.name },
          );
        case 'Error':
          throw accepted('FLUX reported an error for the task.');
        case 'Task not found':
          throw accepted('FLUX no longer knows the task (Task not found).');
        default:
          await sleep(wait, undefined, { signal }).catch(() => undefined);
          if (signal.aborted) throw this.aborted(generation.signal);
          wait = Math.min(wait * 2, 2_000);
      }
    }
  }

  /** The key goes only to BFL's own hosts, or to the host BFL_BASE_URL names (a test double). */
  private trusted(url: string): boolean {
    try {
      const target = new URL(url);
      const base = new URL(this.options.baseUrl);
      return (
        target.origin === base.origin ||
        (target.protocol === 'https:' && (target.hostname === 'bfl.ai' || target.hostname.endsWith('.bfl.ai')))
      );
    } catch {
      return false;
    }
  }

  private async json(
    method: 'GET' | 'POST',
    url: string,
    signal: AbortSignal,
    deadline: AbortSignal,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await request(url, {
        method,
        headers: {
          'x-key': this.options.apiKey,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        dispatcher: this.dispatcher,
        signal,
      });
      text = await response.body.text();
    } catch (error) {
      if (signal.aborted) throw this.aborted(deadline.aborted ? undefined : signal);
      const errno = error as NodeJS.ErrnoException;
      const unsent = neverSent(errno);
      throw new ImageError(
        'unavailable',
        unsent
          ? `Could not reach FLUX (${errno.code}).`
          : `The connection to FLUX broke (${errno.code ?? errno.message}).`,
        unsent
          ? 'Check the network (and BFL_BASE_URL if set), then try again.'
          : 'The task may have been created (and billed); it was not retried automatically.',
        { provider: this.name, retryable: method === 'GET' || unsent },
      );
    }
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // handled below by status
    }
    if (response.statusCode < 400) return parsed;
    throw this.apiError(response.statusCode, parsed, response.headers['retry-after']);
  }

  /** What FLUX answered, as the user must read it. */
  private apiError(
    status: number,
    parsed: Record<string, unknown>,
    retryAfter: string | string[] | undefined,
  ): ImageError {
    const detail = typeof parsed.detail === 'string' ? `: ${parsed.detail}` : '';
    const options = { provider: this.name };
    if (status === 402)
      return new ImageError(
        'no_quota',
        `FLUX has no credits left on this account${detail}.`,
        'Add credits at api.bfl.ai (dashboard → credits), or use another provider.',
        options,
      );
    if (status === 401 || status === 403)
      return new ImageError(
        'auth',
        `FLUX rejected the API key${detail}.`,
        "Check BFL_API_KEY in the server's environment, then restart the server.",
        options,
      );
    if (status === 429) {
      const wait = retryAfterMs(retryAfter);
      return new ImageError(
        'rate_limited',
        `FLUX is rate-limiting this key${detail}.`,
        'Wait a minute and call again; short waits are retried automatically.',
        { ...options, retryable: true, ...(wait === undefined ? {} : { retryAfterMs: wait }) },
      );
    }
    if (status >= 500)
      return new ImageError(
        'unavailable',
        `FLUX is unavailable (HTTP ${status})${detail}.`,
        'It was retried; try again in a minute.',
        { ...options, retryable: true },
      );
    return new ImageError(
      'bad_request',
      `FLUX rejected the request (HTTP ${status})${detail}.`,
      'Check the prompt and reference photo, or try BFL_MODEL=flux-kontext-pro.',
      options,
    );
  }

  /** The result URL is signed and short-lived: fetch it at once, without the key. */
  private async download(url: string, signal: AbortSignal, deadline: AbortSignal): Promise<Buffer> {
    const problem = upstreamUrlProblem(url, this.trustedHosts);
    if (problem) {
      throw new ImageError(
        'unavailable',
        `FLUX named a result URL the server does not fetch: ${problem}.`,
        'Call again to make a new image.',
        {
          provider: this.name,
        },
      );
    }
    try {
      const response = await request(url, { method: 'GET', dispatcher: this.downloads, signal });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new ImageError(
          'unavailable',
          `The FLUX result could not be downloaded (HTTP ${response.statusCode}; its link may have expired).`,
          'Call again to make a new image.',
          { provider: this.name },
        );
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of response.body) {
        total += (chunk as Buffer).length;
        if (total > MAX_SAMPLE_BYTES)
          throw new ImageError('unavailable', 'The FLUX result is larger than 50 MB.', 'Call again.', {
            provider: this.name,
          });
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    } catch (error) {
      if (error instanceof ImageError) throw error;
      if (signal.aborted) throw this.aborted(deadline.aborted ? undefined : signal);
      if (refusedAsPrivate(error)) {
        throw new ImageError(
          'unavailable',
          'FLUX named a result URL on a private or local address; it was not fetched.',
          'Call again to make a new image.',
          {
            provider: this.name,
          },
        );
      }
      throw new ImageError(
        'unavailable',
        `The FLUX result could not be downloaded (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
        'Call again to make a new image.',
        { provider: this.name },
      );
    }
  }

  private aborted(caller: AbortSignal | undefined): ImageError {
    return caller?.aborted
      ? new ImageError('cancelled', 'The image request was cancelled.', 'Call the tool again when ready.', {
          provider: this.name,
        })
      : new ImageError(
          'timeout',
          'FLUX did not finish in time.',
          'The task may still finish and be billed; FLUX tasks can take a few minutes: call again later, or raise BFL_TIMEOUT_SECONDS.',
          { provider: this.name },
        );
  }
}

/** An error after the task was accepted: it may be billed, so it is neither retried nor passed on. */
function accepted(message: string): ImageError {
  return new ImageError(
    'unavailable',
    message,
    'The task was accepted and may have been billed, so it was not retried or passed to another provider. Call again if you want another attempt.',
    { provider: 'flux' },
  );
}

/** FLUX.2 takes width and height in multiples of 16, up to about 4 MP: 2048 px on the long side at most. */
function dimensions(aspectRatio: string, size: '1K' | '2K' | '4K'): { width: number; height: number } {
  const [w = 1, h = 1] = aspectRatio.split(':').map(Number);
  const long = size === '1K' ? 1024 : 2048;
  const short = Math.round((long * Math.min(w, h)) / Math.max(w, h) / 16) * 16;
  return w >= h ? { width: long, height: short } : { width: short, height: long };
}

/** FLUX.2 [pro] takes input_image, input_image_2 … input_image_8; Kontext one input_image. */
function inputImages(model: string, references: ReferencePhoto[]): Record<string, string> {
  const sent = model === 'flux-kontext-pro' ? references.slice(0, 1) : references.slice(0, 8);
  return Object.fromEntries(
    sent.map((reference, index) => [
      index === 0 ? 'input_image' : `input_image_${index + 1}`,
      reference.bytes.toString('base64'),
    ]),
  );
}
