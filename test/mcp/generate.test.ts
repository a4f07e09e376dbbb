// generate_look_image and get_job through the SDK Client, against the fake Gemini on loopback.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { sniffImage } from '../../src/core/media.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { photo } from '../helpers/images.ts';
import { connectInMemory, temporaryHome, textOf, type InMemoryConnected } from '../helpers/mcp.ts';

const PROMPT = [
  'Facing the camera, genuine relaxed smile, not posed.',
  'An oversized oatmeal cable-knit sweater.',
  'Sitting on a king bed with rumpled linen, an amber lamp on the nightstand.',
  'Shot on Canon 5D Mark IV, 85mm f/1.8.',
  'This should look like a real candid photo, NOT an AI render.',
].join('\n');

interface Structured {
  status: string;
  job_id: string;
  sandbox?: boolean;
  run_dir?: string;
  provider?: string;
  model?: string;
  images?: Array<{
    index: number;
    path: string;
    uri: string;
    mime_type: string;
    width: number;
    height: number;
    sha256: string;
    size_bytes: number;
    file: string;
  }>;
  failed?: Array<{ index: number; kind: string; message: string }>;
  cost_estimate_usd?: number;
  retry_after_seconds?: number;
}

describe('generate_look_image', () => {
  const fake = new FakeGemini();
  let face: string;
  let quick: InMemoryConnected; // Gemini with a 2 s timeout
  let patient: InMemoryConnected; // Gemini with a 30 s timeout

  before(async () => {
    await fake.start();
    const folder = temporaryHome();
    face = join(folder, 'face.jpg');
    writeFileSync(face, await photo(600, 800));
    const env = { GEMINI_API_KEY: fake.apiKey, GEMINI_BASE_URL: fake.url, AVATAR_REFERENCE_IMAGE: face };
    quick = await connectInMemory({ env: { ...env, GEMINI_TIMEOUT_SECONDS: '2' } });
    patient = await connectInMemory({ env: { ...env, GEMINI_TIMEOUT_SECONDS: '30' } });
  });
  after(async () => {
    await quick.close();
    await patient.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  const generate = async (
    connection: InMemoryConnected,
    args: Record<string, unknown> = {},
    options: Parameters<InMemoryConnected['client']['callTool']>[2] = {},
  ) => {
    // force_new unless a test says otherwise: most tests repeat the same request on purpose.
    const result = (await connection.client.callTool(
      { name: 'generate_look_image', arguments: { prompt: PROMPT, force_new: true, ...args } },
      undefined,
      options,
    )) as CallToolResult;
    return { result, structured: result.structuredContent as unknown as Structured, text: textOf(result) };
  };

  it('makes a 16:9 2K image from the prompt and the reference photo, saved with run.json, shown as preview + link', async () => {
    const { result, structured, text } = await generate(quick);
    assert.equal(result.isError, undefined, text);
    const request = fake.requests[0];
    assert.equal(fake.requests.length, 1);
    assert.equal(request?.apiKey, fake.apiKey);
    assert.equal(request?.model, 'gemini-3.1-flash-image');
    assert.deepEqual(
      [request?.aspectRatio, request?.imageSize, request?.responseModalities],
      ['16:9', '2K', ['IMAGE']],
    );
    assert.equal(request?.reference?.mimeType, 'image/jpeg', 'the reference photo was sent');
    assert.equal(request?.prompt, PROMPT);

    const image = structured.images?.[0];
    assert.ok(image);
    assert.match(image.path, /candidate-1\.png$/);
    const bytes = readFileSync(image.path);
    assert.deepEqual(sniffImage(bytes), { kind: 'image', mime: 'image/png' });
    assert.equal(image.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual([image.width, image.height], [2048, 1152]);

    const blocks = result.content.map((block) => block.type);
    assert.deepEqual(blocks, ['text', 'image', 'resource_link']);
    const preview = result.content[1] as { data: string; mimeType: string };
    assert.equal(preview.mimeType, 'image/jpeg');
    assert.ok(Buffer.from(preview.data, 'base64').length < 100 * 1024, 'preview under 100 KB');

    const run = JSON.parse(readFileSync(join(structured.run_dir ?? '', 'run.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(run.prompt, PROMPT);
    assert.equal(run.provider, 'gemini');
    assert.equal(run.model, 'gemini-3.1-flash-image');
    assert.equal(run.status, 'completed');
    assert.equal(
      (run.reference as { sha256: string }).sha256,
      createHash('sha256').update(readFileSync(face)).digest('hex'),
    );
    assert.equal((run.candidates as Array<{ sha256: string }>)[0]?.sha256, image.sha256);
    assert.equal(run.cost_estimate_usd, 0.1);
    assert.ok((run.timings_ms as { total: number }).total > 0);
  });

  it('saves a JPEG answer as .jpg and skips interim thought images', async () => {
    fake.enqueue({ kind: 'image', mime: 'image/jpeg', thoughts: 2 });
    const { structured } = await generate(quick, { orientation: 'portrait' });
    const image = structured.images?.[0];
    assert.match(image?.path ?? '', /candidate-1\.jpg$/);
    assert.deepEqual(sniffImage(readFileSync(image?.path ?? '')), { kind: 'image', mime: 'image/jpeg' });
    assert.deepEqual([image?.width, image?.height], [1152, 2048], 'the final image, not a 256×144 thought');
  });

  it('serves the full image through resources/read at the resource_link', async () => {
    const { result, structured } = await generate(quick);
    const link = result.content.find((block) => block.type === 'resource_link') as { uri: string };
    const read = await quick.client.readResource({ uri: link.uri });
    const blob = read.contents[0] as { blob: string; mimeType: string };
    assert.equal(blob.mimeType, 'image/png');
    assert.ok(Buffer.from(blob.blob, 'base64').equals(readFileSync(structured.images?.[0]?.path ?? '')));
    await assert.rejects(quick.client.readResource({ uri: link.uri.replace(/candidate-1\.png$/, '..%2Frun.json') }));
  });

  it('refuses a prompt that describes the person before any spend', async () => {
    const { result, text } = await generate(quick, {
      prompt: 'A woman with long blonde hair and blue eyes in a cafe.',
    });
    assert.equal(result.isError, true);
    assert.match(text, /"long blonde hair" \(hair colour or style\), "blue eyes" \(eye colour or shape\)/);
    // The prompt as it reads without them, so the agent can go on without guessing.
    assert.match(text, /Without them, the prompt would read:\nA woman in a cafe\./);
    assert.match(text, /Next step: Remove those words/);
    assert.equal(fake.requests.length, 0);
  });

  it('refuses a reference photo that is not an image before any spend', async () => {
    const pdf = join(quick.home, 'face.png');
    writeFileSync(pdf, '%PDF-1.4 this is a document');
    const { result, text } = await generate(quick, { reference_image: pdf });
    assert.equal(result.isError, true);
    assert.match(text, /is a PDF document, not a PNG, JPEG or WebP image/);
    assert.equal(fake.requests.length, 0);
  });

  it('says Gemini blocked the prompt, and does not retry', async () => {
    fake.enqueue({ kind: 'prompt-blocked', reason: 'PROHIBITED_CONTENT' });
    const { result, text } = await generate(quick);
    assert.equal(result.isError, true);
    assert.match(text, /Gemini refused the request before generating \(PROHIBITED_CONTENT\)/);
    assert.match(text, /Retrying the same request will not help/);
    assert.equal(fake.requests.length, 1);
  });

  it('names the IMAGE_SAFETY category when Gemini withholds the image, and does not retry', async () => {
    fake.enqueue({ kind: 'finish', reason: 'IMAGE_SAFETY' });
    const { result, text } = await generate(quick);
    assert.equal(result.isError, true);
    assert.match(text, /withheld it \(IMAGE_SAFETY\)/);
    assert.match(text, /different reference photo/);
    assert.equal(fake.requests.length, 1);
  });

  it('retries an answer without an image, then returns the image', async () => {
    fake.enqueue({ kind: 'finish', reason: 'NO_IMAGE', text: 'I cannot draw that.' });
    const { result, structured } = await generate(quick);
    assert.equal(result.isError, undefined);
    assert.equal(structured.images?.length, 1);
    assert.equal(fake.requests.length, 2);
  });

  it('gives up after three answers without an image and says so', async () => {
    fake.enqueue(
      { kind: 'finish', reason: 'NO_IMAGE' },
      { kind: 'finish', reason: 'NO_IMAGE' },
      { kind: 'finish', reason: 'NO_IMAGE' },
    );
    const { result, text } = await generate(quick);
    assert.equal(result.isError, true);
    assert.match(text, /answered without an image \(NO_IMAGE\)/);
    assert.equal(fake.requests.length, 3);
  });

  it('waits as long as a 429 asks (retryDelay), then succeeds', async () => {
    fake.enqueue({ kind: 'rate-limited', retryDelay: '0.8s' });
    const started = Date.now();
    const { result } = await generate(quick);
    assert.equal(result.isError, undefined);
    assert.equal(fake.requests.length, 2);
    assert.ok(Date.now() - started >= 800, 'waited the retryDelay');
  });

  it('says a key whose quota limit is 0 has no image quota, and does not retry', async () => {
    fake.enqueue({ kind: 'no-quota' });
    const { result, text } = await generate(quick);
    assert.equal(result.isError, true);
    assert.match(text, /has no image-generation quota/);
    assert.match(text, /enable billing/);
    assert.equal(fake.requests.length, 1);
  });

  it('retries a 503 and succeeds', async () => {
    fake.enqueue({ kind: 'unavailable' });
    const { result } = await generate(quick);
    assert.equal(result.isError, undefined);
    assert.equal(fake.requests.length, 2);
  });

  it('says when Gemini does not answer in time', async () => {
    fake.enqueue({ kind: 'hang' });
    const { result, text } = await generate(quick);
    assert.equal(result.isError, true);
    assert.match(text, /Gemini did not answer in time/);
    assert.match(text, /GEMINI_TIMEOUT_SECONDS/);
    assert.equal(fake.requests.length, 1, 'a timeout is not retried');
    assert.equal(fake.abandoned, 1);
  });

  it('does not retry when the connection breaks after the request was sent (it may be billed)', async () => {
    fake.enqueue({ kind: 'reset' });
    const { result, text } = await generate(quick);
    assert.equal(result.isError, true);
    assert.match(text, /broke after the request was sent/);
    assert.match(text, /may have made \(and billed\) the image/);
    assert.equal(fake.requests.length, 1);
  });

  it('returns the running or just-finished job for an identical request instead of paying again', async () => {
    const name = `dedupe-${Date.now()}`;
    fake.enqueue({ kind: 'image', delayMs: 800 });
    const first = await generate(patient, { name, force_new: false, wait_seconds: 0.1 });
    assert.equal(first.structured.status, 'running');
    const second = await generate(patient, { name, force_new: false, wait_seconds: 10 });
    assert.equal(second.structured.job_id, first.structured.job_id);
    assert.equal(second.structured.status, 'completed');
    assert.match(second.text, /^The same request \(prompt, photo and options\) is already running as job_/);
    const third = await generate(patient, { name, force_new: false });
    assert.equal(third.structured.job_id, first.structured.job_id);
    assert.match(third.text, /finished as job_.*Pass force_new: true for new images/);
    assert.equal(fake.requests.length, 1, 'paid once');
    const fresh = await generate(patient, { name, force_new: true });
    assert.notEqual(fresh.structured.job_id, first.structured.job_id);
    assert.equal(fake.requests.length, 2);
  });

  it('keeps the job running when the client disconnects mid-call (a host restart is not a cancel)', async () => {
    const connection = await connectInMemory({
      env: { GEMINI_API_KEY: fake.apiKey, GEMINI_BASE_URL: fake.url, AVATAR_REFERENCE_IMAGE: face },
    });
    fake.enqueue({ kind: 'image', delayMs: 1_500 });
    const call = connection.client
      .callTool({ name: 'generate_look_image', arguments: { prompt: PROMPT, force_new: true } })
      .catch((error: unknown) => error);
    for (let waited = 0; fake.requests.length === 0 && waited < 10_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await connection.client.close();
    assert.ok((await call) instanceof Error, 'the call itself ends with the connection');
    await connection.services.jobs.idle();
    const records = readdirSync(join(connection.home, 'jobs'))
      .filter((name) => /^job_[a-z0-9]{12}\.json$/.test(name))
      .map(
        (name) =>
          JSON.parse(readFileSync(join(connection.home, 'jobs', name), 'utf8')) as {
            status: string;
            result?: { images: Array<{ path: string }> };
          },
      );
    assert.equal(records[0]?.status, 'completed');
    assert.ok(existsSync(records[0]?.result?.images[0]?.path ?? ''), 'the paid image was saved');
    assert.equal(fake.abandoned, 0, 'the request to Gemini was not aborted');
    await connection.close();
  });

  it("counts preparation in the wait: a slow reference download shortens the wait, not the host's patience", async () => {
    const slow = createServer((_request, response) => setTimeout(() => response.end(readFileSync(face)), 1_500));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const connection = await connectInMemory({
      env: { GEMINI_API_KEY: fake.apiKey, GEMINI_BASE_URL: fake.url, AVATAR_LOOKS_ALLOW_PRIVATE_URLS: '1' },
    });
    try {
      fake.enqueue({ kind: 'image', delayMs: 5_000 });
      const started = Date.now();
      const { structured } = await generate(connection, {
        reference_image: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/face.jpg`,
        wait_seconds: 2,
      });
      const elapsed = Date.now() - started;
      assert.equal(structured.status, 'running');
      assert.ok(elapsed < 2_600, `returned after ${elapsed} ms: the 2 s budget included the 1.5 s download`);
    } finally {
      slow.close();
      await connection.close();
    }
  });

  it('aborts the upstream request when the client cancels the call', async () => {
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const call = generate(patient, {}, { signal: controller.signal });
    // Cancel once the request is in flight at Gemini.
    for (let waited = 0; fake.requests.length === 0 && waited < 10_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await assert.rejects(call);
    const deadline = Date.now() + 5_000;
    while (fake.abandoned === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fake.abandoned, 1, 'the request to Gemini was closed');
    await patient.services.jobs.idle();
    const records = readdirSync(join(patient.home, 'jobs'))
      .filter((name) => /^job_[a-z0-9]{12}\.json$/.test(name))
      .map(
        (name) =>
          JSON.parse(readFileSync(join(patient.home, 'jobs', name), 'utf8')) as {
            status: string;
            error?: { kind: string };
          },
      );
    assert.ok(
      records.some((record) => record.status === 'failed' && record.error?.kind === 'cancelled'),
      'the job is recorded as cancelled',
    );
  });

  it('makes four candidates at once and keeps the ones that succeed when one is refused', async () => {
    fake.enqueue(
      { kind: 'image', delayMs: 400 },
      { kind: 'finish', reason: 'IMAGE_SAFETY', delayMs: 400 },
      { kind: 'image', delayMs: 400 },
      { kind: 'image', delayMs: 400 },
    );
    const { result, structured } = await generate(quick, { count: 4 });
    assert.equal(result.isError, undefined);
    assert.equal(structured.images?.length, 3);
    assert.equal(structured.failed?.length, 1);
    assert.equal(structured.failed?.[0]?.kind, 'output_blocked');
    assert.equal(fake.maxInFlight, 4, 'all four requests were in flight at once');
    assert.equal(structured.cost_estimate_usd, 0.3);
    const size = Buffer.byteLength(JSON.stringify(result));
    assert.ok(size < 512 * 1024, `result is ${size} bytes, far below 1 MiB`);
    assert.equal(result.content.filter((block) => block.type === 'image').length, 3);
  });

  it('returns a job id when the wait runs out; get_job then returns the image', async () => {
    fake.enqueue({ kind: 'image', delayMs: 1_000 });
    const first = await generate(patient, { wait_seconds: 0.2 });
    assert.equal(first.result.isError, undefined);
    assert.equal(first.structured.status, 'running');
    assert.match(first.structured.job_id, /^job_[a-z0-9]{12}$/);
    assert.equal(first.structured.retry_after_seconds, 15);
    assert.match(first.text, /Call get_job with job_id/);
    const done = (await patient.client.callTool({
      name: 'get_job',
      arguments: { job_id: first.structured.job_id, wait_seconds: 10 },
    })) as CallToolResult;
    const structured = done.structuredContent as unknown as Structured;
    assert.equal(structured.status, 'completed');
    assert.equal(structured.job_id, first.structured.job_id);
    assert.ok(existsSync(structured.images?.[0]?.path ?? ''));
    assert.ok(done.content.some((block) => block.type === 'image'));
    assert.equal(fake.requests.length, 1, 'polling never pays again');
  });

  it('sends progress at least every 5 s while it waits', async () => {
    fake.enqueue({ kind: 'image', delayMs: 4_500 });
    const updates: Array<{ progress: number; message?: string }> = [];
    const started = Date.now();
    const stamps: number[] = [started];
    const { result } = await generate(
      patient,
      {},
      { onprogress: (update) => (updates.push(update), stamps.push(Date.now())), resetTimeoutOnProgress: true },
    );
    stamps.push(Date.now());
    assert.equal(result.isError, undefined);
    assert.ok(updates.length >= 2, `${updates.length} progress updates`);
    for (let i = 1; i < stamps.length; i++)
      assert.ok((stamps[i] ?? 0) - (stamps[i - 1] ?? 0) <= 5_000, 'no gap over 5 s');
    for (let i = 1; i < updates.length; i++)
      assert.ok((updates[i]?.progress ?? 0) > (updates[i - 1]?.progress ?? 0), 'progress increases');
    assert.ok(
      updates.some((update) => /^Candidate 1: waiting for the provider\. \(4 s\)$/.test(update.message ?? '')),
      'a heartbeat at 4 s while nothing changed',
    );
  });

  it('never writes the API key into a file under AVATAR_LOOKS_HOME', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(quick.home);
    walk(patient.home);
    assert.ok(files.some((file) => file.endsWith('.log')) && files.some((file) => file.endsWith('run.json')));
    for (const file of files) assert.ok(!readFileSync(file).includes(fake.apiKey), `${file} holds the key`);
  });

  it('says there is no such job for an unknown job id', async () => {
    const result = (await quick.client.callTool({
      name: 'get_job',
      arguments: { job_id: 'job_doesnotexist' },
    })) as CallToolResult;
    assert.equal(result.isError, true);
    assert.match(textOf(result), /There is no job "job_doesnotexist"/);
  });
});

describe('generate_look_image without Gemini', () => {
  it('names the keys when no image provider is configured, and GEMINI_API_KEY when Gemini is asked for', async () => {
    const connection = await connectInMemory({ env: { HEYGEN_API_KEY: 'hg-0123456789' } });
    try {
      const face = join(connection.home, 'face.jpg');
      writeFileSync(face, await photo(400, 500));
      const result = (await connection.client.callTool({
        name: 'generate_look_image',
        arguments: { prompt: PROMPT, reference_image: face },
      })) as CallToolResult;
      assert.equal(result.isError, true);
      assert.match(
        textOf(result),
        /No image provider is configured: none of GEMINI_API_KEY, OPENAI_API_KEY, BFL_API_KEY is set/,
      );
      assert.match(textOf(result), /provider "sandbox"/);
      const asked = (await connection.client.callTool({
        name: 'generate_look_image',
        arguments: { prompt: PROMPT, reference_image: face, provider: 'gemini' },
      })) as CallToolResult;
      assert.match(textOf(asked), /no GEMINI_API_KEY \(or GOOGLE_API_KEY\)/);
    } finally {
      await connection.close();
    }
  });

  it('uses the offline sandbox when no keys are set, and says so everywhere', async () => {
    const connection = await connectInMemory();
    try {
      const face = join(connection.home, 'face.jpg');
      writeFileSync(face, await photo(400, 500));
      const result = (await connection.client.callTool({
        name: 'generate_look_image',
        arguments: { prompt: PROMPT, reference_image: face, orientation: 'portrait' },
      })) as CallToolResult;
      const structured = result.structuredContent as unknown as Structured;
      assert.equal(result.isError, undefined, textOf(result));
      assert.equal(structured.sandbox, true);
      assert.equal(structured.provider, 'sandbox');
      assert.equal(structured.cost_estimate_usd, 0);
      assert.match(textOf(result), /^SANDBOX image \(offline stand-in, not a real generation\)/);
      assert.match(textOf(result), /Set GEMINI_API_KEY/);
      assert.deepEqual([structured.images?.[0]?.width, structured.images?.[0]?.height], [1152, 2048]);
      const run = JSON.parse(readFileSync(join(structured.run_dir ?? '', 'run.json'), 'utf8')) as { sandbox: boolean };
      assert.equal(run.sandbox, true);
    } finally {
      await connection.close();
    }
  });
});
