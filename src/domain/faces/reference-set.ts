// The reference photos as a set: each must show one person facing the camera, and all of them
// must be the same person — a mix is refused before anything is paid for, naming the photo that
// differs. Pure (tested on numbers), like judge().

import { IDENTITY_MODEL, type Face, type FaceAnalysis } from './engine.ts';
import { leastAlike, type IdentityModel } from './identity.ts';
import { FACE_RULES, reportFaces } from './judge.ts';

/** At most this many reference photos: as many as the image models take of one person. */
export const MAX_REFERENCES = 5;

export interface ReferenceSetVerdict {
  /** One sentence per photo that cannot be used (empty: the set is usable). */
  problems: string[];
  warnings: string[];
  /** The photos' likeness to each other: the lowest of each against the others combined (several only). */
  consistency?: { lowest: number; threshold: number } | undefined;
}

/** `labels` name each photo as the caller gave it (a path, "data: URL"), in the same order. */
export function judgeReferences(
  references: FaceAnalysis[],
  labels: string[],
  model: IdentityModel = IDENTITY_MODEL,
): ReferenceSetVerdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  const name = (index: number) =>
    references.length === 1 ? `The reference photo (${labels[0]})` : `Reference photo ${index + 1} (${labels[index]})`;
  references.forEach((reference, index) => {
    const main = reference.faces[0];
    if (!main) {
      problems.push(`${name(index)} shows no face that can be found.`);
      return;
    }
    const people = reportFaces(reference).filter((face) => face.role !== 'small background face').length;
    if (people > 1) problems.push(`${name(index)} shows ${people} people: it is not clear whose likeness to keep.`);
    const { yaw, pitch } = main.pose;
    if (Math.abs(yaw) > FACE_RULES.maxYaw || Math.abs(pitch) > FACE_RULES.maxPitch)
      problems.push(
        `${name(index)} shows the head turned away (yaw ${yaw}°, pitch ${pitch}°; within ±${FACE_RULES.maxYaw}° and ±${FACE_RULES.maxPitch}° is needed).`,
      );
  });
  if (problems.length > 0 || references.length < 2) return { problems, warnings };
  const vectors = references.map((reference) => (reference.faces[0] as Face).descriptor);
  const least = leastAlike(vectors);
  const threshold = model.thresholds.sameSet;
  const odd = least && least.similarity < threshold ? least : undefined;
  if (odd) {
    problems.push(
      `${name(odd.index)} is not the same person as the other reference photo${references.length === 2 ? '' : 's'} (likeness ${odd.similarity} to ${references.length === 2 ? 'it' : 'them combined'}; the same person scores at least ${threshold}).`,
    );
  }
  return { problems, warnings, consistency: least ? { lowest: least.similarity, threshold } : undefined };
}
