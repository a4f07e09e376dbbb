// check_look_image over stdio with the SDK Client, on real photos (crops of the group photos
// face-api ships): each verdict with its reason.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { faceCrop, lookImage, samplePhoto } from '../helpers/faces.ts';
import { photo } from '../helpers/images.ts';
import { connectStdio, temporaryHome, textOf, type StdioConnected } from '../helpers/mcp.ts';

type Result = CallToolResult & { structuredContent?: Record<string, any> };

describe('check_look_image (stdio, real photos)', () => {
  const home = temporaryHome();
  const file = (name: string, bytes: Buffer) => {
    const path = join(home, name);
    writeFileSync(path, bytes);
    return path;
  };
  let connection: StdioConnected;
  let reference: string;
  const check = async (image_path: string, extra: Record<string, unknown> = {}) =>
    (await connection.client.callTool(
      { name: 'check_look_image', arguments: { image_path, orientation: 'landscape', ...extra } },
      undefined,
      { timeout: 60_000 },
    )) as Result;

  before(async () => {
    reference = file('reference.jpg', await faceCrop('person', 1.2));
    connection = await connectStdio({ AVATAR_LOOKS_HOME: home, AVATAR_REFERENCE_IMAGE: reference });
  });
  after(() => connection.close());

  it('passes a frontal single-face photo against a crop of itself, with the likeness and its threshold', async () => {
    const result = await check(file('same.jpg', await lookImage('person')));
    assert.equal(result.isError, undefined, textOf(result));
    const out = result.structuredContent!;
    assert.equal(out.passed, true, out.reasons.join(' '));
    assert.equal(out.faces.length, 1);
    assert.equal(out.identity.same_person, true);
    assert.ok(out.identity.similarity >= out.identity.threshold);
    assert.equal(out.bounds.max_yaw, 35);
    assert.match(textOf(result), /Next step: Call upload_to_heygen/);
  });

  it('fails a different person, saying so with the score', async () => {
    const out = (await check(file('other.jpg', await lookImage('other')))).structuredContent!;
    assert.equal(out.passed, false);
    assert.equal(out.identity.same_person, false);
    assert.match(
      out.reasons.join(' '),
      /Not the same person as the reference: likeness [\d.]+ is under 0\.93 \(the same person passes at 0\.952\)/,
    );
  });

  it('fails a group photo: three people', async () => {
    const group = file('group.jpg', readFileSync(samplePhoto(1)));
    const out = (await check(group, { orientation: undefined })).structuredContent!;
    assert.equal(out.passed, false);
    assert.match(out.reasons.join(' '), /3 people in the image/);
    assert.equal(out.faces.filter((f: { role: string }) => f.role === 'another person').length, 2);
  });

  it('fails a landscape photo with no face, and a blank image', async () => {
    const scenery = (await check(file('scenery.jpg', await photo(1920, 1080)))).structuredContent!;
    assert.equal(scenery.passed, false);
    assert.match(scenery.reasons.join(' '), /No face found/);
    const blank = (
      await check(
        file(
          'blank.png',
          await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#ffffff' } })
            .png()
            .toBuffer(),
        ),
      )
    ).structuredContent!;
    assert.match(blank.reasons.join(' '), /No face found/);
  });

  it('fails a head turned beyond the bounds, stating them', async () => {
    const turned = await sharp(await faceCrop('turned'))
      .resize({ height: 1080 })
      .toBuffer();
    const out = (await check(file('turned.jpg', turned), { orientation: undefined })).structuredContent!;
    assert.equal(out.passed, false);
    assert.match(out.reasons.join(' '), /head is turned away \(yaw -\d+.*within ±35° yaw and ±25° pitch/);
    // The same head, placed in a wide scene as a look would be: its landmarks read less turned,
    // but the face is not clearly visible either way.
    const scene = (await check(file('turned-look.jpg', await lookImage('turned')))).structuredContent!;
    assert.equal(scene.passed, false);
    assert.match(scene.reasons.join(' '), /head is turned away|not clearly visible/);
  });

  it('fails the wrong aspect for the orientation, and an image under 512 px', async () => {
    const portrait = (await check(file('same-landscape.jpg', await lookImage('person')), { orientation: 'portrait' }))
      .structuredContent!;
    assert.equal(portrait.passed, false);
    assert.match(portrait.reasons.join(' '), /does not match the portrait orientation/);
    const small = (await check(file('small.jpg', await lookImage('person', { width: 640, height: 360 }))))
      .structuredContent!;
    assert.equal(small.passed, false);
    assert.match(small.reasons.join(' '), /640×360 is under HeyGen's minimum of 512 px/);
  });

  it('says the reference photo is the problem when it has no face, not the look', async () => {
    const scenery = file('reference-scenery.jpg', await photo(1200, 800));
    const result = await check(file('look.jpg', await lookImage('person')), { reference_image: scenery });
    assert.equal(result.isError, true);
    assert.match(
      textOf(result),
      /The reference photo \(.*reference-scenery\.jpg\) shows no face.*front-facing photo of the person as reference_image/s,
    );
  });

  it('refuses a corrupt file and a file that is not an image, saying what to do', async () => {
    const corrupt = await check(
      file('corrupt.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 7)])),
    );
    assert.equal(corrupt.isError, true);
    assert.match(textOf(corrupt), /could not be decoded.*corrupt/s);
    const text = await check(file('notes.jpg', Buffer.from('not an image at all')));
    assert.equal(text.isError, true);
    assert.match(textOf(text), /not a PNG, JPEG or WebP image/);
    const missing = await check(join(home, 'nope.jpg'));
    assert.match(textOf(missing), /does not exist/);
  });
});
