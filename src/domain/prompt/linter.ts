// The appearance linter's entry point for its importers; the rules live in ./linter/, one file
// per concern (see ./linter/index.ts), and a learned second opinion in ./linter/learned.ts whose
// weights are data (./appearance-model.json, trained by scripts/train-appearance-model.ts). They
// read the text as a person sees it (normalize.ts): look-alike letters, accents and invisible
// characters cannot hide a description; each finding names the words exactly as written.

import MODEL from './appearance-model.json' with { type: 'json' };
import { CATEGORY_LABELS } from './lexicon.ts';
import { judgeAppearance, lintAppearance as lintRules, type AppearanceFinding } from './linter/index.ts';
import {
  flaggedPhrases,
  isListItem,
  probabilityAround,
  sentences,
  vetoAt,
  type AppearanceModel,
} from './linter/learned.ts';
import { normalizeForCheck } from './normalize.ts';

export type { AppearanceCategory, AppearanceFinding } from './linter/index.ts';
export type { AppearanceModel } from './linter/learned.ts';

/** Every phrase of `text` that describes the person, by the rules and the shipped model. */
export function lintAppearance(text: string): AppearanceFinding[] {
  return lintAppearanceWith(MODEL, text);
}

/**
 * The rules, combined with a model when one is given (the training script passes each fold's):
 * a rule's finding stands unless the model is all but sure its sentence is scene text (or, in a
 * sentence long enough to read as a scene, is not confident it describes the person), and a
 * sentence the model reads as the person's looks is refused even when no rule names it.
 */
export function lintAppearanceWith(model: AppearanceModel | undefined, text: string): AppearanceFinding[] {
  const normalized = normalizeForCheck(text);
  const findings = model ? combine(model, normalized.text) : lintRules(normalized.text);
  if (normalized.text === text) return findings;
  const end = (at: number) => (at >= normalized.origin.length ? text.length : (normalized.origin[at] ?? text.length));
  return findings.map((finding) => {
    const start = normalized.origin[finding.start] ?? 0;
    // The end is just past the last checked character's source (a surrogate pair is two units).
    const last = end(finding.end - 1);
    const stop = Math.min(text.length, last + (text.codePointAt(last)! > 0xffff ? 2 : 1));
    return { ...finding, start, end: stop, phrase: text.slice(start, stop) };
  });
}

const SPEAKER_FIRST = /^(me|my|i|i'm|myself)\b/i;

function combine(model: AppearanceModel, text: string): AppearanceFinding[] {
  // A rule's finding that is a list item of its own stands whatever the model says (isListItem).
  const judged = judgeAppearance(text);
  // A finding that opens with the speaker ("me on crutches", "my crooked teeth", "I'm sunburnt") says
  // whose it is: the model's doubt does not overrule it (a bag of words read "me on crutches crossing
  // the square" as the scenes of passers-by on crutches it was trained on). On all fixtures this
  // changed nothing; it matters for text the model has not seen.
  const ruled = judged.findings.filter(
    (f) =>
      isListItem(text, f.start, f.end) ||
      SPEAKER_FIRST.test(f.phrase) ||
      probabilityAround(model, text, f.start) >= vetoAt(model, text, f.start),
  );
  // The model speaks only for a sentence no rule refused (a rule names the words more precisely),
  // and not where the rules found words for a body and judged them someone's or something else's:
  // a bag of words cannot tell whose a beard is in a busy scene, and the rules' reading of it is
  // the better one (leave-one-corpus-out on blind S, U, V, W and X: passed +0.7 points, refused
  // -0.1).
  const bounds = sentences(text);
  const sentenceOf = (at: number) => bounds.find((s) => at >= s.start && at < s.end);
  const judgedIn = (at: number) =>
    [...judged.findings.map((f) => f.start), ...judged.setAside].some((k) => sentenceOf(k) === sentenceOf(at));
  const learned = flaggedPhrases(model, text)
    .filter((piece) => !judgedIn(piece.start))
    .map((piece): AppearanceFinding => ({
      phrase: piece.text,
      category: 'described',
      label: CATEGORY_LABELS.described,
      start: piece.start,
      end: piece.end,
    }));
  return [...ruled, ...learned].sort((a, b) => a.start - b.start);
}
