// Self-test of the fake OpenAI and BFL servers, driven with plain fetch and FormData.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import sharp from 'sharp';
import { FakeBFL } from '../fakes/bfl.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { photo } from '../helpers/images.ts';

let reference: Buffer;

before(async () => {
  reference = await photo(64, 64, 'jpeg');
});

describe('FakeOpenAI', () => {
  const fake = new FakeOpenAI();
  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(() => fake.reset());

  function edit(
    options: {
      key?: string | null;
      size?: string;
      model?: string;
      image?: Blob | null;
      field?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<Response> {
    const form = new FormData();
    form.set('model', options.model ?? 'gpt-image-1.5');
    form.set('prompt', 'the same person in a navy blazer');
    if (options.image !== null)
      form.append(
        options.field ?? 'image[]',
        options.image ?? new Blob([new Uint8Array(reference)], { type: 'image/jpeg' }),
        'reference.jpg',
      );
    form.set('size', options.size ?? '1024x1536');
    form.set('quality', 'medium');
    form.set('output_format', 'png');
    form.set('n', '1');
    form.set('input_fidelity', 'high');
    const headers: Record<string, string> = {};
    const key = options.key === undefined ? fake.apiKey : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    const init: RequestInit = { method: 'POST', headers, body: form };
    if (options.signal) init.signal = options.signal;
    return fetch(`${fake.url}/v1/images/edits`, init);
  }

  it('rejects a wrong or missing key with 401', async () => {
    for (const key of ['sk-wrong', null]) {
      const response = await edit({ key });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), {
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
      });
    }
  });

  it("refuses sizes OpenAI refuses, with a 400 naming the size: gpt-image-2's pixel range, gpt-image-1.5's three", async () => {
    for (const [model, size] of [
      ['gpt-image-2', '1024x576'],
      ['gpt-image-2', '3840x3840'],
      ['gpt-image-2', '1090x608'],
      ['gpt-image-2', '2400x608'],
      ['gpt-image-1.5', '1088x608'],
    ] as const) {
      const response = await edit({ model, size });
      assert.equal(response.status, 400, `${model} ${size}`);
      const body = (await response.json()) as { error: { param: string; message: string } };
      assert.equal(body.error.param, 'size');
      assert.match(body.error.message, new RegExp(size));
    }
    for (const [model, size] of [
      ['gpt-image-2', '1088x608'],
      ['gpt-image-2', '2880x2880'],
      ['gpt-image-1.5', '1536x1024'],
    ] as const) {
      assert.equal((await edit({ model, size })).status, 200, `${model} ${size}`);
    }
  });

  it('parses the multipart body and answers an image of the requested size', async () => {
    const response = await edit();
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      created: number;
      data: Array<{ b64_json: string }>;
      usage: { input_tokens: number; output_tokens: number; total_tokens: number };
    };
    assert.ok(Math.abs(body.created - Date.now() / 1000) < 60);
    assert.equal(body.data.length, 1);
    assert.equal(body.usage.total_tokens, body.usage.input_tokens + body.usage.output_tokens);
    const meta = await sharp(Buffer.from(body.data[0]?.b64_json ?? '', 'base64')).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1024, 1536]);
    assert.deepEqual(fake.requests[0], {
      apiKey: fake.apiKey,
      model: 'gpt-image-1.5',
      prompt: 'the same person in a navy blazer',
      size: '1024x1536',
      quality: 'medium',
      input_fidelity: 'high',
      output_format: 'png',
      n: 1,
      reference: { mimeType: 'image/jpeg', bytes: reference.length, detected: 'image/jpeg' },
      imageCount: 1,
      images: ['image/jpeg'],
    });
  });

  it('takes the reference under image too, and refuses a request without a real image', async () => {
    assert.equal((await edit({ field: 'image', size: 'auto' })).status, 200);
    for (const image of [null, new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/png' })]) {
      const response = await edit({ image });
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), {
        error: { message: 'fake OpenAI: no reference image', type: 'invalid_request_error', param: null, code: null },
      });
    }
    const untyped = await edit({ image: new Blob([new Uint8Array(reference)]) });
    assert.equal(untyped.status, 400);
    assert.equal(((await untyped.json()) as { error: { code: string } }).error.code, 'unsupported_file_mimetype');
  });

  it('plays each error behaviour with the real status and body', async () => {
    fake.enqueue(
      { kind: 'moderation' },
      { kind: 'unverified' },
      { kind: 'rate-limited', retryAfterSeconds: 7 },
      { kind: 'no-quota' },
      { kind: 'server-error' },
      { kind: 'server-error', status: 503 },
    );
    const moderation = await edit();
    assert.equal(moderation.status, 400);
    assert.deepEqual(await moderation.json(), {
      error: {
        message: 'Your request was rejected as a result of our safety system.',
        type: 'image_generation_user_error',
        param: null,
        code: 'moderation_blocked',
      },
    });
    const unverified = await edit();
    assert.equal(unverified.status, 403);
    assert.deepEqual(await unverified.json(), {
      error: {
        message:
          'Your organization must be verified to use the model `gpt-image-1.5`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    const limited = await edit();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.deepEqual(await limited.json(), {
      error: { message: 'Rate limit reached for images', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
    const quota = await edit();
    assert.equal(quota.status, 429);
    assert.deepEqual(await quota.json(), {
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    });
    for (const status of [500, 503]) {
      const failed = await edit();
      assert.equal(failed.status, status);
      assert.deepEqual(await failed.json(), {
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
          param: null,
          code: null,
        },
      });
    }
    assert.equal((await edit()).status, 200, 'then the default');
  });

  it('hangs until the client gives up, and counts it as abandoned', async () => {
    fake.enqueue({ kind: 'hang' });
    await assert.rejects(edit({ signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
    await sleep(50);
    assert.equal(fake.abandoned, 1);
  });

  it('answers 404 on another path', async () => {
    const response = await fetch(`${fake.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}` },
    });
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /Invalid URL/);
  });
});

describe('FakeBFL', () => {
  const fake = new FakeBFL();
  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(() => fake.reset());

  interface Result {
    id: string;
    status: string;
    result: { sample: string; prompt: string; seed: number } | null;
    details?: unknown;
    progress?: number;
  }

  function submit(model: string, body: Record<string, unknown>, key: string = fake.apiKey): Promise<Response> {
    return fetch(`${fake.url}/v1/${model}`, {
      method: 'POST',
      headers: { 'x-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({
        prompt: 'the same person in a navy blazer',
        input_image: reference.toString('base64'),
        ...body,
      }),
    });
  }

  async function poll(pollingUrl: string): Promise<Result> {
    const response = await fetch(pollingUrl, { headers: { 'x-key': fake.apiKey } });
    assert.equal(response.status, 200);
    return (await response.json()) as Result;
  }

  async function pollUntilDone(pollingUrl: string): Promise<Result> {
    for (;;) {
      const result = await poll(pollingUrl);
      if (result.status !== 'Pending') return result;
    }
  }

  it('rejects a wrong key with 403 on submit and on poll', async () => {
    const response = await submit('flux-2-pro', { width: 768, height: 1344 }, 'wrong');
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { detail: 'Not authenticated - Invalid Authentication' });
    assert.equal((await fetch(`${fake.url}/v1/get_result?id=x`)).status, 403);
  });

  it('submits, polls Pending then Ready, and serves the sample without a key', async () => {
    const response = await submit('flux-2-pro', { width: 768, height: 1344, output_format: 'png', seed: 42 });
    assert.equal(response.status, 200);
    const { id, polling_url } = (await response.json()) as { id: string; polling_url: string };
    assert.equal(polling_url, `${fake.url}/v1/get_result?id=${id}`);
    assert.deepEqual(fake.requests[0], {
      model: 'flux-2-pro',
      apiKey: fake.apiKey,
      prompt: 'the same person in a navy blazer',
      width: 768,
      height: 1344,
      aspect_ratio: undefined,
      output_format: 'png',
      seed: 42,
      inputImage: { mimeType: 'image/jpeg', bytes: reference.length },
      inputImages: ['image/jpeg'],
    });
    assert.equal((await poll(polling_url)).status, 'Pending');
    assert.equal((await poll(polling_url)).status, 'Pending');
    const ready = await poll(polling_url);
    assert.equal(ready.status, 'Ready');
    assert.equal(fake.polls(id), 3);
    assert.deepEqual(
      { ...ready.result, sample: undefined },
      { sample: undefined, prompt: 'the same person in a navy blazer', seed: 42 },
    );
    assert.match(ready.result?.sample ?? '', new RegExp(`^${fake.url}/samples/${id}\\.png\\?se=\\d+$`));
    const sample = await fetch(ready.result?.sample ?? '');
    assert.equal(sample.status, 200);
    assert.equal(sample.headers.get('content-type'), 'image/png');
    const meta = await sharp(Buffer.from(await sample.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 768, 1344]);
    assert.equal(fake.sampleDownloads, 1);
  });

  it('sizes Kontext samples by aspect ratio, JPEG by default', async () => {
    fake.enqueue({ kind: 'task', pollsUntilReady: 0 });
    const { polling_url } = (await (await submit('flux-kontext-pro', { aspect_ratio: '9:16' })).json()) as {
      polling_url: string;
    };
    const ready = await pollUntilDone(polling_url);
    const sample = await fetch(ready.result?.sample ?? '');
    assert.equal(sample.headers.get('content-type'), 'image/jpeg');
    const meta = await sharp(Buffer.from(await sample.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 752, 1392]);
  });

  it('refuses a sample after it expires, with 403', async () => {
    fake.enqueue({ kind: 'task', pollsUntilReady: 0, sampleExpiresMs: 200 });
    const { polling_url } = (await (await submit('flux-2-pro', { width: 512, height: 512 })).json()) as {
      polling_url: string;
    };
    const ready = await pollUntilDone(polling_url);
    assert.equal((await fetch(ready.result?.sample ?? '')).status, 200);
    await sleep(250);
    const expired = await fetch(ready.result?.sample ?? '');
    assert.equal(expired.status, 403);
    assert.equal(fake.sampleDownloads, 1);
    assert.equal(fake.sampleAttempts, 2);
  });

  it('ends with moderated and error statuses', async () => {
    for (const final of ['Request Moderated', 'Content Moderated', 'Error'] as const) {
      fake.enqueue({ kind: 'task', pollsUntilReady: 1, final });
      const { id, polling_url } = (await (await submit('flux-2-pro', { width: 1024, height: 1024 })).json()) as {
        id: string;
        polling_url: string;
      };
      const done = await pollUntilDone(polling_url);
      assert.equal(done.status, final);
      assert.equal(done.result, null);
      assert.ok(done.details);
      assert.equal(fake.polls(id), 2);
    }
  });

  it('answers 402, 429 with retry-after, and 5xx on submit', async () => {
    fake.enqueue(
      { kind: 'insufficient-credits' },
      { kind: 'rate-limited', retryAfterSeconds: 3 },
      { kind: 'server-error', status: 502 },
    );
    const credits = await submit('flux-2-pro', { width: 1024, height: 1024 });
    assert.equal(credits.status, 402);
    assert.deepEqual(await credits.json(), { detail: 'Insufficient credits' });
    const limited = await submit('flux-2-pro', { width: 1024, height: 1024 });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.deepEqual(await limited.json(), { detail: 'Too many active tasks' });
    assert.equal((await submit('flux-2-pro', { width: 1024, height: 1024 })).status, 502);
  });

  it('answers 422 without a real input image or with a size off the 16 grid', async () => {
    const noImage = await submit('flux-2-pro', {
      width: 1024,
      height: 1024,
      input_image: Buffer.from('not an image').toString('base64'),
    });
    assert.equal(noImage.status, 422);
    assert.deepEqual(await noImage.json(), { detail: 'fake BFL: no input_image' });
    assert.equal((await submit('flux-2-pro', { width: 1000, height: 1024 })).status, 422);
  });

  it('says Task not found for an unknown id', async () => {
    const result = await poll(`${fake.url}/v1/get_result?id=nope`);
    assert.deepEqual(result, { id: 'nope', status: 'Task not found', result: null });
    assert.equal(fake.polls('nope'), 1);
  });
});

describe('gpt-image-2 sizes', () => {
  it('are what OpenAI accepts for every orientation and size, near the size asked for', async () => {
    const { sizeFor, gptImage2SizeProblem } = await import('../../src/domain/images/openai.ts');
    const expected: Record<string, string> = {
      '16:9 1K': '1088x608',
      '16:9 2K': '2048x1152',
      '16:9 4K': '3840x2160',
      '9:16 1K': '608x1088',
      '1:1 1K': '1024x1024',
      '1:1 4K': '2880x2880',
    };
    for (const ratio of ['16:9', '9:16', '1:1']) {
      for (const size of ['1K', '2K', '4K'] as const) {
        const chosen = sizeFor('gpt-image-2', ratio, size);
        const [width, height] = chosen.split('x').map(Number) as [number, number];
        assert.equal(gptImage2SizeProblem(width, height), undefined, `${ratio} ${size} → ${chosen}`);
        if (expected[`${ratio} ${size}`]) assert.equal(chosen, expected[`${ratio} ${size}`]);
      }
    }
    assert.equal(sizeFor('gpt-image-2-2026-04-21', '16:9', '1K'), '1088x608', 'a dated snapshot follows the same rule');
    assert.match(gptImage2SizeProblem(1024, 576) ?? '', /between 655360 and 8294400 pixels/);
    assert.match(gptImage2SizeProblem(3840, 3840) ?? '', /pixels/);
    assert.equal(sizeFor('gpt-image-1.5', '16:9', '4K'), '1536x1024');
  });
});
