// The face checks as create_look's gate uses them: one engine per process, each reference photo
// analysed once.

import { readFile } from 'node:fs/promises';
import { faceEngine, type FaceAnalysis } from './engine.ts';
import { judge } from './judge.ts';

export interface FaceCheck {
  reasons: string[];
  warnings: string[];
  faces: { count: number; yaw?: number; pitch?: number };
  identity?: { similarity: number; threshold: number } | undefined;
}

/** What the gate asks of the face checks. */
export interface FaceChecker {
  /** How many people's faces the reference photo shows (checked before any image is paid for). */
  referenceFaces(referencePath: string): Promise<number>;
  check(imagePath: string, referencePath: string): Promise<FaceCheck>;
}

export function createFaceChecker(): FaceChecker {
  const references = new Map<string, Promise<FaceAnalysis>>();
  const reference = async (path: string) => {
    const engine = await faceEngine();
    let analysis = references.get(path);
    if (!analysis) {
      analysis = readFile(path).then((bytes) => engine.analyze(bytes));
      references.set(path, analysis);
    }
    return analysis;
  };
  return {
    async referenceFaces(referencePath) {
      // People, not specks: a small face in the background of the reference does not count.
      return judge(await reference(referencePath), undefined).faces.filter(
        (face) => face.role !== 'small background face',
      ).length;
    },
    async check(imagePath, referencePath) {
      const engine = await faceEngine();
      const verdict = judge(await engine.analyze(await readFile(imagePath)), await reference(referencePath));
      return {
        reasons: verdict.reasons,
        warnings: verdict.warnings,
        faces: { count: verdict.faces.length, ...(verdict.pose ?? {}) },
        ...(verdict.identity
          ? { identity: { similarity: verdict.identity.similarity, threshold: verdict.identity.threshold } }
          : {}),
      };
    },
  };
}
