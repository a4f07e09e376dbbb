// Adjectives that describe a person only in a person's context: "a tall man", "she is tall",
// "Tall and slim, in a grey coat", "a youthful look".

import {
  GARMENT_HOMONYMS,
  APPEARANCE_NOUNS,
  BODY_FEATURES,
  BODY_PARTS,
  COPULAS,
  DETERMINERS,
  ETHNIC_LOOK_NOUNS,
  FACE_FEATURES,
  FRAMING_NOUNS,
  INTENSIFIERS,
  PERSON_ADJECTIVES,
  PERSON_ADJECTIVES_AS_NOUNS,
  STYLE_LABEL_ADJECTIVES,
  PERSON_NOUN_OBJECT_NEXT,
  PERSON_SUBJECTS,
  SIZE_WORDS,
  SUBJECT_CONTINUATIONS,
  THING_TOO_ADJECTIVES,
  type AppearanceCategory,
} from '../lexicon.ts';
import {
  adjectiveChainEnd,
  fragmentGoesOn,
  isDepicted,
  isThingNoun,
  isTitleCase,
  opensSubjectless,
  personNounAhead,
} from './context.ts';
import type { Scan } from './scan.ts';
import {
  FUNCTION_WORD,
  HAVING,
  isKnownAdjective,
  isOwnerThing,
  isPersonAdjective,
  isPersonNoun,
  personAdjective,
} from './words.ts';

/**
 * "a youthful look", "freckled shoulders", "a willowy, elegant figure", "her Mediterranean looks":
 * the adjective chain describes a body word after it. Flags it and says so.
 */
function describesBodyAfter(scan: Scan, i: number, w: string, chainEnd: number, category: AppearanceCategory): boolean {
  const after = chainEnd + 1;
  const afterToken = scan.tokens[after];
  const afterWord = afterToken?.clause === scan.tokens[i]?.clause && afterToken?.isWord ? afterToken.lower : undefined;
  const bodyWord =
    !!afterWord && (APPEARANCE_NOUNS.has(afterWord) || BODY_PARTS.has(afterWord) || FACE_FEATURES.has(afterWord));
  // The body word after more adjectives; but "a small, round figure on the shelf" is an ornament.
  const bodyAhead =
    category === 'ethnicity'
      ? undefined
      : personNounAhead(scan, chainEnd, (word) => APPEARANCE_NOUNS.has(word) || BODY_PARTS.has(word));
  const thingShape = SIZE_WORDS.has(w) && /^(figure|body|frame|build)$/.test(scan.word(bodyAhead ?? -1) ?? '');
  // "a heavy teal-and-orange look" is a grade: a look a word or two on must be described by known adjectives.
  const styleLook =
    bodyAhead !== undefined &&
    /^(look|looks|appearance|glow)$/.test(scan.word(bodyAhead) ?? '') &&
    scan.tokens
      .slice(after, bodyAhead)
      .some((t) => t.isWord && t.lower !== 'and' && !isKnownAdjective(t.lower) && !INTENSIFIERS.has(t.lower));
  if (!bodyWord && bodyAhead !== undefined && scan.next(bodyAhead) !== 'of' && !thingShape && !styleLook) {
    scan.flag(i, bodyAhead, category);
    return true;
  }
  // "her Mediterranean looks", "a very Irish look about him": ethnicity as looks.
  const hasLook = afterWord === 'look' && (scan.next(after) === 'about' || scan.anyBefore(i, HAVING, 4));
  const ethnicLooks = category === 'ethnicity' && (ETHNIC_LOOK_NOUNS.has(afterWord ?? '') || hasLook);
  if (
    afterWord &&
    (bodyWord || ethnicLooks) &&
    (category !== 'ethnicity' || ethnicLooks) &&
    !PERSON_NOUN_OBJECT_NEXT.has(scan.next(after) ?? '') &&
    scan.next(after) !== 'of'
  ) {
    scan.flag(i, after, category);
    return true;
  }
  return false;
}

/** Adjectives that describe a person only in a person's context ("a tall man", "she is tall"). */
export function detectPersonAdjective(scan: Scan, i: number, w: string): void {
  const base = w.endsWith('-looking') ? w.slice(0, -'-looking'.length) : w;
  const category = personAdjective(base) ?? (w.endsWith('-looking') && base !== 'good' ? 'face' : undefined);
  if (!category) return;
  if (w.endsWith('-looking')) {
    scan.flag(i, i, category);
    return;
  }
  if (isDepicted(scan, i) || isStyleLabel(scan, i, w)) return;
  // "pints of stout", "a glass of mild": a drink named by the word.
  if (
    scan.previous(i) === 'of' &&
    /^(pint|pints|glass|glasses|bottle|bottles|can|cans|half|jug)$/.test(scan.previous(i, 2) ?? '')
  )
    return;
  // "Standing tall, chest out": a posture, not a height.
  if (
    w === 'tall' &&
    /^(standing|stand|stands|stood|sitting|sit|sits|sat|walking|walk|walks)$/.test(scan.previous(i) ?? '')
  )
    return;
  // "Indigenous Andean features": capitalised like a title, but a people's looks.
  const looks = category === 'ethnicity' ? ethnicLooksAhead(scan, i) : undefined;
  if (looks !== undefined) {
    scan.flag(i, looks, category);
    return;
  }
  if (isTitleCase(scan, i)) return;
  // Only the first adjective of a chain decides; later ones are covered by its span.
  const chainEnd = adjectiveChainEnd(scan, i);
  const after = chainEnd + 1;
  const afterToken = scan.tokens[after];
  const sameClause = afterToken && afterToken.clause === scan.tokens[i]?.clause;
  const afterWord = sameClause && afterToken.isWord ? afterToken.lower : undefined;

  if (describesBodyAfter(scan, i, w, chainEnd, category)) return;
  // "a tall man", "young, tired founder", "a tall, rangy man"
  const noun = personNounAhead(scan, chainEnd);
  if (noun !== undefined && noun > after && !PERSON_NOUN_OBJECT_NEXT.has(scan.next(noun) ?? '')) {
    scan.flag(i, noun, category);
    return;
  }
  // "black joggers", "white trainers": a garment that shares its name with people.
  if (afterWord && GARMENT_HOMONYMS.has(afterWord)) return;
  if (afterWord && isPersonNoun(afterWord) && afterWord !== 'i') {
    if (PERSON_NOUN_OBJECT_NEXT.has(scan.next(after) ?? '')) return; // "young adult fiction"
    scan.flag(i, after, category);
    return;
  }
  // "a blonde in a red coat"
  if (
    PERSON_ADJECTIVES_AS_NOUNS.has(w) &&
    DETERMINERS.has(scan.previous(i) ?? '') &&
    (!afterWord || SUBJECT_CONTINUATIONS.has(afterWord))
  ) {
    scan.flag(i, i, category);
    return;
  }
  if (predicatesPerson(scan, i, chainEnd, category)) return;
  if (opensFragment(scan, i, chainEnd, afterWord)) scan.flag(i, chainEnd, category);
}

/** "Plain: a snowy cabin", "Plain look: a beach at sunset": a style's name before a colon, not the person. */
function isStyleLabel(scan: Scan, i: number, w: string): boolean {
  if (!STYLE_LABEL_ADJECTIVES.has(w)) return false;
  const label = /^(look|version|option|style|take|variant|setup|mode)$/.test(scan.next(i) ?? '') ? i + 1 : i;
  return scan.tokens[label + 1]?.text === ':';
}

/** "Indigenous Andean features", "Nordic looks": the look noun after a run of capitalised peoples' names. */
function ethnicLooksAhead(scan: Scan, i: number): number | undefined {
  let k = i + 1;
  while (k <= i + 2 && scan.tokens[k]?.isWord && /^\p{Lu}/u.test(scan.tokens[k]?.text ?? '')) k += 1;
  const token = scan.tokens[k];
  const noun = token?.isWord && token.clause === scan.tokens[i]?.clause ? token.lower : '';
  const run = k > i + 1;
  // One capitalised word: "Levantine features", "a Latina look" (a word only ever said of people).
  const one =
    /^(features|colouring|coloring|complexion)$/.test(noun) ||
    (noun === 'look' && PERSON_ADJECTIVES_AS_NOUNS.has(scan.word(i) ?? ''));
  const looks = run ? /^(features|looks|colouring|coloring|complexion)$/.test(noun) : one;
  return looks && scan.next(k) !== 'of' ? k : undefined;
}

/** Words that may come before a fragment's adjective: "very", "a bit", "noticeably", "not". */
function isOpener(scan: Scan, k: number): boolean {
  const word = scan.word(k) ?? '';
  if (word === 'a') return /^(bit|little)$/.test(scan.word(k + 1) ?? '');
  return INTENSIFIERS.has(word) || word === 'not' || (/^[a-z]{4,}ly$/.test(word) && !isPersonAdjective(word));
}

/**
 * A fragment that opens with the adjective describes the subject: "Tall and slim, in a grey coat."
 * After a comma too ("a pint in each hand, tall and lanky"), when the adjectives are not ones a thing
 * before the comma could take ("a barn, old and tall").
 */
function opensFragment(scan: Scan, i: number, chainEnd: number, afterWord: string | undefined): boolean {
  let opening = i - 1;
  while (opening >= 0 && scan.tokens[opening]?.isWord && isOpener(scan, opening)) opening -= 1;
  const after = chainEnd + 1;
  if (scan.tokens[after]?.text === '-') return false;
  const clause = scan.tokens[i]?.clause;
  const startsClause = opening < 0 || scan.tokens[opening]?.clause !== clause;
  // "Bald as a coot", "thin like a rake": a simile goes on about the subject.
  // ... and "pale as milk", "pale as skimmed milk": a likeness with no article; not "old as it is".
  const likeness = scan.next(after) ?? '';
  const simile =
    /^(as|like)$/.test(afterWord ?? '') &&
    (/^(a|an|the)$/.test(likeness) ||
      (!!likeness &&
        !FUNCTION_WORD.test(likeness) &&
        !PERSON_SUBJECTS.has(likeness) &&
        !/^(it|ever|usual|always|possible|can|could)$/.test(likeness)));
  let personOnly = false;
  for (let k = i; k <= chainEnd; k++) {
    const word = scan.word(k) ?? '';
    const category = PERSON_ADJECTIVES.get(word);
    if (category && category !== 'ethnicity' && !THING_TOO_ADJECTIVES.has(word)) personOnly = true;
  }
  if (startsClause) {
    // "Tall and slim, in a grey coat" but not "Short, choppy waves": after a comma the subject goes on;
    // with an adjective only people take ("Short and stocky, built like ...") whatever follows.
    const goesOn = scan.tokens[after]?.text !== ',' || fragmentGoesOn(scan, after + 1) || personOnly;
    // "Not quite bald yet, ...": a particle that closes the fragment.
    const closes = /^(yet|already|still)$/.test(afterWord ?? '') && !scan.tokens[after + 1]?.isWord;
    // "Bronzed from head to toe, lounging ...": an adjective only people take, then where it shows.
    const placed = personOnly && /^(from|all|head|top|everywhere)$/.test(afterWord ?? '');
    return goesOn && (!afterWord || SUBJECT_CONTINUATIONS.has(afterWord) || simile || closes || placed);
  }
  if (scan.tokens[opening]?.text !== ',') return false;
  const continues =
    !afterWord ||
    SUBJECT_CONTINUATIONS.has(afterWord) ||
    FUNCTION_WORD.test(afterWord) ||
    /^(like|as|enough|but|yet|even|though|around)$/.test(afterWord) ||
    /ing$/.test(afterWord);
  return personOnly && continues;
}

/** "she is tall", "I'm quite petite", "he looks young": flags it and says so. */
function predicatesPerson(scan: Scan, i: number, chainEnd: number, category: AppearanceCategory): boolean {
  // "the subject is small in the frame": composition, not the body.
  // ("me small in frame on the cliff path": "in frame" with no article too.)
  const framed = [2, 3].some((n) => FRAMING_NOUNS.has(scan.next(chainEnd, n) ?? ''));
  if (scan.next(chainEnd) === 'in' && framed) return false;
  let j = scan.previousIndex(i);
  while (
    j !== undefined &&
    (INTENSIFIERS.has(scan.word(j) ?? '') ||
      /^[a-z]{3,}ly$/.test(scan.word(j) ?? '') ||
      scan.word(j) === 'and' ||
      isPersonAdjective(scan.word(j)))
  ) {
    j = scan.previousIndex(j);
  }
  if (j === undefined) return false;
  const verb = scan.word(j) ?? '';
  // "me short and stocky at about five foot two", "him tall and wiry": the adjectives are said of
  // the pronoun when nothing they could modify follows them ("her short film" is a film).
  const afterChain = scan.next(chainEnd);
  if (/^(me|him|her|them|us)$/.test(verb) && (afterChain === undefined || FUNCTION_WORD.test(afterChain))) {
    scan.flag(j, chainEnd, category);
    return true;
  }
  const subjectWords = scan.clauseBefore(j);
  // "his legs are black with mud", "her hands are white with flour": said of a body part or a thing.
  const said = scan.previous(j) ?? '';
  if (COPULAS.has(verb) && (BODY_FEATURES.has(said) || isOwnerThing(said)) && !isPersonNoun(said)) return false;
  // "she stands small in the middle": how big she is in the frame.
  if (verb === 'stands' && SIZE_WORDS.has(scan.word(i) ?? '')) return false;
  if (
    /^(i'm|she's|he's|they're|you're|we're)$/.test(verb) ||
    (COPULAS.has(verb) && PERSON_SUBJECTS.has(scan.previous(j) ?? '')) ||
    (COPULAS.has(verb) && verb.startsWith('look') && (subjectWords.length === 0 || opensSubjectless(scan, j))) ||
    (COPULAS.has(verb) &&
      subjectWords.some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '')) &&
      !subjectWords.some((k) => isThingNoun(scan, k)))
  ) {
    // "she is tall", "looking younger", "I've ... look skinny now" — unless the adjective
    // modifies a thing that follows ("she is in a black dress" never reaches here).
    const subject = scan.previousIndex(j);
    scan.flag(subject !== undefined && PERSON_SUBJECTS.has(scan.word(subject) ?? '') ? subject : j, chainEnd, category);
    return true;
  }
  return false;
}
