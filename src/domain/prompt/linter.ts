// The appearance linter's entry point for its importers; the rules live in ./linter/, one file
// per concern (see ./linter/index.ts). They read the text as a person sees it (normalize.ts):
// look-alike letters, accents and invisible characters cannot hide a description; each finding
// names the words exactly as written.

import { lintAppearance as lintNormalized, type AppearanceFinding } from './linter/index.ts';
import { normalizeForCheck } from './normalize.ts';

export type { AppearanceCategory, AppearanceFinding } from './linter/index.ts';

export function lintAppearance(text: string): AppearanceFinding[] {
  const normalized = normalizeForCheck(text);
  if (normalized.text === text) return lintNormalized(text);
  const end = (at: number) => (at >= normalized.origin.length ? text.length : (normalized.origin[at] ?? text.length));
  return lintNormalized(normalized.text).map((finding) => {
    const start = normalized.origin[finding.start] ?? 0;
    // The end is just past the last checked character's source (a surrogate pair is two units).
    const last = end(finding.end - 1);
    const stop = Math.min(text.length, last + (text.codePointAt(last)! > 0xffff ? 2 : 1));
    return { ...finding, start, end: stop, phrase: text.slice(start, stop) };
  });
}
