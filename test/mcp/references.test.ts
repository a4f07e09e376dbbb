// Several reference photos of the person, through the MCP tools: every photo reaches the image
// providers (asserted on the fakes' recorded requests), a mix of people is refused naming the photo
// that differs, and the combined likeness with each reference's score is in the result and run.json.
// The photos are crops of face-api's sample photos (test/helpers/faces.ts): two crops of one person
// and one of somebody else; nothing needs ../shared/faces.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import sharp from 'sharp';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FakeBFL } from '../fakes/bfl.ts';
import { FakeGemini } from '../fakes/gemini.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { faceCrop, lookImage } from '../helpers/faces.ts';
import {
  connectInMemory,
  connectStdio,
  temporaryHome,
  textOf,
  type InMemoryConnected,
  type StdioConnected,
} from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

const PROMPT =
  'Facing the camera, genuine relaxed smile, not posed.\nA cream cable-knit sweater on a king bed.\nThis should look like a real candid photo, NOT an AI render.';

/** Three photos of the person (different crops, one mirrored and warmer) and one of somebody else. */
async function photos(home: string): Promise<{ person: string[]; other: string }> {
  const write = (name: string, bytes: Buffer) => {
    const path = join(home, name);
    writeFileSync(path, bytes);
    return path;
  };
  const wide = await faceCrop('person', 1.2);
  return {
    person: [
      write('me-1.jpg', wide),
      write('me-2.jpg', await faceCrop('person', 0.7)),
      write('me-3.jpg', await sharp(wide).flop().modulate({ brightness: 1.08, saturation: 1.1 }).jpeg().toBuffer()),
    ],
    other: write('someone-else.jpg', await faceCrop('other', 0.5)),
  };
}

describe('several reference photos: check_look_image and create_look (stdio, sandbox)', () => {
  let home: string;
  let refs: { person: string[]; other: string };
  let connection: StdioConnected;
  const call = async (name: string, args: Record<string, unknown>) =>
    (await connection.client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;

  before(async () => {
    home = temporaryHome();
    refs = await photos(home);
    connection = await connectStdio({ AVATAR_LOOKS_HOME: home, AVATAR_LOOKS_SANDBOX: '1' });
  });
  after(async () => {
    await connection.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('check_look_image compares the look with every reference: the combined score, each score, the verdict', async () => {
    const look = join(home, 'look.jpg');
    writeFileSync(look, await lookImage('person'));
    const result = await call('check_look_image', {
      image_path: look,
      orientation: 'landscape',
      reference_images: refs.person,
    });
    assert.equal(result.isError, undefined, textOf(result));
    const { identity, status } = result.structuredContent!;
    assert.equal(identity.references, 3);
    assert.equal(identity.per_reference.length, 3);
    assert.equal(identity.combined, 'centroid');
    assert.ok(identity.similarity >= identity.threshold, JSON.stringify(identity));
    assert.equal(status, 'pass');
    assert.match(textOf(result), /Likeness: 0\.\d+ to the 3 references combined \(each: 0\.\d+, 0\.\d+, 0\.\d+\)/);
  });

  it('check_look_image refuses a mix of people, naming the photo that differs', async () => {
    const look = join(home, 'look.jpg');
    const result = await call('check_look_image', {
      image_path: look,
      reference_images: [refs.person[0], refs.person[1], refs.other],
    });
    assert.equal(result.isError, true);
    assert.match(
      textOf(result),
      /Reference photo 3 \([^)]*someone-else\.jpg\) is not the same person as the other reference photos/,
    );
  });

  it('keeps the single reference_image working, first among reference_images', async () => {
    const result = await call('check_look_image', {
      image_path: join(home, 'look.jpg'),
      reference_image: refs.person[0],
      reference_images: [refs.person[1]],
    });
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(result.structuredContent!.identity.references, 2);
  });

  it('create_look with three references: the combined score and each reference score in the result and run.json', async () => {
    let result = await call('create_look', {
      key: 'refs-ep1',
      topic: 'sleep science',
      orientation: 'landscape',
      size: '1K',
      reference_images: refs.person,
      wait_seconds: 45,
    });
    while (result.structuredContent?.status === 'running')
      result = await call('get_job', { job_id: result.structuredContent.job_id, wait_seconds: 30 });
    assert.equal(result.isError, undefined, textOf(result));
    const out = result.structuredContent!;
    const identity = out.gate.checks[0].identity;
    assert.equal(identity.references, 3);
    assert.equal(identity.per_reference.length, 3);
    assert.equal(typeof identity.similarity, 'number');
    assert.match(textOf(result), /likeness 0\.\d+ to 3 references combined: 0\.\d+, 0\.\d+, 0\.\d+/);
    const run = JSON.parse(readFileSync(join(out.run_dir, 'run.json'), 'utf8'));
    assert.deepEqual(run.gate.checks[0].identity, identity);
    assert.deepEqual(
      run.references.map((photo: { sent: string }) => photo.sent),
      ['reference.jpg', 'reference-2.jpg', 'reference-3.jpg'],
    );
  });

  it('create_look refuses a mix of people before any image is made, naming the photo', async () => {
    let result = await call('create_look', {
      key: 'refs-mixed',
      topic: 'sleep science',
      orientation: 'landscape',
      size: '1K',
      reference_images: [refs.person[0], refs.other],
      wait_seconds: 45,
    });
    while (result.structuredContent?.status === 'running')
      result = await call('get_job', { job_id: result.structuredContent.job_id, wait_seconds: 30 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Reference photo 2 \([^)]*someone-else\.jpg\) is not the same person/);
    assert.match(textOf(result), /Nothing was paid for/);
  });
});

describe('several reference photos reach every provider (generate_look_image, fakes)', () => {
  const gemini = new FakeGemini();
  const openai = new FakeOpenAI();
  const bfl = new FakeBFL();
  let home: string;
  let refs: { person: string[]; other: string };
  let connection: InMemoryConnected;

  before(async () => {
    await Promise.all([gemini.start(), openai.start(), bfl.start()]);
    home = temporaryHome();
    refs = await photos(home);
    connection = await connectInMemory({
      env: {
        AVATAR_LOOKS_HOME: home,
        GEMINI_API_KEY: gemini.apiKey,
        GEMINI_BASE_URL: gemini.url,
        OPENAI_API_KEY: openai.apiKey,
        OPENAI_BASE_URL: openai.url,
        BFL_API_KEY: bfl.apiKey,
        BFL_BASE_URL: bfl.url,
        BFL_TIMEOUT_SECONDS: '20',
        AVATAR_REFERENCE_IMAGES: JSON.stringify(refs.person),
      },
    });
  });
  after(async () => {
    await connection.close();
    await Promise.all([gemini.stop(), openai.stop(), bfl.stop()]);
    rmSync(home, { recursive: true, force: true });
  });
  beforeEach(() => {
    gemini.reset();
    openai.reset();
    bfl.reset();
  });

  const generate = async (args: Record<string, unknown>) =>
    (await connection.client.callTool({
      name: 'generate_look_image',
      arguments: { prompt: PROMPT, force_new: true, size: '1K', ...args },
    })) as Result;

  it('Gemini gets every configured photo (AVATAR_REFERENCE_IMAGES) as inline images', async () => {
    const result = await generate({ provider: 'gemini' });
    assert.equal(result.isError, undefined, textOf(result));
    assert.deepEqual(
      gemini.requests[0]?.references.map((image) => image.mimeType),
      ['image/jpeg', 'image/jpeg', 'image/jpeg'],
    );
  });

  it('GPT Image edits get every photo as image[]', async () => {
    const result = await generate({ provider: 'openai' });
    assert.equal(result.isError, undefined, textOf(result));
    assert.deepEqual(openai.requests[0]?.images, ['image/jpeg', 'image/jpeg', 'image/jpeg']);
  });

  it('FLUX.2 gets input_image, input_image_2 and input_image_3', async () => {
    const result = await generate({ provider: 'flux' });
    assert.equal(result.isError, undefined, textOf(result));
    assert.deepEqual(bfl.requests[0]?.inputImages, ['image/jpeg', 'image/jpeg', 'image/jpeg']);
  });

  it("the caller's reference_images replace the configured ones, and a mix is refused before any spend", async () => {
    const result = await generate({ provider: 'gemini', reference_images: [refs.person[1], refs.other] });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Refused before any image was paid for: Reference photo 2 \([^)]*someone-else\.jpg\)/);
    assert.equal(gemini.requests.length, 0);
  });
});
