// Asks to change the person: "make him look younger", "slim her face down", "whiten his teeth".

import {
  BODY_FEATURES,
  EDIT_TARGETS,
  EDIT_VERBS,
  PERSON_ADJECTIVES,
  PERSON_NOUNS,
  SHOW_VERBS,
  type AppearanceCategory,
} from '../lexicon.ts';
import { inLitClause } from './context.ts';
import type { Scan } from './scan.ts';
import { describesPart, isAgeNumber, isPersonAdjective } from './words.ts';

/** "make him look younger", "making me look fifteen kilos lighter": asks to change the person. */
export function detectMakeLook(scan: Scan, i: number, w: string): void {
  const show = SHOW_VERBS.has(w);
  if (!/^(make|makes|making|made)$/.test(w) && !show) return;
  const who = scan.next(i);
  if (!who || !/^(him|her|them|me|us|the|his|their|my)$/.test(who)) return;
  let k = scan.nextIndex(i);
  // "make her skin lighter", "make his jaw sharper": a change to the body itself.
  const part = scan.next(i, 2) ?? '';
  const partCategory: Record<string, AppearanceCategory> = {
    skin: 'skin',
    hair: 'hair',
    eyes: 'eyes',
    face: 'face',
    jaw: 'face',
    nose: 'face',
    lips: 'face',
    body: 'build',
    arms: 'build',
    waist: 'weight',
    belly: 'weight',
  };
  // "make her skin lighter", not "making her hair glow" (light on it).
  const change = (/^(look|looks|appear)$/.test(scan.next(i, 3) ?? '') ? scan.next(i, 4) : scan.next(i, 3)) ?? '';
  const changes = describesPart(change, part) || /(er|ish)$/.test(change) || isPersonAdjective(change);
  if (/^(him|her|them|me|his|their|my)$/.test(who) && partCategory[part] && changes) {
    const last = scan.nextIndex(scan.nextIndex(k ?? -1) ?? -1) ?? scan.nextIndex(k ?? -1) ?? i;
    scan.flag(i, last, partCategory[part] ?? 'face');
    return;
  }
  if (who === 'the') k = scan.nextIndex(k ?? -1); // "make the host look"
  if (k === undefined || (who === 'the' && !PERSON_NOUNS.has(scan.word(k) ?? ''))) return;
  // "make him look younger"; "show him heavier", "render her as older" need no "look".
  const looks = /^(look|appear|seem)$/.test(scan.next(k) ?? '');
  const verb = looks ? scan.nextIndex(k) : show ? k : undefined;
  if (verb === undefined) return;
  let last = verb;
  let category: AppearanceCategory | undefined;
  for (let step = 0, j = scan.nextIndex(verb); j !== undefined && step < 4; step++, j = scan.nextIndex(j)) {
    const word = scan.word(j) ?? '';
    if (!looks && /^(the|his|her|their|my|your|this|that|these|those|to)$/.test(word)) break; // "show them the younger team"
    last = j;
    if (/^(younger|older|old|young|youthful)$/.test(word)) category = 'age';
    else if (/^(lighter|heavier|thinner|slimmer|fatter|skinnier|leaner)$/.test(word)) category = 'weight';
    else if (/^(taller|shorter)$/.test(word)) category = 'height';
    else if (/^(fitter|bigger|muscular|stronger)$/.test(word)) category = 'build';
    else if (/^(prettier|handsomer|better-looking|attractive|beautiful|handsome)$/.test(word)) category = 'face';
    else if (PERSON_ADJECTIVES.get(word) === 'ethnicity')
      category = 'ethnicity'; // "look more Japanese"
    else if (isAgeNumber(word, 15) && !/^(years|kilos|pounds|kg|lbs|stone)$/.test(scan.next(j) ?? '')) category = 'age'; // "make her look about thirty"

    if (category) break;
  }
  if (!category) return;
  // "... ten years younger and a bit slimmer": the second change is part of the same ask.
  for (let j = scan.nextIndex(last), n = 0; j !== undefined && n < 4; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (
      /(er|ish)$/.test(word) &&
      (isPersonAdjective(word) ||
        /^(slimmer|thinner|fatter|heavier|lighter|younger|older|taller|shorter|leaner|fitter)$/.test(word))
    )
      last = j;
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
  // Many of these verbs are adjectives too ("thin skin of ice"): the edit has an object first.
  if (!EDIT_VERBS.has(w) || !/^(his|her|their|my|your|the|out|down|up|away)$/.test(scan.next(i) ?? '')) return;
  if (inLitClause(scan, i)) return; // "a bounce card to lift the eyes" is light
  let k = scan.nextIndex(i);
  for (let n = 0; k !== undefined && n < 4; n++, k = scan.nextIndex(k)) {
    const word = scan.word(k) ?? '';
    const category =
      BODY_FEATURES.get(word) ?? (EDIT_TARGETS.has(word) ? 'face' : word === 'hair' ? 'hair' : undefined);
    if (category) {
      scan.flag(i, k, category);
      return;
    }
    if (!/^(his|her|their|my|your|the|out|down|up|away|a|bit|little)$/.test(word) && !describesPart(word, 'skin'))
      return;
  }
}
