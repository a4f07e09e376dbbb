// Marks on the skin, tattoos and piercings, words that always describe a person, and conditions:
// what is lost, worn as an aid, or shows in the gait.

import {
  AID_THING_NEXT,
  KIN_NOUNS,
  ALWAYS_PERSON,
  BODY_CONDITIONS,
  BODY_FEATURES,
  CONDITION_OBJECT_NEXT,
  DENTAL_CUES,
  DETERMINERS,
  FACE_PLACES,
  FACIAL_HAIR_OBJECT_NEXT,
  LIMB_JOINTS,
  LOCATED_MARKS,
  MEDICAL_AIDS,
  MOBILITY_AIDS,
  PERSON_NOUN_OBJECT_NEXT,
  PERSON_SUBJECTS,
  PIERCING_ADJECTIVE_NEXT,
  PIERCING_JEWELLERY,
  PIERCING_PLACES,
  STUBBLE_FIELD_PREVIOUS,
  MARK_COMPOUND_STARTS,
  TATTOO_OBJECT_NEXT,
  TATTOO_PIECE_MODIFIERS,
  TATTOO_PIECE_PLACES,
  TATTOO_WORDS,
} from '../lexicon.ts';
import { isDepicted, isTitleCase, litNearby, placeAfter } from './context.ts';
import type { Scan } from './scan.ts';
import { POSSESSIVES, isPersonColour } from './words.ts';

export function detectMarks(scan: Scan, i: number, w: string): void {
  if (w === 'piece' || w === 'sleeve') {
    detectTattooPiece(scan, i, w);
    return;
  }
  // "tattoo-covered legs", "freckle-dusted shoulders"
  const compound = /^([a-z]+)-[a-z]+ed$/.exec(w);
  if (compound?.[1] && MARK_COMPOUND_STARTS.has(compound[1]) && BODY_FEATURES.has(scan.next(i) ?? '')) {
    scan.flag(i, i + 1, 'body-marks');
    return;
  }
  if (TATTOO_WORDS.has(w)) {
    const next = scan.next(i);
    // "a tattoo artist's station": the trade's own, in the possessive too.
    if (next && TATTOO_OBJECT_NEXT.has(next.replace(/'s$/, ''))) return;
    // "koi inked down his right arm", "her whole back covered in inked peonies"
    const place = placeAfter(scan, i, (part) => BODY_FEATURES.has(part), 5);
    if (w === 'inked' && !scan.anyBefore(i, PERSON_SUBJECTS, 6) && place === undefined) return;
    scan.flag(scan.modifiersBefore(i, 2), i, 'body-marks');
    return;
  }
  // "Ink on his neck", "cover his chest in tribal ink", "covered in ink from neck to knuckles": ink on a body.
  if (w === 'ink' && !TATTOO_OBJECT_NEXT.has(scan.next(i) ?? '')) {
    const on =
      /^(on|across|down|up|covering|along)$/.test(scan.next(i) ?? '') && POSSESSIVES.test(scan.next(i, 2) ?? '');
    const part = on ? (scan.next(i, 3) ?? '') : '';
    if (on && BODY_FEATURES.has(part) && !/^(hand|hands|fingers|finger|palm|palms|thumb)$/.test(part)) {
      scan.flag(i, i + 3, 'body-marks');
      return;
    }
    const first = scan.modifiersBefore(i, 2);
    const covered =
      /^(in|with)$/.test(scan.previous(first) ?? '') &&
      /^(covered|inked|sleeved|chest|back|arms|neck)$/.test(scan.previous(first, 2) ?? '');
    const neckTo = scan.next(i) === 'from' && BODY_FEATURES.has(scan.next(i, 2) ?? '');
    if (
      covered &&
      (neckTo ||
        BODY_FEATURES.has(scan.previous(first, 2) ?? '') ||
        scan.tokens.some((t) => /^(him|her|me|his|my)$/.test(t.lower)))
    ) {
      scan.flag(first - 2, neckTo ? i + 2 : i, 'body-marks');
      return;
    }
  }
  // "show my ink", "his ink is all blackwork": tattoos, said as ink someone has.
  if (
    w === 'ink' &&
    /^(my|his|her|their|your)$/.test(scan.previous(i) ?? '') &&
    !TATTOO_OBJECT_NEXT.has(scan.next(i) ?? '')
  ) {
    scan.flag(i - 1, i, 'body-marks');
    return;
  }
  if (w === 'mole' || w === 'moles') {
    const onBody =
      /^(on|above|below|near|by|under|beside|across|over|along|down|all)$/.test(scan.next(i) ?? '') &&
      /^(his|her|their|my)$/.test(scan.next(i, 2) ?? '');
    if (onBody) scan.flag(scan.modifiersBefore(i, 2), Math.min(i + 3, scan.tokens.length - 1), 'body-marks');
    return;
  }
  if (w === 'scar' || w === 'scars') {
    const previous = scan.previous(i);
    const facial = previous === 'facial' || previous === 'face';
    const onBody =
      /^(on|across|over|above|below|through|along|near|under)$/.test(scan.next(i) ?? '') &&
      /^(his|her|their|my)$/.test(scan.next(i, 2) ?? '');
    if (facial || onBody)
      scan.flag(facial ? i - 1 : i, onBody ? Math.min(i + 3, scan.tokens.length - 1) : i, 'body-marks');
  }
}

export function detectAlwaysPerson(scan: Scan, i: number, w: string): void {
  const category = ALWAYS_PERSON.get(w);
  if (!category) return;
  if (isDepicted(scan, i) || PERSON_NOUN_OBJECT_NEXT.has(scan.next(i) ?? '') || isTitleCase(scan, i)) return;
  // "a glow-up video" is the video's kind; "give me a glow-up" asks for one.
  const next = scan.tokens[i + 1];
  if (w === 'glow-up' && next?.isWord && !/^(and|or|for|on|please|pls|with|like)$/.test(next.lower)) return;
  // "me as a grandad", "a silver-fox grandfather" cast an age; "Grandma sits by the quilt" names someone.
  if (KIN_NOUNS.has(w) && ![1, 2, 3].some((n) => /^(a|an)$/.test(scan.previous(i, n) ?? ''))) return;
  // "freckles of rain", "a beard of moss": the texture of something else.
  const texture = category === 'facial-hair' || (category === 'skin' && !w.startsWith('complexion'));
  if (texture && scan.next(i) === 'of' && !PERSON_SUBJECTS.has(scan.next(i, 2) ?? '')) return;
  if (category === 'facial-hair') {
    const next = scan.next(i);
    if (next && FACIAL_HAIR_OBJECT_NEXT.has(next)) return;
    if (w === 'stubble' && STUBBLE_FIELD_PREVIOUS.has(scan.previous(i) ?? '')) return;
    // "a hare bounds across the stubble": the field after the harvest.
    if (
      w === 'stubble' &&
      scan.previous(i) === 'the' &&
      /^(across|in|over|through|into|on|from)$/.test(scan.previous(i, 2) ?? '')
    )
      return;
    if (w === 'bearded' && next === 'dragon') return;
  }
  scan.flag(scan.modifiersBefore(i, 3), i, category);
}

/** Marks that are also light, shapes or things: not where light falls ("spots of light on her cheek"). */
const SHAPE_MARKS = /^(spot|spots|patches|lines|circles|marks)$/;

const FACE_PART = (part: string) =>
  FACE_PLACES.has(part) || ['face', 'eyes', 'hair'].includes(BODY_FEATURES.get(part) ?? '') || part === 'neck';

/**
 * Marks and conditions named for what they are ("acne", "vitiligo", "pregnant"), piercings,
 * jewellery through the lip or brow, and marks that sit on a body part ("a scar through his eyebrow").
 */
export function detectNamedMarks(scan: Scan, i: number, w: string): void {
  const always = BODY_CONDITIONS.get(w);
  if (always) {
    const next = scan.next(i) ?? '';
    if (CONDITION_OBJECT_NEXT.has(next) || TATTOO_OBJECT_NEXT.has(next)) return;
    scan.flag(scan.modifiersBefore(i, 2), i, always);
    return;
  }
  if (w === 'piercing') {
    const next = scan.next(i) ?? '';
    if (PIERCING_ADJECTIVE_NEXT.has(next) || isPersonColour(next) || DETERMINERS.has(next)) return;
    scan.flag(scan.modifiersBefore(i, 2), i, 'body-marks');
    return;
  }
  const previous = scan.previous(i) ?? '';
  if (PIERCING_JEWELLERY.has(w)) {
    // "a lip ring", "a stud in her nose"
    const place = placeAfter(scan, i, (part) => PIERCING_PLACES.has(part));
    if (PIERCING_PLACES.has(previous)) scan.flag(i - 1, i, 'body-marks');
    else if (place !== undefined && place <= i + 4) scan.flag(i, place, 'body-marks');
    return;
  }
  detectLocatedMark(scan, i, w, previous);
}

function detectLocatedMark(scan: Scan, i: number, w: string, previous: string): void {
  const category = LOCATED_MARKS.get(w);
  if (!category || scan.next(i) === 'of') return; // "patches of light", "veins of marble"
  if (
    /^(scar|scars|scarring|slit|slits)$/.test(w) &&
    (BODY_FEATURES.has(previous) || /^(acne|burn|surgical|c-section)$/.test(previous))
  ) {
    scan.flag(i - 1, i, 'body-marks'); // "a knee scar", "acne scarring"
    return;
  }
  if (/^(down|fuzz)$/.test(w) && !/^(fine|soft|blonde|blond|dark|light|downy|peach|faint|fair|thin)$/.test(previous))
    return;
  if (SHAPE_MARKS.test(w) && litNearby(scan, i)) return;
  let fits: (part: string) => boolean = (part) =>
    BODY_FEATURES.has(part) || FACE_PLACES.has(part) || /^(back|spine|body)$/.test(part);
  if (category === 'age' || category === 'facial-hair') fits = FACE_PART;
  if (/^(bags|circles)$/.test(w)) fits = (part) => part === 'eyes';
  if (category === 'face')
    fits = (part) => /^(teeth|tooth|mouth|gums|(pre)?molars?|incisors?|canines|eyete(eth|ooth))$/.test(part);
  const place = placeAfter(scan, i, fits);
  if (place !== undefined) scan.flag(scan.modifiersBefore(i, 2), place, category);
  // "her hand trembles with an essential tremor"; not "a tremor shook the building"
  else if (
    w === 'tremor' &&
    scan
      .clauseBefore(i)
      .slice(0, 8)
      .some((k) => fits(scan.word(k) ?? '') || PERSON_SUBJECTS.has(scan.word(k) ?? ''))
  )
    scan.flag(scan.modifiersBefore(i, 2), i, category);
}

/** "missing two fingers", "in his wheelchair", "a noticeable limp", "her bump". */
export function detectLossesAndAids(scan: Scan, i: number, w: string): void {
  if (w === 'missing' || (w === 'lost' && POSSESSIVES.test(scan.next(i) ?? ''))) {
    for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 6; j = scan.nextIndex(j), n++) {
      if (BODY_FEATURES.has(scan.word(j) ?? '')) {
        scan.flag(i, j, 'condition');
        return;
      }
    }
    return;
  }
  const previous = scan.previous(i) ?? '';
  // "a power-chair user", "a long-time cane user": someone who uses an aid (a wheelchair user below).
  // ... said to be one ("as a", "she's a"), since "the cane user in the queue" may be anyone.
  const cast = previous === 'a' && /^(as|is|am|was|i'm|she's|he's|they're|been)$/.test(scan.previous(i, 2) ?? '');
  if (MOBILITY_AIDS.has(w) && w !== 'wheelchair' && scan.next(i) === 'user' && cast) {
    scan.flag(i, i + 1, 'condition');
    return;
  }
  if (w === 'wheelchair' || w === 'wheelchairs') {
    const inOne = previous === 'a' && /^(in|use|uses|using|from)$/.test(scan.previous(i, 2) ?? '');
    if (POSSESSIVES.test(previous) || inOne || scan.next(i) === 'user')
      scan.flag(inOne ? i - 2 : POSSESSIVES.test(previous) ? i - 1 : i, i, 'condition');
    return;
  }
  if (/^(limp|stoop)$/.test(w) && /^(a|his|her|their|slight|noticeable|pronounced|visible|bad|heavy)$/.test(previous)) {
    const next = scan.tokens[i + 1];
    if (!next || !next.isWord || /^(from|in|on|as|when|that|and)$/.test(next.lower)) scan.flag(i - 1, i, 'condition');
    return;
  }
  if (/^(limps|limping)$/.test(w)) scan.flag(i, i, 'condition');
  // "his arm in a sling", "on crutches", "her bandaged hand"
  // ... not "in cast iron", "a cast list".
  if (MEDICAL_AIDS.has(w) && scan.next(i) !== 'of' && !AID_THING_NEXT.has(scan.next(i) ?? '')) {
    const worn =
      /^(in|on|with|his|her|their)$/.test(previous) ||
      (previous === 'a' && /^(in|with|uses|using|needs|on)$/.test(scan.previous(i, 2) ?? ''));
    const body = scan
      .clauseBefore(i)
      .slice(0, 8)
      .some((k) => BODY_FEATURES.has(scan.word(k) ?? '') || PERSON_SUBJECTS.has(scan.word(k) ?? ''));
    if (worn && body) scan.flag(previous === 'a' ? i - 2 : i - 1, i, 'condition');
  }
  if (w === 'bump' && (POSSESSIVES.test(previous) || previous === 'baby')) scan.flag(i - 1, i, 'condition');
  // "her left arm ending just below the elbow": a limb difference.
  if (/^(arm|arms|leg|legs|hand)$/.test(w) && /^(ends|end|ending|ended|stops|stopping)$/.test(scan.next(i) ?? '')) {
    const joint = scan.wordsAfter(i + 1, 5).find((j) => LIMB_JOINTS.has(scan.word(j) ?? ''));
    if (joint !== undefined) scan.flag(i, joint, 'condition');
  }
  // "me with braces and blue elastics", "metal train-track braces flashing in the grin", "clear aligners in"
  const trays = /^(trays|tray)$/.test(w) && /^(invisalign|aligner|aligners)$/.test(scan.previous(i) ?? '');
  if (/^(braces|aligners|retainer)$/.test(w) || trays) {
    const near = [...scan.clauseBefore(i).slice(0, 3), ...scan.wordsAfter(i, 5)];
    // ... or worn: "Invisalign trays in for the whole video", "my aligners in" (not "braces in the drawer").
    // (Aligners only: "braces in navy" are trousers', "a retainer in cash" a fee.)
    const worn =
      /^(aligners|trays|tray)$/.test(w) &&
      scan.next(i) === 'in' &&
      !/^(a|an|the|my|his|her|their|your|its|this|that)$/.test(scan.next(i, 2) ?? '') &&
      !AID_THING_NEXT.has(scan.next(i, 2) ?? '');
    if ((near.some((j) => DENTAL_CUES.has(scan.word(j) ?? '')) && !trays) || worn)
      scan.flag(scan.modifiersBefore(i, 2), worn ? i + 1 : i, 'face');
  }
}

/**
 * A large tattoo named for where it sits: "a full back piece", "her chest piece, an eagle", "a koi
 * sleeve down his right arm". Not "the back piece of the chair" or "a sleeve on the sofa".
 */
function detectTattooPiece(scan: Scan, i: number, w: string): void {
  const place = scan.previousIndex(i);
  const placeWord = place === undefined ? '' : (scan.word(place) ?? '');
  if (w === 'piece') {
    if (!TATTOO_PIECE_PLACES.has(placeWord) || place === undefined) return;
    if (scan.next(i) === 'of' && !/^(a|an)$/.test(scan.next(i, 2) ?? '')) return; // "the back piece of the chair"
    const before = scan.previous(place) ?? '';
    const worn = POSSESSIVES.test(before) || TATTOO_PIECE_MODIFIERS.has(before) || /'s$/.test(before);
    // "Her back piece, a huge phoenix": an apposition says what it shows.
    const shows = scan.tokens[i + 1]?.text === ',' && /^(a|an)$/.test(scan.word(i + 2) ?? '');
    if (worn || shows) scan.flag(scan.modifiersBefore(place, 2), i, 'body-marks');
    return;
  }
  // "full sleeve on his right arm", "a koi-fish sleeve down my arm"
  const arm = placeAfter(scan, i, (part) => /^(arm|arms|forearm|leg)$/.test(part), 5);
  const tattooish = TATTOO_PIECE_MODIFIERS.has(placeWord) || /-(fish|dragon|koi|flower|floral)$/.test(placeWord);
  const possessed = scan.wordsAfter(i, 4).some((j) => POSSESSIVES.test(scan.word(j) ?? ''));
  if (arm !== undefined && tattooish && possessed) scan.flag(scan.modifiersBefore(i, 3), arm, 'body-marks');
}
