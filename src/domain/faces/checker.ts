// The face checks as create_look's gate uses them: one engine per process, the reference photo
// analysed once per run.

import { readFile } from 'node:fs/promises';
import type { FaceChecker } from '../../flows/gate.ts';
import { judge } from './judge.ts';
import { faceEngine, type FaceAnalysis } from './engine.ts';

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
      return judge(await reference(referencePath), undefined, { framing: false }).faces.filter(
        (face) => face.role !== 'small background face',
      ).length;
    },
    async check(imagePath, referencePath) {
      const engine = await faceEngine();
      const verdict = judge(await engine.analyze(await readFile(imagePath)), await reference(referencePath), {
        framing: false,
      });
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
