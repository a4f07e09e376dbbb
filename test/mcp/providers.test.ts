// OpenAI GPT Image and FLUX as providers of generate_look_image, every mapped error, and the
// fallback chain — through the SDK Client against fakes of all three wire formats.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { sniffImage } from '../../src/core/media.ts';
import { FakeBFL } from '../fakes/bfl.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { photo } from '../helpers/images.ts';
import { connectInMemory, temporaryHome, textOf, type InMemoryConnected } from '../helpers/mcp.ts';

const PROMPT =
  'Facing the camera, genuine relaxed smile, not posed.\nA cream cable-knit sweater on a king bed.\nThis should look like a real candid photo, NOT an AI render.';

interface Structured {
  status: string;
  provider?: string;
  model?: string;
  cost_estimate_usd?: number;
  run_dir?: string;
  images?: Array<{ path: string; provider: string; model: string; width: number; height: number }>;
  skipped?: Array<{ provider: string; kind: string; message: string }>;
}

describe('OpenAI and FLUX providers, and the fallback chain', () => {
  const gemini = new FakeGemini();
  const openai = new FakeOpenAI();
  const bfl = new FakeBFL();
  let all: InMemoryConnected; // all three providers configured
  // ... and again with a 2-second OpenAI timeout, for the tests where OpenAI hangs: the others keep a
  // generous one, so a 4K fake image made on a busy machine is not read as OpenAI hanging.
  let hurried: InMemoryConnected;
  let noOpenAI: InMemoryConnected; // Gemini and FLUX only
  let face: string;

  before(async () => {
    await Promise.all([gemini.start(), openai.start(), bfl.start()]);
    face = join(temporaryHome(), 'face.jpg');
    writeFileSync(face, await photo(600, 800));
    const keys = {
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.url,
      BFL_API_KEY: bfl.apiKey,
      BFL_BASE_URL: bfl.url,
      BFL_TIMEOUT_SECONDS: '20',
      AVATAR_REFERENCE_IMAGE: face,
    };
    const openaiKeys = { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url };
    all = await connectInMemory({ env: { ...keys, ...openaiKeys, OPENAI_TIMEOUT_SECONDS: '60' } });
    hurried = await connectInMemory({ env: { ...keys, ...openaiKeys, OPENAI_TIMEOUT_SECONDS: '2' } });
    noOpenAI = await connectInMemory({ env: keys });
  });
  after(async () => {
    await all.close();
    await hurried.close();
    await noOpenAI.close();
    await Promise.all([gemini.stop(), openai.stop(), bfl.stop()]);
  });
  beforeEach(() => {
    gemini.reset();
    openai.reset();
    bfl.reset();
  });

  const generate = async (connection: InMemoryConnected, args: Record<string, unknown> = {}) => {
    const result = (await connection.client.callTool({
      name: 'generate_look_image',
      arguments: { prompt: PROMPT, force_new: true, ...args },
    })) as CallToolResult;
    return { result, text: textOf(result), structured: result.structuredContent as unknown as Structured };
  };

  it('makes the image with OpenAI: multipart image[] reference, a landscape size, input_fidelity high', async () => {
    const { result, structured, text } = await generate(all, { provider: 'openai' });
    assert.equal(result.isError, undefined, text);
    const request = openai.requests[0];
    assert.equal(request?.apiKey, openai.apiKey);
    assert.deepEqual(
      [request?.model, request?.size, request?.quality, request?.input_fidelity],
      ['gpt-image-1.5', '1536x1024', 'medium', 'high'],
    );
    assert.equal(request?.reference?.detected, 'image/jpeg', 'the reference photo arrived');
    // multipart/form-data encoding turns line breaks in text fields into CRLF (the HTML spec says so).
    assert.equal(request?.prompt?.replace(/\r\n/g, '\n'), PROMPT);
    assert.equal(structured.provider, 'openai');
    assert.equal(structured.images?.[0]?.provider, 'openai');
    assert.equal(structured.cost_estimate_usd, 0.05);
    assert.deepEqual(sniffImage(readFileSync(structured.images?.[0]?.path ?? '')), {
      kind: 'image',
      mime: 'image/png',
    });
    assert.equal(gemini.requests.length, 0);
  });

  it('asks gpt-image-2 only for sizes OpenAI accepts (1K landscape and portrait, 4K square), with no fallback', async () => {
    const cases = [
      ['landscape', '1K', '1088x608'],
      ['portrait', '1K', '608x1088'],
      ['square', '4K', '2880x2880'],
    ] as const;
    for (const [orientation, size, sent] of cases) {
      openai.reset();
      const { result, structured, text } = await generate(all, {
        provider: 'openai',
        model: 'gpt-image-2',
        orientation,
        size,
      });
      assert.equal(result.isError, undefined, `${orientation} ${size}: ${text}`);
      assert.equal(openai.requests[0]?.size, sent);
      assert.equal(openai.requests[0]?.input_fidelity, undefined, 'gpt-image-2 takes no input_fidelity');
      assert.equal(structured.images?.[0]?.provider, 'openai', 'made by the provider asked for, not a fallback');
      assert.equal(structured.skipped?.length ?? 0, 0);
    }
  });

  it('makes the image with FLUX: submit with input_image, poll, download the sample at once', async () => {
    const { result, structured, text } = await generate(all, { provider: 'flux' });
    assert.equal(result.isError, undefined, text);
    const submit = bfl.requests[0];
    assert.deepEqual([submit?.model, submit?.width, submit?.height], ['flux-2-pro', 2048, 1152]);
    assert.ok(submit?.inputImage?.mimeType, 'the reference photo arrived');
    assert.equal(bfl.sampleDownloads, 1);
    assert.equal(structured.provider, 'flux');
    assert.deepEqual([structured.images?.[0]?.width, structured.images?.[0]?.height], [2048, 1152]);
  });

  it('falls back from a Gemini IMAGE_SAFETY refusal to OpenAI, and says why', async () => {
    gemini.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
    const { result, structured, text } = await generate(all);
    assert.equal(result.isError, undefined, text);
    assert.equal(structured.provider, 'openai');
    assert.deepEqual(
      structured.skipped?.map((skip) => [skip.provider, skip.kind]),
      [['gemini', 'output_blocked']],
    );
    assert.match(
      text,
      /gemini was passed over \(output blocked\): Gemini generated an image but withheld it \(IMAGE_SAFETY\)/,
    );
    assert.deepEqual([gemini.requests.length, openai.requests.length, bfl.requests.length], [1, 1, 0]);
    const run = JSON.parse(readFileSync(join(structured.run_dir ?? '', 'run.json'), 'utf8')) as {
      providers: string[];
      skipped: Array<{ provider: string }>;
      candidates: Array<{ provider: string }>;
    };
    assert.deepEqual(run.providers, ['gemini', 'openai', 'flux']);
    assert.equal(run.skipped[0]?.provider, 'gemini');
    assert.equal(run.candidates[0]?.provider, 'openai');
  });

  it('walks the whole chain in order: no Gemini quota, OpenAI moderation, then FLUX', async () => {
    gemini.enqueue({ kind: 'no-quota' });
    openai.enqueue({ kind: 'moderation' });
    const { result, structured, text } = await generate(all);
    assert.equal(result.isError, undefined, text);
    assert.equal(structured.provider, 'flux');
    assert.deepEqual(
      structured.skipped?.map((skip) => [skip.provider, skip.kind]),
      [
        ['gemini', 'no_quota'],
        ['openai', 'prompt_blocked'],
      ],
    );
  });

  it('falls back after repeated 429s, not after the first', async () => {
    gemini.enqueue(
      { kind: 'rate-limited', retryDelay: '0.1s' },
      { kind: 'rate-limited', retryDelay: '0.1s' },
      { kind: 'rate-limited', retryDelay: '0.1s' },
    );
    const { structured } = await generate(all);
    assert.equal(gemini.requests.length, 3, 'retried twice first');
    assert.equal(structured.provider, 'openai');
    assert.equal(structured.skipped?.[0]?.kind, 'rate_limited');
  });

  it('does not fall back after an error that may have been billed (a timeout)', async () => {
    gemini.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
    openai.enqueue({ kind: 'hang' });
    const { result, text } = await generate(hurried);
    assert.equal(result.isError, true);
    assert.match(text, /OpenAI did not answer in time/);
    assert.deepEqual(
      [gemini.requests.length, openai.requests.length, bfl.requests.length],
      [1, 1, 0],
      'FLUX was not asked: OpenAI may have billed',
    );
  });

  it('skips a provider without a key silently in the chain', async () => {
    gemini.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
    const { structured, text } = await generate(noOpenAI);
    assert.equal(structured.provider, 'flux');
    assert.deepEqual(
      structured.skipped?.map((skip) => skip.provider),
      ['gemini'],
    );
    assert.doesNotMatch(text, /openai/i);
  });

  it('names OPENAI_API_KEY when OpenAI is asked for without a key', async () => {
    const { result, text } = await generate(noOpenAI, { provider: 'openai' });
    assert.equal(result.isError, true);
    assert.match(text, /OpenAI is not configured: the server has no OPENAI_API_KEY/);
  });

  it('does not fall back when a provider is named: its refusal is the answer', async () => {
    openai.enqueue({ kind: 'moderation' });
    const { result, text } = await generate(all, { provider: 'openai' });
    assert.equal(result.isError, true);
    assert.match(text, /OpenAI's safety system rejected the request/);
    assert.match(text, /retrying the same request will not help/);
    assert.deepEqual([openai.requests.length, bfl.requests.length], [1, 0]);
  });

  it('makes the image with each provider the same way, Gemini included', async () => {
    for (const provider of ['gemini', 'openai', 'flux'] as const) {
      const { result, structured, text } = await generate(all, { provider });
      assert.equal(result.isError, undefined, `${provider}: ${text}`);
      assert.equal(structured.images?.[0]?.provider, provider);
    }
  });

  it('names the provider that made the image in run.json, with its cost, after a fallback', async () => {
    gemini.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
    const { structured } = await generate(all);
    const run = JSON.parse(readFileSync(join(structured.run_dir ?? '', 'run.json'), 'utf8')) as {
      provider: string;
      requested_provider: string;
      candidates: Array<{ provider: string; cost_usd: number }>;
    };
    assert.deepEqual([run.provider, run.requested_provider], ['openai', 'gemini']);
    assert.deepEqual([run.candidates[0]?.provider, run.candidates[0]?.cost_usd], ['openai', 0.05]);
  });

  it('says why every provider was passed over when the whole chain fails', async () => {
    gemini.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
    openai.enqueue({ kind: 'moderation' });
    bfl.enqueue({ kind: 'insufficient-credits' });
    const { result, text } = await generate(all);
    assert.equal(result.isError, true);
    assert.match(
      text,
      /FLUX has no credits left.*Before that: gemini — Gemini generated an image but withheld it \(IMAGE_SAFETY\).*openai — OpenAI's safety system rejected the request/s,
    );
  });

  it('refuses a model of another provider before any spend, and lets a model pick its provider', async () => {
    const mismatch = await generate(all, { provider: 'openai', model: 'gemini-3-pro-image' });
    assert.equal(mismatch.result.isError, true);
    assert.match(mismatch.text, /The model "gemini-3-pro-image" belongs to gemini, not openai/);
    assert.deepEqual([gemini.requests.length, openai.requests.length], [0, 0]);
    const picked = await generate(all, { model: 'flux-kontext-pro' });
    assert.equal(picked.structured.provider, 'flux');
    assert.equal(gemini.requests.length, 0);
  });

  it('accepts OPENAI_BASE_URL with /v1, as the OpenAI SDK takes it', async () => {
    const connection = await connectInMemory({
      env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: `${openai.url}/v1`, AVATAR_REFERENCE_IMAGE: face },
    });
    try {
      const { result, text } = await generate(connection, { provider: 'openai' });
      assert.equal(result.isError, undefined, text);
    } finally {
      await connection.close();
    }
  });

  describe('OpenAI errors', () => {
    const cases: Array<[string, Parameters<FakeOpenAI['enqueue']>[0], RegExp, number]> = [
      [
        'an unverified organization',
        { kind: 'unverified' },
        /requires a verified organization[\s\S]*Verify the organization at platform\.openai\.com/,
        1,
      ],
      ['a key without quota', { kind: 'no-quota' }, /no quota left[\s\S]*Billing/, 1],
    ];
    for (const [name, behaviour, message, requests] of cases) {
      it(`explains ${name}, without retrying`, async () => {
        openai.enqueue(behaviour);
        const { result, text } = await generate(all, { provider: 'openai' });
        assert.equal(result.isError, true);
        assert.match(text, message);
        assert.equal(openai.requests.length, requests);
      });
    }

    it('waits out a 429 with retry-after, and retries a 5xx', async () => {
      openai.enqueue({ kind: 'rate-limited', retryAfterSeconds: 1 }, { kind: 'server-error', status: 503 });
      const started = Date.now();
      const { result } = await generate(all, { provider: 'openai' });
      assert.equal(result.isError, undefined);
      assert.equal(openai.requests.length, 3);
      assert.ok(Date.now() - started >= 1_000);
    });

    it('says when OpenAI does not answer in time, and does not retry', async () => {
      openai.enqueue({ kind: 'hang' });
      const { result, text } = await generate(hurried, { provider: 'openai' });
      assert.equal(result.isError, true);
      assert.match(text, /OpenAI did not answer in time[\s\S]*OPENAI_TIMEOUT_SECONDS/);
      assert.equal(openai.requests.length, 1);
    });

    it('does not retry a connection that broke after the request was sent', async () => {
      openai.enqueue({ kind: 'reset' });
      const { text } = await generate(all, { provider: 'openai' });
      assert.match(text, /broke after the request was sent[\s\S]*may have made \(and billed\) the image/);
      assert.equal(openai.requests.length, 1);
    });
  });

  describe('FLUX errors', () => {
    for (const [final, message] of [
      ['Request Moderated', /FLUX's moderation refused the request/],
      ['Content Moderated', /FLUX made an image but withheld it/],
      ['Error', /FLUX reported an error for the task[\s\S]*may have been billed/],
    ] as const) {
      it(`explains a task that ends "${final}"`, async () => {
        bfl.enqueue({ kind: 'task', final });
        const { result, text } = await generate(all, { provider: 'flux' });
        assert.equal(result.isError, true);
        assert.match(text, message);
        assert.equal(bfl.requests.length, 1);
      });
    }

    it('says when the account has no credits (402)', async () => {
      bfl.enqueue({ kind: 'insufficient-credits' });
      const { text } = await generate(all, { provider: 'flux' });
      assert.match(text, /FLUX has no credits left[\s\S]*api\.bfl\.ai/);
    });

    it('retries a 429 after its retry-after', async () => {
      bfl.enqueue({ kind: 'rate-limited', retryAfterSeconds: 1 });
      const { result } = await generate(all, { provider: 'flux' });
      assert.equal(result.isError, undefined);
      assert.equal(bfl.requests.length, 2);
    });

    it('says when the result link expired before it could be downloaded', async () => {
      bfl.enqueue({ kind: 'task', sampleExpiresMs: 0 });
      const { result, text } = await generate(all, { provider: 'flux' });
      assert.equal(result.isError, true);
      assert.match(text, /could not be downloaded \(HTTP 403; its link may have expired\)/);
    });

    it('waits out errors while polling an accepted task, and never submits it twice', async () => {
      bfl.enqueuePollFaults('server-error', 'server-error');
      const { result, text } = await generate(all, { provider: 'flux' });
      assert.equal(result.isError, undefined, text);
      assert.equal(bfl.requests.length, 1, 'one task, one payment');
    });

    it('stops, without trying another provider, when an accepted task is lost', async () => {
      gemini.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
      const connection = await connectInMemory({
        env: {
          GEMINI_API_KEY: gemini.apiKey,
          GEMINI_BASE_URL: gemini.url,
          BFL_API_KEY: bfl.apiKey,
          BFL_BASE_URL: bfl.url,
          OPENAI_API_KEY: openai.apiKey,
          OPENAI_BASE_URL: openai.url,
          AVATAR_LOOKS_PROVIDERS: 'gemini,flux,openai',
          AVATAR_REFERENCE_IMAGE: face,
        },
      });
      try {
        bfl.enqueue({ kind: 'task', pollsUntilReady: 1 });
        bfl.enqueuePollFaults('task-not-found');
        const { result, text } = await generate(connection);
        assert.equal(result.isError, true);
        assert.match(text, /FLUX no longer knows the task \(Task not found\)/);
        assert.match(text, /may have been billed, so it was not retried or passed to another provider/);
        assert.deepEqual([bfl.requests.length, openai.requests.length], [1, 0]);
      } finally {
        await connection.close();
      }
    });

    it('does not follow a polling_url on a foreign host (the key would go there)', async () => {
      bfl.enqueue({ kind: 'task', pollingUrl: 'http://127.0.0.2:9/v1/get_result?id=x' });
      const { result, text } = await generate(all, { provider: 'flux' });
      assert.equal(result.isError, true);
      assert.match(text, /gave no usable polling_url/);
    });

    it('uses aspect_ratio for FLUX Kontext', async () => {
      const { result } = await generate(all, { provider: 'flux', model: 'flux-kontext-pro', orientation: 'portrait' });
      assert.equal(result.isError, undefined);
      assert.deepEqual(
        [bfl.requests[0]?.model, bfl.requests[0]?.aspect_ratio, bfl.requests[0]?.width],
        ['flux-kontext-pro', '9:16', undefined],
      );
    });
  });
});
