// Ethnicity said as the person's: "of Korean descent", "mixed race".

import { PERSON_ADJECTIVES } from '../lexicon.ts';
import type { Scan } from './scan.ts';

export function detectEthnicityPhrases(scan: Scan, i: number, w: string): void {
  // "of Korean descent", "mixed race", "Nigerian heritage" when it is the person's
  if (w === 'descent' || w === 'ancestry' || w === 'heritage' || (w === 'origin' && scan.previous(i) !== 'country')) {
    const next = scan.next(i);
    if (w === 'heritage' && next && !/^(and|with|in|on)$/.test(next)) return; // "an Italian heritage brand"
    const k = scan.previousIndex(i);
    if (
      k !== undefined &&
      (PERSON_ADJECTIVES.get(scan.word(k) ?? '') === 'ethnicity' ||
        /^(mixed|his|her|their|my)$/.test(scan.word(k) ?? ''))
    ) {
      const of = scan.previousIndex(k);
      scan.flag(of !== undefined && scan.word(of) === 'of' ? of : k, i, 'ethnicity');
    }
    return;
  }
  if (w === 'race' && (scan.previous(i) === 'mixed' || /^(his|her|their|my)$/.test(scan.previous(i) ?? ''))) {
    scan.flag(i - 1, i, 'ethnicity');
  }
}
