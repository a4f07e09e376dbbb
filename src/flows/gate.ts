// The checks a candidate must pass before it is uploaded as a look. Today: framing (HeyGen's
// minimum resolution, the aspect ratio of the video's orientation). Face checks (one face,
// facing the camera, the same person as the reference) plug in as a FaceChecker; while this
// build has none, every result says that identity was NOT checked.

import { MIN_SHORT_SIDE } from '../domain/heygen/assets.ts';
import type { Orientation } from '../domain/prompt/template.ts';

export type GateMode = 'strict' | 'warn' | 'off';

/** Under 1080 px on the short side a look is soft in a 1080p video (HeyGen's hard minimum is MIN_SHORT_SIDE). */
export const SHARP_SHORT_SIDE = 1080;
/** How far the image's aspect ratio may be from the orientation's (2%: 1344×768 passes as 16:9). */
const ASPECT_TOLERANCE = 0.04;

const TARGET_ASPECT: Record<Orientation, number> = { landscape: 16 / 9, portrait: 9 / 16, square: 1 };

export interface GateCheck {
  index: number;
  file: string;
  passed: boolean;
  /** One sentence per failed check. */
  reasons: string[];
  warnings: string[];
  width: number;
  height: number;
  /** Face measurements, when a face checker ran. */
  faces?: { count: number; yaw?: number; pitch?: number };
  identity?: { similarity: number; threshold: number };
  /** Higher is better; used to pick among candidates that pass. */
  score: number;
}

/** What a face checker adds (issue: check_look_image). */
export interface FaceChecker {
  /** How many people's faces the reference photo shows (checked before any image is paid for). */
  referenceFaces(referencePath: string): Promise<number>;
  check(
    imagePath: string,
    referencePath: string,
  ): Promise<{
    reasons: string[];
    warnings: string[];
    faces: { count: number; yaw?: number; pitch?: number };
    identity?: { similarity: number; threshold: number } | undefined;
  }>;
}

/** Resolution and aspect ratio: pure, so it is tested without images. */
export function checkFraming(
  width: number,
  height: number,
  orientation: Orientation,
): { reasons: string[]; warnings: string[] } {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const short = Math.min(width, height);
  if (short < MIN_SHORT_SIDE)
    reasons.push(`${width}×${height} is under HeyGen's minimum of ${MIN_SHORT_SIDE} px on the short side.`);
  else if (short < SHARP_SHORT_SIDE)
    warnings.push(
      `${width}×${height} is under ${SHARP_SHORT_SIDE} px on the short side: it may look soft in a 1080p video.`,
    );
  const aspect = width / height;
  const target = TARGET_ASPECT[orientation];
  if (Math.abs(aspect / target - 1) > ASPECT_TOLERANCE) {
    reasons.push(
      `${width}×${height} (${aspect.toFixed(2)}:1) does not match the ${orientation} orientation (${target.toFixed(2)}:1).`,
    );
  }
  return { reasons, warnings };
}

export interface GateOptions {
  mode: GateMode;
  orientation: Orientation;
  referencePath: string;
  faces?: FaceChecker | undefined;
}

/** Checks one saved candidate. In `warn` mode failed checks become warnings; `off` checks nothing. */
export async function gateCandidate(
  candidate: { index: number; path: string; file: string; width: number; height: number },
  options: GateOptions,
): Promise<GateCheck> {
  const base = { index: candidate.index, file: candidate.file, width: candidate.width, height: candidate.height };
  if (options.mode === 'off')
    return {
      ...base,
      passed: true,
      reasons: [],
      warnings: ['The gate is off (AVATAR_LOOKS_FACE_GATE=off): nothing was checked.'],
      score: 0,
    };
  const framing = checkFraming(candidate.width, candidate.height, options.orientation);
  const reasons = [...framing.reasons];
  const warnings = [...framing.warnings];
  let faces: GateCheck['faces'];
  let identity: GateCheck['identity'];
  if (options.faces) {
    try {
      const found = await options.faces.check(candidate.path, options.referencePath);
      reasons.push(...found.reasons);
      warnings.push(...found.warnings);
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
  // HeyGen's own minimum is not ours to waive: such an image would be refused at upload.
  const hard = reasons.filter(
    (reason) => reason.includes("HeyGen's minimum") || reason.includes('could not be checked'),
  );
  if (options.mode === 'warn' && reasons.length > hard.length) {
    const waived = reasons.filter((reason) => !hard.includes(reason));
    return {
      ...base,
      passed: hard.length === 0,
      reasons: hard,
      warnings: [...warnings, ...waived.map((reason) => `Gate (warn mode, not enforced): ${reason}`)],
      ...(faces ? { faces } : {}),
      ...(identity ? { identity } : {}),
      score,
    };
  }
  return {
    ...base,
    passed: reasons.length === 0,
    reasons,
    warnings,
    ...(faces ? { faces } : {}),
    ...(identity ? { identity } : {}),
    score,
  };
}

/** The sentence a result carries when the face checks did not run. */
export const NO_FACE_CHECK =
  'Face checks off: only resolution and aspect ratio were checked — not the face count, head pose or whether it is still the same person. Look at the preview before using the look.';
