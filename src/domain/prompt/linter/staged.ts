// Words a scene stages rather than says of the person: a costume piece worn over the face, someone's
// quoted words, a feature made of cardboard or wood, a thing the text turns away from, an expression,
// a topic, a likeness, where light falls. owner.ts asks here.

import {
  BARE_FEATURES,
  BODY_FEATURES,
  CLOWNING_WORDS,
  COSTUME_FEATURES,
  COSTUME_WORDS,
  EMOTION_WORDS,
  GENRE_NOUNS,
  LIGHT_WORDS,
  PULLED_LOOKS,
  SPEECH_VERBS,
  THING_MATERIALS,
  TOPIC_NOUNS,
} from '../lexicon.ts';
import type { Scan, Span } from './scan.ts';
import { isOwnerThing, isPersonNoun, POSSESSIVES } from './words.ts';

/**
 * "a fake white beard", "a red clown nose", "stick-on elf ears": a costume piece is worn like a hat,
 * and the words before its feature say so. Not "false eyelashes", which are makeup.
 */
export function isCostume(scan: Scan, span: Span): boolean {
  const feature = [span.last, span.last + 1].find((k) => COSTUME_FEATURES.has(scan.word(k) ?? ''));
  if (feature === undefined) return false;
  const before = scan.clauseBefore(feature).slice(0, 4);
  for (const k of before) {
    const word = scan.word(k) ?? '';
    if (COSTUME_WORDS.has(word)) return true;
    // Over describing words only: "a fake white beard", not "a fake tan and a grey beard".
    if (/^(a|an|the|and|or|his|her|my|their|your|with|wearing)$/.test(word)) return false;
  }
  return false;
}

/**
 * "asking 'Does your person have glasses? A moustache? Red hair?'", "she reads out 'the lady with
 * the long silver plait'": words quoted after a verb of speech are what someone says, not what the
 * picture is to show.
 */
export function isQuotedSpeech(scan: Scan, span: Span): boolean {
  let open: number | undefined;
  for (let k = 0; k < span.first; k++) {
    const token = scan.tokens[k];
    // A word that ends on a quote mark closes ("reads 'Happy Retirement', ...").
    if (token?.isWord && /\p{L}['’]$/u.test(token.text)) open = undefined;
    if (!token || token.isWord || !/^['"“”‘’]$/.test(token.text)) continue;
    // A quote mark after a word (or after a sentence's end) closes; one before a word opens.
    const opening = open === undefined && (scan.tokens[k + 1]?.isWord ?? false);
    open = opening ? k : undefined;
  }
  // A relayed request is the ask itself: 'The relay says: "Make me look more Indian."'
  if (open === undefined || REQUEST_OPENERS.test(scan.word(open + 1) ?? '')) return false;
  // The verb just before the quote, over a comma or a colon and "out" / "aloud".
  let k = open - 1;
  while (k >= 0 && (/^[,:]$/.test(scan.tokens[k]?.text ?? '') || /^(out|aloud)$/.test(scan.word(k) ?? ''))) k--;
  return SPEECH_VERBS.has(scan.word(k) ?? '');
}

const REQUEST_OPENERS =
  /^(make|give|show|turn|add|remove|change|edit|put|keep|let|can|could|would|please|just|i|i'm|i'd|me|my|we)$/;

/** "the little cardboard faces", "wooden hands on the puppet": a feature made of a material no skin is. */
export function isMadeOfThing(scan: Scan, span: Span): boolean {
  // A feature of the body, not an aid ("leaning on a wooden cane" is the person's).
  if (!BODY_FEATURES.has(scan.word(span.last) ?? '')) return false;
  for (let k = span.first; k < span.last; k++) if (THING_MATERIALS.has(scan.word(k) ?? '')) return true;
  return THING_MATERIALS.has(scan.previous(span.first) ?? '');
}

/**
 * "Focus on the chat, not the haircut": a bare noun the text turns away from ("not the", "rather
 * than the", "instead of the") at the end of its clause prescribes nothing.
 */
export function isTurnedAway(scan: Scan, span: Span): boolean {
  if (span.first !== span.last || scan.previous(span.first) !== 'the') return false;
  const lead = [scan.previous(span.first, 2), scan.previous(span.first, 3)].join(' ');
  if (!/^not |^than rather$|^of instead$/.test(lead)) return false;
  const after = scan.tokens[span.last + 1];
  return !after || after.clause !== scan.tokens[span.last]?.clause || /^[,).;:!?]$/.test(after.text);
}

/**
 * "a gilded sarcophagus whose painted face has huge kohl-rimmed eyes", "its carved head has ...":
 * the feature before a "has" (at `has`) is a thing's, so what it has is the thing's too.
 */
export function featureOwnedByThing(scan: Scan, has: number): boolean {
  let k = scan.previousIndex(has);
  for (let n = 0; n < 3 && k !== undefined; n++) {
    const word = scan.word(k) ?? '';
    if (word === 'its') return true;
    if (word === 'whose') return isOwnerThing(scan.previous(k) ?? '');
    k = scan.previousIndex(k);
  }
  return false;
}

/**
 * "a big surprised face", "pulls a big excited face", "a big belly laugh": a feeling the face shows,
 * or a laugh from the belly, is an expression, not the face's or the body's looks.
 */
export function isExpression(scan: Scan, span: Span): boolean {
  const last = scan.word(span.last) ?? '';
  if (/^(face|faces)$/.test(last) && EMOTION_WORDS.has(scan.word(span.last - 1) ?? '')) return true;
  // "tongue out, cross-eyed, goofing for the blooper reel", "going cross-eyed": a face pulled for a laugh.
  const clause = scan.tokens[span.first]?.clause;
  if (
    PULLED_LOOKS.has(last) &&
    (scan.tokens.some((t, k) => t.clause === clause && k !== span.last && CLOWNING_WORDS.has(t.lower)) ||
      /^(going|goes|go|went|gone)$/.test(scan.previous(span.first) ?? ''))
  )
    return true;
  return BODY_FEATURES.has(last) && /^(laugh|laughs|laughter|chuckle)$/.test(scan.next(span.last) ?? '');
}

/**
 * "pulls out a clump of matted hair", "sweeps up a pile of hair": hair counted out as stuff, no one's
 * head of it — unless it is given to someone ("give him a clump of grey hair") or placed on them
 * ("a clump of hair missing at her temple").
 */
export function isHairAsStuff(scan: Scan, span: Span): boolean {
  if (span.category !== 'hair' || scan.previous(span.first) !== 'of') return false;
  if (!/^(clump|clumps|wad|wads|ball|balls|pile|piles|bag|bags|heap|heaps)$/.test(scan.previous(span.first, 2) ?? ''))
    return false;
  const given = scan
    .clauseBefore(span.first)
    .some((k) => /^(give|gives|add|adds|make|makes|with)$/.test(scan.word(k) ?? ''));
  const placed = scan.wordsAfter(span.last, 4).some((k) => /^(his|her|their|my|your)$/.test(scan.word(k) ?? ''));
  return !given && !placed;
}

/** "the causes of acne", "shampoos for colour-treated hair": the body word is what a topic or product is about. */
export function isTopic(scan: Scan, span: Span): boolean {
  // "Tutorial topic: concealer for dark circles.", "... topic: twist-out on 4C hair.": a field naming the topic.
  const clause = scan.tokens[span.first]?.clause ?? 0;
  const colon = scan.tokens.findIndex((t) => t.clause === clause - 1 && t.text === ':');
  const mine = scan.tokens.some((t) => t.clause === clause && /^(me|my|i|i'm)$/.test(t.lower));
  if (colon > 0 && /^(topic|topics|theme)$/.test(scan.word(colon - 1) ?? '') && !mine) return true;
  // "lipstick review", "a Makeup review channel", "'acne myths' episode", "Tattoo convention promo".
  const genre = (scan.word(span.last + 1) ?? '').replace(/'$/, ''); // "'acne myths' episode"
  // (Not a person's verb: "a chunky fisherman hauls the nets".)
  const verb = isPersonNoun(scan.word(span.last) ?? '') && genre.endsWith('s');
  // ... and not a look someone has or wears before it ("me with long braids tutorial thumbnail").
  const article = /^(a|an|the|some)$/.test(scan.previous(span.first) ?? '') ? 1 : 0;
  const worn = /^(with|wearing|has|have|had|got|sporting)$/.test(scan.previous(span.first, 1 + article) ?? '');
  if (GENRE_NOUNS.has(genre) && !verb && !worn && !POSSESSIVES.test(scan.previous(span.first) ?? '')) return true;
  // The span may have taken the topic in with it ("documentary about vitiligo"): start from its last
  // preposition then.
  for (let j = span.last; j > span.first; j--)
    if (/^(of|for|about|on|against)$/.test(scan.word(j) ?? '') && TOPIC_NOUNS.has(scan.word(j - 1) ?? '')) return true;
  let k = scan.previousIndex(span.first);
  while (k !== undefined && /^(a|an|the|some|all|different)$/.test(scan.word(k) ?? '')) k = scan.previousIndex(k);
  if (k === undefined || !/^(of|for|about|on|against|with)$/.test(scan.word(k) ?? '')) return false;
  return scan
    .clauseBefore(k)
    .slice(0, 2)
    .some((j) => TOPIC_NOUNS.has(scan.word(j) ?? ''));
}

/** "moss hanging like grey beards", "branches sweeping the bank like hair": a likeness, no one's feature. */
export function isSimile(scan: Scan, span: Span): boolean {
  // ... but "older, like late fifties" is an age, roughly.
  // ... nor "I'd like grey eyes" (a wish) or "should look like a grizzled mountain man" (a resemblance).
  const wish = /^(i'd|we'd|you'd|they'd|would|i|look|looks|looking|looked|resemble)$/.test(
    scan.previous(span.first, 2) ?? '',
  );
  return span.category !== 'age' && /^(like|unlike)$/.test(scan.previous(span.first) ?? '') && !wish;
}

/** "a kicker grazing the hair", "a key that models the cheekbones": a bare feature where light falls. */
export function isLitOnly(scan: Scan, span: Span): boolean {
  if (span.first !== span.last || !BARE_FEATURES.has(scan.word(span.first) ?? '')) return false;
  const clause = scan.tokens[span.first]?.clause;
  return scan.tokens.some((t) => t.clause === clause && t.isWord && LIGHT_WORDS.has(t.lower));
}
