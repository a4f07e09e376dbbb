// The photorealism template from the original recipe, as data. The order of TEMPLATE_SLOTS is
// the order of the lines in every prompt we build.

import type { Orientation } from '../../core/types.ts';

export const ANGLES = ['front', 'three-quarter'] as const;
export type Angle = (typeof ANGLES)[number];

/** The lines every prompt carries word for word. */
export const FIXED_LINES = {
  camera: 'Shot on Canon 5D Mark IV, 85mm f/1.8.',
  skin: 'Natural skin with visible pores and texture, no retouching.',
  film: 'Slight film grain, slightly desaturated warm tones.',
  chinShadows: 'slight shadows under chin',
  palette: 'Muted color palette, slightly desaturated.',
  antiRender: 'This should look like a real candid photo, NOT an AI render.',
} as const;

export const ANGLE_PHRASES: Record<Angle, string> = {
  front: 'Facing the camera',
  'three-quarter': 'Natural 3/4 angle toward the camera',
};

/** Framing with headroom in the video's shape: square studio crops render badly in Video Agent. */
export const FRAMING_PHRASES: Record<Orientation, string> = {
  landscape: 'framed from the chest up in a wide 16:9 shot with headroom and space on both sides',
  portrait: 'framed from the waist up in a tall 9:16 shot with headroom above',
  square: 'framed from the chest up with headroom above',
};

export const DEFAULT_EXPRESSION = 'genuine relaxed smile, not posed';

export interface TemplateSlot {
  id: string;
  /** The slot as the original recipe writes it. */
  pattern: string;
}

export const TEMPLATE_SLOTS: readonly TemplateSlot[] = [
  { id: 'angle-expression', pattern: '[Facing camera / natural 3/4 angle], [expression — genuine, not posed].' },
  { id: 'wardrobe', pattern: "[Thematic wardrobe — fabric, color, fit, accessories. Match the content's vibe]." },
  {
    id: 'environment',
    pattern: '[Creative environment — specific props, brand logos, set details that evoke the topic].',
  },
  { id: 'camera', pattern: FIXED_LINES.camera },
  { id: 'skin', pattern: FIXED_LINES.skin },
  { id: 'film', pattern: FIXED_LINES.film },
  { id: 'lighting', pattern: '[Natural lighting — direction, color temperature], slight shadows under chin.' },
  { id: 'details', pattern: '[Messy real details — wrinkled fabric, half-empty mug, cluttered desk, etc.]' },
  { id: 'palette', pattern: FIXED_LINES.palette },
  { id: 'anti-render', pattern: FIXED_LINES.antiRender },
];
