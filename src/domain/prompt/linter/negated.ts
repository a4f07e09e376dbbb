// An edit the text says not to make ("don't make me look older") keeps the person as they are:
// its span is no description. index.ts asks here before owner.ts.

import { CHANGE_VERBS, EDIT_VERBS, NEGATION_BREAKS, NEGATIONS } from '../lexicon.ts';
import type { Scan, Span } from './scan.ts';

/**
 * "don't slim me down or smooth my skin", "do not make me look younger", "never lighten her skin": an
 * edit the text says not to make is an instruction to keep the person as they are. The negation is in
 * the same stretch of words before the edit's verb; after a comma or "but / just" a new ask begins
 * ("don't make me look older, make me look younger" still asks for younger). Not when the text goes on
 * to describe the feature, or says the person looks so now.
 */
export function isNegatedEdit(scan: Scan, span: Span): boolean {
  let edit: number | undefined;
  // "don't change my features", "don't shift the subject's complexion": over the owner's words.
  let from = span.first - 1;
  while (/^(my|his|her|their|your|the|a|an|any|subject's|own)$/.test(scan.word(from) ?? '')) from--;
  for (let k = Math.max(0, from); k <= span.last && edit === undefined; k++) {
    const word = scan.tokens[k]?.isWord ? (scan.word(k) ?? '') : '';
    if (CHANGE_VERBS.has(word) || EDIT_VERBS.has(word)) edit = k;
  }
  if (edit === undefined) return false;
  // "don't hide my scar, the one running ...", "don't straighten my teeth, they overlap": the text goes on
  // to describe the feature; "don't make me look so womanly" says how the person looks now.
  const after = scan.word(span.last + 2) ?? '';
  // ... but "do not alter hair, skin or features" goes on listing what not to change.
  const listed = /^(hair|skin|face|features|eyes|body|build|weight|age|teeth|nose|smile)$/.test(after);
  if (scan.tokens[span.last + 1]?.text === ',' && !NEGATION_BREAKS.has(after) && !NEGATIONS.has(after) && !listed)
    return false;
  for (let k = edit; k <= span.last; k++) if (/^(so|too|as)$/.test(scan.word(k) ?? '')) return false;
  for (let j = edit - 1, n = 0; j >= 0 && n < 10; j--) {
    const token = scan.tokens[j];
    // "Do not smooth, slim, age or de-age": a comma inside a run of edits keeps the negation.
    const listed =
      token?.text === ',' && (EDIT_VERBS.has(scan.word(j - 1) ?? '') || CHANGE_VERBS.has(scan.word(j - 1) ?? ''));
    if (listed) continue;
    if (!token || token.clause !== scan.tokens[edit]?.clause || /^[,;:()—–-]$/.test(token.text)) return false;
    if (!token.isWord) continue;
    n++;
    if (NEGATION_BREAKS.has(token.lower)) return false;
    if (NEGATIONS.has(token.lower)) return true;
  }
  return false;
}
