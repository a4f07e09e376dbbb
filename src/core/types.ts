// The shapes every layer shares: the video's orientation, the image's aspect ratio and size.

export const ORIENTATIONS = ['landscape', 'portrait', 'square'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const ASPECT_RATIOS = { landscape: '16:9', portrait: '9:16', square: '1:1' } as const satisfies Record<
  Orientation,
  string
>;
export type AspectRatio = (typeof ASPECT_RATIOS)[Orientation];

/** Image size on the long side, as the providers name it. */
export const IMAGE_SIZES = ['1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

/**
 * How a prompt look's base look was chosen: given (the call's base_look_id), configured
 * (HEYGEN_BASE_LOOK_ID), likeness (the most like the reference photos), only (the group's one
 * finished look), first (no face check to choose by).
 */
export const BASE_LOOK_CHOICES = ['given', 'configured', 'likeness', 'only', 'first'] as const;
export type BaseLookChoice = (typeof BASE_LOOK_CHOICES)[number];
