// The face checks as create_look's gate and generate_look_image's job use them: one engine per
// process, each reference photo analysed once.

import { readFile } from 'node:fs/promises';
import { faceEngine, type FaceAnalysis } from './engine.ts';
import type { IdentityVerdict } from './identity.ts';
import { judge } from './judge.ts';
import { judgeReferences, type ReferenceSetVerdict } from './reference-set.ts';

export interface FaceCheck {
  status: IdentityVerdict;
  reasons: string[];
  /** Why a person should look (status `review`). */
  review: string[];
  warnings: string[];
  faces: { count: number; yaw?: number; pitch?: number };
  identity?:
    | {
        similarity: number;
        threshold: number;
        review_threshold: number;
        verdict: IdentityVerdict;
        references: number;
        per_reference: number[];
        combined: string;
        model: string;
      }
    | undefined;
}

/** A reference photo on disk, and how to name it in a message (the caller's path or URL). */
export interface ReferenceFile {
  path: string;
  label: string;
}

/** What the gate asks of the face checks. */
export interface FaceChecker {
  /** Each photo shows one person facing the camera, and all show the same person (checked before any spend). */
  checkReferences(references: ReferenceFile[]): Promise<ReferenceSetVerdict>;
  check(imagePath: string, referencePaths: string[]): Promise<FaceCheck>;
}

export function createFaceChecker(): FaceChecker {
  const analysed = new Map<string, Promise<FaceAnalysis>>();
  const reference = async (path: string) => {
    const engine = await faceEngine();
    let analysis = analysed.get(path);
    if (!analysis) {
      analysis = readFile(path).then((bytes) => engine.analyze(bytes));
      analysed.set(path, analysis);
    }
    return analysis;
  };
  return {
    async checkReferences(references) {
      const engine = await faceEngine();
      const analyses = await Promise.all(references.map((file) => reference(file.path)));
      return judgeReferences(
        analyses,
        references.map((file) => file.label),
        engine.model,
      );
    },
    async check(imagePath, referencePaths) {
      const engine = await faceEngine();
      const references = await Promise.all(referencePaths.map(reference));
      const verdict = judge(await engine.analyze(await readFile(imagePath)), references, engine.model);
      const { identity } = verdict;
      return {
        status: verdict.status,
        reasons: verdict.reasons,
        review: verdict.review,
        warnings: verdict.warnings,
        faces: { count: verdict.faces.length, ...(verdict.pose ?? {}) },
        ...(identity
          ? {
              identity: {
                similarity: identity.similarity,
                threshold: identity.threshold,
                review_threshold: identity.review_threshold,
                verdict: identity.verdict,
                references: identity.references,
                per_reference: identity.per_reference,
                combined: identity.combined,
                model: identity.model,
              },
            }
          : {}),
      };
    },
  };
}
