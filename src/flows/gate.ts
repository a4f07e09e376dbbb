// The checks a candidate must pass before it is uploaded as a look: framing (HeyGen's minimum
// resolution, the aspect ratio of the video's orientation) and, with the face checks, one face,
// facing the camera, the same person as the reference.

import type { Orientation } from '../core/types.ts';
import type { FaceChecker } from '../domain/faces/checker.ts';
import { PASTED_WARNING } from '../domain/faces/judge.ts';
import { checkFraming, isHeyGenMinimum } from '../domain/heygen/framing.ts';
import type { GateCheck, GateMode } from '../store/records.ts';

export interface GateOptions {
  mode: GateMode;
  orientation: Orientation;
  /** The reference photos in the run folder, the first the main one. */
  referencePaths: string[];
  faces?: FaceChecker | undefined;
  /** The candidates are the sandbox's composites of the reference photo: a pasted face is expected, not worth a warning. */
  composited?: boolean;
}

/**
 * Checks one saved candidate: pass, review (only the likeness is unclear) or fail. In `strict` mode
 * a review candidate is not used unless a person says so; in `warn` mode failed checks and review
 * become warnings; `off` checks nothing.
 */
export async function gateCandidate(
  candidate: { index: number; path: string; file: string; width: number; height: number },
  options: GateOptions,
): Promise<GateCheck> {
  const base = { index: candidate.index, file: candidate.file, width: candidate.width, height: candidate.height };
  if (options.mode === 'off') {
    const warnings = ['The gate is off (AVATAR_LOOKS_FACE_GATE=off): nothing was checked.'];
    return { ...base, passed: true, reasons: [], warnings, score: 0 };
  }
  const framing = checkFraming(candidate.width, candidate.height, options.orientation);
  const reasons = [...framing.reasons];
  const warnings = [...framing.warnings];
  let faces: GateCheck['faces'];
  let identity: GateCheck['identity'];
  const review: string[] = [];
  if (options.faces) {
    try {
      const found = await options.faces.check(candidate.path, options.referencePaths);
      reasons.push(...found.reasons);
      review.push(...found.review);
      warnings.push(...found.warnings.filter((warning) => !(options.composited && warning.startsWith(PASTED_WARNING))));
      faces = found.faces;
      identity = found.identity;
    } catch (error) {
      // One unreadable candidate fails alone, with its reason; the others are still checked.
      reasons.push(`${candidate.file} could not be checked (${(error as Error).message}).`);
    }
  }
  // Fewest failed checks first, then identity, then sharpness: in warn mode the image used is
  // still the one that fails least, and among those the one most like the person.
  const score =
    -reasons.length * 100 + (identity?.similarity ?? 0) * 10 + Math.min(candidate.width, candidate.height) / 10_000;
  const measured = { ...(faces ? { faces } : {}), ...(identity ? { identity } : {}), score };
  // HeyGen's own minimum is not ours to waive: such an image would be refused at upload.
  const hard = reasons.filter((reason) => isHeyGenMinimum(reason) || reason.includes('could not be checked'));
  if (options.mode === 'warn' && (reasons.length > hard.length || review.length > 0)) {
    const waived = [...reasons.filter((reason) => !hard.includes(reason)), ...review];
    const asWarnings = waived.map((reason) => `Gate (warn mode, not enforced): ${reason}`);
    const status = hard.length > 0 ? 'fail' : 'pass';
    return {
      ...base,
      passed: hard.length === 0,
      status,
      reasons: hard,
      warnings: [...warnings, ...asWarnings],
      ...measured,
    };
  }
  const status = reasons.length > 0 ? 'fail' : review.length > 0 ? 'review' : 'pass';
  return {
    ...base,
    passed: status === 'pass',
    status,
    reasons,
    ...(review.length > 0 ? { review } : {}),
    warnings,
    ...measured,
  };
}

/** The sentence a result carries when the face checks did not run. */
export const NO_FACE_CHECK =
  'Face checks off: only resolution and aspect ratio were checked — not the face count, head pose or whether it is still the same person. Look at the preview before using the look.';
