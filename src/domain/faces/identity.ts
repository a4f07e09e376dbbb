// Is it the same person? Pure arithmetic on identity vectors (tested on numbers): cosine
// similarity, several reference photos combined into one centroid, three verdicts, and the
// reference that does not belong with the others. The model that makes the vectors, and the
// lines calibrated for it on real pairs, come together as an IdentityModel (see engine.ts).

/** The lines one identity model was calibrated at (`npm run bench:faces`, real pairs). */
export interface IdentityThresholds {
  /** At or above: the same person. */
  pass: number;
  /** At or above (and under pass): unclear — a person looks at the preview and the score. */
  review: number;
  /** Reference photos under this against the others are not the same person as them. */
  sameSet: number;
  /** At or above: far closer than two real photos of one person ever came — likely the reference pasted in. */
  pasted: number;
}

/** The model that turns a face into an identity vector, with its provenance and calibrated lines. */
export interface IdentityModel {
  id: string;
  name: string;
  dimensions: number;
  licence: string;
  thresholds: IdentityThresholds;
}

export type IdentityVerdict = 'pass' | 'review' | 'fail';

/** How several references are combined: measured on real pairs (bench/faces.ts), the centroid does best. */
export const COMBINATION = 'centroid';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((sum, x) => sum + x * x, 0));

/** Cosine similarity: 1 for the same direction; the vectors' lengths carry no identity. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot / Math.max(1e-12, norm(a) * norm(b));
}

/** The mean direction of several vectors (each made unit length first). */
export function centroid(vectors: ArrayLike<number>[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new Error('centroid of no vectors');
  const sum = new Float32Array(first.length);
  for (const vector of vectors) {
    const length = Math.max(1e-12, norm(vector));
    for (let i = 0; i < sum.length; i++) sum[i]! += (vector[i] ?? 0) / length;
  }
  return sum;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export interface Likeness {
  /** The candidate against the references' centroid: what the verdict is read from. */
  similarity: number;
  /** The candidate against each reference alone, in the references' order. */
  per_reference: number[];
  verdict: IdentityVerdict;
  /** Far above the natural same-person range: the image may be the reference itself. */
  pasted: boolean;
}

/** The candidate against every reference, combined into one score and a verdict. */
export function likeness(
  candidate: ArrayLike<number>,
  references: ArrayLike<number>[],
  thresholds: IdentityThresholds,
): Likeness {
  const similarity = round(cosine(candidate, centroid(references)));
  const perReference = references.map((reference) => round(cosine(candidate, reference)));
  return {
    similarity,
    per_reference: perReference,
    verdict: identityVerdict(similarity, thresholds),
    pasted: Math.max(...perReference) >= thresholds.pasted,
  };
}

export function identityVerdict(similarity: number, thresholds: IdentityThresholds): IdentityVerdict {
  if (similarity >= thresholds.pass) return 'pass';
  return similarity >= thresholds.review ? 'review' : 'fail';
}

/**
 * The reference least like the rest: each against the centroid of the others. With two, either
 * could be the odd one; the second is named.
 */
export function leastAlike(references: ArrayLike<number>[]): { index: number; similarity: number } | undefined {
  if (references.length < 2) return undefined;
  const scores = references.map((reference, index) =>
    round(cosine(reference, centroid(references.filter((_, other) => other !== index)))),
  );
  const lowest = Math.min(...scores);
  return { index: references.length === 2 ? 1 : scores.indexOf(lowest), similarity: lowest };
}

/** The reference that is not the same person as the rest, if any. */
export function oddReference(
  references: ArrayLike<number>[],
  thresholds: IdentityThresholds,
): { index: number; similarity: number } | undefined {
  const least = leastAlike(references);
  return least && least.similarity < thresholds.sameSet ? least : undefined;
}
