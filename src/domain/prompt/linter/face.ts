// Eyes, skin and the face: a colour or shape on the eyes, a skin tone, face shape and features.

import {
  DETERMINERS,
  EXPRESSION_EYED,
  EXPRESSION_MODIFIERS,
  EYE_SHAPE_MODIFIERS,
  FACE_FEATURES,
  FACE_FEATURES_ALWAYS,
  FACE_SHAPE_MODIFIERS,
  FEATURE_MODIFIERS,
  LIP_COLOURS,
  NUMBER_WORDS,
  PERSON_ADJECTIVES,
  PERSON_COLOURS,
  TAN_MODIFIERS,
} from '../lexicon.ts';
import { ownerAfterOf } from './context.ts';
import type { Scan } from './scan.ts';
import { POSSESSIVES, isCelebrity, isPersonColour, isPersonNoun } from './words.ts';

export function detectEyes(scan: Scan, i: number, w: string): void {
  if (/-eyed$/.test(w)) {
    if (!EXPRESSION_EYED.has(w)) scan.flag(i, i, 'eyes');
    return;
  }
  if (w !== 'eyes' && w !== 'eye' && w !== 'eyelids' && w !== 'eyelid') return;
  if (scan.next(i) === 'of') return; // "the eye of the storm"
  // "an eye light from a small ring": lighting; not "eyes light brown".
  if (/^(light|lights)$/.test(scan.next(i) ?? '') && !isPersonColour(scan.next(i, 2) ?? '')) return;
  const next = scan.next(i);
  if (next === 'colour' || next === 'color') {
    scan.flag(scan.modifiersBefore(i, 2), i + 1, 'eyes');
    return;
  }
  const previous = scan.previous(i);
  const before = scan.previous(i, 2);
  const describes = (word: string | undefined) => !!word && (isPersonColour(word) || EYE_SHAPE_MODIFIERS.has(word));
  if (describes(previous) || (describes(before) && previous !== undefined && !DETERMINERS.has(previous))) {
    if (next === 'makeup' || next === 'shadow' || next === 'liner') return; // makeup is its own rule
    scan.flag(scan.modifiersBefore(i, 3), i, 'eyes');
    return;
  }
  // "eyes set further apart", "mine are smaller and set closer together": how far apart they sit.
  const apart = scan
    .wordsAfter(i, 6)
    .find(
      (j) =>
        /^(apart|together)$/.test(scan.word(j) ?? '') &&
        /^(further|farther|wider|closer|wide|close|far|more|less|too|so)$/.test(scan.previous(j) ?? '') &&
        scan.next(j) !== 'with',
    );
  if (apart !== undefined && w !== 'eye') {
    scan.flag(POSSESSIVES.test(previous ?? '') ? i - 1 : i, apart, 'eyes');
    return;
  }
  // "her eyes are green"
  if (next && /^(are|look|is)$/.test(next) && describes(scan.next(i, 2))) {
    scan.flag(i, scan.nextIndex(scan.nextIndex(i) ?? i) ?? i, 'eyes');
  }
}

export function detectSkin(scan: Scan, i: number, w: string): void {
  // "give me a deep tan like I've been to Ibiza", "she's a light tan"; not "a light tan jacket".
  if (w === 'tan' && TAN_MODIFIERS.has(scan.previous(i) ?? '')) {
    const next = scan.next(i);
    if (
      next === undefined ||
      /^(like|from|and|on|across|with|that|which|after|please|somewhere|in|this|all)$/.test(next)
    )
      scan.flag(i - 1, i, 'skin');
    return;
  }
  if (/-skinned$/.test(w)) {
    scan.flag(i, i, 'skin');
    return;
  }
  if (w !== 'skin') return;
  const previous = scan.previous(i);
  const before = scan.previous(i, 2);
  const next = scan.next(i);
  const coloured =
    (previous && PERSON_COLOURS.has(previous)) || (before && PERSON_COLOURS.has(before) && previous !== 'natural');
  const toneNoun = next === 'tone' || next === 'tones' || next === 'colour' || next === 'color';
  if (coloured) {
    scan.flag(scan.modifiersBefore(i, 3), toneNoun ? i + 1 : i, 'skin');
  } else if (toneNoun && scan.hasPossessiveBefore(i, 1)) {
    scan.flag(i - 1, i + 1, 'skin');
  } else if (scan.hasPossessiveBefore(i, 1) || scan.previous(i) === undefined || scan.previous(i) === 'with') {
    // "my skin the same dark shade as in the photo", "skin so dark it reads blue-black", "Skin —
    // medium tan, golden", "skin weather-beaten and leathery": described after it, with no verb.
    const described = skinDescribedAfter(scan, i);
    if (described !== undefined) scan.flag(scan.hasPossessiveBefore(i, 1) ? i - 1 : i, described, 'skin');
  }
}

const SKIN_TEXTURES =
  /^(leathery|weather-beaten|weathered|papery|oily|shiny|dewy|sallow|ashen|pasty|sun-damaged|sunburnt|sunburned|wrinkled|blotchy|clear|flawless|glowing|lined)$/;

/** The colour or texture a few words after "skin" that describes it, if the words between are only fillers. */
function skinDescribedAfter(scan: Scan, i: number): number | undefined {
  let words = 0;
  for (let j = i + 1; j < scan.tokens.length && words < 5; j++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) return undefined;
    if (!token.isWord) {
      if (/^[,—–-]$/.test(token.text)) continue;
      return undefined;
    }
    if (PERSON_COLOURS.has(token.lower) || SKIN_TEXTURES.test(token.lower)) return j;
    if (
      !/^(so|the|same|a|bit|very|really|and|almost|quite|more|less|kind|of|sort|slightly|fairly|pretty|is|looks)$/.test(
        token.lower,
      )
    )
      return undefined;
    words += 1;
  }
  return undefined;
}

export function detectFace(scan: Scan, i: number, w: string): void {
  if (FACE_FEATURES_ALWAYS.has(w)) {
    // "the jawline of the mountains", "cheekbones of rock": another thing's.
    if (ownerAfterOf(scan, i) === 'thing') return;
    scan.flag(scan.modifiersBefore(i, 2), i, 'face');
    return;
  }
  if (w === 'face' || w === 'faces') {
    const next = scan.next(i);
    if (next === 'shape' || next === 'structure') {
      scan.flag(scan.modifiersBefore(i, 2), i + 1, 'face');
      return;
    }
    const previous = scan.previous(i);
    if (previous && FACE_SHAPE_MODIFIERS.has(previous)) scan.flag(scan.modifiersBefore(i, 3), i, 'face');
    return;
  }
  if (w === 'features') {
    const previous = scan.previous(i) ?? '';
    if (
      previous === 'facial' ||
      FEATURE_MODIFIERS.has(previous) ||
      FACE_SHAPE_MODIFIERS.has(previous) ||
      PERSON_ADJECTIVES.get(previous) === 'ethnicity' ||
      /^(his|her|their|my)$/.test(previous) ||
      /^(his|her|their|my)$/.test(scan.previous(scan.modifiersBefore(i, 3)) ?? '') // "her mixed Japanese-Brazilian features"
    ) {
      scan.flag(scan.modifiersBefore(i, 2), i, 'face');
    }
    return;
  }
  if (FACE_FEATURES.has(w)) {
    if (scan.next(i) === 'of') return; // "the long neck of the guitar"
    if ((w === 'lip' || w === 'lips') && LIP_COLOURS.has(scan.previous(i) ?? '')) {
      scan.flag(scan.modifiersBefore(i, 2), i, 'makeup'); // "a dark plum lip"
      return;
    }
    if (
      (w === 'teeth' || w === 'tooth') &&
      scan
        .clauseBefore(i)
        .slice(0, 5)
        .some((k) => /^(gap|gaps|gapped)$/.test(scan.word(k) ?? ''))
    ) {
      scan.flag(scan.clauseBefore(i).find((k) => /^(gap|gaps|gapped)$/.test(scan.word(k) ?? '')) ?? i, i, 'face');
      return;
    }
    const previous = scan.previous(i);
    if (!previous || EXPRESSION_MODIFIERS.has(previous)) return;
    if (FEATURE_MODIFIERS.has(previous) || PERSON_COLOURS.has(previous)) {
      if (w === 'lips' && /^(red|pink|glossy|bold)$/.test(previous)) {
        scan.flag(i - 1, i, 'makeup');
        return;
      }
      // "a tall lamp with a long neck" — only a person's neck counts; most features have no such use.
      if (w === 'neck' && !/^(his|her|their|my)$/.test(scan.previous(i, 2) ?? '')) return;
      scan.flag(scan.modifiersBefore(i, 3), i, 'face');
    }
  }
}

/**
 * "movie-star good looks", "classic girl-next-door looks": "looks" as a noun, the person's looks, after
 * "good" or a compound with a person in it. Not "two casual looks" (outfits) or "the room looks".
 */
export function detectLooksNoun(scan: Scan, i: number, w: string): void {
  if (w !== 'looks') return;
  const previous = scan.previous(i) ?? '';
  const after = scan.tokens[i + 1];
  const ends = !after?.isWord || after.clause !== scan.tokens[i]?.clause || /^(and|with|that|in)$/.test(after.lower);
  const person = (part: string) => isPersonNoun(part) || isCelebrity(part) || PERSON_ADJECTIVES.get(part) === 'face';
  const looks = previous === 'good' || (previous.includes('-') && previous.split('-').some(person));
  if (ends && looks && !NUMBER_WORDS.has(scan.previous(i, 2) ?? '')) scan.flag(scan.modifiersBefore(i, 3), i, 'face');
}
