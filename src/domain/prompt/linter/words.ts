// Word classes the rules share, decided from a word alone (no context): a person noun, a thing,
// a colour of hair, eyes or skin, a descriptor of a body part, a number that can be an age or a weight.

import {
  ALWAYS_PERSON,
  ANIMAL_NOUNS,
  ANIMAL_POSSESSORS,
  KIN_NOUNS,
  BODY_COMPOUND_ENDINGS,
  BODY_DESCRIPTORS,
  BODY_FEATURES,
  FACE_PLACES,
  BODY_PARTS,
  BODY_MODIFIERS,
  CELEBRITY_NOUNS,
  COLOURED_PARTS,
  DESCRIPTOR_ENDINGS,
  DESCRIPTOR_EXCEPTIONS,
  EVALUATIVE_COMPARATIVES,
  EYE_SHAPE_MODIFIERS,
  FACE_SHAPE_MODIFIERS,
  FEATURE_MODIFIERS,
  FEATURE_ONLY_DESCRIPTORS,
  HAIR_AMBIGUOUS_NOUNS,
  HAIR_STYLE_MODIFIERS,
  HAIR_STYLE_NOUNS,
  INTENSIFIERS,
  LIP_COLOURS,
  OBJECT_NOUNS,
  NOT_PEOPLE_PLURALS,
  PERSON_ADJECTIVES,
  PERSON_COLOURS,
  PERSON_NOUNS,
  PERSON_SUBJECTS,
  PERSON_SUFFIX_EXCEPTIONS,
  PLANT_NOUNS,
  PREDICATE_ONLY_FEATURES,
  SUBJECT_CONTINUATIONS,
  type AppearanceCategory,
  EYED_THINGS,
  GARMENT_HOMONYMS,
  LIKENESS_THINGS,
  OBJECT_PARTS,
  ING_NOUNS,
  BECOMING_VERBS,
} from '../lexicon.ts';

/** After a fragment's comma: more about the subject ("lean", "broad-shouldered", "in running gear"). */
export function describesSubjectNext(word: string | undefined): boolean {
  return (
    !!word &&
    (isPersonAdjective(word) || BODY_DESCRIPTORS.has(word) || SUBJECT_CONTINUATIONS.has(word) || isBodyCompound(word))
  );
}

export function continuesSubject(word: string | undefined): boolean {
  return (
    !word ||
    SUBJECT_CONTINUATIONS.has(word) ||
    FUNCTION_WORD.test(word) ||
    PERSON_SUBJECTS.has(word) ||
    isPersonAdjective(word) ||
    INTENSIFIERS.has(word) ||
    BODY_DESCRIPTORS.has(word) ||
    /ing$/.test(word)
  );
}

/** A colour of hair, eyes or skin, also as part of a compound ("strawberry-blonde"). */
export function isPersonColour(word: string): boolean {
  return (
    PERSON_COLOURS.has(word) ||
    colourComparative(word) ||
    (word.includes('-') &&
      word.split('-').some((part) => PERSON_COLOURS.has(part) && part !== 'light' && part !== 'dark'))
  );
}

/** "bluer", "greener", "redder", "blonder", "greyer": a comparative of a colour of hair, eyes or skin. */
function colourComparative(word: string): boolean {
  if (/^(darker|lighter|paler|fairer)$/.test(word)) return false;
  const base = comparativeBase(word);
  return base !== undefined && PERSON_COLOURS.has(base);
}

/** Adjectives the lexicon knows, so a run of them can be bridged by "and" or a comma. */
export function isKnownAdjective(word: string | undefined): boolean {
  return (
    !!word &&
    (PERSON_COLOURS.has(word) ||
      HAIR_STYLE_MODIFIERS.has(word) ||
      EYE_SHAPE_MODIFIERS.has(word) ||
      FEATURE_MODIFIERS.has(word) ||
      FACE_SHAPE_MODIFIERS.has(word) ||
      BODY_MODIFIERS.has(word) ||
      BODY_DESCRIPTORS.has(word) ||
      isPersonAdjective(word))
  );
}

export function isPersonAdjective(word: string | undefined): boolean {
  return !!word && (personAdjective(word) !== undefined || ALWAYS_PERSON.has(word));
}

/**
 * The category of an adjective that describes a person in a person's context, also with a prefix
 * that only strengthens it ("hyper-masculine", "ultra-thin") or joins peoples ("Anglo-Saxon").
 */
export function personAdjective(word: string): AppearanceCategory | undefined {
  const known = PERSON_ADJECTIVES.get(word);
  if (known) return known;
  const strengthened = /^(hyper|ultra|super|extra|overly|very)-([a-z]+)$/.exec(word);
  if (strengthened) return PERSON_ADJECTIVES.get(strengthened[2] ?? '');
  // "half-Japanese", "part-Irish": a share of a people.
  const share = /^(half|part|quarter)-([a-z]+)$/.exec(word);
  if (share && PERSON_ADJECTIVES.get(share[2] ?? '') === 'ethnicity') return 'ethnicity';
  return /^(anglo|afro|indo|sino|euro|judeo|greco|italo|franco|hispano)-[a-z]{3,}$/.test(word)
    ? 'ethnicity'
    : undefined;
}

/** "he has a very Irish look": a look someone has is theirs. */
export const HAVING = new Set(['has', 'have', 'had', 'having', 'with']);

export const POSSESSIVES = /^(his|her|their|my|your)$/;

/** Whether `word` says what body part `part` looks like. */
export function describesPart(word: string, part: string): boolean {
  if (DESCRIPTOR_EXCEPTIONS.get(word)?.has(part)) return false; // "wide eyes" is an expression
  if (/-side$/.test(word)) return false; // "the shadow-side cheek": where, not what it is like
  const only = FEATURE_ONLY_DESCRIPTORS.get(word);
  if (only) return only.has(part);
  if (BODY_DESCRIPTORS.has(word) || DESCRIPTOR_ENDINGS.test(word) || EVALUATIVE_COMPARATIVES.has(word)) return true;
  // "skinnier arms", "curlier hair": a comparative of a descriptor.
  const base = comparativeBase(word);
  if (base !== undefined && base !== word && BODY_DESCRIPTORS.has(base))
    return !DESCRIPTOR_EXCEPTIONS.get(base)?.has(part);
  // "light" and "dark" are a colour of skin, eyes and hair, not of a chin ("the key light, chin lowered").
  if ((part === 'lips' || part === 'lip') && LIP_COLOURS.has(word)) return true; // "her lips are a deep plum"
  // A colour is a trait of skin, eyes, lips, teeth...; "fingers stained with blue paint" are not blue.
  if (isPersonColour(word)) return COLOURED_PARTS.has(part);
  if (/^(grey|gray|brown|redd|blu|yellow|pink|green|white|black|olive|orang)ish$/.test(word)) return true;
  // "high-arched", "sun-spotted", "dazzling-white": a compound with a descriptor in it.
  return word.includes('-') && word.split('-').some((p) => BODY_DESCRIPTORS.has(p) && !FEATURE_ONLY_DESCRIPTORS.has(p));
}

/** "paler" → "pale", "thinner" → "thin", "curlier" → "curly", "fuller" → "full": a comparative's base, if known. */
export function comparativeBase(word: string): string | undefined {
  if (!/[a-z]er$/.test(word) || word.length < 5) return undefined;
  const stem = word.slice(0, -2);
  const candidates = [stem, word.slice(0, -1), stem.replace(/(.)\1$/, '$1'), stem.replace(/i$/, 'y')];
  return candidates.find((c) => BODY_DESCRIPTORS.has(c) || PERSON_COLOURS.has(c) || PERSON_ADJECTIVES.has(c));
}

/** A number that can be an adult's weight in kilos or pounds: 40 to 400, or in words. */
export function isBodyWeight(word: string): boolean {
  if (/^\d{2,3}$/.test(word)) return Number(word) >= 40 && Number(word) <= 400;
  return /^(forty|fifty|sixty|seventy|eighty|ninety|hundred)(-\w+)?$/.test(word);
}

/** A number that can be an adult's or a child's age: 10 to 110, in digits or words. */
export function isAgeNumber(word: string, least = 10): boolean {
  if (/^\d{1,3}$/.test(word)) return Number(word) >= least && Number(word) <= 110;
  const tens = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?$/.test(word);
  const teens = /^(ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)$/.test(word);
  return tens || (teens && least <= 19);
}

export const HEDGES =
  /^(about|around|roughly|nearly|almost|maybe|perhaps|just|well|only|barely|easily|clearly|way|long|comfortably)$/;

export function isCelebrity(word: string): boolean {
  return CELEBRITY_NOUNS.has(word) || CELEBRITY_NOUNS.has(word.split('-').at(-1) ?? '');
}

export const FUNCTION_WORD =
  /^(a|an|the|and|or|but|nor|with|without|in|on|at|to|for|from|of|by|under|over|into|onto|past|through|across|along|around|behind|beside|near|is|are|was|were|be|been|has|have|had|his|her|their|its|my|your|our|this|that|these|those|who|which|while|as|than|so|very)$/;

export const OBJECT_AFTER_VERB = /^(a|an|the|his|her|their|my|your|its|our|this|that|these|those|up|down|out|off)$/;

/** A noun for a person: the lexicon's, or one made with a person suffix ("fisherman", "florist"). */
export function isPersonNoun(word: string): boolean {
  if (PERSON_NOUNS.has(word) || KIN_NOUNS.has(word)) return true;
  // "blokes", "drivers", "neighbours": the plural of a person noun (not of a pronoun: "i" + s).
  const singular = word.endsWith('s') ? word.slice(0, -1) : '';
  if (singular.length >= 3 && (PERSON_NOUNS.has(singular) || KIN_NOUNS.has(singular)) && !PRONOUNS.test(singular))
    return !NOT_PEOPLE_PLURALS.has(word);
  if (isOwnerThing(word) || PERSON_SUFFIX_EXCEPTIONS.has(word)) return false;
  return (
    /^[a-z]{2,}(man|men|woman|women|person|people|boy|boys|girl|girls|ician|icians|ista|istas|ologist|ologists)$/.test(
      word,
    ) ||
    (/^[a-z]{4,}ists?$/.test(word) && !/lists?$/.test(word))
  );
}

export function isOwnerThing(word: string): boolean {
  const base = word.replace(/'s?$/, '');
  return ANIMAL_NOUNS.has(base) || PLANT_NOUNS.has(base) || OBJECT_NOUNS.has(base);
}

export function isBodyCompound(word: string): boolean {
  return /-(haired|headed|eyed|skinned)$/.test(word) || BODY_COMPOUND_ENDINGS.test(word);
}

/** The category of a word that names a part of the body or its hair: "jaw", "ringlets", "figure", "tan", "beard". */
export function bodyWordCategory(word: string): AppearanceCategory | undefined {
  const feature = BODY_FEATURES.get(word);
  if (feature) return feature;
  if (word === 'hair' || word === 'hairs' || HAIR_STYLE_NOUNS.has(word) || HAIR_AMBIGUOUS_NOUNS.has(word))
    return 'hair';
  if (PREDICATE_ONLY_FEATURES.has(word)) return 'build';
  if (/^(tan|tans|tone|colouring|coloring)$/.test(word)) return 'skin';
  const always = ALWAYS_PERSON.get(word);
  return always === 'facial-hair' || always === 'skin' ? always : undefined;
}

const NOT_COMPARATIVE = /^(other|over|under|after|never|ever|rather|whether|either|neither|together|her|per|hair)$/;

/** "darker", "tighter", "more", "fewer": a word that compares. */
export function isComparative(word: string): boolean {
  return /^(more|less|fewer)$/.test(word) || (/^[a-z]{2,}er$/.test(word) && !NOT_COMPARATIVE.test(word));
}

/** Personal pronouns: a word that names a person without describing them. */
export const PRONOUNS = /^(i|me|he|him|she|her|they|them|we|us|you|myself|himself|herself|themselves|yourself|self)$/;

/** Words that say a noun is the person: "our host is a tall woman", "show him as a chef", "turn me into". */
export const TIE_WORDS =
  /^(as|am|is|are|was|were|be|being|become|becomes|play|plays|playing|into|like|make|makes|turn|turns)$/;

/** The speaker's own words: the pictured person when they write as "I". */
export const FIRST_PERSON = /^(i|me|my|mine|myself|i'm|i've|i'd|i'll)$/;

const PLURAL_PEOPLE =
  /^(men|women|people|children|kids|folks|folk|guys|girls|boys|ladies|gentlemen|teenagers|everyone|everybody)$/;
/** A person noun for more than one ("girls", "pilgrims", "students"); not "boss", "actress", "us". */
export const isPlural = (word: string) =>
  !GARMENT_HOMONYMS.has(word) && (PLURAL_PEOPLE.test(word) || (/[^s']s$/.test(word) && isPersonNoun(word)));

/**
 * Whether a thing has this part: an animal, a plant or a thing made in a likeness takes any part
 * ("an oak with gnarled limbs", "a latex mask with bulging eyes"); another thing only the parts things
 * have ("a jug with a wide belly", "a storm with a clear eye").
 */
export function thingTakes(noun: string, part: string): boolean {
  return (
    ANIMAL_NOUNS.has(noun) ||
    ANIMAL_POSSESSORS.has(noun) ||
    (PLANT_NOUNS.has(noun) && !/^eyes?$/.test(part)) ||
    LIKENESS_THINGS.has(noun) ||
    (EYED_THINGS.has(noun) && /^eyes?$/.test(part)) ||
    (OBJECT_NOUNS.has(noun) && OBJECT_PARTS.has(part))
  );
}

/** A verb in -ing for what someone is doing to or with someone else: "coaching", "hugging", "buffing". */
export function isDoing(word: string): boolean {
  return (
    /^[a-z][a-z-]{2,}ing$/.test(word) &&
    !ING_NOUNS.has(word) &&
    !BECOMING_VERBS.has(word) &&
    !/-(looking|seeming|fitting|loving|going)$/.test(word) // "nerdy-looking"
  );
}

/** A part of the body a possessive can name: "a tattoo on his forearm", not "on her doorstep". */
export const isBodyWord = (raw: string) => {
  // (A closing quote the tokenizer leaves on a word: "'... on her collarbone' at a beach bar".)
  const word = /[^s]'$/.test(raw) ? raw.slice(0, -1) : raw;
  return BODY_PARTS.has(word) || FACE_PLACES.has(word) || BODY_FEATURES.has(word) || OBJECT_PARTS.has(word);
};
