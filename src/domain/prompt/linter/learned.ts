// A learned second opinion for the appearance linter: a logistic regression over word unigrams,
// bigrams and word-boundary character n-grams, scored per sentence. The weights are data
// (../appearance-model.json), trained by scripts/train-appearance-model.ts; this file is the only
// logic, shared by training and inference so both read text the same way.

import { ANIMAL_NOUNS, LIKENESS_THINGS, REQUEST_WORDS } from '../lexicon.ts';
import { FIRST_PERSON, isOwnerThing, isPersonNoun, PRONOUNS } from './words.ts';

export interface AppearanceModel {
  /** Feature → weight; features absent here weigh nothing. */
  weights: Record<string, number>;
  bias: number;
  /** A sentence is flagged when its probability exceeds this. */
  threshold: number;
  /** A rule's finding in a sentence scored below this is dropped: the rule read scene text. */
  veto: number;
  /**
   * ... and in a sentence of at least LONG_SENTENCE words, below this: with a whole scene to read,
   * the model's doubt counts for more than a rule that saw a body word beside someone else.
   */
  longVeto?: number;
}

/** The words a sentence needs for the model to read it as a scene, not a fragment ("a bald head under the lamp"). */
export const LONG_SENTENCE = 10;

/**
 * The veto for a rule's finding at `at`: the long veto when its sentence is long enough and has
 * someone or something else the words could be about. "A silver-haired presenter leans on the
 * island, explaining the recipe" has one person, and the rule stands.
 */
export function vetoAt(model: AppearanceModel, text: string, at: number): number {
  const sentence = sentences(text).find((s) => at >= s.start && at < s.end);
  const words = sentence === undefined ? [] : modelWords(sentence.text);
  return words.length >= LONG_SENTENCE && hasOthers(words) ? Math.max(model.veto, model.longVeto ?? 0) : model.veto;
}

/**
 * Whether a sentence names more than one person ("an elderly woman ..., the subject holding the mic",
 * "I'm on my friend's shoulders"), or an animal or a likeness thing (a doll, a mask).
 */
export function hasOthers(words: readonly string[]): boolean {
  const people = new Set<string>();
  for (const [n, word] of words.entries()) {
    const base = word.replace(/'s$/, '');
    // "holding a ship model": a model of a thing is a thing (an animal's counts anyway, as an animal).
    if (/^models?$/.test(base) && isOwnerThing(words[n - 1] ?? '')) continue;
    // Not a plant: a tree or flowers are in many scenes, and seldom what a body word is about.
    if (ANIMAL_NOUNS.has(base) || LIKENESS_THINGS.has(base)) return true;
    if (FIRST_PERSON.test(base) || /^(we|us|our)$/.test(base)) people.add('me');
    else if (isPersonNoun(base) && !PRONOUNS.test(base)) people.add(base);
  }
  return people.size >= 2;
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** The words of a text as the model reads them: NFKC, lowercased, curly apostrophes straight. */
export function modelWords(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'");
  return [...lower.matchAll(WORD)].map((m) => (/^\d+$/.test(m[0]) ? '<n>' : m[0]));
}

/** The distinct features of a text: words, word pairs, and character 3–5-grams of each word. */
export function features(text: string): string[] {
  const words = modelWords(text);
  const out = new Set<string>();
  const padded = ['<s>', ...words, '</s>'];
  for (let i = 0; i < padded.length; i++) {
    const w = padded[i]!;
    // A bare number is read only beside its neighbours ("about <n>", "<n> years"): alone it says
    // nothing ("Take 1"), and ages and heights in the training text taught it to look like one.
    if (i > 0 && i < padded.length - 1 && w !== '<n>') {
      out.add(`w:${w}`);
      for (const part of w.includes('-') ? w.split('-') : []) out.add(`w:${part}`);
      const marked = `<${w}>`;
      for (let n = 3; n <= 5; n++) for (let k = 0; k + n <= marked.length; k++) out.add(`c:${marked.slice(k, k + n)}`);
    }
    if (i + 1 < padded.length) out.add(`b:${w} ${padded[i + 1]}`);
  }
  return [...out];
}

/** Probability that a piece of text describes the person's looks. */
export function probability(model: AppearanceModel, text: string): number {
  const f = features(text);
  if (f.length === 0) return 0;
  let z = 0;
  for (const name of f) z += model.weights[name] ?? 0;
  z = model.bias + z / Math.sqrt(f.length);
  return 1 / (1 + Math.exp(-z));
}

export interface Piece {
  text: string;
  start: number;
  end: number;
}

/** Sentences (ended by . ; ! ? or a line break), with their offsets; a decimal point is no end. */
export function sentences(text: string): Piece[] {
  return pieces(text, /[.;!?]+(?=\s|$)|\n+/g);
}

/** The comma-separated parts of a sentence, the smallest phrase a refusal can name. */
export function clauses(piece: Piece): Piece[] {
  return pieces(piece.text, /,|\s+(?:and|while|but|with)\s+/g).map((p) => ({
    text: p.text,
    start: piece.start + p.start,
    end: piece.start + p.end,
  }));
}

function pieces(text: string, separator: RegExp): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end)))
      out.push({ text: text.slice(start, end), start, end });
  };
  for (const m of text.matchAll(separator)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

/** Words that number a take or a candidate ("take 2", "version 3", "look 1"). */
const LABEL_WORDS = /^(take|takes|version|look|round|attempt|option|candidate|number|scene|shot|variant|draft)$/;

/** The model alone refuses nothing shorter than this many words ("Take 1", "Second look"). */
const MIN_WORDS = 3;
/** ...and only what still reads as the person's looks (above this) with any one word left out. */
const WITHOUT_ANY_WORD = 0.5;

/**
 * Whether the model's reading of a sentence rests on more than one word, and on a word that says
 * what is wanted rather than only asks. A word the training text ties to edits of the person
 * ("take", "version", "look") carries a short label over the threshold on its own; a description
 * keeps reading as one when any single word is dropped.
 */
export function robust(model: AppearanceModel, text: string): boolean {
  const words = modelWords(text);
  if (words.length < MIN_WORDS) return false;
  // A label or a pick is made only of request words and numbers ("Take 1 again", "Look 2 please").
  if (words.every((w) => w === '<n>' || REQUEST_WORDS.has(w))) return false;
  // "sleep science, take 0": a label with its number is no description; what is left must read as one.
  const labelled = (k: number) =>
    (LABEL_WORDS.test(words[k]!) && words[k + 1] === '<n>') ||
    (words[k] === '<n>' && LABEL_WORDS.test(words[k - 1] ?? ''));
  const rest = words.filter((_, k) => !labelled(k));
  if (rest.length < words.length && probability(model, rest.join(' ')) <= model.threshold) return false;
  return words.every((_, k) => probability(model, words.filter((__, j) => j !== k).join(' ')) > WITHOUT_ANY_WORD);
}

/**
 * Whether a finding is a list item of its own, but for a word ("Cosy knit jumper, a bald head, warm
 * lamp"): between commas, with no scene around it, the rules cannot have misread the words, so the
 * model's doubt (it has read "a bald head" said of other people in busy scenes) does not overrule them.
 */
export function isListItem(text: string, start: number, end: number): boolean {
  const sentence = sentences(text).find((s) => start >= s.start && start < s.end);
  if (!sentence) return false;
  const item = pieces(sentence.text, /,/g).find(
    (p) => start >= sentence.start + p.start && start < sentence.start + p.end,
  );
  if (!item || end > sentence.start + item.end) return false;
  const from = sentence.start + item.start;
  const rest = modelWords(text.slice(from, start) + ' ' + text.slice(end, sentence.start + item.end));
  return rest.length <= 1;
}

/**
 * How likely the text around the character at `at` describes the person: the higher of its
 * sentence's probability and its clause's. A long sentence of scene text dilutes one clause that
 * describes the person ("a chipped mug in both hands, puffy bags under both eyes, robe and
 * slippers"), so the clause is read on its own too.
 */
export function probabilityAround(model: AppearanceModel, text: string, at: number): number {
  const sentence = sentences(text).find((s) => at >= s.start && at < s.end);
  if (!sentence) return 1;
  const clause = clauses(sentence).find((c) => at >= c.start && at < c.end);
  return Math.max(probability(model, sentence.text), clause ? probability(model, clause.text) : 0);
}

/**
 * The sentences the model flags, each narrowed to its most likely clause (the phrase a refusal
 * names). A sentence is flagged on its own score: its clauses alone carry less context.
 */
export function flaggedPhrases(model: AppearanceModel, text: string): Piece[] {
  const flagged: Piece[] = [];
  for (const sentence of sentences(text)) {
    if (probability(model, sentence.text) <= model.threshold || !robust(model, sentence.text)) continue;
    const parts = clauses(sentence);
    let best = sentence;
    let bestScore = -1;
    if (parts.length > 1)
      for (const part of parts) {
        const p = probability(model, part.text);
        if (p > bestScore) [best, bestScore] = [part, p];
      }
    flagged.push(best);
  }
  return flagged;
}
