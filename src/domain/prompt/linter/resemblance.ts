// Likeness: "looks like <someone>", "mistaken for", "a <name> type", "the face of a film star".

import {
  ALWAYS_PERSON,
  BODY_FEATURES,
  DETERMINERS,
  LIKENESS_FIGURES,
  LOOK_NOUNS,
  NAMED_LOOK_NEXT,
  PERSON_ADJECTIVES,
  PERSON_NOUNS,
  PERSON_SUBJECTS,
  RESEMBLANCE_PHRASES,
  RESEMBLANCE_VERBS,
  REFERENCE_NOUNS,
  STEREOTYPE_MODIFIERS,
  STOCK_TYPE_NOUNS,
  STYLE_NAMES,
  STYLE_REFERENCE_NOUNS,
  THING_SUBJECTS,
} from '../lexicon.ts';
import { isCapitalised, isDepicted, isThingNoun, nameEnd, opensSubjectless } from './context.ts';
import type { Scan } from './scan.ts';
import { continuesSubject, isCelebrity, isOwnerThing, isPersonAdjective, isPersonNoun } from './words.ts';

export function detectResemblance(scan: Scan, i: number, w: string): void {
  const isLook = w.startsWith('look');
  const isPass = /^(pass|passes|passing|passed)$/.test(w) && scan.next(i) === 'for';
  if (!RESEMBLANCE_VERBS.has(w) && !isPass) return;
  let objectIndex = scan.nextIndex(i);
  if (isLook) {
    // "looks just like", "look a lot like", "looks kind of like"
    let hedge = 0;
    while (
      objectIndex !== undefined &&
      hedge < 3 &&
      /^(just|exactly|a|lot|bit|little|kind|sort|of|so|much|almost|more|quite)$/.test(scan.word(objectIndex) ?? '')
    ) {
      objectIndex = scan.nextIndex(objectIndex);
      hedge += 1;
    }
    if (scan.word(objectIndex ?? -1) !== 'like') return;
    objectIndex = scan.nextIndex(objectIndex ?? -1);
  } else if (isPass || (/^(resemblance|likeness)$/.test(w) && /^(to|of)$/.test(scan.word(objectIndex ?? -1) ?? ''))) {
    objectIndex = scan.nextIndex(objectIndex ?? -1);
  }
  if (objectIndex === undefined) return;
  // "look exactly like the uploaded picture", "like in my photo": the person as they are.
  if (scan.wordsAfter(objectIndex - 1, 4).some((k) => REFERENCE_NOUNS.has(scan.word(k) ?? ''))) return;
  const before = scan.clauseBefore(i);
  const subjectless = opensSubjectless(scan, i); // "Cactus garden, looks like <name>"
  const personSubject = before
    .slice(0, 4)
    .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') && !/^(his|her|their|my|your)$/.test(scan.word(k) ?? ''));
  // "make me look like", "have him look like": the pronoun just before the verb is its subject,
  // whatever things the clause named earlier.
  const pronounSubject = /^(me|him|her|them|us|i|he|she|they|we|you)$/.test(scan.previous(i) ?? '');
  const thingSubject = !pronounSubject && before.some((k) => isThingNoun(scan, k));
  // "looks like a cross between X and Y", "a mix of X and Y"
  if (
    /^(a|an)$/.test(scan.word(objectIndex) ?? '') &&
    /^(cross|mix|blend|combination|mashup|hybrid)$/.test(scan.next(objectIndex) ?? '') &&
    /^(between|of)$/.test(scan.next(objectIndex, 2) ?? '')
  ) {
    objectIndex = scan.nextIndex(scan.nextIndex(scan.nextIndex(objectIndex) ?? -1) ?? -1) ?? objectIndex;
  }
  // Skip articles and age words to the object: "looks like a young Tom Hanks"
  let k: number | undefined = objectIndex;
  while (k !== undefined && (DETERMINERS.has(scan.word(k) ?? '') || isPersonAdjective(scan.word(k))))
    k = scan.nextIndex(k);
  if (k === undefined) return;
  const objectToken = scan.tokens[k];
  let last = k;
  // A name may run over several capitalised words ("Idris Elba").
  while (/^\p{Lu}/u.test(scan.tokens[last + 1]?.text ?? '') && scan.tokens[last + 1]?.isWord) last += 1;
  const after = scan.next(last);
  // "Keep me looking like me", "I want to look like myself": the person as they are, not a likeness
  // ("like me at twenty" and "like myself ten years ago" go on to ask for a change, and stay).
  const reflexive = /^(myself|himself|herself|themselves|yourself)$/.test(objectToken?.lower ?? '');
  const me = objectToken?.lower === 'me' && scan.clauseBefore(k).some((j) => /^(me|i|i'm)$/.test(scan.word(j) ?? ''));
  if ((reflexive || me) && (after === undefined || /^(again|still|just|only|please|exactly)$/.test(after))) return;
  // "like a Vermeer painting", "like a Wes Anderson film": a style reference, not a face.
  const styleReference = !!after && STYLE_REFERENCE_NOUNS.has(after);
  const namesSomeone =
    !!objectToken &&
    !styleReference &&
    (/^\p{Lu}/u.test(objectToken.text) ||
      PERSON_NOUNS.has(objectToken.lower) ||
      /^(me|him|her|them|myself)$/.test(objectToken.lower));
  if (
    ((personSubject || pronounSubject) && !styleReference && !thingSubject) ||
    ((!thingSubject || subjectless) && namesSomeone)
  ) {
    scan.flag(i, last, 'resemblance');
  }
}

export function detectResemblancePhrases(scan: Scan): void {
  const lower = scan.text.toLowerCase();
  for (const phrase of RESEMBLANCE_PHRASES) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(phrase, from);
      if (at < 0) break;
      from = at + phrase.length;
      const first = scan.tokens.findIndex((t) => t.start === at);
      const lastToken = scan.tokens.findIndex((t) => t.end === at + phrase.length);
      if (first < 0 || lastToken < 0) continue;
      // "the same face as my profile pic": the reference photo itself, which is what it should be.
      const ahead = [1, 2, 3].map((n) => scan.next(lastToken, n) ?? '');
      if (/^same /.test(phrase) && ahead.some((word) => REFERENCE_NOUNS.has(word))) continue;
      // "a face like a Renaissance painting" still asks for a different face; flag it.
      const objectIndex = scan.nextIndex(lastToken);
      scan.flag(first, objectIndex ?? lastToken, 'resemblance');
    }
  }
}

/** "a Clooney type", "Emma Stone's twin", "a Morgan Freeman-esque face", "Brad Pitt circa 1995". */
export function detectNamedLook(scan: Scan, i: number, w: string): void {
  const previous = scan.tokens[i - 1];
  const startsName =
    isCapitalised(scan, i) &&
    !!previous?.isWord &&
    previous.clause === scan.tokens[i]?.clause &&
    (!isCapitalised(scan, i - 1) || /^(a|an|the|think)$/.test(previous.lower));
  // ... not the pronoun: "while I type".
  if (!startsName || w === 'i') return;
  if (PERSON_ADJECTIVES.has(w) || ALWAYS_PERSON.has(w)) return;
  const last = nameEnd(scan, i);
  const end = namedLookEnd(scan, i, last);
  if (end !== undefined) scan.flag(i, end, 'resemblance');
}

/** Where "<name> type", "<name>'s (body) double", "a <name> jawline" ends, if the name is such a look. */
function namedLookEnd(scan: Scan, i: number, last: number): number | undefined {
  const lastWord = scan.word(last) ?? '';
  const after = scan.next(last) ?? '';
  const possessive = /'s?$/.test(lastWord);
  if (after === 'type')
    return continuesSubject(scan.next(last + 1)) && scan.next(last + 1) !== 'of' ? last + 1 : undefined;
  if (possessive && NAMED_LOOK_NEXT.has(after)) return last + 1; // "<name>'s twin"
  if (possessive && NAMED_LOOK_NEXT.has(scan.next(last, 2) ?? '')) return last + 2; // "<name>'s stunt double"
  if (after === 'circa') return last + 1; // "<name> circa 1995"
  // "a <full name> jawline"; "a <full name> look" only when body parts spell it out.
  const fullName = last > i && !possessive;
  if (fullName && LOOK_NOUNS.has(after) && after !== 'look' && after !== 'looks') return last + 1;
  if (fullName && after === 'look' && lookWithFeatures(scan, last + 1)) return last + 1;
  // "a Freeman-esque face"
  const esque = /-(esque|like|ish|type)$/.test(lastWord);
  if (esque && (LOOK_NOUNS.has(after) || PERSON_NOUNS.has(after) || NAMED_LOOK_NEXT.has(after))) return last + 1;
  return undefined;
}

/** "people mistake her for <name>", "often confused with a young <name>". */
export function detectMistakenFor(scan: Scan, i: number, w: string): void {
  // The verb, not the noun: "mistake her for", "mistaken for"; never "a mistake for the meeting".
  const passive = /^(mistaken|confused)$/.test(w) && /^(for|with)$/.test(scan.next(i) ?? '');
  const active =
    /^(mistake|mistakes|mistook|confuse|confuses|confused)$/.test(w) &&
    /^(him|her|them|me|you|us)$/.test(scan.next(i) ?? '') &&
    /^(for|with)$/.test(scan.next(i, 2) ?? '');
  if (!passive && !active) return;
  let k = scan.nextIndex(passive ? i : i + 1);
  k = k === undefined ? undefined : scan.nextIndex(k);
  while (k !== undefined && (DETERMINERS.has(scan.word(k) ?? '') || isPersonAdjective(scan.word(k))))
    k = scan.nextIndex(k);
  if (k === undefined) return;
  const last = isCapitalised(scan, k) ? nameEnd(scan, k) : k;
  if ((isCapitalised(scan, k) && continuesSubject(scan.next(last))) || isPersonNoun(scan.word(k) ?? ''))
    scan.flag(i, last, 'resemblance');
}

/** "the kind of face you'd see on a 1950s film star": a face likened to a star's, in a few words. */
export function detectStarFace(scan: Scan, i: number, w: string): void {
  if (!/^(face|features|looks)$/.test(w)) return;
  let linked = false;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 8; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/^(of|on|like)$/.test(word)) linked = true;
    else if (isOwnerThing(word))
      return; // "the face of the clock"
    else if (linked && isCelebrity(word)) {
      scan.flag(scan.modifiersBefore(i, 2), j, 'resemblance');
      return;
    }
  }
}

/** "a <name> look, with the brows and the braids": a named look spelled out in body parts. */
function lookWithFeatures(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause;
  return scan.tokens.some((t, k) => k > i && t.clause === clause && t.isWord && BODY_FEATURES.has(t.lower));
}

/** "the face of a young <name>", "give her a young <name> look". */
export function detectLookOfName(scan: Scan, i: number, w: string): void {
  const give = /^(give|gives|giving|gave)$/.test(w) && /^(him|her|them|me)$/.test(scan.next(i) ?? '');
  // "the face of a young <name>", "she's the very image of <name>"
  const image = scan.previous(i) === 'image' && /^(the|very|living|spitting)$/.test(scan.previous(i, 2) ?? '');
  const of = w === 'of' && (LOOK_NOUNS.has(scan.previous(i) ?? '') || image);
  // "Picture a young <name>, leaning on the car"
  const imagine = /^(picture|imagine|think|channel|channelling|channeling)$/.test(w);
  // "Basically turn me into Keanu", "Morph me into Elvis": the person made into someone named.
  const into =
    /^(turn|turns|turned|morph|morphs|transform|transforms)$/.test(w) &&
    /^(me|him|her|them)$/.test(scan.next(i) ?? '') &&
    scan.next(i, 2) === 'into';
  if (into) {
    const name = scan.nextIndex(i + 2);
    if (name !== undefined && isCapitalised(scan, name) && !PERSON_ADJECTIVES.has(scan.word(name) ?? '')) {
      const last = nameEnd(scan, name);
      // ... not "turn them into Pixar characters" or "into Lego" (a style or a material).
      const after = scan.next(last);
      const style = STYLE_NAMES.has(scan.word(name) ?? '') || !continuesSubject(after);
      if (!style && !isOwnerThing(after ?? '') && !STYLE_REFERENCE_NOUNS.has(after ?? ''))
        scan.flag(i, last, 'resemblance');
    }
    return;
  }
  if (!give && !of && !imagine) return;
  let k = scan.nextIndex(give ? i + 1 : i);
  while (
    k !== undefined &&
    (DETERMINERS.has(scan.word(k) ?? '') ||
      isPersonAdjective(scan.word(k)) ||
      /^(classic|famous)$/.test(scan.word(k) ?? ''))
  )
    k = scan.nextIndex(k);
  // "a wax figure of <name>", "a framed photo of the face of <name>": a made likeness, not the person's.
  if (k === undefined || (of && isDepicted(scan, k))) return;
  // "the face of a silent-film star"
  const star = of && !image ? [k, k + 1, k + 2].find((j) => isCelebrity(scan.word(j) ?? '')) : undefined;
  if (star !== undefined && scan.tokens[star]?.clause === scan.tokens[i]?.clause) {
    scan.flag(i - 1, star, 'resemblance');
    return;
  }
  if (!isCapitalised(scan, k) || PERSON_ADJECTIVES.has(scan.word(k) ?? '')) return;
  const last = nameEnd(scan, k);
  if (give && !LOOK_NOUNS.has(scan.next(last) ?? '') && scan.next(last) !== 'vibe') return;
  // A name, not a place or a brand: two words or more, then nothing that makes it a thing's name.
  if (imagine && (last === k || !continuesSubject(scan.next(last)) || STYLE_REFERENCE_NOUNS.has(scan.next(last) ?? '')))
    return;
  if (of && isOwnerThing(scan.next(last) ?? '')) return;
  scan.flag(of ? i - 1 : i, give ? last + 1 : last, 'resemblance');
}

/**
 * A body or face asked for as someone else's: "Give me the body of a marathon runner", "give him the
 * physique of a Greek statue", "me with the legs of a dancer", "the body of someone who runs marathons".
 * Not "the face of a clock", "a poster with the face of a boxer" (a picture), "the hands of the potter".
 */
export function detectBorrowedLook(scan: Scan, i: number, w: string): void {
  if (w !== 'of' || scan.previous(i, 2) !== 'the') return;
  const part = scan.previous(i) ?? '';
  // ... not "the look of a professor": a look may be the clothes.
  if ((!LOOK_NOUNS.has(part) && !BODY_FEATURES.has(part)) || part === 'look') return;
  // Whose it is to be: "give me the", "me with the", "I want the".
  const the = i - 2;
  const lead = scan.previous(the) ?? '';
  const owner = scan.previous(the, 2) ?? '';
  const given = /^(me|him|her|them)$/.test(lead) && /^(give|gives|giving|gave)$/.test(owner);
  const withIt = lead === 'with' && /^(me|i|i'm|him|her|them)$/.test(owner);
  const wanted = /^(want|wants|need|needs|have|get)$/.test(lead) && /^(i|she|he|they|me)$/.test(owner);
  if (!given && !withIt && !wanted) return;
  let k = scan.nextIndex(i);
  if (k !== undefined && /^(someone|somebody)$/.test(scan.word(k) ?? '')) {
    scan.flag(the - 2, k, 'resemblance');
    return;
  }
  if (k === undefined || !/^(a|an)$/.test(scan.word(k) ?? '')) return;
  for (let n = 0; n < 4; n++) {
    k = scan.nextIndex(k);
    const word = scan.word(k ?? -1) ?? '';
    if (k === undefined || !word || scan.tokens[k]?.clause !== scan.tokens[i]?.clause) return;
    if (isPersonNoun(word) || LIKENESS_FIGURES.has(word)) {
      if (isOwnerThing(scan.next(k) ?? '')) return;
      scan.flag(the - 2, k, 'resemblance');
      return;
    }
  }
}

/**
 * "Like a younger <full name>, reading a script": a fragment that opens with a likeness to a named
 * person. Not "Like a Wes Anderson set" (a style) or "Like a New York loft" (a thing named after a place).
 */
export function detectOpeningLikeness(scan: Scan, i: number, w: string): void {
  if (w !== 'like') return;
  const before = scan.tokens[i - 1];
  if (before && before.clause === scan.tokens[i]?.clause && before.text !== ',') return;
  let k = scan.nextIndex(i);
  let qualified = false;
  while (k !== undefined && (DETERMINERS.has(scan.word(k) ?? '') || isPersonAdjective(scan.word(k)))) {
    qualified = true;
    k = scan.nextIndex(k);
  }
  if (k === undefined || !qualified || !isCapitalised(scan, k)) return;
  const last = nameEnd(scan, k);
  const after = scan.next(last);
  if (last === k || (after !== undefined && (STYLE_REFERENCE_NOUNS.has(after) || !continuesSubject(after)))) return;
  scan.flag(i, last, 'resemblance');
}

/** A word that names a person, also inside a compound ("sea-captain", "sweet-grandma-from-an-advert"). */
function namesPerson(word: string): boolean {
  return word.split('-').some((part) => isPersonNoun(part) || ALWAYS_PERSON.get(part) === 'age');
}

/**
 * A stock figure the person is to look like: "the grizzled sea-captain type", "a Viking warrior type,
 * huge and fair", "a Ryan Gosling vibe, brooding", "the stereotypical librarian look", "me as the
 * stereotypical tech bro". Not "the type of light", "a Wes Anderson vibe, pastel walls" (a style) or
 * "a lumberjack look: flannel and boots" (clothes).
 */
export function detectStockType(scan: Scan, i: number, w: string): void {
  if (STEREOTYPE_MODIFIERS.has(w)) {
    const noun = scan.wordsAfter(i, 3).find((j) => namesPerson(scan.word(j) ?? ''));
    if (noun !== undefined) scan.flag(i, noun, 'resemblance');
    return;
  }
  if (!STOCK_TYPE_NOUNS.has(w) || scan.next(i) === 'of') return;
  const head = scan.previousIndex(i);
  if (head === undefined) return;
  const headWord = scan.word(head) ?? '';
  if (/^(i|we|you|they|he|she)$/.test(headWord)) return; // "while I type": a verb
  const after = scan.wordsAfter(i, 2).map((j) => scan.word(j));
  // What follows says more about the person: a pose, a place, a build ("huge and fair"), or "in the face".
  const goesOn = after.length === 0 || continuesSubject(after[0]) || isPersonAdjective(after[0]);
  const clause = scan.tokens[i]?.clause;
  const near = [...scan.clauseBefore(head).slice(0, 4), ...scan.wordsAfter(i, 4)].map((j) => scan.word(j) ?? '');
  const aboutAThing = near.some((word) => THING_SUBJECTS.has(word) || STYLE_REFERENCE_NOUNS.has(word));
  const stereotyped = scan
    .clauseBefore(head)
    .slice(0, 3)
    .some((j) => STEREOTYPE_MODIFIERS.has(scan.word(j) ?? ''));
  // Before "type", an agent noun names a kind of person too ("the lighthouse-keeper type", "a sailor type").
  const agent =
    w === 'type' &&
    /^(the|a|an)$/.test(scan.previous(scan.modifiersBefore(head, 3)) ?? '') &&
    /[a-z]{3}(er|or)$/.test(headWord);
  if ((namesPerson(headWord) || agent) && !isOwnerThing(headWord) && !isThingNoun(scan, head)) {
    // "type" names a kind of person by itself; "look" and "vibe" may be clothes unless stereotyped or spelt out.
    const spelt = after.some((word) => isPersonAdjective(word));
    if ((w === 'type' || stereotyped || spelt) && goesOn) scan.flag(scan.modifiersBefore(head, 3), i, 'resemblance');
    return;
  }
  // "a Ryan Gosling vibe", "kind of a Zendaya vibe in the face"
  if (w !== 'look' && w !== 'type' && isCapitalised(scan, head) && goesOn && !aboutAThing) {
    let first = head;
    while (first > 0 && isCapitalised(scan, first - 1) && scan.tokens[first - 1]?.clause === clause) first -= 1;
    if (/^(a|an|the)$/.test(scan.previous(first) ?? '')) scan.flag(first, i, 'resemblance');
  }
}
