// What HeyGen and Video Agent need of a look image's frame: HeyGen's minimum resolution, and the
// aspect ratio of the video's orientation. Pure, so it is tested without images.

import { ASPECT_RATIOS, type Orientation } from '../../core/types.ts';

/** HeyGen's asset size limit. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
/** HeyGen refuses a photo look under this many pixels on the short side. */
export const MIN_SHORT_SIDE = 512;
/** Under 1080 px on the short side a look is soft in a 1080p video. */
export const SHARP_SHORT_SIDE = 1080;
/** How far the image's aspect ratio may be from the orientation's (4%: Gemini's 1344×768 passes as 16:9). */
const ASPECT_TOLERANCE = 0.04;

const TARGET_ASPECT = Object.fromEntries(
  Object.entries(ASPECT_RATIOS).map(([orientation, ratio]) => {
    const [w = 1, h = 1] = ratio.split(':').map(Number);
    return [orientation, w / h];
  }),
) as Record<Orientation, number>;

/** The sentence of a framing failure that is HeyGen's own, so no gate mode may waive it. */
export function isHeyGenMinimum(reason: string): boolean {
  return reason.includes("HeyGen's minimum");
}

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

/** The orientation an image's shape suggests, when the caller named none. */
export function orientationOfSize(width: number, height: number): Orientation {
  return width > height * 1.2 ? 'landscape' : height > width * 1.2 ? 'portrait' : 'square';
}
