// What the words around a token say: someone in a picture, a title, a thing before the verb, the
// person noun an adjective runs to, the owner after "of", the body part a mark sits on, light.

import {
  COMPARATIVE_CATEGORIES,
  KIN_NOUNS,
  BODY_DESCRIPTORS,
  DEPICTION_NOUNS,
  FIGURE_MATERIALS,
  INTENSIFIERS,
  LIGHT_WORDS,
  MADE_IMAGE_MODIFIERS,
  MAYBE_DEPICTION_NOUNS,
  MEDIA_NOUNS,
  MEDIA_VERBS,
  OBJECT_NOUNS,
  PERSON_SUBJECTS,
  PROP_MODIFIERS,
  PICTURE_HANDLING,
  TITLED_WORKS,
  SIZE_WORDS,
  THING_SUBJECTS,
  TONAL_WORDS,
  TRADE_NOUNS,
  TRADE_WORDS,
  FRAME_CROP_NEXT,
  ELSEWHERE_WORDS,
  KEPT_FEATURE_WORDS,
  KEPT_STATES,
  REFERENCE_NOUNS,
  KEEP_EXCEPTIONS,
  KEEP_VERBS,
  WIG_WORDS,
} from '../lexicon.ts';
import type { Scan, Span } from './scan.ts';
import {
  FUNCTION_WORD,
  POSSESSIVES,
  comparativeBase,
  continuesSubject,
  isOwnerThing,
  isKnownAdjective,
  isPersonAdjective,
  isPersonNoun,
  isPlural,
  isBodyWord,
} from './words.ts';

/** After "Thin," : more about the subject ("almost gaunt, in a coat"), or a noun's adjectives ("spindly legs")? */
export function fragmentGoesOn(scan: Scan, from: number): boolean {
  let j = from;
  while (scan.tokens[j]?.isWord && (INTENSIFIERS.has(scan.word(j) ?? '') || BODY_DESCRIPTORS.has(scan.word(j) ?? '')))
    j += 1;
  const token = scan.tokens[j];
  if (j > from && token?.isWord && token.clause === scan.tokens[from]?.clause) return continuesSubject(token.lower);
  return continuesSubject(scan.word(from));
}

/** The person noun a word or two after an adjective ("tall, rangy man"), over other adjectives only. */
export function personNounAhead(
  scan: Scan,
  from: number,
  fits: (word: string) => boolean = isPersonNoun,
): number | undefined {
  let words = 0;
  let comma = false;
  for (let j = from + 1; j < scan.tokens.length && words < 3; j++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[from]?.clause) return undefined;
    if (!token.isWord) {
      // "a worn, wrinkled patina, record player": past a noun, a comma starts the list's next item.
      // ("a lanky beanpole, all legs": a body word there still says what the person is).
      if (token.text === ',' && (words === 0 || fits !== isPersonNoun)) {
        comma = true;
        continue;
      }
      return undefined;
    }
    // "pale ash floors, me on the windowsill": past a comma, a pronoun starts the next item of a
    // list; "a tall, rangy man" still reaches its noun.
    if (comma && words > 0 && /^(me|him|her|them|us|you)$/.test(token.lower)) return undefined;
    if (fits(token.lower) && token.lower !== 'i') return j;
    // "a lanky sixteen-year-old slouches": an age used as a noun for the person.
    if (/-years?-olds?$/.test(token.lower) && !isOwnerThing(scan.word(j + 1) ?? '')) return j;
    if (token.lower === 'and') continue;
    if (FUNCTION_WORD.test(token.lower) || isOwnerThing(token.lower) || PERSON_SUBJECTS.has(token.lower))
      return undefined;
    words += 1;
  }
  return undefined;
}

/**
 * "a photo of a bearded grandfather", "a poster of an old man", "a TV shows a red-haired
 * newsreader": someone depicted, not the person.
 */
export function isDepicted(scan: Scan, i: number): boolean {
  const before = scan.clauseBefore(i).slice(0, 14);
  if (afterMediaColon(scan, i)) return true;
  // "a Toby jug shaped like a ruddy-cheeked old sailor": a thing made in someone's shape.
  const shaped = before.findIndex((k) => /^(shaped|modelled|modeled|moulded|molded)$/.test(scan.word(k) ?? ''));
  if (shaped >= 0 && before.slice(shaped + 1, shaped + 4).some((k) => isOwnerThing(scan.word(k) ?? ''))) return true;
  for (let n = 0; n < before.length; n++) {
    // "a poster of ...", "a magazine cover with ..."
    // ... but "painting a mural with his left hand": a hand after "with" is the painter's own.
    const link = before[n] ?? -1;
    const own = (scan.word(link) === 'with' && withOwnHand(scan, link)) || shotOfMe(scan, link, before[n + 1]);
    if (/^(of|with)$/.test(scan.word(link) ?? '') && !own && depictionBefore(scan, i, before[n + 1])) return true;
  }
  // "a magazine on the table shows ...", "a TV in the background playing ..."
  const verb = before.findIndex((k) => MEDIA_VERBS.has(scan.word(k) ?? ''));
  if (verb >= 0 && before.slice(verb + 1).some((k) => MEDIA_NOUNS.has(scan.word(k) ?? ''))) return true;
  // "the magazine has a tanned surfer on its cover", "a box of hair dye with a smiling model on the front"
  const media = before.some(
    (k) =>
      (MEDIA_NOUNS.has(scan.word(k) ?? '') && !MAYBE_DEPICTION_NOUNS.has(scan.word(k) ?? '')) ||
      OBJECT_NOUNS.has(scan.word(k) ?? ''),
  );
  const clause = scan.tokens[i]?.clause;
  const onCover = scan.tokens.some(
    (t, k) =>
      k > i &&
      t.clause === clause &&
      /^(cover|front|page|screen|label|box|lid|packet|packaging|wrapper|sleeve)$/.test(t.lower) &&
      /^(its|the)$/.test(scan.word(k - 1) ?? '') &&
      scan.word(k - 2) === 'on',
  );
  return media && onCover;
}

/** "aerial shot of me with long grey hair", "a selfie of me ...": the shot is the look itself, no picture in it. */
function shotOfMe(scan: Scan, link: number, depiction: number | undefined): boolean {
  const noun = scan.word(depiction ?? -1) ?? '';
  return (
    scan.word(link) === 'of' &&
    /^(me|us|myself)$/.test(scan.word(link + 1) ?? '') &&
    /^(shot|shots|close-up|closeup|view|angle|frame|footage|clip|video|take|selfie|selfies|photo)$/.test(noun)
  );
}

/** "with his left hand", "with her bare hands": what follows "with" is someone's hand at work. */
function withOwnHand(scan: Scan, link: number): boolean {
  if (!POSSESSIVES.test(scan.word(link + 1) ?? '')) return false;
  let k = link + 2;
  if (/^(left|right|bare|own|free|other)$/.test(scan.word(k) ?? '')) k += 1;
  return /^(hand|hands|finger|fingers|thumb|palm|palms)$/.test(scan.word(k) ?? '');
}

/** "The billboard across the road: a giant face of a freckled child": what a picture shows, after a colon. */
function afterMediaColon(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause ?? 0;
  const colon = scan.tokens.findIndex((t) => t.clause === clause - 1 && t.text === ':');
  if (colon < 0) return false;
  // "Sleep video set: ..., me with oily shiny skin": the video being made, with the person in it.
  const made = scan.tokens.some((t) => t.clause === clause - 1 && /^(video|videos|ad|advert|film|show)$/.test(t.lower));
  // ... and "Chair yoga video: our teacher Bernard ... from his own wheelchair": the video's own presenter.
  // ... or whom the heading's scene opens on ("Mum", "Dave"), when the words are placed on their body
  // ("Bakery video: Mum kneading dough with a small anchor tattoo on her forearm").
  const first = scan.tokens[colon + 1];
  const onBody = scan
    .wordsAfter(i, 6)
    .some(
      (k, n, after) => /^(his|her|their)$/.test(scan.word(k) ?? '') && isBodyWord(scan.word(after[n + 1] ?? -1) ?? ''),
    );
  const opensOn =
    onBody &&
    !!first?.isWord &&
    (KIN_NOUNS.has(first.lower.replace(/'s$/, '')) || (/^\p{Lu}/u.test(first.text) && !isOwnerThing(first.lower)));
  const ours =
    opensOn ||
    scan
      .clauseBefore(i)
      .some((k) => scan.word(k) === 'our' && isPersonNoun(scan.word(k + 1) ?? '') && !isPlural(scan.word(k + 1) ?? ''));
  if (made && (scan.sinceComma(i).some((k) => /^(me|i|i'm)$/.test(scan.word(k) ?? '')) || ours)) return false;
  // "Community theatre poster: me as the Tin Man with my whole face painted silver": a picture of the
  // speaker is their look (not a wig's, nor someone else's words in it).
  const wig = scan.tokens.some((t) => t.clause === clause - 1 && WIG_WORDS.has(t.lower));
  const mine = scan.sinceComma(i).some((k) => /^(me|i|i'm|my)$/.test(scan.word(k) ?? ''));
  if (!wig && /^(me|i|i'm)$/.test(scan.word(colon + 1) ?? '') && mine) return false;
  // ... and "wig on a stand: long black waves", "Three wigs line the shelf: a platinum bob, ...": a wig's.
  return scan.tokens.some(
    (t) =>
      t.clause === clause - 1 &&
      (DEPICTION_NOUNS.has(t.lower) ||
        WIG_WORDS.has(t.lower) ||
        (MEDIA_NOUNS.has(t.lower) && !MAYBE_DEPICTION_NOUNS.has(t.lower))),
  );
}

/** Whether the noun before "of" at `depiction` makes an image of someone ("a framed photo of"). */
function depictionBefore(scan: Scan, i: number, depiction: number | undefined): boolean {
  const noun = depiction === undefined ? '' : (scan.word(depiction) ?? '');
  // "show him with ...": a pronoun or a small word is no picture.
  if (depiction === undefined || !noun || PERSON_SUBJECTS.has(noun) || FUNCTION_WORD.test(noun)) return false;
  // "a good stone lighter with a flatter stomach": a comparative, not a (stone) thing.
  if (comparativeBase(noun) !== undefined) return false;
  if (DEPICTION_NOUNS.has(noun) || (MEDIA_NOUNS.has(noun) && !MAYBE_DEPICTION_NOUNS.has(noun))) return true;
  // "Show Priya with her hair cut ...": a name is someone, not a picture.
  if (/^\p{Lu}/u.test(scan.tokens[depiction]?.text ?? '') && !MAYBE_DEPICTION_NOUNS.has(noun)) return false;
  // Up to its owner: "Cover my back with ..." asks for ink; "cover" is no picture here.
  const modifiers: string[] = [];
  for (let n = 1; n <= 3; n++) {
    const m = scan.previous(depiction, n) ?? '';
    if (/^(my|his|her|their|your|our)$/.test(m) || /'s$/.test(m)) break;
    modifiers.push(m);
  }
  // "framed flash sheets of", "a photo booth strip of"
  const made = (m: string) =>
    MADE_IMAGE_MODIFIERS.has(m) ||
    /.-(style|esque|inspired)$/.test(m) || // "a Modigliani-style portrait of"
    FIGURE_MATERIALS.has(m) ||
    MAYBE_DEPICTION_NOUNS.has(m) ||
    DEPICTION_NOUNS.has(m) ||
    (MEDIA_NOUNS.has(m) && m !== 'show'); // "a calendar photo of"; "Show a thick mat of" asks
  if (modifiers.some(made)) return true;
  if (!MAYBE_DEPICTION_NOUNS.has(noun)) return false;
  // A photo is a prop when it is framed, pinned, old..., when there are several ("headshots of actors":
  // the look is one picture), or when it sits somewhere in the set.
  if (modifiers.some((m) => PROP_MODIFIERS.has(m)) || /s$/.test(noun)) return true;
  // "she pauses before a large portrait of ...", "finishing a portrait of ...": over its article
  // and a describing word or two.
  let lead = scan.previousIndex(depiction);
  for (let n = 0; n < 4 && lead !== undefined; n++) {
    const word = scan.word(lead) ?? '';
    if (!/^(a|an|the|this|that|her|his|my|their)$/.test(word) && !SIZE_WORDS.has(word) && !isKnownAdjective(word))
      break;
    lead = scan.previousIndex(lead);
  }
  if (lead !== undefined && PICTURE_HANDLING.has(scan.word(lead) ?? '')) return true;
  return propPlaced(scan, i);
}

/** "on the wall", "above the sofa", "pinned", "lining the corridor": a picture placed in the set. */
function propPlaced(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause;
  return scan.tokens.some((t, k) => {
    if (t.clause !== clause || !t.isWord) return false;
    if (/^(hanging|hangs|pinned|taped|propped|stands|sits|lining|lines)$/.test(t.lower)) return true;
    if (!/^(on|above|behind|over|along)$/.test(t.lower) || !PLACE_DETERMINERS.test(scan.word(k + 1) ?? ''))
      return false;
    return [k + 2, k + 3].some((j) => scan.tokens[j]?.clause === clause && isSetPlace(scan.word(j) ?? ''));
  });
}

const PLACE_DETERMINERS = /^(the|a|his|her|their|my)$/;

function isSetPlace(word: string): boolean {
  return OBJECT_NOUNS.has(word) || /^(wall|walls|mantel|mantelpiece|corkboard|windowsill|fireplace)$/.test(word);
}

/** A capitalised word followed by another mid-sentence ("Old Man River", "Blonde Redhead"): a title or a name. */
export function isTitleCase(scan: Scan, i: number): boolean {
  const token = scan.tokens[i];
  const next = scan.tokens[i + 1];
  const previous = scan.tokens[i - 1];
  const startsSentence = !previous || previous.clause !== token?.clause || (!previous.isWord && previous.text !== ',');
  return (
    !!token && !!next && next.isWord && !startsSentence && /^\p{Lu}/u.test(token.text) && /^\p{Lu}/u.test(next.text)
  );
}

/** A word before the verb that names a thing rather than the person ("the room looks ..."). */
export function isThingNoun(scan: Scan, k: number): boolean {
  return THING_SUBJECTS.has(scan.word(k) ?? '');
}

/** Index of the last token of a run of appearance adjectives starting at i ("tall, slim"). */
export function adjectiveChainEnd(scan: Scan, i: number): number {
  let end = i;
  let j = i + 1;
  while (j < scan.tokens.length) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) break;
    if (!token.isWord && token.text === ',') {
      j += 1;
      continue;
    }
    if (token.isWord && (token.lower === 'and' || INTENSIFIERS.has(token.lower))) {
      j += 1;
      continue;
    }
    if (token.isWord && isPersonAdjective(token.lower)) {
      end = j;
      j += 1;
      continue;
    }
    break;
  }
  return end;
}

/** Whose a feature "of" something is: "the legs of a model" (a person's), "of the table" (a thing's). */
export function ownerAfterOf(scan: Scan, i: number): 'person' | 'thing' | undefined {
  if (scan.next(i) !== 'of') return undefined;
  let k = scan.nextIndex(scan.nextIndex(i) ?? -1);
  for (let n = 0; k !== undefined && n < 4; n++, k = scan.nextIndex(k)) {
    const word = scan.word(k) ?? '';
    if (isOwnerThing(word)) return 'thing';
    if (isPersonNoun(word) && !/^(i|he|she|they|it)$/.test(word)) return 'person';
    if (/^(his|her|their|my|your|hers|theirs|mine|yours)$/.test(word)) return 'person';
  }
  return undefined;
}

const LOCATION_WORDS =
  /^(on|across|over|along|under|beneath|above|below|around|round|between|through|at|near|beside|down|up|of|in|into|from|inside|behind)$/;

/** Index of the body part a mark sits on ("a scar through his right eyebrow"), if it names one. */
export function placeAfter(scan: Scan, i: number, fits: (part: string) => boolean, reach = 9): number | undefined {
  let located = false;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < reach; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    // "a scar that splits his left eyebrow": a relative clause right after the mark still says where it is.
    if (/^(that|which)$/.test(word) && j === i + 1) continue;
    if (/^(she|he|they|i|we|while|as|when|who|which|but|that)$/.test(word)) return undefined;
    if (LOCATION_WORDS.test(word) || POSSESSIVES.test(word)) located = true;
    else if (located && fits(word)) return j;
  }
  return undefined;
}

export function inLitClause(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause;
  return scan.tokens.some((t) => t.clause === clause && t.isWord && LIGHT_WORDS.has(t.lower));
}

/** Light named within a few words ("spots of light on her cheek"), not a lamp further down the list. */
export function litNearby(scan: Scan, i: number, reach = 4): boolean {
  const clause = scan.tokens[i]?.clause;
  return scan.tokens
    .slice(Math.max(0, i - reach), i + reach + 1)
    .some((t) => t.clause === clause && t.isWord && LIGHT_WORDS.has(t.lower));
}

export function isCapitalised(scan: Scan, k: number): boolean {
  const token = scan.tokens[k];
  return !!token?.isWord && /^\p{Lu}/u.test(token.text);
}

/** Index of the last word of a run of capitalised words from k ("Meryl Streep"). */
export function nameEnd(scan: Scan, k: number): number {
  let last = k;
  while (isCapitalised(scan, last + 1) && scan.tokens[last + 1]?.clause === scan.tokens[k]?.clause) last += 1;
  return last;
}

/**
 * "Office party, looks Korean", "Cactus garden, looks like <name>": a verb that opens a fragment after
 * a scene has the pictured person for subject. Not after an aside of adjectives between commas ("The
 * kitchen, bright and airy, looks like ..."), where the subject is the noun before the aside.
 */
export function opensSubjectless(scan: Scan, j: number): boolean {
  const comma = scan.tokens[j - 1];
  if (comma?.text !== ',' || comma.clause !== scan.tokens[j]?.clause) return false;
  let k = j - 2;
  while (k >= 0 && scan.tokens[k]?.isWord && scan.tokens[k]?.clause === comma.clause) k -= 1;
  const enclosed = scan.tokens[k]?.text === ',' && scan.tokens[k]?.clause === comma.clause;
  const last = scan.tokens[j - 2];
  const adjective =
    !!last?.isWord && (isKnownAdjective(last.lower) || /.(y|ed|ful|ous|ive|ish|less|al)$/.test(last.lower));
  return !!last?.isWord && !(enclosed && adjective);
}

/**
 * "Makeup brand launch", "hair and makeup by Lena Park", "Makeup artist: Kaya", "piercing aftercare",
 * "a prosthetics workshop": a body or beauty word naming a trade, a product line or a crew credit.
 */
export function isTrade(scan: Scan, span: Span): boolean {
  if (span.last - span.first > 1 || !TRADE_WORDS.has(scan.word(span.last) ?? '')) return false;
  let k = span.last + 1;
  // "hair & makeup team", "makeup and prosthetics: ...": trades run together.
  while (/^(and|&|\/)$/.test(scan.tokens[k]?.lower ?? '') && TRADE_WORDS.has(scan.tokens[k + 1]?.lower ?? '')) k += 2;
  const next = scan.tokens[k];
  const capitalAfter = (n: number) => /^\p{Lu}/u.test(scan.tokens[n]?.text ?? '');
  if (next?.lower === 'by' && capitalAfter(k + 1)) return true;
  // "Makeup artist: Kaya Thompson", "Hair: Studio Bloom" at the start of a line: a credit.
  if (next?.text === ':' && capitalAfter(k + 1) && scan.tokens[k + 2]?.isWord && capitalAfter(k + 2)) return true;
  return !!next?.isWord && next.lower !== 'and' && next.lower !== '&' && TRADE_NOUNS.has(next.lower);
}

/** "slightly overexposed, creamy highlights": highlights in a sentence of photographic tone. */
export function isTonal(scan: Scan, span: Span): boolean {
  if (!/^(highlights|lowlights)$/.test(scan.word(span.last) ?? '')) return false;
  const clause = scan.tokens[span.first]?.clause;
  return scan.tokens.some((t) => t.clause === clause && t.isWord && TONAL_WORDS.has(t.lower));
}

/** "tight crop just above the eyebrows", "a crop from the chin up": a camera's crop, not a haircut. */
export function isFrameCrop(scan: Scan, span: Span): boolean {
  if (!/^(crop|crops)$/.test(scan.word(span.last) ?? '')) return false;
  const next = scan.tokens[span.last + 1];
  return !!next?.isWord && next.clause === scan.tokens[span.last]?.clause && FRAME_CROP_NEXT.has(next.lower);
}

/** "Bald Head Island", "Old Man of Storr": a run of capitalised words mid-sentence is a name. */
export function isProperName(scan: Scan, span: Span): boolean {
  if (span.category === 'ethnicity') return false;
  if (isTitle(scan, span)) return true;
  const capital = (k: number) => !!scan.tokens[k]?.isWord && /^\p{Lu}/u.test(scan.tokens[k]?.text ?? '');
  for (let k = span.first; k <= span.last; k++) if (scan.tokens[k]?.isWord && !capital(k)) return false;
  const previous = scan.tokens[span.first - 1];
  const startsSentence =
    !previous ||
    previous.clause !== scan.tokens[span.first]?.clause ||
    (!previous.isWord && previous.text !== ',' && !/^['‘"“]$/.test(previous.text));
  if (startsSentence) return capital(span.last + 1) && span.last > span.first;
  return capital(span.last + 1) || capital(span.first - 1) || span.last > span.first; // "a pair of Big Foot snowshoes"
}

/**
 * "pulls out Hair, the original Broadway cast album", "a copy of Freckles and Curls": a capitalised
 * word inside a sentence that names a work — set beside one in commas, or after "a copy of".
 */
function isTitle(scan: Scan, span: Span): boolean {
  const inside = (k: number) =>
    scan.tokens[k]?.isWord &&
    /^\p{Lu}/u.test(scan.tokens[k]?.text ?? '') &&
    scan.tokens[k - 1]?.clause === scan.tokens[k]?.clause;
  let k = span.first;
  while (k <= span.last && !inside(k)) k++;
  if (k > span.last) return false;
  if (/^(copy|copies|issue|edition)$/.test(scan.previous(k, 2) ?? '') && scan.previous(k) === 'of') return true;
  // Past the title's own words ("Freckles and Curls") to its comma, then the work it names.
  let j = k + 1;
  while (scan.tokens[j]?.isWord && (inside(j) || /^(and|of|the|&)$/.test(scan.word(j) ?? ''))) j++;
  if (scan.tokens[j]?.text !== ',') return false;
  return scan.wordsAfter(j, 6).some((n) => TITLED_WORKS.has(scan.word(n) ?? ''));
}

/** "Background extras: an old man feeding ducks, a freckled redhead reading": a label before a colon. */
export function labelledElsewhere(scan: Scan, k: number): boolean {
  const clause = scan.tokens[k]?.clause ?? -1;
  const colon = scan.tokens.findLast((t) => t.clause === clause - 1);
  return colon?.text === ':' && scan.tokens.some((t) => t.clause === clause - 1 && ELSEWHERE_WORDS.has(t.lower));
}

/** "a long torso cut", "a dropped-shoulder fit": a garment's cut; "a grin into the pumpkin": carved. */
export function isCutOrCarved(scan: Scan, span: Span): boolean {
  // ("a slim fit", "a boxy cut"; but not hair "cut straight across my forehead", a style.)
  const styled =
    span.category === 'hair' &&
    scan.word(span.last + 1) === 'cut' &&
    /^(straight|short|blunt|across|to|into|at|above|below|just|close|level|in|with|high|low|very)$/.test(
      scan.word(span.last + 2) ?? '',
    );
  if (/^(cut|fit)$/.test(scan.word(span.last + 1) ?? '') && !styled) return true;
  // ... only when something is cut or drawn into it ("cutting eyes and a grin into the pumpkin").
  const carving = scan
    .clauseBefore(span.first)
    .slice(0, 6)
    .some((k) =>
      /^(carve|carves|carving|carved|cut|cuts|cutting|etch|etching|draw|draws|drawing)$/.test(scan.word(k) ?? ''),
    );
  if (!carving) return false;
  const clause = scan.tokens[span.last]?.clause;
  const ahead = scan.tokens.slice(span.last + 1, span.last + 8);
  const into = ahead.findIndex((t) => t.clause === clause && /^(into|onto)$/.test(t.lower));
  return into >= 0 && isOwnerThing(scan.word(span.last + into + 3) ?? '');
}

/** After "as", what says the features stay as they are ("as they are", "as uploaded", "as in the photo"). */
const KEPT_AS =
  /^(they|it|in|on|per|is|are|before|the|my|his|her|their|your|uploaded|shown|pictured|provided|supplied|attached|given|sent|usual|now|always|ever|seen)$/;

/**
 * "Leave his hair, skin and features untouched", "do not alter her skin tone, age or weight", "same
 * face, same hair": an instruction to keep features as they are names them bare; it describes
 * nothing. "keep her hair long and curly" sets a look: its descriptors are in the span.
 */
export function isKeptAsIs(scan: Scan, span: Span): boolean {
  for (let k = span.first; k <= span.last; k++) {
    const token = scan.tokens[k];
    if (token?.isWord && !KEPT_FEATURE_WORDS.has(token.lower)) return false;
  }
  // What follows the features must not describe them: the clause ends, the list goes on, or they
  // stay as they are ("... exactly as they are", "... as in the photo").
  const clause = scan.tokens[span.first]?.clause;
  const next = scan.tokens[span.last + 1];
  const following = next?.isWord && next.clause === clause ? next.lower : '';
  // ... or "in any way", "at all", "from the photo"; over the rest of a list of features and a
  // field's colon ("hair and face: as in the photo", "my face, skin, or hair from the photo").
  let end = span.last + 1;
  const listed = (t: { lower: string } | undefined) =>
    !!t && (/^[,:]$/.test(t.lower) || KEPT_FEATURE_WORDS.has(t.lower));
  while (end < span.last + 9 && listed(scan.tokens[end])) end += 1;
  const [w1 = '', w2 = '', w3 = ''] = [end, end + 1, end + 2].map((k) => scan.tokens[k]?.lower ?? '');
  // ... or "(just) like the photo she sent".
  const likeIt =
    (w1 === 'like' && /^(the|my|in|on|her|his|their)$/.test(w2)) ||
    (/^(just|exactly|precisely)$/.test(w1) &&
      /^(like|as)$/.test(w2) &&
      /^(the|my|in|on|her|his|their|they|it)$/.test(w3));
  const asThey = (w1 === 'as' && KEPT_AS.test(w2)) || (w1 === 'in' && w2 === 'any') || likeIt;
  // ... which say nothing without a verb that keeps them ("do not touch my face or hair at all").
  const leftAlone =
    (w1 === 'at' && w2 === 'all') ||
    (w1 === 'from' &&
      (REFERENCE_NOUNS.has(w2) || (/^(the|my|his|her|their|your)$/.test(w2) && REFERENCE_NOUNS.has(w3))));
  if (following && !KEPT_STATES.has(following) && !KEPT_FEATURE_WORDS.has(following) && !asThey && !leftAlone)
    return false;
  // ... unless a change follows: "keep my hair as in the photo but blonder", "... but make it greyer".
  const sentence = scan.tokens[span.last]?.clause;
  const changed = scan.tokens.some(
    (t, k) =>
      k > span.last &&
      t.clause === sentence &&
      /^(but|except|only|just)$/.test(t.lower) &&
      scan
        .wordsAfter(k, 4)
        .some(
          (j) => COMPARATIVE_CATEGORIES.has(scan.word(j) ?? '') || comparativeBase(scan.word(j) ?? '') !== undefined,
        ),
  );
  if (changed) return false;
  if (scan.word(span.first) === 'same' || KEPT_STATES.has(following) || asThey) return true;
  for (const k of scan.clauseBefore(span.first)) {
    const word = scan.word(k) ?? '';
    if (KEEP_EXCEPTIONS.has(word)) return false;
    if (KEEP_VERBS.has(word)) return true;
  }
  return scan.tokens.some((t, k) => k > span.last && t.clause === clause && t.isWord && KEPT_STATES.has(t.lower));
}
