// What a refused text would be without the phrases that describe the person: the phrases cut out,
// the words they leave hanging ("with", "and", "her") and the punctuation tidied, and given back
// only when what is left still reads as a scene. Pure and synchronous, like the linter.

import {
  ANIMAL_NOUNS,
  DANGLING_WORDS,
  LIGHT_WORDS,
  OBJECT_NOUNS,
  PERSON_NOUNS,
  PLANT_NOUNS,
  STOP_WORDS,
  WATER_WORDS,
} from './lexicon.ts';
import { lintAppearance, type AppearanceFinding } from './linter.ts';

/** A mark where a phrase was cut; never in a prompt (it is a control character). */
const GAP = '\u0000';
/** After a cut at a clause's start, words that carry the clause on without a subject. */
const LEADING_WORDS =
  /^(wearing|dressed|in|on|at|by|near|beside|behind|under|against|inside|outside|beneath|across|along|among|framed|lit|shot)$/i;
/** A subject and its verb in one word: "he's <cut> in a tweed jacket" still reads. */
const SUBJECT_VERBS = /^(he's|she's|they're|i'm|we're|you're|it's)$/;
/** A clause that starts a new phrase of its own: a subject, a participle or a preposition. */
const FRESH_START =
  /^(she|he|they|i|we|you|wearing|dressed|in|on|at|by|near|beside|behind|under|against|show|film|shoot|put|place|frame)$/;
const DANGLING = [...DANGLING_WORDS].join('|');
/** Words that lead into a cut phrase ("with", "her", "a", "on") go with it. */
const HANGING_BEFORE = new RegExp(`\\b(?:${DANGLING})\\s*${GAP}`, 'giu');
/** Two cuts joined by "and", "or" or a comma are one cut. */
const JOINED_CUTS = new RegExp(`${GAP}\\s*(?:,|\\band\\b|\\bor\\b|\\bwith\\b)\\s*${GAP}`, 'giu');
/** A list's joining word right after a cut at the start of a clause, before the next item: ", <cut> and a red scarf". */
const JOIN_AFTER = new RegExp(
  `(^|[,;:(]\\s*)${GAP}\\s*(?:and|or|plus)\\b\\s*(?=(?:a|an|the|some|two|three)\\b)`,
  'giu',
);
/** A joining word right after a cut with nothing after it: "<cut> and." */
const HANGING_AFTER = new RegExp(`${GAP}\\s*\\b(?:and|or|with|plus|but)\\b(?=\\s*(?:[,.;:!?)]|$|${GAP}))`, 'giu');

/**
 * `text` without the `findings` (from lintAppearance on the same text), tidied; undefined when
 * what is left no longer reads as a scene (fewer than two words beyond stop-words in it).
 */
export function withoutAppearance(text: string, findings: readonly AppearanceFinding[]): string | undefined {
  let rest = findings.length === 0 ? text.trim() : cut(text, findings);
  // Taking a phrase out can leave a shorter one that still describes the person: take it out too.
  for (let pass = 0; pass < 2; pass++) {
    const again = lintAppearance(rest);
    if (again.length === 0) break;
    rest = cut(rest, again);
  }
  if (lintAppearance(rest).length > 0 || contentWords(rest) < 2) return undefined;
  return rest;
}

/** The text with each finding replaced by a cut, then tidied line by line. */
function cut(text: string, findings: readonly AppearanceFinding[]): string {
  let marked = text;
  for (const finding of [...findings].sort((a, b) => b.start - a.start)) {
    marked = marked.slice(0, finding.start) + GAP + marked.slice(finding.end);
  }
  // Findings never span a line break, so the lines of both texts pair up.
  const original = text.split(/\r?\n/);
  return marked
    .split(/\r?\n/)
    .map((line, n) => tidyLine(line, /^\s*\p{Lu}/u.test(original[n] ?? '')))
    .filter((line) => line.length > 0)
    .join('\n');
}

function tidyLine(line: string, capital: boolean): string {
  let tidied = line.replace(/[ \t]+/g, ' ');
  for (let previous = ''; previous !== tidied;) {
    previous = tidied;
    tidied = tidied
      .replace(new RegExp(`${GAP}(\\s*${GAP})+`, 'g'), GAP)
      .replace(JOINED_CUTS, GAP)
      .replace(HANGING_BEFORE, GAP)
      .replace(JOIN_AFTER, '$1')
      .replace(HANGING_AFTER, GAP);
  }
  tidied = tidyPunctuation(withoutCutSubjects(tidied).replace(new RegExp(`\\s*${GAP}\\s*`, 'g'), ' '));
  // A sentence with nothing left in it goes ("She."); the ones after a full stop keep their capitals.
  const sentences = tidied.split(/(?<=[.!?])\s+/).filter((sentence) => contentWords(sentence) > 0);
  let joined = sentences.map((sentence, n) => (n > 0 ? upperFirst(sentence) : sentence)).join(' ');
  // The line keeps its closing full stop.
  const stop = /[.!?]\s*$/.exec(line)?.[0].trim();
  if (stop && joined && !/[.!?]$/.test(joined)) joined += stop;
  return capital ? upperFirst(joined) : joined;
}

/**
 * Clauses a cut has broken go: "<cut> swings against her back" (its subject cut), "she <cut> from
 * a netball accident", "her neck shows <cut> of age". A clause that goes on with a preposition or
 * a participle ("<cut> in a cafe", "<cut>, leaning on the car") stays.
 */
function withoutCutSubjects(line: string): string {
  const kept: string[] = [];
  let broken = false;
  for (const clause of line.split(/(?<=[,;:.!?])(?=\s)/)) {
    const ends = /[.!?]\s*$/.exec(clause)?.[0].trim();
    // After a broken clause, the rest of its sentence goes too, unless a fresh phrase starts.
    const fresh = isFreshPhrase(clause);
    const verdict: 'keep' | 'empty' | 'broken' =
      broken && !fresh ? 'broken' : !clause.includes(GAP) ? 'keep' : judge(clause);
    if (verdict === 'keep') kept.push(clause);
    else if (ends && kept.length > 0) kept.push(kept.pop()?.replace(/[\s,;:]*$/, ends) ?? '');
    // A clause cut whole at a sentence's start ("<cut>, almost invisible") takes its tail with it.
    const opens = kept.length === 0 || /[.!?]\s*$/.test(kept.at(-1) ?? '');
    broken = (verdict === 'broken' || (verdict === 'empty' && opens)) && !ends;
  }
  return kept.join('');
}

/**
 * A phrase that stands on its own after a comma: it starts with a subject, a preposition, a
 * participle or an article, or ends with a noun of the scene ("grey coat", "a red scarf").
 */
function isFreshPhrase(clause: string): boolean {
  const words = (clause.replace(new RegExp(GAP, 'g'), ' ').match(/\p{L}[\p{L}'’-]*/gu) ?? []).map((w) =>
    w.toLowerCase(),
  );
  const first = words[0] ?? '';
  return (
    FRESH_START.test(first) ||
    LEADING_WORDS.test(first) || // ", shot from behind at sunset"
    /ing$/.test(first) ||
    /^(a|an|the|some|two|three|his|her|their)$/.test(first) ||
    isSceneNoun(words.at(-1) ?? '')
  );
}

/** Whether a clause with a cut keeps a scene, is empty, or is broken (its subject or verb cut). */
function judge(clause: string): 'keep' | 'empty' | 'broken' {
  const plain = clause.replace(new RegExp(GAP, 'g'), ' ');
  if (contentWords(plain) === 0) return 'empty';
  return keepsScene(clause) ? 'keep' : 'broken';
}

/**
 * Where each cut sits decides: at the start of a clause it must be followed by a preposition or a
 * participle ("<cut> in a cafe"); after a word, that word must be a noun of the scene ("a man
 * <cut> lights a cigarette", "warm light <cut>") or "he's" before a preposition ("he's <cut> in a
 * tweed jacket"). Anything else ("he wears <cut> while", "a wide <cut> shows") is broken.
 */
function keepsScene(clause: string): boolean {
  const words = (side: string) => side.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const parts = clause.split(GAP);
  for (let n = 0; n < parts.length - 1; n++) {
    const before = words(parts[n] ?? '')
      .at(-1)
      ?.toLowerCase()
      .replace(/’/g, "'");
    const after = words(parts[n + 1] ?? '')[0]?.toLowerCase();
    const leads = !!after && (LEADING_WORDS.test(after) || /ing$/.test(after));
    if (!before) {
      if (after && !leads) return false;
    } else if (SUBJECT_VERBS.test(before) || (/^(me|him|them|us)$/.test(before) && !given(parts[n] ?? ''))) {
      // ("me <cut> at the basketball court": the person, placed; not "Give me <cut> in the photo",
      // where the cut took what the verb gives.)
      if (!leads) return false;
    } else if (!isSceneNoun(before) || (after && /^(of|to|than|and|or)$/.test(after))) {
      return false;
    }
  }
  return true;
}

/** Whether the words before a cut end in a verb that gives or makes the person something: "Give me". */
function given(side: string): boolean {
  const words = side.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return /^(give|gives|giving|make|makes|turn|turns|render|paint|draw|grant|add)$/i.test(words.at(-2) ?? '');
}

/** A noun the lexicon knows for something in a scene: a thing, a plant, an animal, a light or a person. */
function isSceneNoun(word: string): boolean {
  return (
    OBJECT_NOUNS.has(word) ||
    PLANT_NOUNS.has(word) ||
    ANIMAL_NOUNS.has(word) ||
    LIGHT_WORDS.has(word) ||
    WATER_WORDS.has(word) ||
    (PERSON_NOUNS.has(word) && !STOP_WORDS.has(word))
  );
}

function tidyPunctuation(text: string): string {
  return text
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/\(\s*/g, '(')
    .replace(/\(\)/g, '')
    .replace(/([,;:])(\s*[,;:])+/g, '$1')
    .replace(/[,;:]+\s*([.!?])/g, '$1')
    .replace(/([.!?])(\s*[.!?])+/g, '$1')
    .replace(/([.!?])\s*[,;:]+/g, '$1')
    .replace(/^[\s,;:.!?]+/, '')
    .replace(/[\s,;:]+$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function upperFirst(text: string): string {
  return text.replace(/^(\P{L}*)(\p{Ll})/u, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

/** Words of three letters or more that are not stop-words. */
function contentWords(text: string): number {
  return (text.toLowerCase().match(/\p{L}[\p{L}'’-]{2,}/gu) ?? []).filter(
    (word) => !STOP_WORDS.has(word.replace(/’/g, "'")),
  ).length;
}
