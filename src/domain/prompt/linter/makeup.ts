// Makeup on the face, not makeup as a thing on the vanity.

import {
  LIGHT_WORDS,
  LIP_COLOURS,
  FACE_PLACES,
  MAKEUP_AMBIGUOUS,
  MAKEUP_CUES,
  MAKEUP_NOUNS,
  MAKEUP_OBJECT_NEAR,
  MAKEUP_PAIRS,
} from '../lexicon.ts';
import type { Scan } from './scan.ts';
import { POSSESSIVES } from './words.ts';

const WORN = new Set(['wearing', 'wears', 'wear', 'with', 'in', 'no']);

const HANDLING_VERBS =
  /^(holding|holds|hold|held|clutching|clutches|grabbing|grabs|carrying|carries|swatching|swatches|comparing|reviewing|unboxing|testing|choose|choosing|pick|picking|buy|buying)$/;
const LYING_ABOUT = /^(scattered|spilling|spilled|strewn|lying)$/;

/**
 * "on her cheeks", "swept on the apples of her cheeks", "caked over her skin": the index of the face
 * word the makeup is on, if there is one.
 */
function faceAfter(scan: Scan, i: number): number | undefined {
  let on = false;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 8; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/^(on|over|across|along|under|around|onto|beneath|into)$/.test(word)) on = true;
    else if (on && FACE_PLACES.has(word)) {
      // "across her eyelids and cheeks"
      const also = scan.next(j) === 'and' ? [1, 2].map((n) => scan.nextIndex(j + n - 1)) : [];
      const more = also.find((k) => k !== undefined && FACE_PLACES.has(scan.word(k) ?? ''));
      return more ?? j;
    } else if (/^(and|but|while|as|she|he|they|who|which)$/.test(word)) return undefined;
  }
  return undefined;
}

export function detectMakeup(scan: Scan, i: number, w: string): void {
  // "his face painted with tiger stripes", "her cheeks dusted with glitter": makeup said of the face.
  // ("my whole face painted silver": over a word of extent.)
  const extent = /^(whole|entire|full|left|right|upper|lower)$/.test(scan.previous(i) ?? '') ? 1 : 0;
  if (
    FACE_PLACES.has(w) &&
    POSSESSIVES.test(scan.previous(i, 1 + extent) ?? '') &&
    /^(painted|smeared|daubed|streaked|caked|powdered|dusted|glittered)$/.test(scan.next(i) ?? '')
  ) {
    scan.flag(i - 1 - extent, i + 1, 'makeup');
    return;
  }
  // "Wear the berry shade on my lips": a shade put on the face is makeup, whatever the product.
  if (
    (/^(shade|colour|color|tint|stain)$/.test(w) || (w === 'one' && LIP_COLOURS.has(scan.previous(i) ?? ''))) &&
    scan.next(i) === 'on' &&
    POSSESSIVES.test(scan.next(i, 2) ?? '') &&
    FACE_PLACES.has(scan.next(i, 3) ?? '') &&
    // (not the light's: "a soft warm colour on my cheeks from the low sun", "a pink tint on my face" from neon)
    !scan.tokens.some((t) => t.clause === scan.tokens[i]?.clause && LIGHT_WORDS.has(t.lower))
  ) {
    scan.flag(scan.modifiersBefore(i, 2), i + 3, 'makeup');
    return;
  }
  // "kohl-rimmed eyes", "mascara-smudged lashes"
  // (Not a side of the face the light leaves: "the shadow-side cheek".)
  const lightSide = /-side$/.test(w);
  if (
    w.includes('-') &&
    !lightSide &&
    w.split('-').some((part) => MAKEUP_NOUNS.has(part)) &&
    FACE_PLACES.has(scan.next(i) ?? '')
  ) {
    scan.flag(i, i + 1, 'makeup');
    return;
  }
  const ambiguous = MAKEUP_AMBIGUOUS.has(w);
  if (ambiguous && scan.next(i) === 'of') return; // "the shimmer of the lake"
  if (!MAKEUP_NOUNS.has(w) && !ambiguous && !(w === 'eye' && scan.next(i) === 'makeup')) return;
  const pair = MAKEUP_PAIRS.get(w);
  const face = faceAfter(scan, i);
  // "shadow" alone is light, not makeup; "a slick of gloss on her lips" is makeup.
  if (pair && !pair.has(scan.previous(i) ?? '') && (face === undefined || w === 'shadow')) return;
  // "bronzer, highlighter and contour kits", "a row of red lipsticks": products, not a face's makeup.
  const nearObject =
    // ... but "holding the mirror, wearing red lipstick" wears it.
    (scan.anyBefore(i, MAKEUP_OBJECT_NEAR, 3) &&
      !/^(wearing|wears|wear)$/.test(scan.previous(scan.modifiersBefore(i, 3)) ?? '')) ||
    listOfProducts(scan, i) ||
    inContainerList(scan, i) ||
    placedAsProp(scan, i) ||
    isProductPlural(w) ||
    // "holding a lipstick in each hand", "swatching a lipstick": a product in the hands, and the
    // list it heads ("holding up a tinted moisturiser, a concealer and a bronzer").
    handled(scan, i);
  if (ambiguous) {
    // "blush on her cheeks", "wearing rouge"; never "blush pink" or "the building's foundation".
    if (face !== undefined) scan.flag(scan.modifiersBefore(i, 2), face, 'makeup');
    else if (scan.anyBefore(i, WORN, 3) && !nearObject) scan.flag(scan.modifiersBefore(i, 2), i, 'makeup');
    else if (cosmetic(scan, i) && !nearObject) scan.flag(scan.modifiersBefore(i, 2), i, 'makeup');
    return;
  }
  if (face === undefined) {
    // Objects: "a tube of lipstick", "makeup brushes", "lipstick on the vanity", "mascara lying by the sink".
    const next = scan.next(i);
    if ((next && MAKEUP_OBJECT_NEAR.has(next)) || nearObject) return;
    if (next && LYING_ABOUT.test(next)) return;
    if (
      next &&
      /^(on|in|by|beside|next)$/.test(next) &&
      [scan.next(i, 2), scan.next(i, 3)].some((p) => p && MAKEUP_OBJECT_NEAR.has(p))
    )
      return;
  }
  scan.flag(scan.modifiersBefore(i, 3), i, 'makeup');
}

function handled(scan: Scan, i: number): boolean {
  // Counted as a thing ("a concealer"), not worn ("heavy bronzer"), when the list runs on to it.
  const counted = /^(a|an|the|this|that|one|two|three)$/.test(scan.previous(scan.modifiersBefore(i, 2)) ?? '');
  for (const [n, k] of scan.clauseBefore(i).slice(0, 10).entries()) {
    if (n >= 3 && !counted) return false;
    const word = scan.word(k) ?? '';
    if (HANDLING_VERBS.test(word)) return true;
    if (POSSESSIVES.test(word) || /^(on|wearing|wear|wears|with|while|apply|applying|put|puts|in)$/.test(word))
      return false;
  }
  return false;
}

/** "Red lipstick, a compact and a powder puff are laid out on the vanity as props": things set somewhere. */
function placedAsProp(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause;
  const after = scan.tokens.slice(i + 1, i + 24).filter((t) => t.isWord && t.clause === clause);
  return after.some(
    (t, n) =>
      /^(prop|props)$/.test(t.lower) ||
      (/^(is|are|sit|sits)$/.test(t.lower) &&
        PLACED_WORDS.test(after[n + 1]?.lower ?? '') &&
        !/^(she|he|i|they|we|you)$/.test(after[n - 1]?.lower ?? '')),
  );
}

const PLACED_WORDS = /^(laid|lined|arranged|placed|displayed|set|scattered|stacked|lying|lined-up)$/;

/** "a shelf of serums, tanning mousse and mascara": the last items of a list a container holds. */
function inContainerList(scan: Scan, i: number): boolean {
  for (let j = i - 1, words = 0; j >= 0 && words < 10; j--) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) return false;
    if (!token.isWord) {
      if (token.text === ',') continue;
      return false;
    }
    words++;
    if (POSSESSIVES.test(token.lower) || /^(on|in|at|wearing|with|she|he|i|me|they)$/.test(token.lower)) return false;
    if (token.lower === 'of')
      return MAKEUP_OBJECT_NEAR.has(scan.word(j - 1) ?? '') || /^(rows?|lines?)$/.test(scan.word(j - 1) ?? '');
  }
  return false;
}

/** "lipsticks", "mascaras", "blushes": makeup counted is products; worn makeup is not counted (lashes are). */
function isProductPlural(w: string): boolean {
  const single = w.replace(/e?s$/, '');
  return w !== single && !/lashes$/.test(w) && (MAKEUP_NOUNS.has(single) || MAKEUP_AMBIGUOUS.has(single));
}

/** "bronzer, highlighter and contour kits": a list of makeup words that ends in a product noun. */
function listOfProducts(scan: Scan, i: number): boolean {
  for (let j = i + 1; j < scan.tokens.length && j < i + 12; j++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) return false;
    if (!token.isWord) {
      if (token.text === ',') continue;
      return false;
    }
    const word = token.lower;
    if (MAKEUP_OBJECT_NEAR.has(word)) return true;
    if (word !== 'and' && !MAKEUP_NOUNS.has(word) && !MAKEUP_AMBIGUOUS.has(word) && !isProductPlural(word))
      return false;
  }
  return false;
}

/**
 * "subtle foundation, a touch of blush", "her foundation is a shade too light and cakey": an ambiguous
 * makeup word with a cosmetic word close by, and nothing after it that makes it a modifier ("blush pink").
 */
function cosmetic(scan: Scan, i: number): boolean {
  if (
    scan.next(i) !== undefined &&
    // ... and what it should be: "Her foundation should be a few shades darker", "foundation a shade too light".
    !/^(is|was|looks|on|for|and|but|that|in|at|with|under|over|should|must|a|too)$/.test(scan.next(i) ?? '')
  )
    return false;
  const near = [...scan.clauseBefore(i).slice(0, 3), ...scan.wordsAfter(i, 6)];
  return near.some((j) => MAKEUP_CUES.has(scan.word(j) ?? '') || (j !== i && MAKEUP_AMBIGUOUS.has(scan.word(j) ?? '')));
}

/**
 * "paint tiger stripes on her face", "Paint a sugar-skull design on my face", "draw freckles across his
 * nose": a design painted on the person's face is makeup. Not "paints a mural on the face of the cliff".
 */
export function detectPaintedOnFace(scan: Scan, i: number, w: string): void {
  if (!/^(paint|paints|painted|painting|draw|draws|drawn|drawing|stencil|stencilled)$/.test(w)) return;
  // "Paint her face as a sugar skull": the face itself painted.
  if (POSSESSIVES.test(scan.next(i) ?? '') && FACE_PLACES.has(scan.next(i, 2) ?? '')) {
    scan.flag(i, i + 2, 'makeup');
    return;
  }
  const after = scan.wordsAfter(i, 8);
  const on = after.findIndex((k) => /^(on|onto|across|over)$/.test(scan.word(k) ?? ''));
  if (on < 1 || !POSSESSIVES.test(scan.word(after[on + 1] ?? -1) ?? '')) return;
  const face = after[on + 2];
  if (face !== undefined && FACE_PLACES.has(scan.word(face) ?? '')) scan.flag(i, face, 'makeup');
}
