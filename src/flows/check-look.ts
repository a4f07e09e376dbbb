// check_look_image's use case: is the look image still the same person, alone, facing the camera,
// and framed for the video? Measured offline before anything is uploaded.

import { UserError } from '../core/errors.ts';
import type { LocalFiles } from '../core/local-files.ts';
import { sniffImage } from '../core/media.ts';
import type { Orientation } from '../core/types.ts';
import type { FaceAnalysis } from '../domain/faces/engine.ts';
import { FACE_RULES, judge, verdictOf, type LookVerdict } from '../domain/faces/judge.ts';
import { judgeReferences } from '../domain/faces/reference-set.ts';
import { makePreview } from '../domain/images/preview.ts';
import { fetchPreview } from '../domain/heygen/download.ts';
import { checkFraming, MIN_SHORT_SIDE, orientationOfSize } from '../domain/heygen/framing.ts';
import { getLook, isLookReady } from '../domain/heygen/looks.ts';
import type { Services } from './deps.ts';
import { onNotFound } from './heygen-steps.ts';
import { loadReferences, referenceSources } from './references.ts';

/** A look image larger than this is not one a provider made. */
const MAX_LOOK_BYTES = 50 * 1024 * 1024;

export interface LookImageCheck {
  verdict: LookVerdict;
  bounds: {
    max_yaw: number;
    max_pitch: number;
    identity_threshold: number;
    review_threshold: number;
    min_face_share: number;
    min_short_side: number;
  };
  timings_ms: { model_load: number; image: number; reference?: number };
  /** A small JPEG of the image when the verdict is review: a person decides from it and the score. */
  preview?: Buffer | undefined;
}

/** The faces' verdict with the framing checks added (pure: tested on numbers). */
export function lookVerdict(
  image: FaceAnalysis,
  references: FaceAnalysis[] | undefined,
  orientation?: Orientation,
): LookVerdict {
  const verdict = judge(image, references);
  const framing = checkFraming(image.width, image.height, orientation ?? orientationOfSize(image.width, image.height));
  const reasons = orientation ? framing.reasons : framing.reasons.filter((reason) => !reason.includes('orientation'));
  const warnings = orientation
    ? framing.warnings
    : [...framing.warnings, "No orientation given: the aspect ratio was not checked against the video's."];
  const all = [...verdict.reasons, ...reasons];
  const status = verdictOf({ reasons: all, review: verdict.review });
  return {
    ...verdict,
    passed: status === 'pass',
    status,
    reasons: all,
    warnings: [...verdict.warnings, ...warnings],
  };
}

export async function checkLookImage(
  services: Services,
  request: {
    /** The image on disk — or, instead, a HeyGen look whose preview is checked. */
    imagePath?: string | undefined;
    lookId?: string | undefined;
    referenceImage?: string | undefined;
    referenceImages?: string[] | undefined;
    orientation?: Orientation | undefined;
  },
  signal: AbortSignal,
): Promise<LookImageCheck> {
  const { bytes, label } = await lookImage(services, request, signal);
  const { faceEngine, PIXEL_LIMIT } = await import('../domain/faces/engine.ts');
  const sources = referenceSources(
    { one: request.referenceImage, several: request.referenceImages },
    services.config.referenceImages,
  );
  const references = sources.length > 0 ? await loadReferences(services, sources, signal) : [];
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
        `${label} has more than ${PIXEL_LIMIT / 1_000_000} million pixels: too large to check.`,
        'Pass the image at its generated size (4K at most).',
      );
    }
    throw new UserError(
      'unreadable',
      `${label} could not be decoded as an image (${message}); it may be truncated or corrupt.`,
      'Generate the image again, or pass another file.',
    );
  }
  const theirs: FaceAnalysis[] = [];
  for (const reference of references) theirs.push(await engine.analyze(reference.bytes));
  const set = judgeReferences(
    theirs,
    references.map((reference) => reference.source),
    engine.model,
  );
  if (set.problems.length > 0) {
    throw new UserError(
      'reference',
      `${set.problems.join(' ')} The likeness cannot be checked against ${references.length === 1 ? 'it' : 'these photos'}.`,
      references.length === 1
        ? 'Pass a clear, front-facing photo of the person as reference_image (or set AVATAR_REFERENCE_IMAGE).'
        : 'Pass clear, front-facing photos of the one person (one face each) as reference_images (or set AVATAR_REFERENCE_IMAGES); leave out the photo named.',
    );
  }
  const { thresholds } = engine.model;
  const verdict = lookVerdict(image, theirs.length > 0 ? theirs : undefined, request.orientation);
  const preview = verdict.status === 'review' ? (await makePreview(bytes)).bytes : undefined;
  return {
    verdict,
    ...(preview ? { preview } : {}),
    bounds: {
      max_yaw: FACE_RULES.maxYaw,
      max_pitch: FACE_RULES.maxPitch,
      identity_threshold: thresholds.pass,
      review_threshold: thresholds.review,
      min_face_share: FACE_RULES.minFaceShare,
      min_short_side: MIN_SHORT_SIDE,
    },
    timings_ms: {
      model_load: modelLoad,
      image: image.ms,
      ...(theirs.length > 0 ? { reference: theirs.reduce((sum, analysis) => sum + analysis.ms, 0) } : {}),
    },
  };
}

/** The image to check: a file (inside the allowed folders), or a finished HeyGen look's preview. */
async function lookImage(
  services: Services,
  request: { imagePath?: string | undefined; lookId?: string | undefined },
  signal: AbortSignal,
): Promise<{ bytes: Buffer; label: string }> {
  if ((request.imagePath === undefined) === (request.lookId === undefined)) {
    throw new UserError(
      'bad_request',
      request.lookId ? 'Give image_path or look_id, not both.' : 'check_look_image needs image_path or look_id.',
      'Pass image_path for an image file, or look_id for a look HeyGen made (its preview is checked).',
    );
  }
  if (request.imagePath !== undefined)
    return { bytes: await readLookImage(services.files, request.imagePath), label: request.imagePath };
  const lookId = request.lookId as string;
  const client = await services.heygen();
  const look = await getLook(client, lookId, signal).catch(
    onNotFound(`There is no look ${lookId} at HeyGen: list_looks shows the group's looks.`),
  );
  if (!isLookReady(look) || !look.preview_image_url) {
    throw new UserError(
      'not_ready',
      `Look ${lookId} is not finished (status ${look.status ?? 'not given'}): it has no preview to check yet.`,
      `Call get_look_status with look_id "${lookId}" until it is completed, then check_look_image again.`,
    );
  }
  const bytes = await fetchPreview(look.preview_image_url, signal, {
    trustedHosts: [new URL(client.baseUrl).hostname],
  });
  return { bytes, label: `look ${lookId}'s preview` };
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
