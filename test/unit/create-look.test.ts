// Pure parts of create_look: the framing gate, what makes two requests under one key differ,
// and what of a reference input may be written to disk.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFraming } from '../../src/domain/heygen/framing.ts';
import { describeReferenceInput, requestDifferences } from '../../src/flows/create-look/request.ts';
import { gateCandidate } from '../../src/flows/gate.ts';
import type { CreateLookRequest } from '../../src/store/records.ts';
import type { FaceCheck, FaceChecker } from '../../src/domain/faces/checker.ts';
import { PASTED_WARNING } from '../../src/domain/faces/judge.ts';

/** What a face checker reports for one clear face at this likeness to one reference. */
const found = (similarity: number): FaceCheck => ({
  status: 'pass',
  reasons: [],
  review: [],
  warnings: [],
  faces: { count: 1 },
  identity: {
    similarity,
    threshold: 0.95,
    review_threshold: 0.93,
    verdict: 'pass',
    references: 1,
    per_reference: [similarity],
    combined: 'centroid',
    model: 'test',
  },
});

describe('framing gate', () => {
  it("passes 16:9 landscape at 2K and Gemini's 1344×768, warns under 1080 px, fails under 512 px", () => {
    assert.deepEqual(checkFraming(2048, 1152, 'landscape'), { reasons: [], warnings: [] });
    assert.equal(checkFraming(1344, 768, 'landscape').reasons.length, 0);
    assert.match(checkFraming(1024, 576, 'landscape').warnings[0] ?? '', /under 1080 px/);
    assert.match(checkFraming(400, 300, 'landscape').reasons[0] ?? '', /under HeyGen's minimum of 512 px/);
  });

  it('fails an aspect ratio that does not match the orientation, naming both', () => {
    const { reasons } = checkFraming(2048, 1152, 'portrait');
    assert.equal(reasons.length, 1);
    assert.match(reasons[0] ?? '', /does not match the portrait orientation \(0\.56:1\)/);
    assert.equal(checkFraming(1024, 1024, 'square').reasons.length, 0);
  });

  it("warn mode passes with the failures as warnings, except HeyGen's own minimum; off checks nothing", async () => {
    const square = { index: 1, path: '/nowhere.png', file: 'candidate-1.png', width: 1024, height: 1024 };
    const warned = await gateCandidate(square, {
      mode: 'warn',
      orientation: 'landscape',
      referencePaths: ['/ref.jpg'],
    });
    assert.equal(warned.passed, true);
    assert.match(warned.warnings.join(' '), /warn mode, not enforced.*does not match the landscape orientation/);
    const candidate = { index: 2, path: '/nowhere.png', file: 'candidate-2.png', width: 400, height: 300 };
    const tiny = await gateCandidate(candidate, {
      mode: 'warn',
      orientation: 'landscape',
      referencePaths: ['/ref.jpg'],
    });
    assert.equal(tiny.passed, false, 'HeyGen would refuse it at upload');
    assert.match(tiny.reasons.join(' '), /512 px/);
    const strict = await gateCandidate(candidate, {
      mode: 'strict',
      orientation: 'landscape',
      referencePaths: ['/ref.jpg'],
    });
    assert.equal(strict.passed, false);
    const off = await gateCandidate(candidate, { mode: 'off', orientation: 'landscape', referencePaths: ['/ref.jpg'] });
    assert.equal(off.passed, true);
    assert.match(off.warnings[0] ?? '', /nothing was checked/);
  });

  it('ranks fewer failed checks above a closer likeness (warn mode must not pick a worse image)', async () => {
    const checker = (similarity: number, reasons: string[]): FaceChecker => ({
      checkReferences: async () => ({ problems: [], warnings: [] }),
      check: async () => ({ ...found(similarity), status: reasons.length > 0 ? 'fail' : 'pass', reasons }),
    });
    const candidate = { index: 1, path: '/a.png', file: 'a.png', width: 1024, height: 576 };
    const clean = await gateCandidate(candidate, {
      mode: 'warn',
      orientation: 'landscape',
      referencePaths: ['/r.jpg'],
      faces: checker(0.6, []),
    });
    const crowded = await gateCandidate(candidate, {
      mode: 'warn',
      orientation: 'landscape',
      referencePaths: ['/r.jpg'],
      faces: checker(0.7, ['2 people in the image']),
    });
    assert.ok(clean.score > crowded.score);
  });

  it('warns of a face pasted from a reference, except for the sandbox, whose composites paste it by design', async () => {
    const pasted = `${PASTED_WARNING} (likeness 0.997, at least 0.99): the model may have pasted the photo in.`;
    const faces: FaceChecker = {
      checkReferences: async () => ({ problems: [], warnings: [] }),
      check: async () => ({ ...found(0.997), warnings: [pasted] }),
    };
    const candidate = { index: 1, path: '/a.png', file: 'a.png', width: 1920, height: 1080 };
    const options = { mode: 'strict' as const, orientation: 'landscape' as const, referencePaths: ['/r.jpg'], faces };
    assert.deepEqual((await gateCandidate(candidate, options)).warnings, [pasted]);
    assert.deepEqual((await gateCandidate(candidate, { ...options, composited: true })).warnings, []);
  });

  it('ranks by identity when a face checker gives it', async () => {
    const faces = (similarity: number): FaceChecker => ({
      checkReferences: async () => ({ problems: [], warnings: [] }),
      check: async () => found(similarity),
    });
    const candidate = { index: 1, path: '/a.png', file: 'a.png', width: 1024, height: 576 };
    const low = await gateCandidate(candidate, {
      mode: 'strict',
      orientation: 'landscape',
      referencePaths: ['/r.jpg'],
      faces: faces(0.6),
    });
    const high = await gateCandidate(
      { ...candidate, width: 960, height: 540 },
      { mode: 'strict', orientation: 'landscape', referencePaths: ['/r.jpg'], faces: faces(0.8) },
    );
    assert.ok(high.score > low.score, 'a closer likeness beats a sharper image');
  });
});

describe('the gate with three verdicts', () => {
  const candidate = { index: 1, path: '/a.png', file: 'a.png', width: 1920, height: 1080 };
  const unclear: FaceChecker = {
    checkReferences: async () => ({ problems: [], warnings: [] }),
    check: async () => ({
      ...found(0.94),
      status: 'review',
      review: ['Unclear whether it is the same person as the reference: likeness 0.94.'],
    }),
  };

  it('strict: a review candidate does not pass, and keeps its score and why a person should look', async () => {
    const check = await gateCandidate(candidate, {
      mode: 'strict',
      orientation: 'landscape',
      referencePaths: ['/r.jpg'],
      faces: unclear,
    });
    assert.equal(check.passed, false);
    assert.equal(check.status, 'review');
    assert.deepEqual(check.reasons, []);
    assert.match(check.review?.join(' ') ?? '', /Unclear whether/);
    assert.equal(check.identity?.similarity, 0.94);
  });

  it('warn: a review candidate passes, with the doubt as a warning', async () => {
    const check = await gateCandidate(candidate, {
      mode: 'warn',
      orientation: 'landscape',
      referencePaths: ['/r.jpg'],
      faces: unclear,
    });
    assert.equal(check.passed, true);
    assert.match(check.warnings.join(' '), /warn mode, not enforced.*Unclear whether/);
  });
});

describe('idempotency key comparison', () => {
  const base: CreateLookRequest = {
    key: 'ep-1',
    topic: 'sleep science',
    angle: null,
    expression: null,
    wardrobe: null,
    environment: null,
    lighting: null,
    details: null,
    props: null,
    prompt: null,
    orientation: 'landscape',
    reference_image: null,
    group_id: null,
    provider: null,
    model: null,
    candidates: 1,
    size: '2K',
    name: null,
  };

  it('names exactly the fields that differ, and treats a missing field as not set', () => {
    assert.deepEqual(requestDifferences({ ...base }, base), []);
    assert.deepEqual(requestDifferences({ ...base, topic: 'tech news', candidates: 2 }, base), ['topic', 'candidates']);
    const { name: _name, ...withoutName } = base;
    assert.deepEqual(requestDifferences(withoutName, base), []);
    assert.deepEqual(requestDifferences({ ...base }, { ...base, props: ['a lamp'] }), ['props']);
  });

  it('never keeps a data: payload or a signed query string of the reference', () => {
    assert.equal(describeReferenceInput(undefined), null);
    assert.equal(describeReferenceInput('/home/me/face.jpg'), '/home/me/face.jpg');
    assert.match(
      describeReferenceInput(`data:image/jpeg;base64,${'A'.repeat(1000)}`) ?? '',
      /^data:…;sha256=[0-9a-f]{16}$/,
    );
    const signed =
      describeReferenceInput('https://user:pw@bucket.example/face.jpg?X-Amz-Signature=secret123&X-Amz-Expires=60') ??
      '';
    assert.equal(signed, 'https://bucket.example/face.jpg?…');
    // The same photo's URL signed again is the same input: pipelines re-sign on every call.
    assert.equal(describeReferenceInput('https://bucket.example/face.jpg?X-Amz-Signature=other'), signed);
    // Parameters that say which photo it is stay, so another photo is another input.
    assert.equal(
      describeReferenceInput('https://cdn.example/photo?id=2&token=abc'),
      'https://cdn.example/photo?id=2&…',
    );
    assert.notEqual(
      describeReferenceInput('https://cdn.example/photo?id=1'),
      describeReferenceInput('https://cdn.example/photo?id=2'),
    );
  });
});
