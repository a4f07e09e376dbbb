// The faces' verdict on a look image: exactly one face of meaningful size, facing the camera,
// and the same person as the reference photos — pass, review (unclear: a person looks) or fail.
// judge() is pure (tested on numbers); the engine measures.

import { IDENTITY_MODEL, type Face, type FaceAnalysis } from './engine.ts';
import { COMBINATION, likeness, type IdentityModel, type IdentityVerdict } from './identity.ts';

/** The bounds of a usable look (the identity lines belong to the model: IdentityModel.thresholds). */
export const FACE_RULES = {
  /** Front or a natural three-quarter view. */
  maxYaw: 35,
  maxPitch: 25,
  /** The face's height as a share of the image's short side, below which it is too small. */
  minFaceShare: 0.1,
  /** A second face at least this share of the main face's area (or itself of meaningful size) is another person in the shot. */
  otherPersonArea: 0.25,
  /** Below this detection confidence the face is not clearly visible (turned away, covered, blurred). */
  minConfidence: 0.5,
} as const;

export interface FaceReport {
  box: Face['box'];
  confidence: number;
  yaw: number;
  pitch: number;
  roll: number;
  /** Face height as a share of the image's short side. */
  share: number;
  role: 'main' | 'another person' | 'small background face';
}

/** How the warning about a face pasted from a reference starts (the sandbox pastes by design). */
export const PASTED_WARNING = 'The face is almost identical to a reference photo';

export interface IdentityReport {
  /** The look against the references combined (their centroid): what the verdict is read from. */
  similarity: number;
  /** The pass line (cosine similarity). */
  threshold: number;
  /** From here up to the pass line: review. */
  review_threshold: number;
  verdict: IdentityVerdict;
  same_person: boolean;
  /** How many reference photos, and the look against each alone. */
  references: number;
  per_reference: number[];
  combined: typeof COMBINATION;
  model: string;
  /** Far closer to a reference than two real photos of one person come: it may be that photo pasted in. */
  pasted: boolean;
}

export interface LookVerdict {
  /** True only for `pass`: nothing failed and the likeness is clear. */
  passed: boolean;
  status: IdentityVerdict;
  /** One sentence per failed check. */
  reasons: string[];
  /** Why a person should look before it is used (the verdict is `review`). */
  review: string[];
  warnings: string[];
  width: number;
  height: number;
  faces: FaceReport[];
  pose?: { yaw: number; pitch: number };
  identity?: IdentityReport;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The verdict from measured faces: people, pose and likeness to the references (framing is the caller's). */
export function judge(
  image: FaceAnalysis,
  references: FaceAnalysis[] | undefined,
  model: IdentityModel = IDENTITY_MODEL,
): LookVerdict {
  const findings: Findings = { reasons: [], review: [], warnings: [] };
  const main = image.faces[0];
  const faces = reportFaces(image);
  if (main) judgePerson(main, faces, Math.min(image.width, image.height), findings);
  else {
    findings.reasons.push(
      'No face found (or none large enough to detect): HeyGen rejects a photo without one clearly visible face; frame the person closer, facing the camera.',
    );
  }
  const identity = judgeIdentity(main, references ?? [], model, findings);
  const status = verdictOf(findings);
  return {
    passed: status === 'pass',
    status,
    reasons: findings.reasons,
    review: findings.review,
    warnings: findings.warnings,
    width: image.width,
    height: image.height,
    faces,
    ...(main ? { pose: { yaw: main.pose.yaw, pitch: main.pose.pitch } } : {}),
    ...(identity ? { identity } : {}),
  };
}

interface Findings {
  /** One sentence per failed check. */
  reasons: string[];
  review: string[];
  warnings: string[];
}

/** Fail if any check failed; review if only the likeness is unclear; else pass. */
export function verdictOf(findings: { reasons: string[]; review: string[] }): IdentityVerdict {
  if (findings.reasons.length > 0) return 'fail';
  return findings.review.length > 0 ? 'review' : 'pass';
}

/** Each face with its role: the main one (largest), another person, or a small face in the background. */
export function reportFaces(image: FaceAnalysis): FaceReport[] {
  const short = Math.min(image.width, image.height);
  const main = image.faces[0];
  return image.faces.map((face, index) => {
    const area = face.box.width * face.box.height;
    const mainArea = main ? main.box.width * main.box.height : area;
    const meaningful =
      area >= mainArea * FACE_RULES.otherPersonArea || face.box.height / short >= FACE_RULES.minFaceShare;
    const role = index === 0 ? 'main' : meaningful ? 'another person' : 'small background face';
    return {
      box: face.box,
      confidence: face.confidence,
      yaw: face.pose.yaw,
      pitch: face.pose.pitch,
      roll: face.pose.roll,
      share: Math.round((face.box.height / short) * 1000) / 1000,
      role,
    };
  });
}

/** One person, of meaningful size, facing the camera, clearly visible. */
function judgePerson(main: Face, faces: FaceReport[], short: number, { reasons, warnings }: Findings): void {
  const others = faces.filter((face) => face.role === 'another person');
  if (others.length > 0) {
    const sizes = faces.filter((f) => f.role !== 'small background face').map((f) => `${f.box.height} px`);
    reasons.push(
      `${others.length + 1} people in the image (faces of ${sizes.join(', ')}): a look must show exactly one person.`,
    );
  }
  const small = faces.filter((face) => face.role === 'small background face');
  if (small.length > 0) {
    warnings.push(
      `${small.length} small face${small.length === 1 ? '' : 's'} in the background (${small.map((f) => `${f.box.height} px`).join(', ')}): HeyGen may pick ${small.length === 1 ? 'it' : 'them'} up; check the preview.`,
    );
  }
  const share = main.box.height / short;
  if (share < FACE_RULES.minFaceShare) {
    reasons.push(
      `The face is too small: ${main.box.height} px, ${percent(share)} of the image's short side (at least ${percent(FACE_RULES.minFaceShare)}): frame the person closer, waist-up.`,
    );
  }
  const { yaw, pitch } = main.pose;
  if (Math.abs(yaw) > FACE_RULES.maxYaw || Math.abs(pitch) > FACE_RULES.maxPitch) {
    reasons.push(
      `The head is turned away (yaw ${yaw}°, pitch ${pitch}°; allowed: within ±${FACE_RULES.maxYaw}° yaw and ±${FACE_RULES.maxPitch}° pitch, front or a natural three-quarter view).`,
    );
  } else if (main.confidence < FACE_RULES.minConfidence) {
    // A near-profile, covered or blurred face: the landmarks (and so the pose) read true less often.
    reasons.push(
      `The face is not clearly visible (detection confidence ${main.confidence}, at least ${FACE_RULES.minConfidence}): it may be turned away, covered or blurred; HeyGen needs a clear, front-facing face.`,
    );
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The likeness of the main face to the references' largest faces, combined. */
function judgeIdentity(
  main: Face | undefined,
  references: FaceAnalysis[],
  model: IdentityModel,
  { reasons, review, warnings }: Findings,
): IdentityReport | undefined {
  if (references.length === 0) {
    warnings.push('No reference photo: whether it is still the same person was not checked.');
    return undefined;
  }
  const faceless = references.flatMap((reference, index) => (reference.faces[0] ? [] : [index + 1]));
  if (faceless.length > 0) {
    const which = references.length === 1 ? 'the reference photo' : `reference photo ${faceless.join(', ')}`;
    reasons.push(
      `No face found in ${which}, so the identity cannot be checked: use a clear, front-facing photo of the person.`,
    );
    return undefined;
  }
  if (!main) return undefined;
  const { thresholds } = model;
  const measured = likeness(
    main.descriptor,
    references.map((reference) => (reference.faces[0] as Face).descriptor),
    thresholds,
  );
  const identity: IdentityReport = {
    similarity: measured.similarity,
    threshold: thresholds.pass,
    review_threshold: thresholds.review,
    verdict: measured.verdict,
    same_person: measured.verdict === 'pass',
    references: references.length,
    per_reference: measured.per_reference,
    combined: COMBINATION,
    model: model.id,
    pasted: measured.pasted,
  };
  const against = references.length === 1 ? 'the reference' : `the ${references.length} references combined`;
  if (measured.verdict === 'fail') {
    reasons.push(
      `Not the same person as ${against}: likeness ${measured.similarity} is under ${thresholds.review} (the same person passes at ${thresholds.pass}).`,
    );
  } else if (measured.verdict === 'review') {
    review.push(
      `Unclear whether it is the same person as ${against}: likeness ${measured.similarity} is between ${thresholds.review} and the pass line ${thresholds.pass}; look at the preview before using it.`,
    );
  }
  if (measured.pasted) {
    warnings.push(
      `${PASTED_WARNING} (likeness ${Math.max(...measured.per_reference)}, at least ${thresholds.pasted}): the model may have pasted the photo in instead of making a new picture; look at the preview.`,
    );
  }
  const crowded = references.filter((reference) => reference.faces.length > 1).length;
  if (crowded > 0)
    warnings.push(
      `${references.length === 1 ? `The reference photo shows ${plural(references[0]!.faces.length, 'face')}` : `${plural(crowded, 'reference photo')} show several faces`}; the largest was used.`,
    );
  return identity;
}
