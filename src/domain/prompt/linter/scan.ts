// The text as tokens in clauses, and the scan every rule reads and flags spans on.

import {
  BODY_FEATURES,
  BODY_PARTS,
  COPULAS,
  DETERMINERS,
  MULTI_WORD_TERMS,
  PERSON_SUBJECTS,
  type AppearanceCategory,
} from '../lexicon.ts';
import { isKnownAdjective } from './words.ts';

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  isWord: boolean;
  /** Index of the clause the token belongs to (clauses end at . ; : ! ? and line breaks). */
  clause: number;
}

export interface Span {
  first: number;
  last: number;
  category: AppearanceCategory;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*(?:['’](?=\s|$|[,.;:!?]))?|['’"”]|[^\s\p{L}\p{N}]/gu;

const CLAUSE_BREAK = new Set(['.', ';', ':', '!', '?', '\n']);

const isBodyPart = (word: string) => BODY_FEATURES.has(word) || BODY_PARTS.has(word) || /^(head|chin)$/.test(word);

/** Body parts whose "'s" is read as "is": the features in the lexicon, and hair and beard. */
const contracts = (word: string) =>
  BODY_FEATURES.has(word) || /^(hair|beard|moustache|mustache|fringe|skin)$/.test(word);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  // Line breaks end clauses too, so mark them before the regex drops the white space.
  let withBreaks = text.replace(/\r?\n/g, (m) => '\n'.padEnd(m.length, ' '));
  // Multi-word terms become one hyphenated word of the same length ("Middle-Eastern").
  for (const term of MULTI_WORD_TERMS) withBreaks = withBreaks.replace(term, (m) => m.replace(/ /g, '-'));
  for (const match of withBreaks.matchAll(new RegExp(WORD.source + '|\\n', 'gu'))) {
    const raw = match[0];
    const start = match.index;
    const isWord = /[\p{L}\p{N}]/u.test(raw);
    if (!isWord && CLAUSE_BREAK.has(raw)) {
      // Decimal points and "5'10" are not clause breaks; a full stop followed by a letter is.
      tokens.push({ text: raw, lower: raw, start, end: start + raw.length, isWord, clause });
      clause += 1;
      continue;
    }
    const lower = raw.toLowerCase().replace(/’/g, "'");
    // "my hair's shorter now", "his beard's grey": a body part's "'s" is "is" — read it as two words.
    const contracted = /^(.+)'s$/.exec(lower);
    if (contracted?.[1] && contracts(contracted[1])) {
      const stem = contracted[1].length;
      tokens.push({ text: raw.slice(0, stem), lower: contracted[1], start, end: start + stem, isWord, clause });
      tokens.push({ text: raw.slice(stem), lower: 'is', start: start + stem, end: start + raw.length, isWord, clause });
      continue;
    }
    tokens.push({ text: raw, lower, start, end: start + raw.length, isWord, clause });
  }
  return tokens;
}

export class Scan {
  readonly spans: Span[] = [];
  readonly text: string;
  readonly tokens: Token[];
  constructor(text: string, tokens: Token[]) {
    this.text = text;
    this.tokens = tokens;
  }

  word(i: number): string | undefined {
    const token = this.tokens[i];
    return token?.isWord ? token.lower : undefined;
  }

  /** The next word token within the same clause, skipping nothing. */
  nextIndex(i: number): number | undefined {
    const j = i + 1;
    const here = this.tokens[i];
    const next = this.tokens[j];
    if (!here || !next || next.clause !== here.clause || !next.isWord) return undefined;
    return j;
  }

  previousIndex(i: number): number | undefined {
    const j = i - 1;
    const here = this.tokens[i];
    const previous = this.tokens[j];
    if (!here || !previous || previous.clause !== here.clause || !previous.isWord) return undefined;
    return j;
  }

  next(i: number, steps = 1): string | undefined {
    let j: number | undefined = i;
    for (let s = 0; s < steps && j !== undefined; s++) j = this.nextIndex(j);
    return j === undefined ? undefined : this.word(j);
  }

  previous(i: number, steps = 1): string | undefined {
    let j: number | undefined = i;
    for (let s = 0; s < steps && j !== undefined; s++) j = this.previousIndex(j);
    return j === undefined ? undefined : this.word(j);
  }

  flag(first: number, last: number, category: AppearanceCategory): void {
    this.spans.push({ first, last, category });
  }

  /** The next `count` words of the same clause after token i, over commas. */
  wordsAfter(i: number, count: number): number[] {
    const clause = this.tokens[i]?.clause;
    const indexes: number[] = [];
    for (let j = i + 1; j < this.tokens.length && indexes.length < count; j++) {
      const token = this.tokens[j];
      if (!token || token.clause !== clause) break;
      if (token.isWord) indexes.push(j);
      else if (token.text !== ',') break;
    }
    return indexes;
  }

  /** The words before k back to the last comma, dash or bracket, or the clause's start, nearest first. */
  sinceComma(k: number): number[] {
    const words: number[] = [];
    for (let j = k - 1; j >= 0 && this.tokens[j]?.clause === this.tokens[k]?.clause; j--) {
      if (/^[,—–(-]$/.test(this.tokens[j]?.text ?? '')) break;
      if (this.tokens[j]?.isWord) words.push(j);
    }
    return words;
  }

  /** Words of the same clause before token i, nearest first. */
  clauseBefore(i: number): number[] {
    const here = this.tokens[i];
    const indexes: number[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const token = this.tokens[j];
      if (!token || !here || token.clause !== here.clause) break;
      if (token.isWord) indexes.push(j);
    }
    return indexes;
  }

  /** Extends left over the modifiers in front of a noun ("long, dark curly hair"). */
  modifiersBefore(i: number, limit = 4): number {
    let first = i;
    let taken = 0;
    for (let j = i - 1; j >= 0 && taken < limit; j--) {
      const token = this.tokens[j];
      const here = this.tokens[i];
      if (!token || !here || token.clause !== here.clause) break;
      if (!token.isWord) {
        // A comma or "and" inside a run of adjectives keeps the run going ("long, dark hair").
        // Not after a body part's own participle: "Head bowed, hands clasped" is a pose, then another.
        // Nor over a lamp: "a warm hair light, skin tones neutral", "white light, slight smile".
        const lamp =
          /^(light|lights)$/.test(this.word(j - 1) ?? '') &&
          !!this.tokens[j - 2]?.isWord &&
          !/^(a|an|the|his|her|their|my|your|our|and|very|so|quite|really|me|him|them|for|with)$/.test(
            this.word(j - 2) ?? '',
          );
        if (token.text === ',' && isKnownAdjective(this.word(j - 1)) && !isBodyPart(this.word(j - 2) ?? '') && !lamp)
          continue;
        break;
      }
      if (token.lower === 'and' && isKnownAdjective(this.word(j - 1)) && first < i) continue;
      if (!this.isModifier(j)) break;
      first = j;
      taken += 1;
    }
    return first;
  }

  isModifier(j: number): boolean {
    const token = this.tokens[j];
    if (!token?.isWord) return false;
    const w = token.lower;
    if (DETERMINERS.has(w) || PERSON_SUBJECTS.has(w) || COPULAS.has(w)) return false;
    if (/^(with|and|or|of|in|on|at|to|for|from|under|over|into|by|wearing|has|have|having|who)$/.test(w)) return false;
    // "a hot sauce range called Ginger Beard": a name given ends the run.
    if (/^(called|named|titled|dubbed|labelled|labeled|branded)$/.test(w)) return false;
    // "above eye level", "whose knobby knees", "like grey beards": a modifier run ends at these.
    if (
      /^(above|below|beside|behind|across|through|against|near|onto|upon|beneath|between|like|unlike|than|whose|which|that)$/.test(
        w,
      )
    )
      return false;
    return true;
  }

  hasPossessiveBefore(i: number, window = 3): boolean {
    return this.clauseBefore(i)
      .slice(0, window)
      .some((j) => /^(his|her|their|my|your|with)$/.test(this.word(j) ?? ''));
  }

  anyBefore(i: number, words: ReadonlySet<string>, window: number): boolean {
    return this.clauseBefore(i)
      .slice(0, window)
      .some((j) => words.has(this.word(j) ?? ''));
  }
}
