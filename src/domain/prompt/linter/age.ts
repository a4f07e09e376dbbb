// Age: numbers said of the person ("she's 34", "a 30-year-old", "in her early 40s"), decades, and
// age in other words ("pushing fifty", "showing her age", "de-age her").

import {
  COPULAS,
  DECADE_QUALIFIERS,
  DECADE_WORDS,
  MEASURE_UNITS,
  NUMBER_WORDS,
  PERSON_NOUNS,
  PERSON_SUBJECTS,
  SUBJECT_CONTINUATIONS,
} from '../lexicon.ts';
import type { Scan } from './scan.ts';
import {
  FUNCTION_WORD,
  HEDGES,
  POSSESSIVES,
  continuesSubject,
  isAgeNumber,
  isPersonNoun,
  isOwnerThing,
  isPersonAdjective,
} from './words.ts';

export function detectAge(scan: Scan, i: number, w: string): void {
  // "in her early 40s", "in my fifties"
  if (w === 'in' && /^(his|her|their|my|your|our)$/.test(scan.next(i) ?? '')) {
    let k = scan.nextIndex(scan.nextIndex(i) ?? -1);
    if (k !== undefined && DECADE_QUALIFIERS.has(scan.word(k) ?? '')) k = scan.nextIndex(k);
    const decade = k === undefined ? '' : (scan.word(k) ?? '').replace(/^(early|mid|late)-/, '');
    if (k !== undefined && DECADE_WORDS.has(decade)) scan.flag(i, k, 'age');
    return;
  }
  // "she looks about twenty-five", "I'm 34"
  if (COPULAS.has(w) || /^(i'm|she's|he's|they're)$/.test(w)) {
    let k = scan.nextIndex(i);
    while (
      k !== undefined &&
      /^(about|around|roughly|maybe|probably|nearly|almost|over|under|only|just|barely|easily|well|clearly|at|least)$/.test(
        scan.word(k) ?? '',
      )
    )
      k = scan.nextIndex(k);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    // "she looks about twenty-five", "she should look sixteen again"
    // "he looks about twelve"; "she's ten" might be a time, but "looks ten" is an age.
    const isAge =
      isAgeNumber(amount, 13) && (!/^(ten|eleven|twelve)$/.test(amount) || /^(looks|look|looking|looked)$/.test(w));
    // "she is 34", "she must be at least eighty"
    const modal = /^(must|might|may|could|would|should|will|can)$/.test(scan.previous(i) ?? '');
    // ... or a fragment that opens with the look: "looks about sixteen, on a skateboard".
    const opening = /^look/.test(w) && startsFragment(scan, i);
    const subject =
      opening || /^(i'm|she's|he's|they're)$/.test(w) || PERSON_SUBJECTS.has(scan.previous(i, modal ? 2 : 1) ?? '');
    const unit = k === undefined ? undefined : scan.next(k);
    // "she's 34", "she's twenty-eight but looks eighteen"; not "he's 25 minutes away"
    const unitless =
      !unit ||
      /^(years|now|today|and|but|so|with|going|already|yet|though|again)$/.test(unit) ||
      (!isOwnerThing(unit) && !MEASURE_UNITS.has(unit) && FUNCTION_WORD.test(unit));
    if (isAge && subject && k !== undefined && unitless) {
      scan.flag(i, unit === 'years' && scan.next(k, 2) === 'old' ? k + 2 : k, 'age');
      return;
    }
  }
  // "35-year-old teacher", "a 30-year-old"
  const yearOld = /^(\d{1,3}|[a-z]+(?:-[a-z]+)?)-years?-old$/.exec(w);
  if (yearOld) {
    const next = scan.next(i);
    if (!next || PERSON_NOUNS.has(next) || SUBJECT_CONTINUATIONS.has(next) || isPersonAdjective(next)) {
      scan.flag(i, next && PERSON_NOUNS.has(next) ? i + 1 : i, 'age');
    }
    return;
  }
  // "42 years old", "aged 45"
  if (w === 'years' && scan.next(i) === 'old') {
    const amount = scan.previous(i) ?? '';
    if (!/^\d{1,3}$/.test(amount) && !NUMBER_WORDS.has(amount)) return;
    const before = scan.clauseBefore(i - 1);
    const aboutPerson = before.length === 0 || before.slice(0, 5).some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? ''));
    if (aboutPerson) scan.flag(i - 1, i + 1, 'age');
    return;
  }
  if (w === 'aged') {
    let k = scan.nextIndex(i);
    if (k !== undefined && /^(about|around|roughly|nearly|almost|over|under|maybe)$/.test(scan.word(k) ?? ''))
      k = scan.nextIndex(k);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    if (
      k !== undefined &&
      (/^\d{1,3}$/.test(amount) || NUMBER_WORDS.has(amount)) &&
      !/^(years|months|days|weeks)$/.test(scan.next(k) ?? '')
    ) {
      scan.flag(i, k, 'age');
    }
    return;
  }
  if (w === 'wrinkles' || w === "crow's") {
    const context = [scan.next(i), scan.next(i, 2), scan.next(i, 3), scan.previous(i)];
    if (w === "crow's" && scan.next(i) === 'feet') scan.flag(i, i + 1, 'age');
    else if (context.some((c) => c && /^(eyes|face|forehead|mouth|skin)$/.test(c))) scan.flag(i, i, 'age');
    return;
  }
  if (w === 'laugh' && scan.next(i) === 'lines') scan.flag(i, i + 1, 'age');
}

export function detectAgeWords(scan: Scan, i: number, w: string): void {
  // "the youthful glow of her twenties", "well into his eighties"
  if (POSSESSIVES.test(w)) {
    // "every bit of his sixty years"
    if (isAgeNumber(scan.next(i) ?? '', 15) && scan.next(i, 2) === 'years') {
      scan.flag(i, i + 2, 'age');
      return;
    }
    let k = scan.nextIndex(i);
    if (k !== undefined && DECADE_QUALIFIERS.has(scan.word(k) ?? '')) k = scan.nextIndex(k);
    const decade = k === undefined ? '' : (scan.word(k) ?? '').replace(/^(early|mid|late)-/, '');
    if (k === undefined || !DECADE_WORDS.has(decade) || isOwnerThing(scan.next(k) ?? '')) return;
    const before = scan.previousIndex(i);
    const from = before !== undefined && /^(in|into|of|through|past|entering|reaching)$/.test(scan.word(before) ?? '');
    scan.flag(from && before !== undefined ? before : i, k, 'age');
    return;
  }
  // "mid-forties and fit"; not "in the mid-forties" (the decade of a century)
  if (/^(early|mid|late)-(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/.test(w)) {
    if (scan.previous(i) !== 'the') scan.flag(i, i, 'age');
    return;
  }
  // "At sixty-five she still swims"
  if (w === 'at' && isAgeNumber(scan.next(i) ?? '', 15)) {
    const after = scan.tokens[i + 2]?.text === ',' ? scan.word(i + 3) : scan.next(i, 2);
    if (/^(she|he|they|i|we)$/.test(after ?? '') || PERSON_SUBJECTS.has(after ?? '')) scan.flag(i, i + 1, 'age');
    return;
  }
  // "starting to show her age", "he looks his age"
  if (
    /^(show|shows|showing|showed|look|looks|looking|looked|feel|feels)$/.test(w) &&
    POSSESSIVES.test(scan.next(i) ?? '') &&
    scan.next(i, 2) === 'age'
  ) {
    scan.flag(i, i + 2, 'age');
    return;
  }
  // "a boy of about twelve", "a woman of forty"
  if (w === 'of' && PERSON_NOUNS.has(scan.previous(i) ?? '')) {
    let k = scan.nextIndex(i);
    while (k !== undefined && HEDGES.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
    // "a kid of about eight"; not "a man of two minds"
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    const after = k === undefined ? undefined : scan.tokens[k + 1];
    const ends = !after?.isWord || FUNCTION_WORD.test(after.lower) || after.lower === 'years';
    const small = /^(three|four|five|six|seven|eight|nine|[3-9])$/.test(amount);
    const unit = !!after?.isWord && (MEASURE_UNITS.has(after.lower) || isOwnerThing(after.lower));
    if (k !== undefined && ((isAgeNumber(amount) && !unit) || (small && ends))) scan.flag(i - 1, k, 'age');
    return;
  }
  // "not a day over forty", "not a day under fifty": an age said by the idiom.
  if (w === 'day' && scan.previous(i) === 'a' && /^(over|under|past|older|younger)$/.test(scan.next(i) ?? '')) {
    const k = scan.nextIndex(scan.nextIndex(i) ?? -1);
    if (k !== undefined && isAgeNumber(scan.word(k) ?? '', 15)) scan.flag(i - 1, k, 'age');
    return;
  }
  // "a man well past sixty", "she's pushing fifty"
  if (/^(past|pushing|nearing|approaching|over|under)$/.test(w)) {
    const k = scan.nextIndex(i);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    if (k === undefined || !(isAgeNumber(amount, 20) || DECADE_WORDS.has(amount))) return;
    if (
      isOwnerThing(scan.next(k) ?? '') ||
      /^(years|minutes|hours|days|o'clock|percent|people)$/.test(scan.next(k) ?? '')
    )
      return;
    const subject = scan.clauseBefore(i).slice(0, 4);
    // "pushing fifty, cocktail in hand": an opening fragment is said of the person.
    const opening = /^(pushing|nearing)$/.test(w) && subject.length === 0 && endsFragment(scan, k);
    if (
      opening ||
      subject.some(
        (j) => PERSON_SUBJECTS.has(scan.word(j) ?? '') || /^(he's|she's|i'm|they're)$/.test(scan.word(j) ?? ''),
      )
    )
      scan.flag(i, k, 'age');
    return;
  }
  // "de-age her by fifteen years", "age him up"
  const target = /^(him|her|them|me|us)$/.test(scan.next(i) ?? '');
  if (
    /^de-?ag(e|ed|es|ing|eing)$/.test(w) ||
    (/^(age|ages|aging|ageing|aged)$/.test(w) && target && scan.previous(i) !== 'the')
  )
    scan.flag(i, target ? i + 1 : i, 'age');
}

const DECADES = /^(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/;

/** Whether the token at k starts a fragment: a clause's first word, or the first after a comma. */
function startsFragment(scan: Scan, k: number): boolean {
  const before = scan.tokens[k - 1];
  return !before || before.clause !== scan.tokens[k]?.clause || before.text === ',';
}

/**
 * Ages said bare in a fragment: "early forties with the first grey", "twenty at most", "forty-ish,
 * reading the paper"; and an age edit: "aged up to around eighty", "age her down".
 */
export function detectAgeFragments(scan: Scan, i: number, w: string): void {
  const next = scan.next(i) ?? '';
  // "early forties, in a fleece"; not "the late sixties" (a decade of a century) or "late sixties fashion"
  if (/^(early|mid|late)$/.test(w) && DECADES.test(next) && scan.previous(i) !== 'the') {
    if (continuesSubject(scan.next(i, 2))) scan.flag(i, i + 1, 'age');
    return;
  }
  // "twenty at most", "thirty or so", "forty-ish": a number alone in a fragment, hedged like an age.
  const ish = /^(.+?)-?ish$/.exec(w)?.[1] ?? '';
  const hedged = /^(at most|at least|or so|tops|max|or younger|or older|give or take)/.test(
    `${next} ${scan.next(i, 2) ?? ''}`,
  );
  if (startsFragment(scan, i) && ((isAgeNumber(w, 15) && hedged) || (isAgeNumber(ish, 15) && !isUnit(next)))) {
    const tail = !hedged ? 0 : /^(tops|max)$/.test(next) ? 1 : next === 'give' ? 3 : 2;
    scan.flag(i, scan.wordsAfter(i, tail).at(-1) ?? i, 'age');
    return;
  }
  // "no older than 25", "look not younger than forty": an age bound; not "no older than 10 years" (a thing's).
  const bounded = /^(no|not)$/.test(scan.previous(i) ?? '') && next === 'than';
  if (/^(older|younger)$/.test(w) && bounded && isAgeNumber(scan.next(i, 2) ?? '', 15)) {
    const linked = /^(look|looks|looking|be|appear|appears|seem|seems)$/.test(scan.previous(i, 2) ?? '');
    if ((startsFragment(scan, i - 1) || linked) && !isUnit(scan.next(i, 3) ?? '')) scan.flag(i - 1, i + 2, 'age');
    return;
  }
  // "aged up to around eighty", "aged down by twenty years"; not "a cheese aged up to 24 months"
  if (/^(age|ages|aged|aging|ageing)$/.test(w) && /^(up|down)$/.test(next)) {
    if (segmentBefore(scan, i).some((k) => isOwnerThing(scan.word(k) ?? ''))) return;
    const amount = scan.wordsAfter(i, 5).find((k) => isAgeNumber(scan.word(k) ?? '', 10));
    scan.flag(i, amount ?? i + 1, 'age');
  }
}

/** Words before token i back to the clause's start or the nearest comma, nearest first. */
function segmentBefore(scan: Scan, i: number): number[] {
  const indexes: number[] = [];
  for (let k = i - 1; k >= 0 && scan.tokens[k]?.clause === scan.tokens[i]?.clause; k--) {
    if (scan.tokens[k]?.text === ',') break;
    if (scan.tokens[k]?.isWord) indexes.push(k);
  }
  return indexes;
}

function isUnit(word: string): boolean {
  return MEASURE_UNITS.has(word) || /^(months|month|weeks|week|years|year|days|day)$/.test(word);
}

/** After an age: what makes the number something else ("me at ten o'clock", "pass for 30 minutes"). */
const NOT_AN_AGE_NEXT =
  /^(o'clock|am|pm|sharp|percent|mph|fps|frames|degrees|feet|ft|metres|meters|miles|km|minutes|seconds|hours|dollars|euros|pounds|kilos)$/;

/**
 * Ages said by a number with no "years" or "old": "me at sixteen", "could pass for thirty", a
 * "mid-40s guy", "shave a few years off me".
 */
export function detectAgeNumbers(scan: Scan, i: number, w: string): void {
  // "me at sixteen", "him at 40, behind the bar"
  const pronounAt = /^(me|him|her|them|us|myself|himself|herself)$/.test(w) && scan.next(i) === 'at';
  // "could pass for thirty", "passes for about twenty-five"
  const passFor = /^(pass|passes|passed|passing)$/.test(w) && scan.next(i) === 'for';
  if (pronounAt || passFor) {
    let k = scan.nextIndex(i + 1);
    while (k !== undefined && (HEDGES.test(scan.word(k) ?? '') || /^(age|aged)$/.test(scan.word(k) ?? '')))
      k = scan.nextIndex(k);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    if (
      k !== undefined &&
      isAgeNumber(amount, 5) &&
      !NOT_AN_AGE_NEXT.test(scan.next(k) ?? '') &&
      !isUnit(scan.next(k) ?? '')
    )
      scan.flag(i, k, 'age');
    return;
  }
  // "a mid-40s guy", "late-twenties woman"; not "late-70s posters" (a decade of the century).
  const decade = /^(early|mid|late)-(.+)$/.exec(w);
  if (decade?.[2] && DECADE_WORDS.has(decade[2]) && PERSON_NOUNS.has(scan.next(i) ?? '')) {
    scan.flag(i, i + 1, 'age');
    return;
  }
  // "shave a few years off me", "add ten years to him"
  if (/^(years|decades)$/.test(w) && /^(off|on|onto|to)$/.test(scan.next(i) ?? '')) {
    const who = scan.next(i, 2) ?? '';
    if (/^(me|him|her|them|my|his|their)$/.test(who)) scan.flag(i, i + 2, 'age');
  }
}

/** Whether token k ends its fragment: a comma, a dash or the clause's end follows. */
function endsFragment(scan: Scan, k: number): boolean {
  const after = scan.tokens[k + 1];
  return !after || after.clause !== scan.tokens[k]?.clause || /^[,–—-]$/.test(after.text);
}

/**
 * "ten years younger", "a decade older", "take a few years off Dad", "knock ten years off her": an age
 * asked for as years more or less.
 */
export function detectAgeDifference(scan: Scan, i: number, w: string): void {
  // "ten years younger", "a decade older", "a few years younger, give or take": an age asked for;
  // not "fifty years older than the house" (a thing's age).
  if (/^(younger|older)$/.test(w) && /^(years|year|decades|decade)$/.test(scan.previous(i) ?? '')) {
    const amount = scan.previous(i, 2) ?? '';
    const thing = scan.next(i) === 'than' && !PERSON_SUBJECTS.has(scan.next(i, 2) ?? '') && scan.next(i, 2) !== 'me';
    const counted = isAgeNumber(amount, 1) || /^(a|few|some|several|two|three|five|couple)$/.test(amount);
    if (counted && !thing && !/^(hundred|hundreds|thousand|thousands)$/.test(amount)) scan.flag(i - 2, i, 'age');
    return;
  }
  // "she just turned forty", "just hit thirty": an age reached; not "the company turned 50".
  if (/^(turned|turning|turns|hit|hits|hitting)$/.test(w) && isAgeNumber(scan.next(i) ?? '', 18)) {
    const unit = scan.next(i, 2);
    const before = scan
      .clauseBefore(i)
      .slice(0, 3)
      .map((k) => scan.word(k) ?? '');
    const who = before.find((word) => !/^(just|recently|only|finally|has|have|had)$/.test(word));
    const person = who === undefined || PERSON_SUBJECTS.has(who) || /^(i|she|he|they|we)$/.test(who);
    if (person && (unit === undefined || !MEASURE_UNITS.has(unit))) scan.flag(i, i + 1, 'age');
    return;
  }
  // "take a few years off Dad", "knock ten years off her": years taken off someone.
  const taken = [2, 3].find((n) => /^(take|taking|knock|knocking|shave|shaving)$/.test(scan.previous(i, n) ?? ''));
  if (w === 'years' && scan.next(i) === 'off' && taken !== undefined) {
    const who = scan.tokens[i + 2];
    const person =
      !!who?.isWord &&
      (/^(me|him|her|them|us)$/.test(who.lower) || /^\p{Lu}/u.test(who.text) || isPersonNoun(who.lower));
    if (person) scan.flag(i - taken, i + 2, 'age');
  }
}
