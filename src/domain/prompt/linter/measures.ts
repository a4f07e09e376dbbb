// Height, weight and build said in numbers and comparisons: "six foot two", "about 110 kilos",
// "built like a wrestler", "on the chubby side", "a dancer's body", "heavier than in the photo".

import {
  BODY_FEATURES,
  COMPARATIVE_CATEGORIES,
  HEIGHT_CONTEXT_WORDS,
  HEIGHT_UNITS,
  INTENSIFIERS,
  NUMBER_WORDS,
  PERSON_ADJECTIVES,
  PERSON_NOUNS,
  PERSON_SUBJECTS,
  PREDICATE_ONLY_FEATURES,
  SIZED_PARTS,
  SUBJECT_CONTINUATIONS,
  THING_SUBJECTS,
  WEIGHT_EDIT_VERBS,
} from '../lexicon.ts';
import type { Scan } from './scan.ts';
import {
  FUNCTION_WORD,
  HEDGES,
  POSSESSIVES,
  describesSubjectNext,
  isAgeNumber,
  isBodyWeight,
  isDoing,
  isKnownAdjective,
  isOwnerThing,
  isPersonNoun,
} from './words.ts';

export function detectHeight(scan: Scan, i: number, w: string): void {
  // "6 feet tall", "5'10", "six-foot", "180 cm tall"
  const feetInches = /^[4-7]'\d{0,2}$/.test(w) || /^[4-7]'$/.test(w);
  const compound =
    /^(\d|four|five|six|seven)(-[a-z]+)*-(foot|feet|ft)(-\w+)?$/.test(w) ||
    // "6ft", "6ft5", "183cm": the number and its unit written as one word.
    /^[4-7](ft|foot)\d{0,2}$/.test(w) ||
    /^(1[4-9]\d|2[01]\d)cm$/.test(w);
  const amount = /^\d{1,3}$/.test(w) || NUMBER_WORDS.has(w);
  let last: number | undefined;
  if (feetInches || compound) last = i;
  else if (amount && HEIGHT_UNITS.has(scan.next(i) ?? '')) last = i + 1;
  if (last === undefined) return;
  // "six foot four", "5 ft 10 in"
  // "6ft 5in", "6ft 5\"": the inches as one word.
  if (/^\d{1,2}(in|ins|inches)$/.test(scan.next(last) ?? '')) last += 1;
  else if (/^(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)$/.test(scan.next(last) ?? '')) {
    last += 1;
    if (/^(in|inches|")$/.test(scan.next(last) ?? '')) last += 1;
  }
  if (scan.next(last) === 'tall') last += 1;
  const next = scan.next(last);
  const isTall = scan.word(last) === 'tall';
  const possessive = /^(his|her|their|my)$/.test(scan.previous(i) ?? '');
  if (possessive) {
    scan.flag(i - 1, next && /^(frame|build|body)$/.test(next) ? last + 1 : last, 'height');
    return;
  }
  // "a 6-foot ladder"; but "she's a six-foot-tall basketball player"
  const tallCompound = /-tall$/.test(w) && !!next && !isOwnerThing(next);
  if (next && !isPersonNoun(next) && !SUBJECT_CONTINUATIONS.has(next) && !tallCompound) return;
  const personContext =
    scan
      .clauseBefore(i)
      .slice(0, 5)
      .some(
        (k) =>
          PERSON_SUBJECTS.has(scan.word(k) ?? '') ||
          /^(stands|standing|measures|i'm|she's|he's)$/.test(scan.word(k) ?? ''),
      ) ||
    // "At six foot five, he ducks under the beam"
    (scan.previous(i) === 'at' &&
      scan.tokens[last + 1]?.text === ',' &&
      /^(she|he|they|i)$/.test(scan.word(last + 2) ?? '')) ||
    // "Six foot, lean, in running gear": a fragment about the subject.
    (scan.previousIndex(i) === undefined &&
      scan.tokens[i - 1]?.text !== ',' &&
      scan.tokens[last + 1]?.text === ',' &&
      describesSubjectNext(scan.word(last + 2))) ||
    heightFragment(scan, i, last) ||
    openingHeight(scan, i, last);
  if (isTall || feetInches || tallCompound || (next && PERSON_NOUNS.has(next)) || personContext) {
    scan.flag(i, next && PERSON_NOUNS.has(next) ? last + 1 : last, 'height');
  }
}

/**
 * "at the concert, six foot five", "leaning on the bar, five foot nine, in a jacket": a grown person's
 * height in feet, standing alone between commas, is the subject's.
 */
function heightFragment(scan: Scan, i: number, last: number): boolean {
  const afterComma = scan.tokens[i - 1]?.text === ',' && scan.tokens[i - 1]?.clause === scan.tokens[i]?.clause;
  const after = scan.tokens[last + 1];
  const ends = !after || after.clause !== scan.tokens[i]?.clause || after.text === ',' || !after.isWord;
  const feet =
    /^(foot|feet|ft)$/.test(scan.word(i + 1) ?? '') && /^([4-7]|four|five|six|seven)$/.test(scan.word(i) ?? '');
  return afterComma && ends && feet && last > i + 1;
}

/**
 * "6ft 5in, towering over everyone", "barely five foot, dwarfed by an armchair": a grown person's
 * height opening the text's first clause, hedged or not, then a comma and more about the subject.
 */
function openingHeight(scan: Scan, i: number, last: number): boolean {
  let k = i - 1;
  while (k >= 0 && scan.tokens[k]?.isWord && HEDGES.test(scan.tokens[k]?.lower ?? '')) k -= 1;
  const first = scan.tokens[k];
  if (first && first.clause === scan.tokens[i]?.clause) return false;
  const feet =
    /^([4-7]|four|five|six|seven)$/.test(scan.word(i) ?? '') && /^(foot|feet|ft)$/.test(scan.word(i + 1) ?? '');
  const compact = /^[4-7](ft|foot)\d{0,2}$|cm$/.test(scan.word(i) ?? '') || /-(foot|feet|ft)/.test(scan.word(i) ?? '');
  if (!feet && !compact) return false;
  const after = scan.tokens[last + 1];
  if (!after || after.clause !== scan.tokens[i]?.clause) return true;
  if (after.text !== ',') return false;
  const next = scan.word(last + 2) ?? '';
  return describesSubjectNext(next) || HEIGHT_CONTEXT_WORDS.has(next);
}

export function detectWeight(scan: Scan, i: number, w: string): void {
  if (/^(weighs|weighing|weigh)$/.test(w) && /^\d{2,3}(kg|kgs|kilos?|lbs?)?$/.test(scan.next(i) ?? '')) {
    scan.flag(i, /^\d+$/.test(scan.next(i) ?? '') ? Math.min(i + 2, scan.tokens.length - 1) : i + 1, 'weight');
  }
  if (/^(weighs|weighing|weigh)$/.test(w)) {
    const k = scan.nextIndex(i);
    if (
      k !== undefined &&
      /^(about|around|roughly|nearly|almost|over|under|just)$/.test(scan.word(k) ?? '') &&
      (/^\d{2,3}$/.test(scan.next(k) ?? '') || isAgeNumber(scan.next(k) ?? '', 20))
    )
      scan.flag(i, Math.min(k + 2, scan.tokens.length - 1), 'weight');
  }
  // "his weight on one leg" is a stance; "extra weight on her hips" is not.
  // "weight on the back foot": a stance wherever the weight is put on a foot or a leg.
  const shifted = /^(on|onto|shifted|forward|back|against|balanced)$/.test(scan.next(i) ?? '');
  const onFoot = scan
    .wordsAfter(i, 4)
    .some((k) => /^(foot|feet|leg|legs|heel|heels|toes|hip|hips)$/.test(scan.word(k) ?? ''));
  const carried = /^(extra|excess|spare|more|less|lot|carrying|carries|carry)$/.test(scan.previous(i) ?? '');
  const stance = shifted && !carried && (POSSESSIVES.test(scan.previous(i) ?? '') || onFoot);
  if (w === 'weight' && !stance) {
    const before = scan.clauseBefore(i).slice(0, 5);
    const change = before.find((k) =>
      /^(lost|gained|losing|gaining|put|his|her|their|my|extra|excess|spare|carrying|carries)$/.test(
        scan.word(k) ?? '',
      ),
    );
    if (change !== undefined) scan.flag(change, i, 'weight');
  }
  // "heavyset, about 110 kilos": a body weight, not "a 20 kg bag" or "20 kilos of gear"
  if (/^(kilos|kg|kgs|lbs|pounds|stone)$/.test(w) && isBodyWeight(scan.previous(i) ?? '')) {
    const next = scan.tokens[i + 1];
    if (!next?.isWord || (FUNCTION_WORD.test(next.lower) && next.lower !== 'of')) scan.flag(i - 1, i, 'weight');
  }
  if (
    (w === 'pounds' || w === 'kilos' || w === 'lbs' || w === 'kg') &&
    /^(extra|few|spare|excess)$/.test(scan.previous(i) ?? '')
  ) {
    scan.flag(i - 1, i, 'weight');
  }
  if (
    w === 'height' &&
    /^(his|her|their|my|average|medium|above-average|below-average)$/.test(scan.previous(i) ?? '')
  ) {
    scan.flag(i - 1, i, 'height');
  }
}

export function detectBuildWords(scan: Scan, i: number, w: string): void {
  // "he has the build of a rugby prop", "built like a wrestler"
  const like =
    (w === 'built' && scan.next(i) === 'like') || (/^(build|physique|frame)$/.test(w) && scan.next(i) === 'of');
  if (like && /^(a|an)$/.test(scan.next(i, 2) ?? '')) {
    const what = [scan.next(i, 3), scan.next(i, 4)];
    const person = scan
      .clauseBefore(i)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$/.test(scan.word(k) ?? ''));
    // "built like a tank" is still the person's build; "the frame of a bicycle" is not. Built like a
    // person ("a wrestler", "a heavyweight boxer") is a body wherever it is said.
    const thing = what.some((x) => isOwnerThing(x ?? ''));
    const likePerson = what.some((x) => isPersonNoun(x ?? ''));
    // The span ends at the likeness's noun ("built like a vending machine"), so its owner is read after it.
    let end = i + 3;
    for (let n = 0; n < 2 && scan.nextIndex(end) !== undefined && !FUNCTION_WORD.test(scan.next(end) ?? ''); n++)
      end += 1;
    if (w === 'built' ? person || likePerson || opensAfterAdjectives(scan, i) : !thing) scan.flag(i, end, 'build');
    return;
  }
  // "he's on the chubby side"
  if (w === 'side' && scan.previous(i, 2) === 'the' && scan.previous(i, 3) === 'on') {
    const adjective = scan.previous(i) ?? '';
    const category = PERSON_ADJECTIVES.get(adjective);
    const person = scan
      .clauseBefore(i)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$|'re$|'m$/.test(scan.word(k) ?? ''));
    if (category && category !== 'ethnicity' && person) scan.flag(i - 3, i, category);
    return;
  }
  // "thirty pounds more", "ten kilos heavier"
  if (
    /^(pounds|lbs|kilos|kg|kgs|stone)$/.test(w) &&
    /^(more|heavier|lighter|less|thinner|slimmer|fatter)$/.test(scan.next(i) ?? '')
  ) {
    const amount = scan.previous(i) ?? '';
    if (/^\d{1,3}$/.test(amount) || NUMBER_WORDS.has(amount) || /^(few|some)$/.test(amount))
      scan.flag(i - 1, i + 1, 'weight');
  }
}

/** "Built like a fire hydrant, ...", "Short and stocky, built like ...": a fragment about no named thing. */
function opensAfterAdjectives(scan: Scan, i: number): boolean {
  const before = scan.tokens[i - 1];
  const opens = !before || before.clause !== scan.tokens[i]?.clause || before.text === ',';
  const words = scan.clauseBefore(i).map((k) => scan.word(k) ?? '');
  if (!opens || !words.every((word) => isKnownAdjective(word) || INTENSIFIERS.has(word) || word === 'and'))
    return false;
  // "Built like a tank, the old Volvo ...": the noun after the comma is what is built.
  const comma = scan.tokens.findIndex((t, k) => k > i && (t.text === ',' || t.clause !== scan.tokens[i]?.clause));
  const subject = comma > 0 && scan.tokens[comma]?.text === ',' ? scan.wordsAfter(comma, 3) : [];
  const named = /^(the|a|an|its)$/.test(scan.word(subject[0] ?? -1) ?? '');
  return !named || subject.some((k) => isPersonNoun(scan.word(k) ?? ''));
}

const POSSESSIVE_OR_ARTICLE = /^(a|an|his|her|their|my|your)$/;

/**
 * "a dancer's body", "her mother's eyes" (a body like someone's); "a little heavier than in the
 * photo" (a change); "he has one arm" (a condition).
 */
export function detectBodyComparisons(scan: Scan, i: number, w: string): void {
  const next = scan.next(i) ?? '';
  if (/'s$/.test(w) && POSSESSIVE_OR_ARTICLE.test(scan.previous(i) ?? '') && isPersonNoun(w.slice(0, -2))) {
    const category = BODY_FEATURES.get(next) ?? (PREDICATE_ONLY_FEATURES.has(next) ? 'build' : undefined);
    // ... a type's body ("she has a dancer's legs"), not the hand of a client a scene shows ("close-up
    // of a client's hand", "buffing a client's nails").
    const shown =
      (/^(of|on|at|over|under|near|behind|beside|from|into|onto|across|to)$/.test(scan.previous(i, 2) ?? '') ||
        isDoing(scan.previous(i, 2) ?? '')) &&
      !/^(having|getting|sporting|showing)$/.test(scan.previous(i, 2) ?? '') && // "me having a dancer's legs"
      !/^(less|more|bit|lot|touch|hint|much)$/.test(scan.previous(i, 3) ?? ''); // "Less of a man's brow"
    if (category && !shown) scan.flag(i - 1, i + 1, category);
    return;
  }
  const category = COMPARATIVE_CATEGORIES.get(w);
  // "trim the hedge shorter than in the photo": the noun just before is a thing.
  const thing = scan
    .clauseBefore(i)
    .slice(0, 2)
    .some((k) => isOwnerThing(scan.word(k) ?? '') || THING_SUBJECTS.has(scan.word(k) ?? ''));
  if (
    category &&
    !thing &&
    next === 'than' &&
    /^(in|she|he|they|i|we|you|before|now|usual|normal|today|currently|his|her|their|my)$/.test(scan.next(i, 2) ?? '')
  ) {
    scan.flag(i, i + 1, category);
    return;
  }
  if (
    w === 'one' &&
    /^(has|have|had|only)$/.test(scan.previous(i) ?? '') &&
    /^(arm|leg|eye|hand|foot|ear)$/.test(next)
  ) {
    const after = scan.tokens[i + 2];
    if (!after?.isWord || after.lower === 'and') scan.flag(i, i + 1, 'condition');
  }
}

/** "I've put on twenty pounds", "she lost a stone since the photo": weight gained or lost. */
export function detectWeightChange(scan: Scan, i: number, w: string): void {
  if (!/^(put|gained|gain|gaining|lost|lose|losing|dropped|shed)$/.test(w) && !WEIGHT_EDIT_VERBS.has(w)) return;
  let k = scan.nextIndex(i);
  // "take off a stone", "knock off ten pounds"; "add 30 pounds" needs no particle.
  if (/^(take|taking|knock|knocking|shave|shaving)$/.test(w) && scan.word(k ?? -1) !== 'off') return;
  if (k !== undefined && /^(on|off)$/.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
  while (
    k !== undefined &&
    /^(about|around|nearly|almost|a|an|over|like|at|least|good|few|couple|of)$/.test(scan.word(k) ?? '')
  )
    k = scan.nextIndex(k);
  if (k === undefined) return;
  const unit = /^(stone|stones)$/.test(scan.word(k) ?? '') ? k : scan.nextIndex(k);
  if (unit === undefined || !/^(pounds|lbs|lb|kilos|kg|kilograms|stone|stones)$/.test(scan.word(unit) ?? '')) return;
  if (scan.next(unit) === 'of') return; // "lost twenty pounds of gear"
  // "add 30 pounds to the bill": money put on something else.
  if (scan.next(unit) === 'to' && !/^(me|him|her|them|his|her|their|my)$/.test(scan.next(unit, 2) ?? '')) return;
  scan.flag(i, unit, 'weight');
}

/**
 * A clothing size said of the person: "a size 8 instead of a size 14", "make me a size 8", "I'm a size
 * 16", "Size 6 frame", "size 12 feet". Not "size 10 trainers on the shelf", "a size 10 dress" (what
 * is worn), "font size 12".
 */
export function detectClothingSize(scan: Scan, i: number, w: string): void {
  if (w !== 'size') return;
  const value = scan.nextIndex(i);
  const number = scan.word(value ?? -1) ?? '';
  if (value === undefined || !(/^\d{1,2}$/.test(number) || NUMBER_WORDS.has(number))) return;
  const before = scan.previous(i) ?? '';
  // "Size 6 frame", "size 12 feet": the size names a part of the body.
  if (SIZED_PARTS.has(scan.next(value) ?? '')) {
    scan.flag(/^(a|my|his|her|their)$/.test(before) ? i - 1 : i, value + 1, 'weight');
    return;
  }
  if (before !== 'a') return;
  const lead = scan.previous(i, 2) ?? '';
  // "make me a size 8", "I'm a size 16", "a size 8 instead of a size 14", "down to a size 10".
  const made = /^(me|him|her|them)$/.test(lead) && /^(make|makes|making|made|turn)$/.test(scan.previous(i, 3) ?? '');
  const said = /^(i'm|she's|he's|they're|am|is|are)$/.test(lead);
  const instead = scan.next(value) === 'instead' || /^(to|from|into)$/.test(lead);
  // "a size 10 dress" is what is worn; "make me a size 8 for the beach shots" is not.
  const following = scan.next(value) ?? '';
  const worn =
    /^[a-z]/.test(following) && !FUNCTION_WORD.test(following) && !/^(instead|now|again|not|rather)$/.test(following);
  if ((made || said || instead) && !worn) scan.flag(made || said ? i - 2 : i - 1, value, 'weight');
}
