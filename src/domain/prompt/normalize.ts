// What the appearance check reads: the text as a person sees it, not as its bytes spell it. A
// zero-width space inside "blo\u200bnde", an accent on "blónde", a full-width "ｂｌｏｎｄｅ" or a
// Cyrillic "о" in "blоnde" must not get a description of the person past the check. The text is
// NFKC-normalised, format characters and combining marks are removed, and common look-alike
// letters are mapped to Latin — keeping, for every character checked, where it came from, so a
// finding still names the words exactly as written.

/** Cyrillic and Greek letters that look like Latin ones (the ones that pass for them in practice). */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  А: 'A',
  В: 'B',
  Е: 'E',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};

const FORMAT = /\p{Cf}/u;
const MARK = /\p{M}/u;

export interface Normalized {
  text: string;
  /** For each character of `text`, the index of the character of the original it came from. */
  origin: number[];
}

/** The text as checked, with where each of its characters came from. */
export function normalizeForCheck(original: string): Normalized {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of original) {
    // Decomposed, so an accent becomes a mark of its own and can be dropped; then recomposed.
    for (const part of char.normalize('NFKD')) {
      if (FORMAT.test(part) || MARK.test(part)) continue;
      const mapped = (CONFUSABLES[part] ?? part).normalize('NFKC');
      for (const unit of mapped) {
        text += unit;
        for (let k = 0; k < unit.length; k++) origin.push(index);
      }
    }
    index += char.length;
  }
  return { text, origin };
}

/** True when the text holds invisible format characters (zero-width spaces and joiners, bidi controls). */
export function hasFormatCharacters(text: string): boolean {
  return /\p{Cf}/u.test(text);
}
