// Families found by blind corpora G and H: pregnancy said in other words ("third trimester", "expecting",
// "eight months gone", "her big round bump"), aids in use ("uses forearm crutches", "with a white cane"),
// a manicure ("long acrylic nails", "chipped black nail polish on her fingers"), a form's fields
// ("age: 45", "build: stocky") and the person drawn at another stage of life ("a toddler version of her").

import {
  AID_THING_NEXT,
  AID_THING_PREVIOUS,
  AID_USE_WORDS,
  BODY_DESCRIPTORS,
  BUILD_MODIFIERS,
  BUMP_DESCRIPTORS,
  COPULAS,
  DECADE_QUALIFIERS,
  DECADE_WORDS,
  FEATURE_FIELD_LABELS,
  FEATURE_FIELD_VALUES,
  FIELD_LABELS,
  FIELD_LABEL_SECONDS,
  FIELD_VALUE_COLOURS,
  FIELD_VALUE_QUALIFIERS,
  GESTATION_NEXT,
  INTENSIFIERS,
  KEPT_FIELD_VALUES,
  LIFE_STAGE_NOUNS,
  MOBILITY_AIDS,
  NAIL_DESCRIPTORS,
  NAIL_OBJECT_NEXT,
  NAIL_WORDS,
  NUMBER_WORDS,
  PERSON_SUBJECTS,
  PREGNANCY_CUES,
  PREGNANCY_WORDS,
  RENDER_VERBS,
  SUBJECT_CONTINUATIONS,
} from '../lexicon.ts';
import { placeAfter } from './context.ts';
import type { Scan } from './scan.ts';
import {
  HEDGES,
  POSSESSIVES,
  describesPart,
  isAgeNumber,
  isBodyWeight,
  isKnownAdjective,
  isOwnerThing,
  isPersonColour,
  isPersonNoun,
  personAdjective,
} from './words.ts';

/** Whether token k opens a fragment: the first word of a clause, or the first after a comma. */
function opens(scan: Scan, k: number): boolean {
  const before = scan.tokens[k - 1];
  return !before || before.clause !== scan.tokens[k]?.clause || before.text === ',' || before.text === '(';
}

/** Whether token k ends a fragment: the clause or the text ends, or a comma or a dash follows. */
function closes(scan: Scan, k: number): boolean {
  const after = scan.tokens[k + 1];
  return !after || after.clause !== scan.tokens[k]?.clause || !after.isWord;
}

/** "she's", "she is", "she's now", "I'm": a person subject and a copula just before token k. */
function saidOfSubject(scan: Scan, k: number): boolean {
  let j = scan.previousIndex(k);
  while (j !== undefined && /^(now|already|still|clearly|visibly|heavily|very|obviously)$/.test(scan.word(j) ?? ''))
    j = scan.previousIndex(j);
  const verb = j === undefined ? '' : (scan.word(j) ?? '');
  if (/^(i'm|she's|he's|they're|you're|we're)$/.test(verb)) return true;
  return COPULAS.has(verb) && PERSON_SUBJECTS.has(scan.previous(j ?? -1) ?? '');
}

/**
 * Pregnancy in other words: "third trimester", "a mum-to-be", "preggo" wherever they are; "expecting"
 * and "with child" said of the subject or opening a fragment; "eight months gone"; and a bump that is
 * the person's ("her big round bump", "a small bump under the blouse", "the bump" near a pregnancy word).
 */
export function detectPregnancy(scan: Scan, i: number, w: string): void {
  if (PREGNANCY_WORDS.has(w)) {
    scan.flag(scan.modifiersBefore(i, 2), i, 'condition');
    return;
  }
  // "expecting, third trimester glow", "she's expecting"; not "expecting rain" or "expecting a parcel".
  if (w === 'expecting') {
    const next = scan.next(i) ?? '';
    const object = !!next && !/^(twins|triplets|again|now|soon)$/.test(next);
    const baby =
      /^(a|her|his|their|our|my)$/.test(next) && /^(baby|child|first|second|third)$/.test(scan.next(i, 2) ?? '');
    if ((opens(scan, i) && (closes(scan, i) || baby)) || (saidOfSubject(scan, i) && (!object || baby)))
      scan.flag(i, baby ? (scan.next(i, 3) === 'baby' ? i + 3 : i + 2) : i, 'condition');
    return;
  }
  // "she's with child", "With child, by the fire"
  if (w === 'with' && scan.next(i) === 'child' && (opens(scan, i) || saidOfSubject(scan, i))) {
    const after = scan.next(i, 2);
    if (!after || SUBJECT_CONTINUATIONS.has(after) || closes(scan, i + 1)) scan.flag(i, i + 1, 'condition');
    return;
  }
  // "eight months gone", "six months along", "20 weeks pregnant"
  if (/^(months|weeks)$/.test(w) && GESTATION_NEXT.has(scan.next(i) ?? '')) {
    const amount = scan.previous(i) ?? '';
    const number = /^\d{1,2}$/.test(amount) || NUMBER_WORDS.has(amount);
    const along = scan.next(i) !== 'in' || /^(now|already)$/.test(scan.next(i, 2) ?? '') || closes(scan, i + 1);
    if (number && along) scan.flag(i - 1, i + 1, 'condition');
    return;
  }
  if (w === 'bump' || w === 'bumps') detectBump(scan, i);
}

function detectBump(scan: Scan, i: number): void {
  const first = scan.modifiersBefore(i, 3);
  const previous = scan.previous(first) ?? '';
  const modifiers: string[] = [];
  for (let k = first; k < i; k++) modifiers.push(scan.word(k) ?? '');
  if (modifiers.some((m) => /^(speed|road|goose|fist|bump)$/.test(m))) return;
  const next = scan.next(i) ?? '';
  // "a bump in the road", "a bump on the head": where the bump is, a thing or a knock.
  if (/^(in|on|of|into)$/.test(next)) return;
  // "her big round bump", "with her bump"
  if (POSSESSIVES.test(previous) || modifiers.some((m) => POSSESSIVES.test(m))) {
    scan.flag(POSSESSIVES.test(previous) ? first - 1 : first, i, 'condition');
    return;
  }
  const cue = scan.tokens.some(
    (t, k) => k !== i && t.isWord && (PREGNANCY_CUES.has(t.lower) || PREGNANCY_WORDS.has(t.lower)),
  );
  const described = modifiers.some((m) => BUMP_DESCRIPTORS.has(m));
  // "a small bump under the blouse", "big bump, on the sofa"; "shoot the bump" near "expecting".
  const person =
    scan.tokens.some((t) => t.isWord && /^(she|her|she's|i|my|i'm|me)$/.test(t.lower)) ||
    /^(show|shows|showing)$/.test(scan.previous(first, /^(a|an)$/.test(previous) ? 2 : 1) ?? '');
  if (cue || (described && person && (!next || /^(under|beneath|showing|and|with)$/.test(next) || closes(scan, i))))
    scan.flag(first, i, 'condition');
}

/**
 * Aids in use: "uses forearm crutches", "walks with a white cane", "in a wheelchair" after a verb or
 * at a fragment's start. Not "a cane chair", "candy canes", "crutches leaning on the wall".
 */
export function detectAidInUse(scan: Scan, i: number, w: string): void {
  // "walks with a stick": a stick is an aid only when walked or leaned on.
  const stick = /^(stick|sticks)$/.test(w);
  // "a walking frame", "a walking cane" (two words): the aid with its kind.
  const frame = /^(frame|frames)$/.test(w) && /^(walking|zimmer)$/.test(scan.previous(i) ?? '');
  if (!MOBILITY_AIDS.has(w) && !stick && !frame) return;
  // "uses forearm crutches": up to two modifiers, back to the verb or preposition.
  let first = frame || (/^(cane|canes)$/.test(w) && scan.previous(i) === 'walking') ? (scan.previousIndex(i) ?? i) : i;
  while (first > i - 2 && scan.previousIndex(first) !== undefined) {
    const word = scan.previous(first) ?? '';
    if (AID_USE_WORDS.has(word) || !scan.isModifier(first - 1)) break;
    first -= 1;
  }
  const modifiers: string[] = [];
  for (let k = first; k < i; k++) modifiers.push(scan.word(k) ?? '');
  if (modifiers.some((m) => AID_THING_PREVIOUS.has(m)) || AID_THING_NEXT.has(scan.next(i) ?? '')) return;
  let j = scan.previousIndex(first);
  if (j !== undefined && /^(a|an|the|two|pair|of)$/.test(scan.word(j) ?? '')) j = scan.previousIndex(j);
  if (j !== undefined && scan.word(j) === 'pair') j = scan.previousIndex(scan.previousIndex(j) ?? -1);
  // "Give him a white cane", "put crutches under his arms": an aid handed to the person to use.
  // ... or to a relative ("give my nan a walking cane").
  const kin = j !== undefined && isPersonNoun(scan.word(j) ?? '') && POSSESSIVES.test(scan.previous(j) ?? '');
  const given =
    j !== undefined &&
    (/^(me|him|her|them)$/.test(scan.word(j) ?? '') || kin) &&
    /^(give|gives|giving|gave)$/.test(scan.previous(j, kin ? 2 : 1) ?? '');
  const held =
    [1, 2, 3].some((n) => /^(put|place|add)$/.test(scan.previous(i, n) ?? '')) &&
    /^(under|in)$/.test(scan.next(i) ?? '') &&
    POSSESSIVES.test(scan.next(i, 2) ?? '') &&
    /^(arm|arms|hand|hands|armpits)$/.test(scan.next(i, 3) ?? '');
  if (given || held) {
    // (From the aid after a relative: whose it is, owner.ts decides.)
    scan.flag(given ? (kin ? first : (j ?? i) - 1) : i, held ? i + 3 : i, 'condition');
    return;
  }
  // "hold my cane", "me in my sporty rigid-frame wheelchair", "a walking cane in my right hand": an
  // aid that is someone's own, or in their hand. (Whose, owner.ts decides: "her cane" may be a friend's.)
  // "in my hand", "in her left hand": the hand's word, over a side.
  const side = /^(left|right|other|free)$/.test(scan.next(i, 3) ?? '') ? 1 : 0;
  const hand = /^(hand|hands)$/.test(scan.next(i, 3 + side) ?? '') ? scan.wordsAfter(i, 3 + side).at(-1) : undefined;
  const inHand = scan.next(i) === 'in' && POSSESSIVES.test(scan.next(i, 2) ?? '') && hand !== undefined && !stick;
  // (Not "Coffee is my crutch", a metaphor after a copula, nor "my dog walker".)
  const metaphor = /^(is|was|are|'s|were)$/.test(scan.previous(first, 2) ?? '');
  if (POSSESSIVES.test(scan.previous(first) ?? '') && !stick && !metaphor) {
    scan.flag(first - 1, i, 'condition');
    return;
  }
  if (inHand) {
    scan.flag(first, hand ?? i, 'condition');
    return;
  }
  if (j === undefined || !AID_USE_WORDS.has(scan.word(j) ?? '')) return;
  // The user: the fragment opens with the verb ("uses a cane, ..."), or a person is its subject.
  let start = j;
  if (/^(walks?|walking|gets|getting|leans?|leaning)$/.test(scan.previous(j) ?? '')) start = j - 1;
  const plain = modifiers.every((m) => /^(walking|wooden|carved|old|trusty|metal)$/.test(m));
  if (stick && (!plain || start === j || !/^(walks?|walking|leans?|leaning)$/.test(scan.word(start) ?? ''))) return;
  // "our adviser, Owen, walks through a sunlit atrium leaning on a wooden cane": the clause's person.
  const subject = scan
    .clauseBefore(start)
    .slice(0, 14)
    .some(
      (k, n) =>
        (n < 6 && PERSON_SUBJECTS.has(scan.word(k) ?? '')) ||
        /^(i'm|she's|he's|they're)$/.test(scan.word(k) ?? '') ||
        (isPersonNoun(scan.word(k) ?? '') && /^(our|the)$/.test(scan.previous(k) ?? '')),
    );
  // "Put me in a wheelchair", "Make Rosa use a walker": the person, or a name, just before.
  const before = scan.tokens[start - 1];
  const named =
    !!before?.isWord && start - 1 > 0 && /^\p{Lu}/u.test(before.text) && before.clause === scan.tokens[start]?.clause;
  const object = /^(me|him|her|them|us)$/.test(before?.lower ?? '') || named;
  if (opens(scan, start) || subject || object) scan.flag(object ? start - 1 : start, i, 'condition');
}

/**
 * A manicure is the hands' look: "long acrylic nails painted cherry red", "chipped black nail polish
 * on her fingers", "her nails done in gel". Not a "nail gun", "a jar of nails", "nail polish on the shelf".
 */
export function detectNails(scan: Scan, i: number, w: string): void {
  // "long gel extensions": extensions are nails after a manicure's word (hair extensions are hair's).
  const extensions = w === 'extensions' && /^(gel|acrylic|acrylics|nail|press-on)$/.test(scan.previous(i) ?? '');
  if (!NAIL_WORDS.has(w) && !extensions && !(w === 'nail' && /^(polish|varnish)$/.test(scan.next(i) ?? ''))) return;
  const last = w === 'nail' ? i + 1 : i;
  if (NAIL_OBJECT_NEXT.has(scan.next(last) ?? '') || scan.next(last) === 'of') return;
  const first = scan.modifiersBefore(i, 4);
  const modifiers: string[] = [];
  for (let k = first; k < i; k++) modifiers.push(scan.word(k) ?? '');
  if (modifiers.some((m) => isOwnerThing(m) || /^(rusty|steel|iron|brass|copper|masonry|roofing|bent)$/.test(m)))
    return;
  // Worn: a possessive before, or on a hand or finger after ("polish on her fingers").
  const owned = POSSESSIVES.test(scan.previous(first) ?? '');
  const onHand = placeAfter(scan, last, (part) => /^(fingers|fingernails|nails|toes|hands|hand|feet)$/.test(part), 4);
  const manicured = modifiers.some((m) => NAIL_DESCRIPTORS.has(m) && m !== 'long');
  // "long acrylic nails painted cherry red, scrolling her phone": a manicure opening the fragment.
  const painted = /^(painted|done|polished|filed)$/.test(scan.next(last) ?? '');
  if (owned && (modifiers.length > 0 || painted)) scan.flag(first - 1, last, 'build');
  else if (onHand !== undefined && (modifiers.length > 0 || w === 'nail')) scan.flag(first, onHand, 'build');
  else if (fragmentOrWorn(scan, first) && (manicured || painted) && (w !== 'nail' || modifiers.length > 0))
    scan.flag(first, painted ? last + 1 : last, 'build');
}

/**
 * A manicure that opens a fragment, over its article ("a French manicure", "long acrylic nails, ..."), or
 * that someone named has ("Priya with a glossy French manicure", "me with a gel manicure").
 */
function fragmentOrWorn(scan: Scan, first: number): boolean {
  if (opens(scan, first)) return true;
  if (!/^(a|an)$/.test(scan.previous(first) ?? '')) return false;
  if (opens(scan, first - 1)) return true;
  const owner = scan.tokens[first - 3];
  return (
    scan.previous(first, 2) === 'with' &&
    !!owner?.isWord &&
    (/^(me|him|her|them)$/.test(owner.lower) ||
      (/^\p{Lu}/u.test(owner.text) && !opens(scan, first - 3)) ||
      first - 3 === 0)
  );
}

/** A value that says an age: "45", "mid-40s", "late thirties", "about 50", "40-45". */
function ageValue(scan: Scan, k: number): number | undefined {
  let j: number | undefined = k;
  while (
    j !== undefined &&
    (HEDGES.test(scan.word(j) ?? '') || /^(approx|approximately|c|ca|circa|~)$/.test(scan.word(j) ?? ''))
  )
    j = scan.nextIndex(j);
  if (j === undefined) return undefined;
  let word = scan.word(j) ?? '';
  if (DECADE_QUALIFIERS.has(word) && DECADE_WORDS.has(scan.next(j) ?? '')) return j + 1;
  word = word.replace(/^(early|mid|late)-/, '').replace(/-?ish$/, '');
  if (DECADE_WORDS.has(word)) return j;
  const range = /^(\d{1,3})-(\d{1,3})$/.exec(word);
  if (range?.[1] && isAgeNumber(range[1], 5)) return j;
  if (isAgeNumber(word, 1) && !/^\d{4}$/.test(word)) {
    const unit = scan.next(j) ?? '';
    if (/^(years|yrs|yo|y\/o)$/.test(unit)) return scan.next(j, 2) === 'old' ? j + 2 : j + 1;
    return /^(minutes|hours|days|weeks|months|seconds|percent|mph|kg|cm|mm)$/.test(unit) ? undefined : j;
  }
  return undefined;
}

/** A value that says a height: "6ft 2", "190 cm", "5'10", "tall", "average". */
function heightValue(scan: Scan, k: number): number | undefined {
  const word = scan.word(k) ?? '';
  if (/^[4-7]'\d{0,2}$/.test(word) || /^[4-7](ft|foot)\d{0,2}$/.test(word) || /^1[4-9]\dcm$|^2[01]\dcm$/.test(word))
    return k;
  if (personAdjective(word) === 'height' || /^(average|medium)$/.test(word)) return k;
  const unit = scan.next(k) ?? '';
  if (/^([4-7]|four|five|six|seven)$/.test(word) && /^(ft|foot|feet|')$/.test(unit)) return k + 1;
  if (/^(1[4-9]\d|2[01]\d)$/.test(word) && /^(cm|centimetres|centimeters)$/.test(unit)) return k + 1;
  return undefined;
}

/** A feature field's value: a describing word, a number or "a few", not one that keeps it as it is. */
function featureValue(scan: Scan, k: number): number | undefined {
  const word = scan.word(k) ?? '';
  if (KEPT_FIELD_VALUES.has(word)) return undefined;
  if (/^(a|an)$/.test(word))
    return /^(few|couple|little|bit|light|faint|small)$/.test(scan.next(k) ?? '') ? k + 1 : undefined;
  if (NUMBER_WORDS.has(word) || /^\d+$/.test(word) || /^(several|lots|many|some)$/.test(word)) return k;
  const describes = isKnownAdjective(word) || isPersonColour(word) || FEATURE_FIELD_VALUES.has(word);
  return describes || personAdjective(word) !== undefined ? k : undefined;
}

/** A value that says a body: a build or weight word ("stocky", "curvy", "athletic"), or a body weight. */
function bodyValue(scan: Scan, k: number, label: string): number | undefined {
  const word = scan.word(k) ?? '';
  const category = personAdjective(word);
  if (category === 'build' || category === 'weight' || BUILD_MODIFIERS.has(word) || BODY_DESCRIPTORS.has(word))
    return k;
  if (label === 'weight' && (isBodyWeight(word) || /^\d{2,3}(kg|kgs|lbs?)$/.test(word))) return k;
  if (INTENSIFIERS.has(word) && scan.nextIndex(k) !== undefined) return bodyValue(scan, k + 1, label);
  return undefined;
}

/**
 * A value that says a colour or look of skin, hair or eyes: "warm olive", "light caramel", "ice blue,
 * almond-shaped", "long, wavy". Qualifiers ("warm", "ice") may come first; not "hair: by Sam", "skin: none".
 */
function colourValue(scan: Scan, k: number, label: string): number | undefined {
  const part = label === 'eye' ? 'eyes' : label === 'colouring' || label === 'coloring' ? 'skin' : label;
  let last: number | undefined;
  for (let j: number | undefined = k, n = 0; j !== undefined && n < 4; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (
      isPersonColour(word) ||
      FIELD_VALUE_COLOURS.has(word) ||
      describesPart(word, part) ||
      personAdjective(word) === part
    )
      last = j;
    else if (!FIELD_VALUE_QUALIFIERS.has(word) && !INTENSIFIERS.has(word)) break;
  }
  return last;
}

/**
 * A form's field about the body: "age: 45", "Age - mid-40s", "height: 6ft 2", "body type: curvy",
 * "build: stocky", "bump: roughly 20 weeks". Not "age: vintage 1970s", "build: 2 hours", "height: 3 m".
 */
export function detectField(scan: Scan, i: number, w: string): void {
  let label = w;
  let end = i;
  if (w === 'body' && /^(type|shape)$/.test(scan.word(i + 1) ?? '')) {
    label = 'body-type';
    end = i + 1;
  } else if (FIELD_LABELS.has(w) && FIELD_LABEL_SECONDS.has(scan.word(i + 1) ?? '')) end = i + 1; // "skin tone:"

  const feature = FEATURE_FIELD_LABELS.get(label);
  const category = FIELD_LABELS.get(label) ?? feature;
  const before = scan.tokens[i - 1];
  const opensLabel = !before || before.clause !== scan.tokens[i]?.clause || /^[,(|/]$/.test(before.text);
  if (!category || !opensLabel || !/^[:=-]$/.test(scan.tokens[end + 1]?.text ?? '')) return;
  const k = end + 2;
  if (!scan.tokens[k]?.isWord) return;
  if (feature && !FIELD_LABELS.has(label)) {
    // "wrinkles: deep, especially forehead", "nose: small and straight", "moles: a few on the neck".
    const value = featureValue(scan, k);
    if (value !== undefined) scan.flag(i, value, feature);
    return;
  }
  let last: number | undefined;
  if (category === 'age') last = ageValue(scan, k);
  else if (category === 'height') last = heightValue(scan, k);
  else if (category === 'condition') {
    const weeks = scan.wordsAfter(k - 1, 4).find((j) => /^(weeks|months)$/.test(scan.word(j) ?? ''));
    last = weeks ?? (BUMP_DESCRIPTORS.has(scan.word(k) ?? '') ? k : undefined);
  } else if (category === 'ethnicity') last = personAdjective(scan.word(k) ?? '') === 'ethnicity' ? k : undefined;
  else if (category === 'skin' || category === 'hair' || category === 'eyes') last = colourValue(scan, k, label);
  else last = bodyValue(scan, k, label);
  if (last !== undefined) scan.flag(i, last, category);
}

/**
 * The person drawn at another stage of life: "a toddler version of her", "render me as a toddler",
 * "turn him into a pensioner". Not "a toddler in the background" or "a baby version of the app".
 */
export function detectLifeStage(scan: Scan, i: number, w: string): void {
  if (!LIFE_STAGE_NOUNS.has(w)) return;
  // "a toddler version of her", "the teenage-me", "a baby version of myself"
  if (/^(version|versions)$/.test(scan.next(i) ?? '') && scan.next(i, 2) === 'of') {
    if (/^(her|him|them|me|myself|himself|herself|us|the)$/.test(scan.next(i, 3) ?? '')) {
      const whom = scan.next(i, 3) === 'the' ? i + 4 : i + 3;
      if (scan.next(i, 3) !== 'the' || /^(subject|person|reference|model)$/.test(scan.word(whom) ?? ''))
        scan.flag(i, whom, 'age');
    }
    return;
  }
  // "render me as a toddler", "turn her into a pensioner", "show him as a kid"
  const article = scan.previousIndex(i);
  if (article === undefined || !/^(a|an)$/.test(scan.word(article) ?? '')) return;
  const link = scan.previousIndex(article);
  if (link === undefined || !/^(as|into)$/.test(scan.word(link) ?? '')) return;
  const who = scan.previousIndex(link);
  if (who === undefined || !/^(me|him|her|them|us|myself)$/.test(scan.word(who) ?? '')) return;
  const verb = scan.previousIndex(who);
  if (verb !== undefined && RENDER_VERBS.has(scan.word(verb) ?? '')) scan.flag(verb, i, 'age');
}
