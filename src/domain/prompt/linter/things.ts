// Whether the words a rule found are a thing's, an animal's or a plant's rather than the person's:
// the noun after them ("a wire-haired terrier"), the owner before them ("the dog's ears", "a chair with
// thin legs"), a feature of a thing ("the eyes of a sleepy cat"). owner.ts asks here.

import {
  ALWAYS_PERSON,
  ANIMAL_NOUNS,
  ANIMAL_POSSESSORS,
  BODY_DESCRIPTORS,
  BODY_FEATURES,
  FEATURE_PART_NOUNS,
  COPULAS,
  DEVICE_CONDITIONS,
  EXPRESSION_NOUNS,
  FIGURE_MATERIALS,
  INTENSIFIERS,
  LIKENESS_THINGS,
  LOOK_NOUNS,
  NUMBER_WORDS,
  OBJECT_PARTS,
  PERSON_SUBJECTS,
  PLANT_NOUNS,
  POSSESSIVE_BODY_IDIOMS,
  SIZE_WORDS,
  SUBJECT_CONTINUATIONS,
  VERB_LIKE_NOUNS,
  CONTAINER_NOUNS,
  MEAT_WORDS,
} from '../lexicon.ts';
import { ownerAfterOf, placeAfter } from './context.ts';
import { featureOwnedByThing } from './staged.ts';
import type { Scan, Span } from './scan.ts';
import {
  FUNCTION_WORD,
  OBJECT_AFTER_VERB,
  isOwnerThing,
  isPersonAdjective,
  isPersonColour,
  isPersonNoun,
  POSSESSIVES,
  thingTakes,
  isBodyWord,
} from './words.ts';

/** "the heavy-lidded eyes of a sleepy cat": the feature the span describes belongs to an animal or thing. */
export function featureOfAThing(scan: Scan, span: Span): boolean {
  // "he has the heavy-lidded eyes of a sleepy cat": someone has them, like a cat's.
  const had =
    /^(the|a|an)$/.test(scan.previous(span.first) ?? '') &&
    /^(has|have|had|with)$/.test(scan.previous(span.first, 2) ?? '');
  if (had) return false;
  return [span.last, span.last + 1].some((k) => {
    const word = scan.word(k) ?? '';
    return (BODY_FEATURES.has(word) || LOOK_NOUNS.has(word)) && ownerAfterOf(scan, k) === 'thing';
  });
}

/**
 * "a long-necked woman", "a gap-toothed grin", "ruddy-faced from decades outdoors": a body compound
 * is the person's before a person noun, a word for looks, or no noun at all; "a dark-eyed junco"
 * is some animal's.
 */
export function compoundOnPerson(scan: Scan, i: number): boolean {
  if (COPULAS.has(scan.previous(i) ?? '')) return true; // "who is medium-dark-skinned"
  let afterComma = false;
  for (let j = i + 1; j < scan.tokens.length; j++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) return true;
    if (!token.isWord) {
      if (token.text !== ',') return true;
      afterComma = true;
      continue;
    }
    const word = token.lower;
    if (isPersonNoun(word) || LOOK_NOUNS.has(word) || EXPRESSION_NOUNS.has(word)) return true;
    if (FUNCTION_WORD.test(word) || SUBJECT_CONTINUATIONS.has(word) || PERSON_SUBJECTS.has(word)) return true;
    if (/^(like|as)$/.test(word)) return true; // "me round-faced like a cherub"
    const adjective =
      word.includes('-') ||
      INTENSIFIERS.has(word) ||
      isPersonAdjective(word) ||
      BODY_DESCRIPTORS.has(word) ||
      isPersonColour(word);
    if (adjective) continue;
    // After a comma a new phrase may start ("skinned, laughs"); "a distance runner" is a person.
    // "square-jawed Hollywood leading man looks": the person noun or look a few words on.
    const ahead = [j + 1, j + 2, j + 3].map((k) => scan.word(k) ?? '');
    return afterComma || ahead.some((w) => isPersonNoun(w) || LOOK_NOUNS.has(w));
  }
  return true;
}

/** "a wire-haired terrier", "a big-bellied teapot", "pink hair rollers": the noun the span modifies is a thing. */
export function thingAfter(scan: Scan, span: Span): boolean {
  const last = scan.tokens[span.last];
  if (!last) return false;
  // After a noun ("hair rollers") only the next word can make a compound; after an adjective
  // ("one-eyed rescue cat") the head noun may be a word or two further on.
  // "chunky dad sneakers", "a boyfriend blazer": a person noun before a thing names the thing's cut.
  if (isPersonNoun(last.lower)) {
    const next = scan.tokens[span.last + 1];
    // ... but "a tall man ducks through the doorway" is a verb.
    return (
      !!next?.isWord &&
      isOwnerThing(next.lower) &&
      !VERB_LIKE_NOUNS.has(next.lower) &&
      !OBJECT_AFTER_VERB.test(scan.word(span.last + 2) ?? '')
    );
  }
  const adjective = /(ed|ing|ish|y)$/.test(last.lower) && !BODY_FEATURES.has(last.lower) && last.lower !== 'stubble';
  const reach = adjective || isPersonAdjective(last.lower) ? 3 : 1;
  for (let j = span.last + 1, steps = 0; steps < reach; j++, steps++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== last.clause) return false;
    if (!token.isWord) {
      // "wire-haired, scruffy terrier": a compound adjective's comma; not a multi-word noun's
      // ("five o'clock shadow, tie loosened": a new item of the list).
      if (token.text === ',' && last.lower.includes('-') && !ALWAYS_PERSON.has(last.lower)) continue;
      return false;
    }
    if (isPersonNoun(token.lower)) return false;
    // "a tattooed rose": the design, on the skin.
    // ("a tattooed rose up the side of his neck"), unless no body part is named ("a tattooed vase").
    // ... or before it ("her whole back covered in inked peonies").
    if (/^(tattooed|inked)$/.test(last.lower) && isOwnerThing(token.lower))
      return (
        placeAfter(scan, span.last, (part) => BODY_FEATURES.has(part), 12) === undefined &&
        !scan
          .clauseBefore(span.first)
          .slice(0, 6)
          .some((k) => BODY_FEATURES.has(scan.word(k) ?? ''))
      );
    // "a stoma bag", "a prosthetic leg brace": a condition's device is still the condition.
    if (DEVICE_CONDITIONS.has(last.lower) && !ANIMAL_NOUNS.has(token.lower)) return false;
    // "her hair matches the sofa": a verb, not a compound noun; "shoulder blades" is the body's own.
    if (/^(blade|blades|bone|bones)$/.test(token.lower) && isBodyWord(last.lower)) return false;
    // "a strong shoulder line", "soft shoulder pads": a garment's cut.
    if (/^(shoulder|shoulders|waist)$/.test(last.lower) && /^(line|lines|seam|seams|pad|pads)$/.test(token.lower))
      return true;
    // "nose — smaller, narrower bridge": a part of the feature the span names, not a thing.
    if (FEATURE_PART_NOUNS.has(token.lower) && spanNamesFeature(scan, span)) return false;
    if (isOwnerThing(token.lower)) return !OBJECT_AFTER_VERB.test(scan.word(j + 1) ?? '');
    if (FUNCTION_WORD.test(token.lower)) return false;
  }
  return false;
}

function spanNamesFeature(scan: Scan, span: Span): boolean {
  for (let k = span.first; k <= span.last; k++) if (BODY_FEATURES.has(scan.word(k) ?? '')) return true;
  return false;
}

/** "its eyes", "the dog's ears", "a chair with thin legs": the owner before the span is a thing. */
export function thingBefore(scan: Scan, span: Span): boolean {
  // "the cat's green eyes", "the dial's yellowed face": a thing's possessive opens the span.
  const opening = scan.word(span.first) ?? '';
  // "the Tin Man with my whole face painted silver": what the speaker calls theirs is not the thing's.
  if (opening === 'my') return false;
  // "the teddy bear's button eyes": a compound thing's possessive, one word in.
  const second = scan.word(span.first + 1) ?? '';
  if (
    span.first + 1 < span.last &&
    second.endsWith("'s") &&
    thingTakes(second.slice(0, -2), scan.word(span.last) ?? '') &&
    !isPersonNoun(opening)
  )
    return true;
  if (
    span.first < span.last &&
    opening.endsWith("'s") &&
    !POSSESSIVE_BODY_IDIOMS.has(opening) &&
    thingTakes(opening.slice(0, -2), scan.word(span.last) ?? '')
  )
    return true;
  let j: number | undefined = span.first - 1;
  if (scan.tokens[j]?.text !== ',' || scan.tokens[j]?.clause !== scan.tokens[span.first]?.clause)
    j = scan.previousIndex(span.first);
  // "a wine bottle with a long slender neck": articles, numbers and descriptors before the span.
  while (
    j !== undefined &&
    (/^(a|an|the|some|few|\d+)$/.test(scan.word(j) ?? '') ||
      NUMBER_WORDS.has(scan.word(j) ?? '') ||
      BODY_DESCRIPTORS.has(scan.word(j) ?? '') ||
      SIZE_WORDS.has(scan.word(j) ?? ''))
  )
    j = scan.previousIndex(j);
  const owner = j === undefined ? '' : scan.tokens[j]?.isWord ? (scan.word(j) ?? '') : (scan.tokens[j]?.text ?? '');
  if (owner === 'its') return true;
  // "the bees with their big compound eyes": a plural's own, after its "with".
  if (owner === 'their' && scan.previous(j ?? -1) === 'with') j = scan.previousIndex(j ?? -1);
  // "a bald cypress whose knobby knees", "an oak whose gnarled arms": whose, the noun before says.
  if (owner === 'whose') return isOwnerThing(scan.previous(j ?? -1) ?? '');
  // "the front tyre, which is nearly bald": what "which" stands for, over its comma.
  if (owner === 'which' && j !== undefined) {
    const noun = scan.tokens[j - 1]?.text === ',' ? scan.word(j - 2) : scan.word(j - 1);
    if (isOwnerThing(noun ?? '')) return true;
  }
  const part = scan.word(span.last) ?? '';
  const figure = (k: number) => isPersonNoun(scan.word(k) ?? '') && FIGURE_MATERIALS.has(scan.previous(k) ?? '');
  // "a face jug with bulging eyes", "a head vase": a thing made as a face takes any feature.
  const faceThing = (k: number) => /^(face|head)$/.test(scan.previous(k) ?? '') && isOwnerThing(scan.word(k) ?? '');
  // ... and "a training mannequin head with long blonde hair": the head of such a thing.
  const thingsHead = (k: number) =>
    /^(head|heads|face|bust)$/.test(scan.word(k) ?? '') && isOwnerThing(scan.previous(k) ?? '');
  const takes = (noun: string, k = -1) => figure(k) || faceThing(k) || thingsHead(k) || thingTakes(noun, part);
  if (owner.endsWith("'s")) return takes(owner.slice(0, -2));
  // "a starfish missing one arm": an animal just before the words.
  if (ANIMAL_NOUNS.has(owner) && j === span.first - 1 && /^(missing|lacking|minus)$/.test(scan.word(span.first) ?? ''))
    return true;
  // "The puppy has big brown eyes", "a mask that has bulging eyes": what has them.
  // "the old apple tree behind her shows a bald patch": over where the thing stands.
  if (/^(has|have|had|shows|showed|bears|sports|develops|developed)$/.test(owner) && j !== undefined) {
    let n = 1;
    while (n < 5 && /^(that|which|behind|beside|near|by|her|him|them|me|us)$/.test(scan.previous(j, n) ?? '')) n += 1;
    const noun = scan.previous(j, n);
    if (noun !== undefined && (ANIMAL_NOUNS.has(noun) || PLANT_NOUNS.has(noun) || LIKENESS_THINGS.has(noun)))
      return true;
    if (noun !== undefined && isBodyWord(noun) && featureOwnedByThing(scan, j)) return true;
  }
  // "a teapot with a chipped spout and a wide belly": the "with" of a list of parts.
  if ((owner === 'and' || owner === ',') && j !== undefined) {
    const list = scan.clauseBefore(j).slice(0, 6);
    // "its tiny spines and button nose": the list is the thing's.
    // ... and "the cow's big wet nose and long lashes": an animal's or a thing's.
    const thingOwns = (w: string) =>
      w === 'its' || (/'s$/.test(w) && (isOwnerThing(w.slice(0, -2)) || ANIMAL_POSSESSORS.has(w.slice(0, -2))));
    if (list.slice(0, 4).some((k) => thingOwns(scan.word(k) ?? ''))) return true;
    // ... and "pork cheeks and jowls": a list that opens on an animal's or a meat's part.
    const meat = (k: number) => MEAT_WORDS.has(scan.word(k) ?? '') && isBodyWord(scan.word(k + 1) ?? '');
    if (list.slice(0, 5).some(meat)) return true;
    const withIndex = list.find((k) => scan.word(k) === 'with');
    // ... not "an umbrella with a paperback, fair skin" or "a fence with her left hand, freckled arms".
    const items = list.filter((k) => withIndex !== undefined && k > withIndex).map((k) => scan.word(k) ?? '');
    const notParts = items.some((w) => POSSESSIVES.test(w) || (isOwnerThing(w) && !OBJECT_PARTS.has(w)));
    if (withIndex !== undefined && !notParts) j = withIndex;
  }
  if (scan.word(j ?? -1) !== 'with' || j === undefined) return false;
  // "a hoodie, with blonde hair": after a comma the "with" is the person's.
  const k = j - 1;
  const token = scan.tokens[k];
  // ... not a place the person is in: "me barefoot on the beach with long toes".
  const placeOf =
    /^(the|a)$/.test(scan.previous(k) ?? '') &&
    /^(on|in|at|by|near|under|across)$/.test(scan.previous(k, 2) ?? '') &&
    scan.clauseBefore(k).some((n) => /^(me|i|i'm|him|her|them)$/.test(scan.word(n) ?? ''));
  return !!token?.isWord && token.clause === scan.tokens[j]?.clause && takes(token.lower, k) && !placeOf;
}

/**
 * "shelves of prosthetic hands and feet", "a box of fake teeth": plural parts a container holds are
 * things, with the words that describe them.
 */
export function inContainer(scan: Scan, span: Span): boolean {
  let noun = span.last;
  if (
    !/s$/.test(scan.word(noun) ?? '') &&
    /s$/.test(scan.word(noun + 1) ?? '') &&
    isBodyWord(scan.word(noun + 1) ?? '')
  )
    noun += 1;
  if (!/s$/.test(scan.word(noun) ?? '')) return false;
  const first = Math.min(span.first, scan.modifiersBefore(noun, 3));
  if (scan.previous(first) !== 'of' || !CONTAINER_NOUNS.has(scan.previous(first, 2) ?? '')) return false;
  // ... not a row on someone ("add ... a row of cartilage piercings on her ear").
  const placed = scan.wordsAfter(noun, 3).some((k) => POSSESSIVES.test(scan.word(k) ?? ''));
  const given = scan.clauseBefore(first).some((k) => /^(add|adds|give|gives|put|get)$/.test(scan.word(k) ?? ''));
  return !placed && !given;
}
