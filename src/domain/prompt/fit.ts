// Fitting a look prompt into a length limit (HeyGen's prompt looks take at most 1000 characters):
// whole sentences are left out, the photographic boilerplate first (HeyGen renders its own look),
// then from the end, so the wardrobe, set and light stay. Pure.

/** Sentences HeyGen does not need first: camera, film, palette and "real photo" boilerplate. */
const LEAST_NEEDED = [
  /\bshot on\b|\bmm\b|\bf\/\d/i,
  /\bfilm grain\b|\bdesaturated\b|\bcolou?r palette\b/i,
  /\bnot an ai render\b|\breal candid photo\b/i,
  /\bpores\b|\bno retouching\b/i,
];

export interface FittedPrompt {
  text: string;
  /** The sentences left out, in their order in the prompt. */
  dropped: string[];
}

/** The prompt in at most `max` characters, or undefined when no whole sentences fit. */
export function fitPrompt(prompt: string, max: number): FittedPrompt | undefined {
  const text = prompt.trim();
  if (text.length <= max) return { text, dropped: [] };
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  const kept = sentences.map(() => true);
  const length = () => sentences.filter((_, i) => kept[i]).join(' ').length;
  for (const pattern of LEAST_NEEDED) {
    for (const [i, sentence] of sentences.entries()) if (length() > max && pattern.test(sentence)) kept[i] = false;
  }
  for (let i = sentences.length - 1; i > 0 && length() > max; i--) kept[i] = false;
  if (length() > max) return undefined;
  return {
    text: sentences.filter((_, i) => kept[i]).join(' '),
    dropped: sentences.filter((_, i) => !kept[i]),
  };
}
