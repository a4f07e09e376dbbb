// Someone the person acts on or sits with, described in a "who" clause of their own ("helps Mr
// Fenwick, who has a neat white moustache"), is someone else. owner.ts asks here.

import { CASTING_WORDS, RELATIVE_OBJECT_LEADS } from '../lexicon.ts';
import type { Scan, Span } from './scan.ts';
import { FIRST_PERSON, PRONOUNS, isPersonNoun } from './words.ts';

const TITLE = /^(dr|mr|mrs|ms|miss|prof|professor|sir|dame|uncle|auntie|aunt|nurse|coach)$/;

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
  while (k > 0 && (named(k - 1) || TITLE.test(scan.word(k - 1) ?? '')) && scan.tokens[k - 1]?.clause === clause) k -= 1;
  while (k > 0 && /^(the|a|an|our|their|his|her|my|your|one|another)$/.test(scan.word(k - 1) ?? '')) k -= 1;
  const lead = scan.word(k - 1) ?? '';
  if (!scan.tokens[k - 1]?.isWord || CASTING_WORDS.has(lead) || !RELATIVE_OBJECT_LEADS.has(lead)) return false;
  // Someone acts before the lead: a pronoun or a person noun earlier in the clause.
  for (let j = k - 2; j >= 0 && scan.tokens[j]?.clause === clause; j--) {
    const word = scan.word(j) ?? '';
    if (scan.tokens[j]?.isWord && (PRONOUNS.test(word) || FIRST_PERSON.test(word) || isPersonNoun(word))) return true;
  }
  return false;
}
