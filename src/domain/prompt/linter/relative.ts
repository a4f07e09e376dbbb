// Someone the person acts on or sits with, described in a "who" clause of their own ("helps Mr
// Fenwick, who has a neat white moustache"), is someone else. owner.ts asks here.

import { CASTING_WORDS, PERSON_TITLES, RELATIVE_OBJECT_LEADS } from '../lexicon.ts';
import type { Scan, Span } from './scan.ts';
import { FIRST_PERSON, FUNCTION_WORD, PRONOUNS, isPersonNoun } from './words.ts';

/**
 * "to help Mr Fenwick, who has a neat white moustache", "sitting across from the guest, who is a
 * freckled comedian": the span sits in a "who" clause about a noun that a verb or a preposition of
 * someone's action leads to, with someone named before it who acts. Not "Show the host, who has a
 * beard" (the host is cast), nor "a portrait of the host, who ..." (that is a picture's rule).
 */
export function inRelativeOfOther(scan: Scan, span: Span): boolean {
  const clause = scan.tokens[span.first]?.clause;
  let who: number | undefined;
  for (let k = span.first - 1, n = 0; k >= 0 && n < 14 && scan.tokens[k]?.clause === clause; k--) {
    const token = scan.tokens[k]!;
    if (!token.isWord) continue;
    n += 1;
    if (/^(who|whose)$/.test(token.lower)) {
      who = k;
      break;
    }
    // The clause is someone's own once it names the person ("who sits beside me", "she has ...").
    if (FIRST_PERSON.test(token.lower) || /^(she|he|they)$/.test(token.lower)) return false;
  }
  if (who === undefined || scan.tokens[who - 1]?.text !== ',') return false;
  // The noun before the comma, over a title and a name ("Mr Fenwick", "the guest").
  let k = who - 2;
  const named = (j: number) => /^\p{Lu}/u.test(scan.tokens[j]?.text ?? '') && scan.tokens[j]?.isWord;
  if (!isPersonNoun(scan.word(k) ?? '') && !named(k)) return false;
  while (k > 0 && (named(k - 1) || PERSON_TITLES.has(scan.word(k - 1) ?? '')) && scan.tokens[k - 1]?.clause === clause)
    k -= 1;
  while (k > 0 && /^(the|a|an|our|their|his|her|my|your|one|another)$/.test(scan.word(k - 1) ?? '')) k -= 1;
  const lead = scan.word(k - 1) ?? '';
  if (!scan.tokens[k - 1]?.isWord || CASTING_WORDS.has(lead) || !RELATIVE_OBJECT_LEADS.has(lead)) return false;
  // Someone acts before the lead: a pronoun, a person noun or a name earlier in the clause.
  return actorBefore(scan, k - 2);
}

/**
 * "greeting a bald baby", "helps a customer with a grey ponytail", "sits beside a tall skinny bloke":
 * a person noun that someone's action or place leads to, with someone named before who acts.
 */
export function ledToByOther(scan: Scan, noun: number, span?: Span): boolean {
  const clause = scan.tokens[noun]?.clause;
  // The words are the noun's own: in its phrase, or after it with no comma or dash between.
  const between = span ? scan.tokens.slice(Math.min(noun, span.first), Math.max(noun, span.first)) : [];
  if (between.some((t) => !t.isWord)) return false;
  if (span && span.first > noun && scan.tokens[noun + 1]?.lower !== 'with') return false;
  // "a big round baby bump": a person noun that modifies a thing is no one.
  const next = scan.tokens[noun + 1];
  if (next?.isWord && next.lower !== 'with' && !FUNCTION_WORD.test(next.lower) && !/(s|ed|ing)$/.test(next.lower))
    return false;
  let k = noun;
  for (let n = 0; n < 5 && k > 0; n++) {
    const before = scan.tokens[k - 1]!;
    if (before.clause !== clause || !before.isWord || RELATIVE_OBJECT_LEADS.has(before.lower)) break;
    k -= 1;
  }
  const lead = scan.tokens[k - 1];
  const article = /^(a|an|another|some|two|three|several)$/.test(scan.word(k) ?? '');
  if (!article || !lead?.isWord || lead.clause !== clause || !RELATIVE_OBJECT_LEADS.has(lead.lower)) return false;
  return actorBefore(scan, k - 2);
}

/** Someone who acts, back from `from` in its clause: a pronoun, a person noun or a name ("Raj helps"). */
function actorBefore(scan: Scan, from: number): boolean {
  const clause = scan.tokens[from]?.clause;
  for (let j = from; j >= 0 && scan.tokens[j]?.clause === clause; j--) {
    const token = scan.tokens[j]!;
    const word = token.lower;
    const name = /^\p{Lu}/u.test(token.text) && !FUNCTION_WORD.test(word);
    if (token.isWord && (PRONOUNS.test(word) || FIRST_PERSON.test(word) || isPersonNoun(word) || name)) return true;
  }
  return false;
}
