// Asks to change the person: "make him look younger", "slim her face down", "whiten his teeth".

import {
  ADDED_FEATURES,
  AMBIGUOUS_FEATURES,
  BODY_FEATURES,
  FEATURE_EDIT_VERBS,
  FEATURE_PAIRS,
  GIVEN_IDIOMS,
  INTENSIFIERS,
  NAIL_DESCRIPTORS,
  PIERCING_JEWELLERY,
  PIERCING_PLACES,
  SHADE_COMPARATIVES,
  SHADE_NOUNS,
  STOP_WORDS,
  COMPARATIVE_CATEGORIES,
  EDIT_TARGETS,
  GENDERED_LOOKS,
  EDIT_VERBS,
  LIGHT_WORDS,
  DEGREE_TRAITS,
  PERSON_ADJECTIVES,
  THING_TOO_ADJECTIVES,
  PERSON_COLOURS,
  PERSON_NOUNS,
  PERSON_SUBJECTS,
  REFERENCE_NOUNS,
  SHOW_VERBS,
  SIZE_WORDS,
  THING_SUBJECTS,
  type AppearanceCategory,
} from '../lexicon.ts';
import { inLitClause } from './context.ts';
import type { Scan } from './scan.ts';
import {
  FUNCTION_WORD,
  PRONOUNS,
  bodyWordCategory,
  comparativeBase,
  describesPart,
  isAgeNumber,
  isComparative,
  isOwnerThing,
  isPersonAdjective,
  isPersonColour,
} from './words.ts';

/** Words for the body that are not BODY_FEATURES: "make her hair darker", "make his body leaner". */
const PART_CATEGORIES: Readonly<Record<string, AppearanceCategory>> = { hair: 'hair', body: 'build' };

/**
 * "make him look younger", "making me look fifteen kilos lighter", "make her paler", "make his teeth
 * whiter": asks to change the person.
 */
export function detectMakeLook(scan: Scan, i: number, w: string): void {
  const show = SHOW_VERBS.has(w);
  if (!/^(make|makes|making|made)$/.test(w) && !show) return;
  let who = scan.next(i);
  // "Make Grandad's nose less bulbous", "Make Dev completely bald": a name stands for the pronoun.
  const name = nameAfter(scan, i);
  if (name !== undefined) who = name;
  if (!who || !/^(him|her|them|me|us|the|his|their|my)$/.test(who)) return;
  if (changesPart(scan, i, who)) return;
  // "Make Dev completely bald", "make Priya freckly": a trait after the name, over a degree.
  if (name === 'him' && !show) {
    let k = i + 2;
    while (INTENSIFIERS.has(scan.word(k) ?? '') && scan.tokens[k + 1]?.isWord) k += 1;
    const trait = PERSON_ADJECTIVES.get(scan.word(k) ?? '');
    if (trait && !SIZE_WORDS.has(scan.word(k) ?? '')) {
      scan.flag(i, k, trait);
      return;
    }
  }
  // "make her paler than in the photo", "make him slimmer": a comparative of the body, with no "look".
  const compared = bodyComparative(scan.next(i, 2) ?? '');
  if (!show && /^(him|her|them|me)$/.test(who) && compared) {
    scan.flag(i, i + 2, compared);
    return;
  }
  changesLook(scan, i, who, show);
}

/** "Make Dev ...", "Make Grandad's ...": a capitalised name after the verb, as the pronoun it stands for. */
function nameAfter(scan: Scan, i: number): string | undefined {
  const token = scan.tokens[i + 1];
  if (!token?.isWord || !/^\p{Lu}/u.test(token.text) || PRONOUNS.test(token.lower)) return undefined;
  if (token.lower.endsWith("'s")) return 'his';
  return isPersonAdjective(scan.next(i, 2) ?? '') || INTENSIFIERS.has(scan.next(i, 2) ?? '') ? 'him' : undefined;
}

/** "make her skin lighter", "make his jaw sharper", "make his eyes bright green": a change to a body part. */
function changesPart(scan: Scan, i: number, who: string): boolean {
  const part = scan.next(i, 2) ?? '';
  const category = PART_CATEGORIES[part] ?? BODY_FEATURES.get(part);
  // "make the jaw more defined", "make the ears pointy": "the" before a part only a body has.
  const bodily = who === 'the' && !AMBIGUOUS_FEATURES.has(part) && scan.next(i, 3) !== 'of';
  if ((!/^(him|her|them|me|his|their|my)$/.test(who) && !bodily) || !category) return false;
  // Not "making her hair glow" (light on it). Over a look and a degree: "look a bit less", "more".
  let k = scan.nextIndex(i + 2);
  if (/^(look|looks|appear)$/.test(scan.word(k ?? -1) ?? '')) k = scan.nextIndex(k ?? -1);
  for (let n = 0; n < 4 && k !== undefined && DEGREE_WORDS.test(scan.word(k) ?? ''); n++) k = scan.nextIndex(k);
  const change = scan.word(k ?? -1) ?? '';
  const changes = describesPart(change, part) || /(er|ish)$/.test(change) || isPersonAdjective(change);
  if (k === undefined || !changes) return false;
  scan.flag(i, k, category);
  return true;
}

const DEGREE_WORDS =
  /^(more|less|bit|little|lot|much|far|slightly|completely|totally|a|very|really|even|bright|deep|two|three|few|couple|shade|shades|tone|tones)$/;

/** The category a comparative changes: "paler" the skin, "slimmer" the weight, "younger" the age. */
function bodyComparative(word: string): AppearanceCategory | undefined {
  const category = COMPARATIVE_CATEGORIES.get(word);
  if (category) return category;
  const base = comparativeBase(word);
  if (!base || SIZE_WORDS.has(base)) return undefined;
  return PERSON_ADJECTIVES.get(base) ?? (PERSON_COLOURS.has(base) ? 'skin' : undefined);
}

/** What a look change says: "younger", "more feminine", "about thirty", "more Japanese". */
function lookCategory(scan: Scan, j: number): AppearanceCategory | undefined {
  const word = scan.word(j) ?? '';
  if (/^(younger|older|old|young|youthful)$/.test(word)) return 'age';
  if (/^(lighter|heavier|thinner|slimmer|fatter|skinnier|leaner)$/.test(word)) return 'weight';
  if (/^(taller|shorter)$/.test(word)) return 'height';
  if (/^(fitter|bigger|muscular|stronger)$/.test(word)) return 'build';
  if (/^(prettier|handsomer|better-looking|attractive|beautiful|handsome)$/.test(word)) return 'face';
  // "look more feminine", "look more Japanese"; not "look small in the frame" (a size is the framing's).
  const adjective = PERSON_ADJECTIVES.get(word);
  if (adjective && !SIZE_WORDS.has(word)) return adjective;
  // "make her look about thirty"
  if (isAgeNumber(word, 15) && !/^(years|kilos|pounds|kg|lbs|stone)$/.test(scan.next(j) ?? '')) return 'age';
  return undefined;
}

/** "make him look younger", "show him heavier", "render her as older": a look asked of the person. */
function changesLook(scan: Scan, i: number, who: string, show: boolean): void {
  let k = scan.nextIndex(i);
  if (who === 'the') k = scan.nextIndex(k ?? -1); // "make the host look"
  if (k === undefined || (who === 'the' && !PERSON_NOUNS.has(scan.word(k) ?? ''))) return;
  // "show him heavier", "render her as older" need no "look".
  // ... and "make him read as Indigenous Australian".
  const reads = scan.next(k) === 'read' && scan.next(k, 2) === 'as';
  const looks = /^(look|appear|seem)$/.test(scan.next(k) ?? '') || reads;
  const verb = reads ? k + 2 : looks ? scan.nextIndex(k) : show ? k : undefined;
  if (verb === undefined) return;
  let last = verb;
  let category: AppearanceCategory | undefined;
  for (
    let step = 0, j = scan.nextIndex(verb);
    j !== undefined && step < 4 && !category;
    step++, j = scan.nextIndex(j)
  ) {
    const word = scan.word(j) ?? '';
    if (!looks && /^(the|his|her|their|my|your|this|that|these|those|to)$/.test(word)) break; // "show them the younger team"
    last = j;
    category = lookCategory(scan, j);
  }
  if (!category) return;
  // "... ten years younger and a bit slimmer": the second change is part of the same ask.
  for (let j = scan.nextIndex(last), n = 0; j !== undefined && n < 4; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/(er|ish)$/.test(word) && (isPersonAdjective(word) || COMPARATIVE_CATEGORIES.has(word))) last = j;
    else if (!/^(and|a|bit|little|lot|much|slightly|far|more|also)$/.test(word)) break;
  }
  scan.flag(i, last, category);
}

/** "slim her face down", "smooth out the lines", "whiten his teeth": an edit to the body. */
export function detectBodyEdit(scan: Scan, i: number, w: string): void {
  // "slim her down a little", "bulk him up"
  const pronoun = /^(him|her|them|me)$/.test(scan.next(i) ?? '') && /^(down|up|out)$/.test(scan.next(i, 2) ?? '');
  if ((EDIT_VERBS.has(w) || /^(bulk|fatten|beef|plump)$/.test(w)) && pronoun) {
    scan.flag(i, i + 2, /^(bulk|beef)$/.test(w) ? 'build' : 'weight');
    return;
  }
  // "dye him platinum blond", "bleach her blonde": a hair colour given to the person.
  if (/^(dye|dyes|dyed|bleach)$/.test(w) && /^(him|her|me|them)$/.test(scan.next(i) ?? '')) {
    const colour = scan.wordsAfter(i + 1, 3).find((k) => isPersonColour(scan.word(k) ?? ''));
    if (colour !== undefined) scan.flag(i, colour, 'hair');
    return;
  }
  // Many of these verbs are adjectives too ("thin skin of ice"): the edit has an object first.
  if (!EDIT_VERBS.has(w) || !/^(his|her|their|my|your|the|out|down|up|away)$/.test(scan.next(i) ?? '')) return;
  if (inLitClause(scan, i)) return; // "a bounce card to lift the eyes" is light
  let k = scan.nextIndex(i);
  for (let n = 0; k !== undefined && n < 4; n++, k = scan.nextIndex(k)) {
    const word = scan.word(k) ?? '';
    // "shave his head completely": the head's hair.
    const head = word === 'head' && /^(shave|shaves|shaved|shaving)$/.test(w);
    const category =
      BODY_FEATURES.get(word) ?? (EDIT_TARGETS.has(word) ? 'face' : word === 'hair' || head ? 'hair' : undefined);
    if (category) {
      scan.flag(i, k, category);
      return;
    }
    if (!/^(his|her|their|my|your|the|out|down|up|away|a|bit|little)$/.test(word) && !describesPart(word, 'skin'))
      return;
  }
}

/**
 * "a tan several shades darker than in the photo", "her face more oval than in my reference", "curls
 * tighter than she has them": a body word compared with the reference or the person as they are is an
 * edit of the person. The noun nearest before "than" decides: "the room brighter than in the photo" is the room's.
 */
export function detectReferenceComparison(scan: Scan, i: number, w: string): void {
  if (w !== 'than') return;
  const end = referenceAfter(scan, i);
  if (end === undefined) return;
  const before = scan.clauseBefore(i).slice(0, 10);
  for (const [n, k] of before.entries()) {
    const word = scan.word(k) ?? '';
    const category = bodyWordCategory(word);
    // "the light on her face softer than in the photo": a body word after a preposition is where something is.
    const place = before.slice(n + 1, n + 3).find((j) => !DETERMINER_OR_POSSESSIVE.test(scan.word(j) ?? ''));
    if (category && place !== undefined && PLACE_PREPOSITION.test(scan.word(place) ?? '')) continue;
    if (category) {
      // A comparative between the body word and "than", or just before it ("tighter, more defined ringlets").
      const compared = before.slice(0, n + 4).some((j) => isComparative(scan.word(j) ?? ''));
      if (compared) scan.flag(k, end, category);
      return;
    }
    if (isOwnerThing(word) || THING_SUBJECTS.has(word) || LIGHT_WORDS.has(word)) return;
  }
}

const DETERMINER_OR_POSSESSIVE = /^(the|a|an|his|her|their|my|your|its)$/;
const PLACE_PREPOSITION = /^(on|onto|across|over|under|around|along|through|of|at|from)$/;

/** After "than": the reference ("in the photo", "in my selfie") or the person as they are ("she is", "he really looks"). */
function referenceAfter(scan: Scan, i: number): number | undefined {
  let k = scan.nextIndex(i);
  const person = scan.word(k ?? -1) ?? '';
  if (k !== undefined && /^(she|he|i|they|you)$/.test(person)) {
    const verb = scan.nextIndex(k);
    return verb !== undefined && /^(is|am|are|was|looks|look|really|actually)$/.test(scan.word(verb) ?? '')
      ? verb
      : undefined;
  }
  if (k !== undefined && /^(in|on|from)$/.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
  if (k !== undefined && (PERSON_SUBJECTS.has(scan.word(k) ?? '') || /^(the|this|that|our)$/.test(scan.word(k) ?? '')))
    k = scan.nextIndex(k);
  if (k !== undefined && /^(original|current|actual|uploaded|real)$/.test(scan.word(k) ?? '')) {
    if (scan.word(k) === 'real' && scan.next(k) === 'life') return scan.nextIndex(k);
    k = scan.nextIndex(k);
  }
  return k !== undefined && REFERENCE_NOUNS.has(scan.word(k) ?? '') ? k : undefined;
}

/**
 * "more male", "less feminine please", "more rugged and manly than my selfie": a face asked to read
 * more or less as one gender. Not "a more feminine dress" (a noun follows) or "make the set more masculine".
 */
export function detectGenderedLook(scan: Scan, i: number, w: string): void {
  if (w !== 'more' && w !== 'less') return;
  let last: number | undefined;
  let gendered = false;
  for (const j of scan.wordsAfter(i, 5)) {
    const word = scan.word(j) ?? '';
    if (GENDERED_LOOKS.has(word)) gendered = true;
    else if (word !== 'and' && !isPersonAdjective(word)) break;
    last = j;
  }
  if (!gendered || last === undefined || last === i) return;
  const next = scan.next(last);
  if (next !== undefined && !/^(than|please|in|this|now|again|overall|looking)$/.test(next)) return;
  const before = scan.clauseBefore(i).map((k) => scan.word(k) ?? '');
  if (before.some((word) => THING_SUBJECTS.has(word) || isOwnerThing(word))) return;
  scan.flag(i, last, 'face');
}

/** The feature an edit adds or takes away at token k, and the token it ends on: "a nose ring", "love handles". */
function addedFeature(scan: Scan, k: number): [AppearanceCategory, number] | undefined {
  const word = scan.word(k) ?? '';
  const pair = FEATURE_PAIRS.get(word);
  if (pair && scan.next(k) === pair[0]) return [pair[1], k + 1];
  // "a nose ring", "a septum piercing", "an eyebrow bar"
  if ((PIERCING_PLACES.has(word) || /^(nose|ear|ears)$/.test(word)) && PIERCING_JEWELLERY.has(scan.next(k) ?? ''))
    return ['body-marks', k + 1];
  const category = ADDED_FEATURES.get(word) ?? BODY_FEATURES.get(word);
  return category ? [category, k] : undefined;
}

/** After a feature: a noun that makes it a thing ("a neck pillow", "a face mask"), not a description. */
function thingAfter(scan: Scan, end: number): boolean {
  const next = scan.tokens[end + 1];
  if (!next?.isWord || next.clause !== scan.tokens[end]?.clause) return false;
  const word = next.lower;
  return !STOP_WORDS.has(word) && !/(ed|ing|ly)$/.test(word) && !isPersonAdjective(word) && !isPersonColour(word);
}

/**
 * "add a nose ring", "give me breasts", "Give him a six-pack", "remove my love handles", "lose the dark
 * circles": an edit that adds a feature to the person or takes one away. "give" needs the person as its
 * object ("give her a bouquet" names no feature); not "give me a hand", "add a neck pillow".
 */
export function detectFeatureEdit(scan: Scan, i: number, w: string): void {
  if (!FEATURE_EDIT_VERBS.has(w)) return;
  const gives = /^giv/.test(w);
  let k = scan.nextIndex(i);
  if (gives) {
    if (!/^(me|him|her|them|us)$/.test(scan.word(k ?? -1) ?? '')) return;
    k = scan.nextIndex(k ?? -1);
  }
  let owned = gives;
  for (let n = 0; k !== undefined && n < 5; n++, k = scan.nextIndex(k)) {
    const word = scan.word(k) ?? '';
    const found = addedFeature(scan, k);
    if (found) {
      const [category, end] = found;
      if (gives && GIVEN_IDIOMS.has(word)) return;
      if (AMBIGUOUS_FEATURES.has(word) && !owned) return;
      if (thingAfter(scan, end)) return;
      scan.flag(i, end, category);
      return;
    }
    if (/^(my|his|her|their|your)$/.test(word)) owned = true;
    else if (
      !/^(a|an|the|some|more|few|couple|of|bit|little|pair|set|visible|proper|real|defined)$/.test(word) &&
      !INTENSIFIERS.has(word) &&
      !isPersonAdjective(word) &&
      !isPersonColour(word) &&
      !NAIL_DESCRIPTORS.has(word) &&
      !describesPart(word, 'face') &&
      !/^\d+$/.test(word)
    )
      return;
  }
}

/**
 * "make me a shade or two lighter", "her skin two tones darker": the person's skin shifted lighter or
 * darker. The shade must follow the person or their skin ("paint the wall a shade lighter" passes).
 */
export function detectShadeShift(scan: Scan, i: number, w: string): void {
  if (!SHADE_NOUNS.has(w)) return;
  let end: number | undefined;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 4; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (SHADE_COMPARATIVES.has(word)) {
      end = j;
      break;
    }
    if (!/^(or|two|three|so|few|couple|of|\d+)$/.test(word)) return;
  }
  if (end === undefined) return;
  let start = i;
  for (let j = scan.previousIndex(i), n = 0; j !== undefined && n < 4; j = scan.previousIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/^(me|him|her|them|us|skin|complexion|tan)$/.test(word)) {
      scan.flag(/^(skin|complexion|tan)$/.test(word) ? j : start, end, 'skin');
      return;
    }
    if (!/^(a|an|one|two|three|few|couple|several|of|just|only|\d+)$/.test(word)) return;
    start = j;
  }
}

/**
 * "make me less pale", "look less tired and old", "not so pale this time", "less wrinkly round the
 * eyes": a degree of a trait of the person, asked after a look, a make, or opening a fragment. Not
 * "less pale light" (a noun follows: the trait is the thing's) nor "make the room less dark".
 */
export function detectDegreeOfTrait(scan: Scan, i: number, w: string): void {
  const degree = /^(less|more)$/.test(w) || (/^(so|as)$/.test(w) && scan.previous(i) === 'not');
  // "curvier, bigger bust and hips", "Paler, like an English rose": a comparative alone is a degree too.
  const base = degree ? undefined : comparativeBase(w);
  const j = base !== undefined ? i : scan.nextIndex(i);
  if ((!degree && base === undefined) || j === undefined) return;
  const trait = base ?? scan.word(j) ?? '';
  // A comparative alone may be a height ("Taller, please"), not a size ("Bigger, bolder type").
  const height = base !== undefined && /^(tall|short)$/.test(base) ? 'height' : undefined;
  const category = height ?? degreeCategory(trait);
  if (!category) return;
  const next = scan.tokens[j + 1];
  const ends = !next?.isWord || next.clause !== scan.tokens[j]?.clause || DEGREE_TAIL.test(next.lower);
  if (!ends) return;
  let first = w === 'so' || w === 'as' ? i - 1 : i;
  while (/^(a|bit|little|lot|much|far|slightly|way|wee)$/.test(scan.word(first - 1) ?? '')) first -= 1;
  const before = scan.tokens[first - 1];
  const opens = !before || before.clause !== scan.tokens[first]?.clause || before.text === ',';
  if (base !== undefined) {
    // "Shorter, punchier script": comparatives listed before their noun.
    const after = scan.tokens[j + 3];
    const noun = after?.isWord && !FUNCTION_WORD.test(after.lower) ? after.lower : undefined;
    const bodily =
      noun !== undefined && (bodyWordCategory(noun) !== undefined || /^(features|bust|figure|build)$/.test(noun));
    if (next?.text === ',' && /er$/.test(scan.word(j + 2) ?? '') && noun !== undefined && !bodily) return;
    // After a comma it may be a thing's ("a barn, older and taller"); opening the clause, the person's.
    if (opens && (before?.text !== ',' || !THING_TOO_ADJECTIVES.has(base))) scan.flag(first, j, category);
    return;
  }
  const looked = /^(look|looks|looking|appear|appears|seem|seems)$/.test(before?.lower ?? '');
  const made =
    /^(me|him|her|them)$/.test(before?.lower ?? '') &&
    /^(make|makes|making|get|keep)$/.test(scan.previous(first - 1) ?? '');
  // "tired", "delicate" alone may be a mood or a thing's; after "look" or "make me" they are the person's.
  if ((opens && !/^(tired|delicate|dainty)$/.test(trait)) || looked || made)
    scan.flag(looked || made ? first - 1 : first, j, category);
}

const DEGREE_TAIL = /^(and|or|round|around|under|this|pls|please|than|like|in|for|but|overall|all|now|these)$/;

function degreeCategory(word: string): AppearanceCategory | undefined {
  if (SIZE_WORDS.has(word)) return undefined;
  return PERSON_ADJECTIVES.get(word) ?? DEGREE_TRAITS.get(word);
}
