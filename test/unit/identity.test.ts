// The identity arithmetic on numbers: cosine similarity, the centroid of several references, the
// three verdicts, the pasted-photo flag and the reference that does not belong with the others.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  centroid,
  cosine,
  identityVerdict,
  leastAlike,
  likeness,
  oddReference,
  type IdentityThresholds,
} from '../../src/domain/faces/identity.ts';

const LINES: IdentityThresholds = { pass: 0.95, review: 0.93, sameSet: 0.92, pasted: 0.99 };

/** A unit vector in the plane of the first two axes, at this cosine to the first axis. */
function at(similarity: number, sign = 1): Float32Array {
  const vector = new Float32Array(8);
  vector[0] = similarity;
  vector[1] = sign * Math.sqrt(1 - similarity * similarity);
  return vector;
}

describe('identity arithmetic', () => {
  it('cosine ignores length: a vector scaled is the same direction', () => {
    const a = Float32Array.from([1, 2, 3]);
    assert.ok(
      Math.abs(
        cosine(
          a,
          a.map((x) => x * 7),
        ) - 1,
      ) < 1e-6,
    );
    assert.ok(Math.abs(cosine([1, 0], [0, 1])) < 1e-9);
    assert.ok(Math.abs(cosine([1, 0], [-1, 0]) + 1) < 1e-9);
  });

  it('the centroid weighs each reference alike, whatever its length', () => {
    const mean = centroid([Float32Array.from([10, 0]), Float32Array.from([0, 0.1])]);
    assert.ok(Math.abs(cosine(mean, [1, 1]) - 1) < 1e-6);
    assert.throws(() => centroid([]), /no vectors/);
  });

  it('two references on either side of the candidate combine to a closer likeness than either alone', () => {
    const result = likeness(at(1), [at(0.94), at(0.94, -1)], LINES);
    assert.deepEqual(result.per_reference, [0.94, 0.94]);
    assert.equal(result.similarity, 1);
    assert.equal(result.verdict, 'pass');
  });

  it('reads the three verdicts at the lines: pass at the pass line, review from the review line, else fail', () => {
    assert.equal(identityVerdict(0.95, LINES), 'pass');
    assert.equal(identityVerdict(0.949, LINES), 'review');
    assert.equal(identityVerdict(0.93, LINES), 'review');
    assert.equal(identityVerdict(0.929, LINES), 'fail');
  });

  it('flags a likeness at or above the pasted line against any one reference', () => {
    assert.equal(likeness(at(0.995), [at(1), at(0.9, -1)], LINES).pasted, true);
    assert.equal(likeness(at(0.97), [at(1)], LINES).pasted, false);
  });

  it('names the reference least like the others, and only as odd under the same-set line', () => {
    const same = [at(1), at(0.97), at(0.97, -1)];
    assert.equal(oddReference(same, LINES), undefined);
    const mixed = [at(1), at(0.97), at(0.5, -1)];
    const odd = oddReference(mixed, LINES);
    assert.equal(odd?.index, 2);
    assert.ok((odd?.similarity ?? 1) < LINES.sameSet);
    assert.equal(leastAlike([at(1)]), undefined, 'one photo has no others');
    assert.equal(leastAlike([at(1), at(0.5)])?.index, 1, 'of two, the second is named');
  });
});
