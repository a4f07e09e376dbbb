// The face verdict's pure parts: head pose from landmarks, judge() on measured faces, and the
// verdict with the framing checks added (lookVerdict).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judge } from '../../src/domain/faces/judge.ts';
import { lookVerdict } from '../../src/flows/check-look.ts';
import { IDENTITY_MODEL, type Face, type FaceAnalysis } from '../../src/domain/faces/engine.ts';
import { poseFromLandmarks, type Point } from '../../src/domain/faces/pose.ts';

/** A frontal 68-point face, 200 px wide, centred on (500, 500); `turn` shifts the nose and far jaw. */
function landmarks(turn = 0, tilt = 0): Point[] {
  const points: Point[] = Array.from({ length: 68 }, () => ({ x: 500, y: 500 }));
  for (let i = 0; i <= 16; i++) points[i] = { x: 400 + (200 * i) / 16, y: 480 + 100 * Math.sin((Math.PI * i) / 16) };
  for (let i = 36; i < 42; i++) points[i] = { x: 440 + (i - 36) * 4, y: 450 };
  for (let i = 42; i < 48; i++) points[i] = { x: 540 + (i - 42) * 4, y: 450 };
  points[30] = { x: 500 + turn, y: 450 + 0.4 * 130 };
  points[8] = { x: 500, y: 580 };
  if (!tilt) return points;
  const angle = (tilt * Math.PI) / 180;
  return points.map((p) => ({
    x: 500 + (p.x - 500) * Math.cos(angle) - (p.y - 500) * Math.sin(angle),
    y: 500 + (p.x - 500) * Math.sin(angle) + (p.y - 500) * Math.cos(angle),
  }));
}

describe('head pose from landmarks', () => {
  it('reads a symmetric face as facing the camera', () => {
    const pose = poseFromLandmarks(landmarks());
    assert.ok(Math.abs(pose.yaw) < 2 && Math.abs(pose.pitch) < 3 && Math.abs(pose.roll) < 1, JSON.stringify(pose));
  });

  it("reads a nose moved toward the image's right as a positive yaw, growing with the turn", () => {
    const small = poseFromLandmarks(landmarks(20)).yaw;
    const large = poseFromLandmarks(landmarks(60)).yaw;
    assert.ok(small > 5 && large > small, `${small} then ${large}`);
    assert.ok(poseFromLandmarks(landmarks(-60)).yaw < -5);
  });

  it("measures yaw along the face's own axes: a tilted frontal face is still frontal", () => {
    const pose = poseFromLandmarks(landmarks(0, 30));
    assert.ok(Math.abs(pose.yaw) < 2, JSON.stringify(pose));
    assert.ok(Math.abs(pose.roll - 30) < 1, JSON.stringify(pose));
  });

  it('reads a nose tip nearer the chin as looking down (positive pitch), nearer the eyes as up', () => {
    const level = landmarks();
    const down = level.map((p, i) => (i === 30 ? { x: p.x, y: p.y + 25 } : p));
    const up = level.map((p, i) => (i === 30 ? { x: p.x, y: p.y - 25 } : p));
    assert.ok(poseFromLandmarks(down).pitch > 15, JSON.stringify(poseFromLandmarks(down)));
    assert.ok(poseFromLandmarks(up).pitch < -15, JSON.stringify(poseFromLandmarks(up)));
  });

  it('refuses anything but 68 points', () => {
    assert.throws(() => poseFromLandmarks([{ x: 0, y: 0 }]), /68 landmarks/);
  });
});

/** A unit descriptor whose cosine similarity to the reference's (the first axis) is `likeness`. */
function descriptorAt(likeness: number): Float32Array {
  const descriptor = new Float32Array(128).fill(0);
  descriptor[0] = likeness;
  descriptor[1] = Math.sqrt(Math.max(0, 1 - likeness * likeness));
  return descriptor;
}

function face(height: number, options: { yaw?: number; pitch?: number; likeness?: number } = {}): Face {
  return {
    box: { x: 10, y: 10, width: Math.round(height * 0.8), height },
    confidence: 0.99,
    pose: { yaw: options.yaw ?? 0, pitch: options.pitch ?? 0, roll: 0 },
    descriptor: descriptorAt(options.likeness ?? 1),
  };
}
const analysis = (faces: Face[], width = 1920, height = 1080): FaceAnalysis => ({ width, height, faces, ms: 1 });
const { pass, review } = IDENTITY_MODEL.thresholds;

describe('judge', () => {
  const reference = [analysis([face(400)])];

  it('passes one frontal face of the person, framed for the orientation, with the score and its lines', () => {
    const verdict = lookVerdict(analysis([face(300, { likeness: 0.97 })]), reference, 'landscape');
    assert.equal(verdict.passed, true, verdict.reasons.join(' '));
    assert.equal(verdict.status, 'pass');
    assert.deepEqual(verdict.identity, {
      similarity: 0.97,
      threshold: pass,
      review_threshold: review,
      verdict: 'pass',
      same_person: true,
      references: 1,
      per_reference: [0.97],
      combined: 'centroid',
      model: IDENTITY_MODEL.id,
      pasted: false,
    });
  });

  it('gives one reason per failed check', () => {
    const verdict = lookVerdict(
      analysis([face(60, { yaw: 50, likeness: 0.5 }), face(58)], 1000, 1000),
      reference,
      'landscape',
    );
    assert.equal(verdict.passed, false);
    assert.equal(verdict.status, 'fail');
    const text = verdict.reasons.join('\n');
    assert.match(text, /2 people in the image/);
    assert.match(text, /too small: 60 px, 6%/);
    assert.match(text, /turned away \(yaw 50°/);
    assert.match(text, new RegExp(`Not the same person as the reference: likeness 0\\.5 is under ${review}`));
    assert.match(text, /does not match the landscape orientation/);
    assert.equal(verdict.reasons.length, 5);
  });

  it('fails a head tipped beyond the pitch bound, and a face not clearly visible', () => {
    const tipped = judge(analysis([face(300, { pitch: 40 })]), reference);
    assert.match(tipped.reasons.join(' '), /turned away \(yaw 0°, pitch 40°/);
    const blurred = judge(analysis([{ ...face(300), confidence: 0.4 }]), reference);
    assert.match(blurred.reasons.join(' '), /not clearly visible \(detection confidence 0\.4, at least 0\.5\)/);
  });

  it('flags a small background face without failing for it', () => {
    const verdict = lookVerdict(analysis([face(300, { likeness: 0.97 }), face(60)]), reference, 'landscape');
    assert.equal(verdict.passed, true);
    assert.match(verdict.warnings.join(' '), /1 small face in the background \(60 px\)/);
    assert.deepEqual(
      verdict.faces.map((f) => f.role),
      ['main', 'small background face'],
    );
  });

  it('fails an image with no face, and says when the reference has none', () => {
    assert.match(judge(analysis([]), reference).reasons[0] ?? '', /No face found/);
    assert.match(judge(analysis([face(300)]), [analysis([])]).reasons[0] ?? '', /No face found in the reference/);
  });

  it('puts a likeness between the review and pass lines up for review, with nothing failed', () => {
    const unclear = judge(analysis([face(300, { likeness: (pass + review) / 2 })]), reference);
    assert.equal(unclear.status, 'review');
    assert.equal(unclear.passed, false);
    assert.deepEqual(unclear.reasons, []);
    assert.match(unclear.review.join(' '), /Unclear whether it is the same person/);
    assert.equal(judge(analysis([face(300, { likeness: pass })]), reference).status, 'pass');
    assert.equal(judge(analysis([face(300, { likeness: review - 0.005 })]), reference).status, 'fail');
  });

  it('a failed check outranks review: an unclear likeness of a turned head fails', () => {
    const verdict = judge(analysis([face(300, { yaw: 50, likeness: (pass + review) / 2 })]), reference);
    assert.equal(verdict.status, 'fail');
  });

  it('without a reference, passes on the other checks and says identity was not checked', () => {
    const verdict = judge(analysis([face(300)]), undefined);
    assert.equal(verdict.passed, true);
    assert.match(verdict.warnings.join(' '), /not checked/);
  });
});
