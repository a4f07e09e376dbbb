// The faces' verdict on a look image: exactly one face of meaningful size, facing the camera,
// and the same person as the reference. judge() is pure (tested on numbers); the engine measures.

import { descriptorDistance, type Face, type FaceAnalysis } from './engine.ts';

/** The bounds, and the identity threshold calibrated by `npm run bench:faces` (see README). */
export const FACE_RULES = {
  /** Front or a natural three-quarter view. */
  maxYaw: 35,
  maxPitch: 25,
  /** Descriptor distance at or under which two faces are the same person (bench/faces.ts: no false accepts at 0.45). */
  maxDistance: 0.45,
  /** Within this much of the threshold, it passes with a warning to look. */
  closeMargin: 0.05,
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

export interface LookVerdict {
  passed: boolean;
  /** One sentence per failed check. */
  reasons: string[];
  warnings: string[];
  width: number;
  height: number;
  faces: FaceReport[];
  pose?: { yaw: number; pitch: number };
  identity?: { distance: number; similarity: number; threshold: number; same_person: boolean };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The verdict from measured faces: people, pose and likeness (framing is the caller's). */
export function judge(image: FaceAnalysis, reference: FaceAnalysis | undefined): LookVerdict {
  const findings: Findings = { reasons: [], warnings: [] };
  const main = image.faces[0];
  const faces = reportFaces(image);
  if (main) judgePerson(main, faces, Math.min(image.width, image.height), findings);
  else {
    findings.reasons.push(
      'No face found (or none large enough to detect): HeyGen rejects a photo without one clearly visible face; frame the person closer, facing the camera.',
    );
  }
  const identity = judgeIdentity(main, reference, findings);
  return {
    passed: findings.reasons.length === 0,
    reasons: findings.reasons,
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
  warnings: string[];
}

/** Each face with its role: the main one (largest), another person, or a small face in the background. */
function reportFaces(image: FaceAnalysis): FaceReport[] {
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

/** The likeness of the main face to the reference's largest. */
function judgeIdentity(
  main: Face | undefined,
  reference: FaceAnalysis | undefined,
  { reasons, warnings }: Findings,
): LookVerdict['identity'] {
  if (!reference) {
    warnings.push('No reference photo: whether it is still the same person was not checked.');
    return undefined;
  }
  const theirs = reference.faces[0];
  if (!theirs) {
    reasons.push(
      'No face found in the reference photo, so the identity cannot be checked: use a clear, front-facing photo of the person.',
    );
    return undefined;
  }
  if (!main) return undefined;
  const distance = Math.round(descriptorDistance(main.descriptor, theirs.descriptor) * 1000) / 1000;
  const same = distance <= FACE_RULES.maxDistance;
  const identity = {
    distance,
    similarity: Math.round((1 - distance) * 1000) / 1000,
    threshold: Math.round((1 - FACE_RULES.maxDistance) * 1000) / 1000,
    same_person: same,
  };
  if (!same) {
    reasons.push(
      `Not the same person as the reference: likeness ${identity.similarity} is under the threshold ${identity.threshold} (face distance ${distance} > ${FACE_RULES.maxDistance}).`,
    );
  } else if (distance > FACE_RULES.maxDistance - FACE_RULES.closeMargin) {
    warnings.push(
      `The likeness (${identity.similarity}) is close to the threshold (${identity.threshold}): look at the preview before using it.`,
    );
  }
  if (reference.faces.length > 1)
    warnings.push(`The reference photo shows ${reference.faces.length} faces; the largest was used.`);
  return identity;
}
