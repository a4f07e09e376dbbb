// Body parts described: body compounds ("long-necked"), descriptors on a part ("long slender
// fingers") or after it with a verb ("her legs are long"), build nouns ("a wiry frame").

import {
  AMBIGUOUS_FEATURES,
  BODY_COMPOUND_ENDINGS,
  BODY_COMPOUND_IDIOMS,
  BODY_FEATURES,
  BODY_MODIFIERS,
  BODY_PARTS,
  BUILD_MODIFIERS,
  BUILD_NOUNS,
  FEATURE_SHAPE_VERBS,
  FRONTED_FEATURE_DESCRIPTORS,
  GARMENT_CUTS,
  INTENSIFIERS,
  LINKING_VERBS,
  MADE_SMILE_WORDS,
  MODAL_VERBS,
  PERSON_SUBJECTS,
  PREDICATE_ONLY_FEATURES,
  SHAPE_NOUNS,
  SHAPING_VERBS,
  SIZE_WORDS,
  SKIN_DESCRIPTORS,
  SMILE_DESCRIPTORS,
  SMILE_HABIT_WORDS,
  SMILE_SIDE_WORDS,
  STATE_WORDS,
  type AppearanceCategory,
} from '../lexicon.ts';
import { inLitClause, ownerAfterOf } from './context.ts';
import { thingBefore } from './things.ts';
import type { Scan } from './scan.ts';
import { FUNCTION_WORD, POSSESSIVES, bodyWordCategory, describesPart, isOwnerThing, isPersonColour } from './words.ts';

/** Words between a possessive and its part: "her left eyelid", "his two front teeth". */
const SIDE_WORDS = /^(left|right|front|upper|lower|top|bottom|two|both|inner|outer)$/;

/** The category of a body compound: "ruddy-faced" is the face, "big-bellied" weight, "long-necked" build. */
function compoundCategory(w: string): AppearanceCategory {
  if (/-bellied$/.test(w)) return 'weight';
  if (/-(lidded|lashed)$/.test(w)) return 'eyes';
  if (/-complexioned$/.test(w)) return 'skin';
  if (/-(jawed|cheeked|lipped|nosed|browed|faced|chinned|toothed|featured|eared|mouthed)$/.test(w)) return 'face';
  return 'build';
}

export function detectBody(scan: Scan, i: number, w: string): void {
  if (BODY_COMPOUND_ENDINGS.test(w)) {
    if (!BODY_COMPOUND_IDIOMS.has(w)) scan.flag(i, i, compoundCategory(w));
    return;
  }
  if (BODY_PARTS.has(w)) {
    if (scan.next(i) === 'of' && ownerAfterOf(scan, i) !== 'person') return; // "that hourglass figure of hers"
    const previous = scan.previous(i);
    if (!previous || !BODY_MODIFIERS.has(previous)) return;
    // "a long body pillow", "a small figure on the shelf": those are things.
    const next = scan.next(i);
    if (w === 'body' && next && !/^(and|with|in|under)$/.test(next)) return;
    if (
      w === 'figure' &&
      /^(small|big|large|long|short|thin|round|flat|thick|heavy)$/.test(previous) &&
      !/^(his|her|their|my)$/.test(scan.previous(i, 2) ?? '')
    )
      return;
    scan.flag(scan.modifiersBefore(i, 3), i, w === 'belly' || w === 'stomach' || w === 'tummy' ? 'weight' : 'build');
    return;
  }
  if (BUILD_NOUNS.has(w)) {
    const previous = scan.previous(i);
    // "a bony, hunched frame", "a delicate, almost girlish build"; not "a crooked picture frame".
    const first = scan.modifiersBefore(i, 3);
    const described = [];
    for (let k = first; k < i; k++) if (describesPart(scan.word(k) ?? '', w)) described.push(scan.word(k) ?? '');
    const shaped = described.some((d) => !SIZE_WORDS.has(d)) && !isOwnerThing(previous ?? '');
    if (!previous || (!BUILD_MODIFIERS.has(previous) && !shaped)) return;
    const next = scan.next(i);
    const ofSomeone = next === 'of' && ownerAfterOf(scan, i) === 'person'; // "that wiry frame of his"
    if (next && /^(on|of|hanging|with|above|behind|holding|around)$/.test(next) && !ofSomeone) return; // a picture frame
    if (
      w === 'frame' &&
      /^(small|large|big|heavy|thin|solid|sturdy|strong)$/.test(previous) &&
      !scan.hasPossessiveBefore(i, 3)
    )
      return;
    scan.flag(scan.modifiersBefore(i, 3), i, 'build');
  }
}

export function detectFeature(scan: Scan, i: number, w: string): void {
  if ((w === 'smile' || w === 'grin') && scan.next(i) !== 'of') {
    detectSmileShape(scan, i);
    return;
  }
  // "every single tooth on display", "shows every top tooth": how many teeth show is the teeth's look.
  if (w === 'every') {
    const after = scan.wordsAfter(i, 3);
    const tooth = after.findIndex((j) => /^(tooth|teeth)$/.test(scan.word(j) ?? ''));
    const between = after.slice(0, Math.max(tooth, 0));
    if (tooth >= 0 && between.every((j) => /^(single|one|top|bottom|upper|lower|front)$/.test(scan.word(j) ?? '')))
      scan.flag(i, after[tooth]!, 'face');
    return;
  }
  if (PREDICATE_ONLY_FEATURES.has(w) && POSSESSIVES.test(scan.previous(i) ?? '')) {
    detectFeaturePredicate(scan, i, w, 'build'); // "her body is soft and curvy"
    return;
  }
  const category = BODY_FEATURES.get(w);
  // "a Roman bust with a chipped nose", "a marble bust": a sculpture.
  if (/^(bust|busts)$/.test(w) && SCULPTURE_WORDS.test(scan.previous(i) ?? '')) return;

  // "the arms of the armchair"; but "the crepey skin of age" is still the person's.
  // "the crepey skin of age", "the long legs of a model"
  const ofSomeone =
    /^(age|youth|someone|somebody|old)$/.test(scan.next(i, 2) ?? '') || ownerAfterOf(scan, i) === 'person';
  if (!category || (scan.next(i) === 'of' && !ofSomeone)) return;
  // "eyes the colour of dark honey", "skin the shade of milky tea"
  if (
    scan.next(i) === 'the' &&
    /^(colour|color|shade|tone|hue)$/.test(scan.next(i, 2) ?? '') &&
    scan.next(i, 3) === 'of'
  ) {
    scan.flag(i, i + 3, category);
    return;
  }
  // "a crooked, overlapping lower row of teeth", "a perfect set of teeth": what the row or set is like.
  if (scan.previous(i) === 'of' && /^(row|rows|set|line|mouthful)$/.test(scan.previous(i, 2) ?? '')) {
    const first = scan.modifiersBefore(i - 2, 4);
    const said = [];
    for (let k = first; k < i - 2; k++) if (describesPart(scan.word(k) ?? '', w)) said.push(k);
    if (said.length > 0) scan.flag(said[0]!, i, category);
    return;
  }
  // "a polo neck", "table legs", "an empire waist": a thing's part or a garment's cut.
  const adjunct = scan.previous(i) ?? '';
  if (GARMENT_CUTS.get(w)?.has(adjunct)) return;
  // "his jug ears", "her button nose": a thing before a face feature someone has is a likeness of its shape.
  // ... and after a descriptor: "rosy apple cheeks".
  // (Not "a weathered rock face": a face a thing has.)
  const likened =
    POSSESSIVES.test(scan.previous(i, 2) ?? '') || (!/^faces?$/.test(w) && describesPart(scan.previous(i, 2) ?? '', w));
  // ... and fingers ("slender piano fingers", "fat sausage fingers").
  const likenedPart = /^(face|eyes)$/.test(category) || /^fingers?$/.test(w);
  if (isOwnerThing(adjunct) && likenedPart && likened) {
    scan.flag(i - 2, i, category);
    return;
  }
  if (isOwnerThing(adjunct) && !describesPart(adjunct, w)) return;
  // "age has thinned his lips", "the sun has bronzed her arms"
  const shaper = scan.previous(i, 2);
  if (POSSESSIVES.test(scan.previous(i) ?? '') && shaper && SHAPING_VERBS.has(shaper)) {
    scan.flag(i - 2, i, category);
    return;
  }
  const first = scan.modifiersBefore(i, 4);
  const described: string[] = [];
  for (let k = first; k < i; k++) {
    const word = scan.word(k);
    if (word && describesPart(word, w)) described.push(word);
  }
  const owner = scan.previous(first) ?? '';
  // "her long nails", "she has very long nails"
  const possessive =
    POSSESSIVES.test(owner) ||
    (/^(has|have|had)$/.test(owner) && scan.clauseBefore(first).some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '')));
  // "the warm chestnut of his eyes", "the pallor of her skin"
  if (possessive && scan.previous(i, 2) === 'of' && describesPart(scan.previous(i, 3) ?? '', w)) {
    scan.flag(scan.modifiersBefore(i - 3, 2), i, category);
    return;
  }
  // "a small chest", "tall palms": a size alone does not make these the body's.
  const sizeOnly = described.every((d) => SIZE_WORDS.has(d));
  if (described.length > 0 && (!AMBIGUOUS_FEATURES.has(w) || possessive || !sizeOnly)) {
    // "sunburnt freckled shoulders" is the skin; "long slender fingers" the build.
    scan.flag(first, i, described.some((d) => SKIN_DESCRIPTORS.has(d)) ? 'skin' : category);
    return;
  }
  // "eyes as green as emeralds", "skin as pale as milk"
  if (scan.next(i) === 'as' && describesPart(scan.next(i, 2) ?? '', w) && scan.next(i, 3) === 'as') {
    scan.flag(POSSESSIVES.test(scan.previous(i) ?? '') ? i - 1 : i, i + 2, category);
    return;
  }
  detectFeaturePredicate(scan, i, w, category);
}

const SCULPTURE_WORDS = /^(roman|greek|marble|bronze|plaster|stone|clay|wax|carved|sculpted|classical|victorian)$/;

/**
 * "a perfectly white smile", "a gummy grin", "her smile is lopsided", "a smile that only ever lifts on
 * the left": the teeth or the face's shape, not the expression.
 */
function detectSmileShape(scan: Scan, i: number): void {
  const first = scan.modifiersBefore(i, 3);
  // "a carved toothless grin", "a stitched smile": a thing's, made so.
  for (let k = first; k < i; k++) if (MADE_SMILE_WORDS.has(scan.word(k) ?? '')) return;
  for (let k = first; k < i; k++) if (SMILE_DESCRIPTORS.has(scan.word(k) ?? '')) return scan.flag(first, i, 'face');
  const after = scan.wordsAfter(i, 6);
  const verb = after[0] === undefined ? '' : (scan.word(after[0]) ?? '');
  if (LINKING_VERBS.has(verb)) {
    const shape = after.slice(1).find((j) => SMILE_DESCRIPTORS.has(scan.word(j) ?? ''));
    const owner = POSSESSIVES.test(scan.previous(i) ?? '') ? i - 1 : i;
    if (shape !== undefined) return scan.flag(owner, shape, 'face');
  }
  // A smile that always lifts on one side is the face's shape; "a smile lifting the left corner" is a moment.
  const habit = after.findIndex((j) => SMILE_HABIT_WORDS.has(scan.word(j) ?? ''));
  const side = after.findIndex((j) => SMILE_SIDE_WORDS.has(scan.word(j) ?? ''));
  if (habit >= 0 && side > habit) scan.flag(i, after[side]!, 'face');
}

/**
 * "her legs are long and toned", "his skin is a warm caramel brown", "his ears stick out", "ears that
 * stick straight out", and with no verb after a possessive: "her skin a rich brown", "his eyes not blue".
 */
function detectFeaturePredicate(scan: Scan, i: number, w: string, category: AppearanceCategory): void {
  if (scan.tokens[i + 1]?.text === ',' && scan.tokens[i + 1]?.clause === scan.tokens[i]?.clause) {
    detectFeatureAppositive(scan, i, w, category);
    return;
  }
  let verb = scan.nextIndex(i);
  // "ears that stick out": a relative clause says the same as a verb.
  if (verb !== undefined && /^(that|which)$/.test(scan.word(verb) ?? '')) verb = scan.nextIndex(verb);
  if (verb === undefined) return;
  const v = scan.word(verb) ?? '';
  // "her teeth", "his right arm", "her two front teeth": the possessive before a feature and its place.
  let previous = scan.previousIndex(i);
  while (previous !== undefined && SIDE_WORDS.test(scan.word(previous) ?? '')) previous = scan.previousIndex(previous);
  const start = previous !== undefined && POSSESSIVES.test(scan.word(previous) ?? '') ? previous : i;
  // "his belly hangs over his belt"
  const overhangs =
    category === 'weight' && /^(hangs|hang|hanging|spills|spilling|strains|straining|pokes|bulges)$/.test(v);
  const out = /^(stick|sticks|stuck|sticking)$/.test(v) ? outAfter(scan, verb) : undefined;
  if (FEATURE_SHAPE_VERBS.has(v) || overhangs || out !== undefined) {
    scan.flag(start, out ?? verb, category);
    return;
  }
  // "her brows have a dramatic natural arch", "his nose has a bump"
  if (/^(has|have|had)$/.test(v) && scan.next(verb) !== 'been') {
    const shape = scan.wordsAfter(verb, 6).find((j) => SHAPE_NOUNS.has(scan.word(j) ?? ''));
    if (shape !== undefined) scan.flag(start, shape, category);
    return;
  }
  // "his nose has been broken", "her skin is a rich, dark brown"; "her skin a rich brown" after a possessive.
  // ... but "the light on her face softer" is where the light falls, not a fragment about the face.
  const placed = /^(on|onto|across|over|along|around|through|at)$/.test(scan.previous(start) ?? '');
  const verbless =
    start !== i && verb === i + 1 && !placed && (/^(a|an|not)$/.test(v) || INTENSIFIERS.has(v) || describesPart(v, w));
  const modal = linkAfterModal(scan, verb);
  const from = /^(has|have|had)$/.test(v) && scan.next(verb) === 'been' ? verb + 1 : verbless ? i : (modal ?? verb);
  if (!verbless && modal === undefined && !LINKING_VERBS.has(scan.word(from) ?? '')) return;
  let last: number | undefined;
  for (const j of scan.wordsAfter(from, 6)) {
    const word = scan.word(j) ?? '';
    // "his right eye is the glass one"
    if (word === 'the' && describesPart(scan.next(j) ?? '', w) && scan.next(j, 2) === 'one') last = j + 2;
    if (POSSESSIVES.test(word) || word === 'the' || word === 'of' || (word === 'full' && scan.next(j) === 'of')) break;
    // "her eyes are wide with surprise", "his face is red with laughter": a state, not a trait.
    if (describesPart(word, w) && !STATE_WORDS.has(word)) last = j;
  }
  if (last !== undefined) scan.flag(start, last, category);
}

/**
 * "should be", "needs to look", "ought to read as", "must not be": a modal and the linking verb it
 * asks for, which says what the feature is to be like. The index of that verb (or of "as").
 */
function linkAfterModal(scan: Scan, verb: number): number | undefined {
  if (!MODAL_VERBS.has(scan.word(verb) ?? '')) return undefined;
  let k = scan.nextIndex(verb);
  while (k !== undefined && /^(to|not|also|still|really|definitely|just|now|clearly|so|too)$/.test(scan.word(k) ?? ''))
    k = scan.nextIndex(k);
  const link = scan.word(k ?? -1) ?? '';
  if (k === undefined || !/^(be|look|appear|seem|read|come|stay|remain)$/.test(link)) return undefined;
  const as = scan.nextIndex(k);
  if (/^(read|come)$/.test(link))
    return scan.word(as ?? -1) === 'as' || scan.word(as ?? -1) === 'across' ? as : undefined;
  return k;
}

/** "his nose, broken once and now a little crooked": a possessive feature, then what it is like after a comma. */
function detectFeatureAppositive(scan: Scan, i: number, w: string, category: AppearanceCategory): void {
  let previous = scan.previousIndex(i);
  while (previous !== undefined && SIDE_WORDS.test(scan.word(previous) ?? '')) previous = scan.previousIndex(previous);
  if (previous === undefined || !POSSESSIVES.test(scan.word(previous) ?? '')) return;
  let last: number | undefined;
  // The last describing word before the current run of them ("flat neon-pink ..."), kept when the
  // run turns out to describe a noun of its own: "my cheeks, flat neon-pink background".
  let beforeRun: number | undefined;
  for (const j of scan.wordsAfter(i, 7)) {
    const word = scan.word(j) ?? '';
    if (POSSESSIVES.test(word) || word === 'the' || word === 'of' || (word === 'full' && scan.next(j) === 'of')) break;
    if (!describesPart(word, w) || STATE_WORDS.has(word)) continue;
    if (last !== j - 1) beforeRun = last;
    const next = scan.tokens[j + 1];
    if (
      next?.isWord &&
      !describesPart(next.lower, w) &&
      !/^(and|or|but|from|with|in|at|as|to|by|once|now|still|already|ever|never|then)$/.test(next.lower) &&
      !/ly$/.test(next.lower)
    ) {
      last = beforeRun;
      break;
    }
    last = j;
  }
  if (last !== undefined) scan.flag(previous, last, category);
}

/** "stick out", "stick straight out": the index of "out". */
function outAfter(scan: Scan, verb: number): number | undefined {
  let k = scan.nextIndex(verb);
  if (k !== undefined && /^(straight|right|way|slightly|a|bit|little)$/.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
  if (k !== undefined && /^(bit|little)$/.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
  return k !== undefined && scan.word(k) === 'out' ? k : undefined;
}

/** "a yellow tint to his skin", "a slight droop to her eyelids": a shape or tint a feature has. */
export function detectShapeOfFeature(scan: Scan, i: number, w: string): void {
  // ... or "a cleft in the chin": "the" before a part only a face has.
  const owned =
    POSSESSIVES.test(scan.next(i, 2) ?? '') ||
    (scan.next(i, 2) === 'the' && /^(chin|nose|jaw|forehead|lip|lips|cheek|cheeks)$/.test(scan.next(i, 3) ?? ''));
  if (!SHAPE_NOUNS.has(w) || !/^(to|in|on)$/.test(scan.next(i) ?? '') || !owned) return;
  // "a droop to her left eyelid": a side or a place may stand between the possessive and the part.
  let at = scan.next(i, 2) === 'the' ? i + 4 : i + 3;
  if (SIDE_WORDS.test(scan.word(at) ?? '')) at += 1;
  const category = BODY_FEATURES.get(scan.word(at) ?? '');
  const first = scan.modifiersBefore(i, 3);
  // A shape needs a word saying what it is like ("a slight droop"), unless it is one alone ("a cleft").
  const bare = first === i && !/^(cleft|dimple|bump|hook|kink)$/.test(w);
  if (!category || bare || inLitClause(scan, i)) return; // "a glow on her skin" from the lamp is light
  scan.flag(first, at, category);
}

/** Eyes and faces: their similes are most often an expression ("eyes like saucers", "a face like thunder"). */
const SIMILE_EXCLUDED = /^(eyes|eye|face|faces)$/;

/**
 * "a nose like a ski jump", "shoulders like a wardrobe", "skin like porcelain": a feature likened to a
 * thing is described, when it is named, had or listed ("with", "and", "has"), not moved ("flapping his arms like").
 */
export function detectFeatureSimile(scan: Scan, i: number, w: string): void {
  const category = bodyWordCategory(w);
  if (!category || scan.next(i) !== 'like' || SIMILE_EXCLUDED.test(w)) return;
  const like = i + 1;
  let k = scan.nextIndex(like);
  if (k === undefined || /^(this|that|so|he|she|they|i|we|you|it|when|if|to)$/.test(scan.word(k) ?? '')) return;
  let first = scan.modifiersBefore(i, 3);
  while (/^(a|an|the|his|her|their|my|your)$/.test(scan.previous(first) ?? '')) first -= 1;
  const before = scan.previousIndex(first);
  if (before !== undefined && !/^(and|with|has|have|had|having|got|but|plus|sporting)$/.test(scan.word(before) ?? ''))
    return;
  if (thingBefore(scan, { first, last: i, category })) return; // "a lamp with a neck like a swan's
  // The likeness: its article, then up to three words ("like a double-door wardrobe").
  while (k !== undefined && /^(a|an|the|some)$/.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
  let end = like;
  for (let n = 0; k !== undefined && n < 3 && !FUNCTION_WORD.test(scan.word(k) ?? ''); n++, k = scan.nextIndex(k)) {
    if (n > 0 && /ing$/.test(scan.word(k) ?? '')) break; // "... wardrobe filling the frame"
    end = k;
  }
  if (end > like) scan.flag(first, end, category);
}

/**
 * A feature that opens a clause or a label, then what it is like: "eyes: hazel with green flecks",
 * "Brows light brown, straight", "skin tone = caramel", "Nails ridged and brittle". Not "eyes closed"
 * (a state) or "hands in pockets".
 */
export function detectFrontedFeature(scan: Scan, i: number, w: string): void {
  const category = BODY_FEATURES.get(w) ?? (w === 'skin' ? 'skin' : undefined);
  const before = scan.tokens[i - 1];
  const opens = !before || before.clause !== scan.tokens[i]?.clause || before.text === '(';
  // "Eye light from a small ring", "Hair light at the back": lighting, not the feature.
  const lighting = /^(light|lights)$/.test(scan.next(i) ?? '') && !isPersonColour(scan.next(i, 2) ?? '');
  if (!category || !opens || lighting) return;
  let k = i;
  if (/^(tone|colour|color|shape)$/.test(scan.word(k + 1) ?? '')) k += 1; // "skin tone = caramel"
  // A label's ":" or "=" ends the clause; what follows it is the feature's description.
  const label = /^[:=]$/.test(scan.tokens[k + 1]?.text ?? '') ? k + 1 : k;
  let last: number | undefined;
  for (let j = label + 1, n = 0; j < scan.tokens.length && n < 4; j++) {
    const token = scan.tokens[j];
    if (!token || (token.clause !== scan.tokens[label + 1]?.clause && j > label + 1)) break;
    if (!token.isWord) continue;
    n += 1;
    const word = token.lower;
    if ((describesPart(word, w) && !STATE_WORDS.has(word)) || FRONTED_FEATURE_DESCRIPTORS.has(word)) last = j;
    else if (!INTENSIFIERS.has(word) && !/^(and|a|little|bit|fairly|slightly|very|quite|in)$/.test(word)) break;
  }
  if (last !== undefined) scan.flag(i, last, category);
}
