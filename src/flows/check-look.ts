// check_look_image's use case: is the look image still the same person, alone, facing the camera,
// and framed for the video? Measured offline before anything is uploaded.

import { UserError } from '../core/errors.ts';
import type { LocalFiles } from '../core/local-files.ts';
import { sniffImage } from '../core/media.ts';
import type { Orientation } from '../core/types.ts';
import type { FaceAnalysis } from '../domain/faces/engine.ts';
import { FACE_RULES, judge, type LookVerdict } from '../domain/faces/judge.ts';
import { checkFraming, MIN_SHORT_SIDE, orientationOfSize } from '../domain/heygen/framing.ts';
import { loadReference } from '../domain/images/reference.ts';
import type { Services } from './deps.ts';

/** A look image larger than this is not one a provider made. */
const MAX_LOOK_BYTES = 50 * 1024 * 1024;

export interface LookImageCheck {
  verdict: LookVerdict;
  bounds: {
    max_yaw: number;
    max_pitch: number;
    identity_threshold: number;
    min_face_share: number;
    min_short_side: number;
  };
  timings_ms: { model_load: number; image: number; reference?: number };
}

/** The faces' verdict with the framing checks added (pure: tested on numbers). */
export function lookVerdict(
  image: FaceAnalysis,
  reference: FaceAnalysis | undefined,
  orientation?: Orientation,
): LookVerdict {
  const verdict = judge(image, reference);
  const framing = checkFraming(image.width, image.height, orientation ?? orientationOfSize(image.width, image.height));
  const reasons = orientation ? framing.reasons : framing.reasons.filter((reason) => !reason.includes('orientation'));
  const warnings = orientation
    ? framing.warnings
    : [...framing.warnings, "No orientation given: the aspect ratio was not checked against the video's."];
  const all = [...verdict.reasons, ...reasons];
  return { ...verdict, passed: all.length === 0, reasons: all, warnings: [...verdict.warnings, ...warnings] };
}

export async function checkLookImage(
  services: Services,
  request: { imagePath: string; referenceImage?: string | undefined; orientation?: Orientation | undefined },
  signal: AbortSignal,
): Promise<LookImageCheck> {
  const bytes = await readLookImage(services.files, request.imagePath);
  const { faceEngine, PIXEL_LIMIT } = await import('../domain/faces/engine.ts');
  const referenceSource = request.referenceImage ?? services.config.referenceImage;
  const reference = referenceSource
    ? await loadReference(referenceSource, {
        allowPrivateUrls: services.config.allowPrivateUrls,
        files: services.files,
        signal,
      })
    : undefined;
  const loadStarted = performance.now();
  const engine = await faceEngine();
  const modelLoad = Math.round(performance.now() - loadStarted);
  let image: FaceAnalysis;
  try {
    image = await engine.analyze(bytes);
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) {
      throw new UserError(
        'too_large',
        `${request.imagePath} has more than ${PIXEL_LIMIT / 1_000_000} million pixels: too large to check.`,
        'Pass the image at its generated size (4K at most).',
      );
    }
    throw new UserError(
      'unreadable',
      `${request.imagePath} could not be decoded as an image (${message}); it may be truncated or corrupt.`,
      'Generate the image again, or pass another file.',
    );
  }
  const theirs = reference ? await engine.analyze(reference.bytes) : undefined;
  if (theirs && theirs.faces.length === 0) {
    throw new UserError(
      'reference',
      `No face was found in the reference photo (${reference?.source}), so the likeness cannot be checked.`,
      'Pass a clear, front-facing photo of the person as reference_image (or set AVATAR_REFERENCE_IMAGE to one).',
    );
  }
  return {
    verdict: lookVerdict(image, theirs, request.orientation),
    bounds: {
      max_yaw: FACE_RULES.maxYaw,
      max_pitch: FACE_RULES.maxPitch,
      identity_threshold: Math.round((1 - FACE_RULES.maxDistance) * 1000) / 1000,
      min_face_share: FACE_RULES.minFaceShare,
      min_short_side: MIN_SHORT_SIDE,
    },
    timings_ms: { model_load: modelLoad, image: image.ms, ...(theirs ? { reference: theirs.ms } : {}) },
  };
}

async function readLookImage(files: LocalFiles, path: string): Promise<Buffer> {
  const { bytes } = await files.read(path, {
    what: 'The look image',
    maxBytes: MAX_LOOK_BYTES,
    tooLarge: (size) =>
      new UserError(
        'too_large',
        `${path} is ${size === undefined ? 'over 50 MB' : `${(size / 1024 / 1024).toFixed(0)} MB`}: too large for a look image.`,
        'Pass the image generate_look_image made (a few MB).',
      ),
    missing: 'Check the path; generate_look_image returns it as images[].path.',
  });
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== 'image') {
    throw new UserError(
      'bad_request',
      `${path} is not a PNG, JPEG or WebP image.`,
      'Pass the image file generate_look_image made.',
    );
  }
  return bytes;
}
