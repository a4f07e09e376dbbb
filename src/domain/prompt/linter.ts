// The appearance linter: finds every phrase that describes the person's face or body.
// The reference photo carries the identity; a prompt that also describes it makes the image
// model draw someone else. Pure, synchronous, no dependencies: it runs on every prompt.

import {
  ALWAYS_PERSON,
  BODY_MODIFIERS,
  BODY_PARTS,
  BUILD_MODIFIERS,
  BUILD_NOUNS,
  CATEGORY_LABELS,
  COPULAS,
  DECADE_QUALIFIERS,
  DECADE_WORDS,
  DETERMINERS,
  EXPRESSION_MODIFIERS,
  EYE_SHAPE_MODIFIERS,
  FACE_FEATURES,
  FACE_FEATURES_ALWAYS,
  FACE_PLACES,
  FACE_SHAPE_MODIFIERS,
  FACIAL_HAIR_OBJECT_NEXT,
  FEATURE_MODIFIERS,
  HAIR_AMBIGUOUS_NOUNS,
  HAIR_AMBIGUOUS_OBJECT_NEXT,
  EXPRESSION_EYED,
  PERSON_NOUN_OBJECT_NEXT,
  DEPICTION_NOUNS,
  MAYBE_DEPICTION_NOUNS,
  PROP_MODIFIERS,
  APPEARANCE_NOUNS,
  HAIR_OBJECT_NEXT,
  HAIR_OBJECT_PREVIOUS,
  HAIR_STYLE_CONTINUATIONS,
  HAIR_WRAPS,
  HAIR_STYLE_MODIFIERS,
  HAIR_STYLE_NOUNS,
  HEAD_HAIR_MODIFIERS,
  HEIGHT_UNITS,
  INTENSIFIERS,
  MAKEUP_AMBIGUOUS,
  MAKEUP_NOUNS,
  MAKEUP_OBJECT_NEAR,
  MAKEUP_PAIRS,
  MULTI_WORD_TERMS,
  BODY_COMPOUND_ENDINGS,
  STYLE_REFERENCE_NOUNS,
  THING_SUBJECTS,
  ANIMAL_NOUNS,
  PLANT_NOUNS,
  OBJECT_NOUNS,
  OBJECT_PARTS,
  LIGHT_WORDS,
  MEDIA_NOUNS,
  MEDIA_VERBS,
  MADE_IMAGE_MODIFIERS,
  BODY_FEATURES,
  BARE_FEATURES,
  NUMBER_WORDS,
  PERSON_ADJECTIVES,
  PERSON_ADJECTIVES_AS_NOUNS,
  PERSON_COLOURS,
  PERSON_NOUNS,
  PERSON_SUBJECTS,
  RESEMBLANCE_PHRASES,
  RESEMBLANCE_VERBS,
  STUBBLE_FIELD_PREVIOUS,
  SUBJECT_CONTINUATIONS,
  TATTOO_OBJECT_NEXT,
  TATTOO_WORDS,
  type AppearanceCategory,
} from './lexicon.ts';

export type { AppearanceCategory } from './lexicon.ts';

export interface AppearanceFinding {
  /** The offending words, exactly as written. */
  phrase: string;
  category: AppearanceCategory;
  /** Plain-words name of the category ("hair colour or style"). */
  label: string;
  /** Character offsets of the phrase in the text that was checked. */
  start: number;
  end: number;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  isWord: boolean;
  /** Index of the clause the token belongs to (clauses end at . ; : ! ? and line breaks). */
  clause: number;
}

interface Span {
  first: number;
  last: number;
  category: AppearanceCategory;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*(?:['’](?=\s|$|[,.;:!?]))?|['’"”]|[^\s\p{L}\p{N}]/gu;
const CLAUSE_BREAK = new Set(['.', ';', ':', '!', '?', '\n']);

function tokenize(text: string): Token[] {
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
    tokens.push({ text: raw, lower, start, end: start + raw.length, isWord, clause });
  }
  return tokens;
}

class Scan {
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
        if (token.text === ',' && isKnownAdjective(this.word(j - 1))) continue;
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

// ---------------------------------------------------------------------------------------------

function detectHair(scan: Scan, i: number, w: string): void {
  if (w === 'hair' || w === 'hairs') {
    const next = scan.next(i);
    const previous = scan.previous(i);
    if (next && HAIR_OBJECT_NEXT.has(next)) return;
    if (previous && HAIR_OBJECT_PREVIOUS.has(previous)) return;
    if (previous === 'of' && /^(strand|strands|lock|wisp)$/.test(scan.previous(i, 2) ?? '')) {
      // "a strand of hair on the collar" is a stray detail, not a description.
      return;
    }
    const bare = !previous || /^(his|her|their|my|your)$/.test(previous);
    const gesture = scan
      .clauseBefore(i)
      .slice(0, 5)
      .some((k) =>
        /^(running|run|runs|ran|brushing|brushes|tucking|touching|pushing|pushes|fixing|twirling|scratching|hand|hands|fingers)$/.test(
          scan.word(k) ?? '',
        ),
      );
    // "through his hair in frustration" is still a gesture; "his hair in a bun" is a style.
    const styled = HAIR_STYLE_CONTINUATIONS.has(scan.next(i) ?? '') && !isBarePreposition(scan, i);
    if (bare && gesture && !styled) return; // "running a hand through his hair" is a gesture
    let last = i;
    const after = scan.nextIndex(i);
    const continuation = after === undefined ? '' : (scan.word(after) ?? '');
    if (after !== undefined && HAIR_STYLE_CONTINUATIONS.has(continuation)) {
      // "hair pulled back into a low ponytail": up to four more words. "hair in a cafe" is not
      // a style: after a bare preposition the phrase goes on only to a hair-style word.
      const bare = /^(in|into|under)$/.test(continuation);
      last = bare ? i : after;
      for (let k = 0, j = scan.nextIndex(after); j !== undefined && k < 4; k++, j = scan.nextIndex(j)) {
        if (!bare) last = j;
        else if (HAIR_WRAPS.has(scan.word(j) ?? '')) last = j;
      }
    }
    scan.flag(scan.modifiersBefore(i), last, 'hair');
    return;
  }
  if (w.endsWith('-haired') || (w.endsWith('-headed') && /^(red|fair|bald|curly|grey|gray|white)-/.test(w))) {
    scan.flag(i, i, 'hair');
    return;
  }
  if (HAIR_STYLE_NOUNS.has(w)) {
    if (PERSON_NOUN_OBJECT_NEXT.has(scan.next(i) ?? '') || isDepicted(scan, i) || isTitleCase(scan, i)) return; // "a hairline crack"
    scan.flag(scan.modifiersBefore(i, 2), i, 'hair');
    return;
  }
  if (HAIR_AMBIGUOUS_NOUNS.has(w)) {
    const next = scan.next(i);
    if (next === 'of') return; // "curls of steam", "braids of garlic"
    if (next && HAIR_AMBIGUOUS_OBJECT_NEXT.has(next)) return; // "a crop top"
    const previous = scan.previous(i);
    const styled =
      (previous && (HAIR_STYLE_MODIFIERS.has(previous) || isPersonColour(previous))) ||
      /^(his|her|their|my)$/.test(previous ?? '') ||
      /^(his|her|their|my)$/.test(scan.previous(i, 2) ?? '');
    if (styled) scan.flag(scan.modifiersBefore(i, 3), i, 'hair');
    return;
  }
  if ((w === 'head' || w === 'heads') && HEAD_HAIR_MODIFIERS.has(scan.previous(i) ?? '')) {
    scan.flag(i - 1, i, 'hair');
  }
}

/** "hair in frustration": a preposition after hair that leads to no hair-style word. */
function isBarePreposition(scan: Scan, i: number): boolean {
  if (!/^(in|into|under)$/.test(scan.next(i) ?? '')) return false;
  for (let n = 2; n <= 5; n++) if (HAIR_WRAPS.has(scan.next(i, n) ?? '')) return false;
  return true;
}

function detectEyes(scan: Scan, i: number, w: string): void {
  if (/-eyed$/.test(w)) {
    if (!EXPRESSION_EYED.has(w)) scan.flag(i, i, 'eyes');
    return;
  }
  if (w !== 'eyes' && w !== 'eye' && w !== 'eyelids' && w !== 'eyelid') return;
  const next = scan.next(i);
  if (next === 'colour' || next === 'color') {
    scan.flag(scan.modifiersBefore(i, 2), i + 1, 'eyes');
    return;
  }
  const previous = scan.previous(i);
  const before = scan.previous(i, 2);
  const describes = (word: string | undefined) => !!word && (isPersonColour(word) || EYE_SHAPE_MODIFIERS.has(word));
  if (describes(previous) || (describes(before) && previous !== undefined && !DETERMINERS.has(previous))) {
    if (next === 'makeup' || next === 'shadow' || next === 'liner') return; // makeup is its own rule
    scan.flag(scan.modifiersBefore(i, 3), i, 'eyes');
    return;
  }
  // "her eyes are green"
  if (next && /^(are|look|is)$/.test(next) && describes(scan.next(i, 2))) {
    scan.flag(i, scan.nextIndex(scan.nextIndex(i) ?? i) ?? i, 'eyes');
  }
}

function detectSkin(scan: Scan, i: number, w: string): void {
  if (/-skinned$/.test(w)) {
    scan.flag(i, i, 'skin');
    return;
  }
  if (w !== 'skin') return;
  const previous = scan.previous(i);
  const before = scan.previous(i, 2);
  const next = scan.next(i);
  const coloured =
    (previous && PERSON_COLOURS.has(previous)) || (before && PERSON_COLOURS.has(before) && previous !== 'natural');
  const toneNoun = next === 'tone' || next === 'tones' || next === 'colour' || next === 'color';
  if (coloured) {
    scan.flag(scan.modifiersBefore(i, 3), toneNoun ? i + 1 : i, 'skin');
  } else if (toneNoun && scan.hasPossessiveBefore(i, 1)) {
    scan.flag(i - 1, i + 1, 'skin');
  }
}

function detectFace(scan: Scan, i: number, w: string): void {
  if (FACE_FEATURES_ALWAYS.has(w)) {
    scan.flag(scan.modifiersBefore(i, 2), i, 'face');
    return;
  }
  if (w === 'face' || w === 'faces') {
    const next = scan.next(i);
    if (next === 'shape' || next === 'structure') {
      scan.flag(scan.modifiersBefore(i, 2), i + 1, 'face');
      return;
    }
    const previous = scan.previous(i);
    if (previous && FACE_SHAPE_MODIFIERS.has(previous)) scan.flag(scan.modifiersBefore(i, 3), i, 'face');
    return;
  }
  if (w === 'features') {
    const previous = scan.previous(i) ?? '';
    if (
      previous === 'facial' ||
      FEATURE_MODIFIERS.has(previous) ||
      FACE_SHAPE_MODIFIERS.has(previous) ||
      PERSON_ADJECTIVES.get(previous) === 'ethnicity' ||
      /^(his|her|their|my)$/.test(previous)
    ) {
      scan.flag(scan.modifiersBefore(i, 2), i, 'face');
    }
    return;
  }
  if (FACE_FEATURES.has(w)) {
    if (scan.next(i) === 'of') return; // "the long neck of the guitar"
    if (
      (w === 'teeth' || w === 'tooth') &&
      scan
        .clauseBefore(i)
        .slice(0, 5)
        .some((k) => /^(gap|gaps|gapped)$/.test(scan.word(k) ?? ''))
    ) {
      scan.flag(scan.clauseBefore(i).find((k) => /^(gap|gaps|gapped)$/.test(scan.word(k) ?? '')) ?? i, i, 'face');
      return;
    }
    const previous = scan.previous(i);
    if (!previous || EXPRESSION_MODIFIERS.has(previous)) return;
    if (FEATURE_MODIFIERS.has(previous) || PERSON_COLOURS.has(previous)) {
      if (w === 'lips' && /^(red|pink|glossy|bold)$/.test(previous)) {
        scan.flag(i - 1, i, 'makeup');
        return;
      }
      // "a tall lamp with a long neck" — only a person's neck counts; most features have no such use.
      if (w === 'neck' && !/^(his|her|their|my)$/.test(scan.previous(i, 2) ?? '')) return;
      scan.flag(scan.modifiersBefore(i, 3), i, 'face');
    }
  }
}

function detectBody(scan: Scan, i: number, w: string): void {
  if (BODY_COMPOUND_ENDINGS.test(w)) {
    scan.flag(
      i,
      i,
      /-bellied$/.test(w) ? 'weight' : /-(jawed|cheeked|lipped|nosed|browed)$/.test(w) ? 'face' : 'build',
    );
    return;
  }
  if (BODY_PARTS.has(w)) {
    if (scan.next(i) === 'of') return;
    const previous = scan.previous(i);
    if (!previous || !BODY_MODIFIERS.has(previous)) return;
    // "a long body pillow", "a small figure on the shelf": those are things.
    const next = scan.next(i);
    if (w === 'body' && next && !/^(and|with|in|under)$/.test(next)) return;
    if (
      w === 'figure' &&
      /^(small|big|large|long|short|thin|round|flat|thick|heavy)$/.test(previous) &&
      !/^(his|her|their|my)$/.test(scan.previous(i, 2) ?? '')
    )
      return;
    scan.flag(scan.modifiersBefore(i, 3), i, w === 'belly' || w === 'stomach' || w === 'tummy' ? 'weight' : 'build');
    return;
  }
  if (BUILD_NOUNS.has(w)) {
    const previous = scan.previous(i);
    if (!previous || !BUILD_MODIFIERS.has(previous)) return;
    const next = scan.next(i);
    if (next && /^(on|of|hanging|with|above|behind|holding|around)$/.test(next)) return; // a picture frame
    if (
      w === 'frame' &&
      /^(small|large|big|heavy|thin|solid|sturdy|strong)$/.test(previous) &&
      !scan.hasPossessiveBefore(i, 3)
    )
      return;
    scan.flag(scan.modifiersBefore(i, 3), i, 'build');
  }
}

const WORN = new Set(['wearing', 'wears', 'wear', 'with', 'in', 'no']);
const LYING_ABOUT = /^(scattered|spilling|spilled|strewn|lying)$/;

/** "on her cheeks", "on the lips": the index of the face word after "on", if there is one. */
function faceAfter(scan: Scan, i: number): number | undefined {
  if (scan.next(i) !== 'on') return undefined;
  let k = scan.nextIndex(scan.nextIndex(i) ?? -1);
  if (k !== undefined && /^(her|his|their|my|the)$/.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
  return k !== undefined && FACE_PLACES.has(scan.word(k) ?? '') ? k : undefined;
}

function detectMakeup(scan: Scan, i: number, w: string): void {
  const ambiguous = MAKEUP_AMBIGUOUS.has(w);
  if (!MAKEUP_NOUNS.has(w) && !ambiguous && !(w === 'eye' && scan.next(i) === 'makeup')) return;
  const pair = MAKEUP_PAIRS.get(w);
  if (pair && !pair.has(scan.previous(i) ?? '')) return; // "shadow" alone is light, not makeup
  const face = faceAfter(scan, i);
  const nearObject = scan.anyBefore(i, MAKEUP_OBJECT_NEAR, 3);
  if (ambiguous) {
    // "blush on her cheeks", "wearing rouge"; never "blush pink" or "the building's foundation".
    if (face !== undefined) scan.flag(scan.modifiersBefore(i, 2), face, 'makeup');
    else if (scan.anyBefore(i, WORN, 3) && !nearObject) scan.flag(scan.modifiersBefore(i, 2), i, 'makeup');
    return;
  }
  if (face === undefined) {
    // Objects: "a tube of lipstick", "makeup brushes", "lipstick on the vanity", "mascara lying by the sink".
    const next = scan.next(i);
    if ((next && MAKEUP_OBJECT_NEAR.has(next)) || nearObject) return;
    if (next && LYING_ABOUT.test(next)) return;
    if (
      next &&
      /^(on|in|by|beside|next)$/.test(next) &&
      [scan.next(i, 2), scan.next(i, 3)].some((p) => p && MAKEUP_OBJECT_NEAR.has(p))
    )
      return;
  }
  scan.flag(scan.modifiersBefore(i, 3), i, 'makeup');
}

function detectMarks(scan: Scan, i: number, w: string): void {
  if (TATTOO_WORDS.has(w)) {
    const next = scan.next(i);
    if (next && TATTOO_OBJECT_NEXT.has(next)) return;
    if (w === 'inked' && !scan.anyBefore(i, PERSON_SUBJECTS, 4)) return;
    scan.flag(scan.modifiersBefore(i, 2), i, 'body-marks');
    return;
  }
  if (w === 'mole' || w === 'moles') {
    const onBody =
      /^(on|above|below|near|by|under|beside)$/.test(scan.next(i) ?? '') &&
      /^(his|her|their|my)$/.test(scan.next(i, 2) ?? '');
    if (onBody) scan.flag(scan.modifiersBefore(i, 2), Math.min(i + 3, scan.tokens.length - 1), 'body-marks');
    return;
  }
  if (w === 'scar' || w === 'scars') {
    const previous = scan.previous(i);
    const facial = previous === 'facial' || previous === 'face';
    const onBody =
      /^(on|across|over|above|below|through|along|near|under)$/.test(scan.next(i) ?? '') &&
      /^(his|her|their|my)$/.test(scan.next(i, 2) ?? '');
    if (facial || onBody)
      scan.flag(facial ? i - 1 : i, onBody ? Math.min(i + 3, scan.tokens.length - 1) : i, 'body-marks');
  }
}

function detectAlwaysPerson(scan: Scan, i: number, w: string): void {
  const category = ALWAYS_PERSON.get(w);
  if (!category) return;
  if (isDepicted(scan, i) || PERSON_NOUN_OBJECT_NEXT.has(scan.next(i) ?? '') || isTitleCase(scan, i)) return;
  // "freckles of rain", "a beard of moss": the texture of something else.
  const texture = category === 'facial-hair' || (category === 'skin' && !w.startsWith('complexion'));
  if (texture && scan.next(i) === 'of' && !PERSON_SUBJECTS.has(scan.next(i, 2) ?? '')) return;
  if (category === 'facial-hair') {
    const next = scan.next(i);
    if (next && FACIAL_HAIR_OBJECT_NEXT.has(next)) return;
    if (w === 'stubble' && STUBBLE_FIELD_PREVIOUS.has(scan.previous(i) ?? '')) return;
    if (w === 'bearded' && next === 'dragon') return;
  }
  scan.flag(scan.modifiersBefore(i, 3), i, category);
}

/** Adjectives that describe a person only in a person's context ("a tall man", "she is tall"). */
function detectPersonAdjective(scan: Scan, i: number, w: string): void {
  const base = w.endsWith('-looking') ? w.slice(0, -'-looking'.length) : w;
  const category = PERSON_ADJECTIVES.get(base) ?? (w.endsWith('-looking') && base !== 'good' ? 'face' : undefined);
  if (!category) return;
  if (w.endsWith('-looking')) {
    scan.flag(i, i, category);
    return;
  }
  if (isDepicted(scan, i) || isTitleCase(scan, i)) return;
  // Only the first adjective of a chain decides; later ones are covered by its span.
  const chainEnd = adjectiveChainEnd(scan, i);
  const after = chainEnd + 1;
  const afterToken = scan.tokens[after];
  const sameClause = afterToken && afterToken.clause === scan.tokens[i]?.clause;
  const afterWord = sameClause && afterToken.isWord ? afterToken.lower : undefined;

  // "a youthful look", "freckled shoulders", "tanned arms"
  const bodyWord =
    !!afterWord && (APPEARANCE_NOUNS.has(afterWord) || BODY_PARTS.has(afterWord) || FACE_FEATURES.has(afterWord));
  if (
    afterWord &&
    bodyWord &&
    category !== 'ethnicity' &&
    !PERSON_NOUN_OBJECT_NEXT.has(scan.next(after) ?? '') &&
    scan.next(after) !== 'of'
  ) {
    scan.flag(i, after, category);
    return;
  }
  // "a tall man", "young, tired founder"
  if (afterWord && PERSON_NOUNS.has(afterWord) && afterWord !== 'i') {
    if (PERSON_NOUN_OBJECT_NEXT.has(scan.next(after) ?? '')) return; // "young adult fiction"
    scan.flag(i, after, category);
    return;
  }
  // "a blonde in a red coat"
  if (
    PERSON_ADJECTIVES_AS_NOUNS.has(w) &&
    DETERMINERS.has(scan.previous(i) ?? '') &&
    (!afterWord || SUBJECT_CONTINUATIONS.has(afterWord))
  ) {
    scan.flag(i, i, category);
    return;
  }
  // "she is tall", "I'm quite petite", "he looks young"
  let j = scan.previousIndex(i);
  while (
    j !== undefined &&
    (INTENSIFIERS.has(scan.word(j) ?? '') || scan.word(j) === 'and' || isPersonAdjective(scan.word(j)))
  ) {
    j = scan.previousIndex(j);
  }
  if (j !== undefined) {
    const verb = scan.word(j) ?? '';
    const subjectWords = scan.clauseBefore(j);
    if (
      /^(i'm|she's|he's|they're|you're|we're)$/.test(verb) ||
      (COPULAS.has(verb) && PERSON_SUBJECTS.has(scan.previous(j) ?? '')) ||
      (COPULAS.has(verb) && subjectWords.length === 0 && verb.startsWith('look')) ||
      (COPULAS.has(verb) &&
        subjectWords.some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '')) &&
        !subjectWords.some((k) => isThingNoun(scan, k)))
    ) {
      // "she is tall", "looking younger", "I've ... look skinny now" — unless the adjective
      // modifies a thing that follows ("she is in a black dress" never reaches here).
      const subject = scan.previousIndex(j);
      scan.flag(
        subject !== undefined && PERSON_SUBJECTS.has(scan.word(subject) ?? '') ? subject : j,
        chainEnd,
        category,
      );
      return;
    }
  }
  // A fragment that opens with the adjective describes the subject: "Tall and slim, in a grey coat."
  let opening = i - 1;
  while (
    opening >= 0 &&
    scan.tokens[opening]?.isWord &&
    INTENSIFIERS.has(scan.word(opening) ?? '') &&
    scan.word(opening) !== 'a'
  )
    opening -= 1;
  const startsClause = opening < 0 || scan.tokens[opening]?.clause !== scan.tokens[i]?.clause;
  if (startsClause && (!afterWord || SUBJECT_CONTINUATIONS.has(afterWord)) && scan.tokens[after]?.text !== '-') {
    scan.flag(i, chainEnd, category);
  }
}

/**
 * "a photo of a bearded grandfather", "a poster of an old man", "a TV shows a red-haired
 * newsreader": someone depicted, not the person.
 */
function isDepicted(scan: Scan, i: number): boolean {
  const before = scan.clauseBefore(i).slice(0, 10);
  for (let n = 0; n < before.length; n++) {
    if (scan.word(before[n] ?? -1) === 'of' && depictionBefore(scan, i, before[n + 1])) return true;
  }
  // "a magazine on the table shows ...", "a TV in the background playing ..."
  const verb = before.findIndex((k) => MEDIA_VERBS.has(scan.word(k) ?? ''));
  return verb >= 0 && before.slice(verb + 1).some((k) => MEDIA_NOUNS.has(scan.word(k) ?? ''));
}

/** Whether the noun before "of" at `depiction` makes an image of someone ("a framed photo of"). */
function depictionBefore(scan: Scan, i: number, depiction: number | undefined): boolean {
  const noun = depiction === undefined ? '' : (scan.word(depiction) ?? '');
  if (depiction === undefined || !noun) return false;
  if (DEPICTION_NOUNS.has(noun)) return true;
  const modifiers = [1, 2, 3].map((n) => scan.previous(depiction, n) ?? '');
  if (modifiers.some((m) => MADE_IMAGE_MODIFIERS.has(m))) return true; // "framed flash sheets of"
  if (!MAYBE_DEPICTION_NOUNS.has(noun)) return false;
  // A photo is a prop when it is framed, pinned, old... or sits somewhere in the set.
  if (modifiers.some((m) => PROP_MODIFIERS.has(m))) return true;
  const clause = scan.tokens
    .filter((t) => t.clause === scan.tokens[i]?.clause && t.isWord)
    .map((t) => t.lower)
    .join(' ');
  return /\b(on|above|behind|over) (the|a|his|her|their|my) (\w+ )?(wall|shelf|desk|mantel|mantelpiece|fridge|nightstand|dresser|table|monitor|corkboard|piano|sideboard|windowsill)\b|\b(hanging|hangs|pinned|taped|propped|stands|sits)\b/.test(
    clause,
  );
}

/** A capitalised word followed by another mid-sentence ("Old Man River", "Blonde Redhead"): a title or a name. */
function isTitleCase(scan: Scan, i: number): boolean {
  const token = scan.tokens[i];
  const next = scan.tokens[i + 1];
  const previous = scan.tokens[i - 1];
  const startsSentence = !previous || previous.clause !== token?.clause || (!previous.isWord && previous.text !== ',');
  return (
    !!token && !!next && next.isWord && !startsSentence && /^\p{Lu}/u.test(token.text) && /^\p{Lu}/u.test(next.text)
  );
}

/** A colour of hair, eyes or skin, also as part of a compound ("strawberry-blonde"). */
function isPersonColour(word: string): boolean {
  return (
    PERSON_COLOURS.has(word) ||
    (word.includes('-') &&
      word.split('-').some((part) => PERSON_COLOURS.has(part) && part !== 'light' && part !== 'dark'))
  );
}

/** Adjectives the lexicon knows, so a run of them can be bridged by "and" or a comma. */
function isKnownAdjective(word: string | undefined): boolean {
  return (
    !!word &&
    (PERSON_COLOURS.has(word) ||
      HAIR_STYLE_MODIFIERS.has(word) ||
      EYE_SHAPE_MODIFIERS.has(word) ||
      FEATURE_MODIFIERS.has(word) ||
      FACE_SHAPE_MODIFIERS.has(word) ||
      BODY_MODIFIERS.has(word) ||
      isPersonAdjective(word))
  );
}

function isPersonAdjective(word: string | undefined): boolean {
  return !!word && (PERSON_ADJECTIVES.has(word) || ALWAYS_PERSON.has(word));
}

/** A word before the verb that names a thing rather than the person ("the room looks ..."). */
function isThingNoun(scan: Scan, k: number): boolean {
  return THING_SUBJECTS.has(scan.word(k) ?? '');
}

/** Index of the last token of a run of appearance adjectives starting at i ("tall, slim"). */
function adjectiveChainEnd(scan: Scan, i: number): number {
  let end = i;
  let j = i + 1;
  while (j < scan.tokens.length) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) break;
    if (!token.isWord && token.text === ',') {
      j += 1;
      continue;
    }
    if (token.isWord && (token.lower === 'and' || INTENSIFIERS.has(token.lower))) {
      j += 1;
      continue;
    }
    if (token.isWord && isPersonAdjective(token.lower)) {
      end = j;
      j += 1;
      continue;
    }
    break;
  }
  return end;
}

function detectAge(scan: Scan, i: number, w: string): void {
  // "in her early 40s", "in my fifties"
  if (w === 'in' && /^(his|her|their|my|your|our)$/.test(scan.next(i) ?? '')) {
    let k = scan.nextIndex(scan.nextIndex(i) ?? -1);
    if (k !== undefined && DECADE_QUALIFIERS.has(scan.word(k) ?? '')) k = scan.nextIndex(k);
    const decade = k === undefined ? '' : (scan.word(k) ?? '').replace(/^(early|mid|late)-/, '');
    if (k !== undefined && DECADE_WORDS.has(decade)) scan.flag(i, k, 'age');
    return;
  }
  // "she looks about twenty-five", "I'm 34"
  if (COPULAS.has(w) || /^(i'm|she's|he's|they're)$/.test(w)) {
    let k = scan.nextIndex(i);
    while (
      k !== undefined &&
      /^(about|around|roughly|maybe|probably|nearly|almost|over|under|only|just)$/.test(scan.word(k) ?? '')
    )
      k = scan.nextIndex(k);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    const isAge =
      /^(1[5-9]|[2-9]\d)$/.test(amount) ||
      /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?$/.test(amount);
    const subject = /^(i'm|she's|he's|they're)$/.test(w) || PERSON_SUBJECTS.has(scan.previous(i) ?? '');
    const unit = k === undefined ? undefined : scan.next(k);
    if (isAge && subject && k !== undefined && (!unit || /^(years|now|today|and)$/.test(unit))) {
      scan.flag(i, unit === 'years' && scan.next(k, 2) === 'old' ? k + 2 : k, 'age');
      return;
    }
  }
  // "35-year-old teacher", "a 30-year-old"
  const yearOld = /^(\d{1,3}|[a-z]+(?:-[a-z]+)?)-years?-old$/.exec(w);
  if (yearOld) {
    const next = scan.next(i);
    if (!next || PERSON_NOUNS.has(next) || SUBJECT_CONTINUATIONS.has(next) || isPersonAdjective(next)) {
      scan.flag(i, next && PERSON_NOUNS.has(next) ? i + 1 : i, 'age');
    }
    return;
  }
  // "42 years old", "aged 45"
  if (w === 'years' && scan.next(i) === 'old') {
    const amount = scan.previous(i) ?? '';
    if (!/^\d{1,3}$/.test(amount) && !NUMBER_WORDS.has(amount)) return;
    const before = scan.clauseBefore(i - 1);
    const aboutPerson = before.length === 0 || before.slice(0, 5).some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? ''));
    if (aboutPerson) scan.flag(i - 1, i + 1, 'age');
    return;
  }
  if (w === 'aged') {
    let k = scan.nextIndex(i);
    if (k !== undefined && /^(about|around|roughly|nearly|almost|over|under|maybe)$/.test(scan.word(k) ?? ''))
      k = scan.nextIndex(k);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    if (
      k !== undefined &&
      (/^\d{1,3}$/.test(amount) || NUMBER_WORDS.has(amount)) &&
      !/^(years|months|days|weeks)$/.test(scan.next(k) ?? '')
    ) {
      scan.flag(i, k, 'age');
    }
    return;
  }
  if (w === 'wrinkles' || w === "crow's") {
    const context = [scan.next(i), scan.next(i, 2), scan.next(i, 3), scan.previous(i)];
    if (w === "crow's" && scan.next(i) === 'feet') scan.flag(i, i + 1, 'age');
    else if (context.some((c) => c && /^(eyes|face|forehead|mouth|skin)$/.test(c))) scan.flag(i, i, 'age');
    return;
  }
  if (w === 'laugh' && scan.next(i) === 'lines') scan.flag(i, i + 1, 'age');
}

function detectHeight(scan: Scan, i: number, w: string): void {
  // "6 feet tall", "5'10", "six-foot", "180 cm tall"
  const feetInches = /^[4-7]'\d{0,2}$/.test(w) || /^[4-7]'$/.test(w);
  const compound = /^(\d|four|five|six|seven)(-[a-z]+)*-(foot|feet|ft)(-\w+)?$/.test(w);
  const amount = /^\d{1,3}$/.test(w) || NUMBER_WORDS.has(w);
  let last: number | undefined;
  if (feetInches || compound) last = i;
  else if (amount && HEIGHT_UNITS.has(scan.next(i) ?? '')) last = i + 1;
  if (last === undefined) return;
  // "six foot four", "5 ft 10 in"
  if (/^(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)$/.test(scan.next(last) ?? '')) {
    last += 1;
    if (/^(in|inches|")$/.test(scan.next(last) ?? '')) last += 1;
  }
  if (scan.next(last) === 'tall') last += 1;
  const next = scan.next(last);
  const isTall = scan.word(last) === 'tall';
  const possessive = /^(his|her|their|my)$/.test(scan.previous(i) ?? '');
  if (possessive) {
    scan.flag(i - 1, next && /^(frame|build|body)$/.test(next) ? last + 1 : last, 'height');
    return;
  }
  if (next && !PERSON_NOUNS.has(next) && !SUBJECT_CONTINUATIONS.has(next)) return; // "a 6-foot ladder"
  const personContext = scan
    .clauseBefore(i)
    .slice(0, 5)
    .some(
      (k) =>
        PERSON_SUBJECTS.has(scan.word(k) ?? '') ||
        /^(stands|standing|measures|i'm|she's|he's)$/.test(scan.word(k) ?? ''),
    );
  if (isTall || feetInches || (next && PERSON_NOUNS.has(next)) || personContext) {
    if (!isTall && !feetInches && !personContext && !(next && PERSON_NOUNS.has(next))) return;
    scan.flag(i, next && PERSON_NOUNS.has(next) ? last + 1 : last, 'height');
  }
}

function detectWeight(scan: Scan, i: number, w: string): void {
  if (/^(weighs|weighing|weigh)$/.test(w) && /^\d{2,3}(kg|kgs|kilos?|lbs?)?$/.test(scan.next(i) ?? '')) {
    scan.flag(i, /^\d+$/.test(scan.next(i) ?? '') ? Math.min(i + 2, scan.tokens.length - 1) : i + 1, 'weight');
  }
  if (/^(weighs|weighing|weigh)$/.test(w)) {
    const k = scan.nextIndex(i);
    if (
      k !== undefined &&
      /^(about|around|roughly|nearly|almost|over|under|just)$/.test(scan.word(k) ?? '') &&
      /^\d{2,3}$/.test(scan.next(k) ?? '')
    )
      scan.flag(i, Math.min(k + 2, scan.tokens.length - 1), 'weight');
  }
  if (w === 'weight') {
    const before = scan.clauseBefore(i).slice(0, 5);
    const change = before.find((k) => /^(lost|gained|losing|gaining|put|his|her|their|my)$/.test(scan.word(k) ?? ''));
    if (change !== undefined) scan.flag(change, i, 'weight');
  }
  if (
    (w === 'pounds' || w === 'kilos' || w === 'lbs' || w === 'kg') &&
    /^(extra|few|spare|excess)$/.test(scan.previous(i) ?? '')
  ) {
    scan.flag(i - 1, i, 'weight');
  }
  if (
    w === 'height' &&
    /^(his|her|their|my|average|medium|above-average|below-average)$/.test(scan.previous(i) ?? '')
  ) {
    scan.flag(i - 1, i, 'height');
  }
}

function detectEthnicityPhrases(scan: Scan, i: number, w: string): void {
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

function detectResemblance(scan: Scan, i: number, w: string): void {
  const isLook = w.startsWith('look');
  const isPass = /^(pass|passes|passing|passed)$/.test(w) && scan.next(i) === 'for';
  if (!RESEMBLANCE_VERBS.has(w) && !isPass) return;
  let objectIndex = scan.nextIndex(i);
  if (isLook) {
    // "looks just like", "look a lot like", "looks kind of like"
    let hedge = 0;
    while (
      objectIndex !== undefined &&
      hedge < 3 &&
      /^(just|exactly|a|lot|bit|little|kind|sort|of|so|much|almost|more|quite)$/.test(scan.word(objectIndex) ?? '')
    ) {
      objectIndex = scan.nextIndex(objectIndex);
      hedge += 1;
    }
    if (scan.word(objectIndex ?? -1) !== 'like') return;
    objectIndex = scan.nextIndex(objectIndex ?? -1);
  } else if (isPass || (w === 'resemblance' && scan.word(objectIndex ?? -1) === 'to')) {
    objectIndex = scan.nextIndex(objectIndex ?? -1);
  }
  if (objectIndex === undefined) return;
  const before = scan.clauseBefore(i);
  const personSubject = before
    .slice(0, 4)
    .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') && !/^(his|her|their|my|your)$/.test(scan.word(k) ?? ''));
  const thingSubject = before.some((k) => isThingNoun(scan, k));
  // "looks like a cross between X and Y", "a mix of X and Y"
  if (
    /^(a|an)$/.test(scan.word(objectIndex) ?? '') &&
    /^(cross|mix|blend|combination|mashup|hybrid)$/.test(scan.next(objectIndex) ?? '') &&
    /^(between|of)$/.test(scan.next(objectIndex, 2) ?? '')
  ) {
    objectIndex = scan.nextIndex(scan.nextIndex(scan.nextIndex(objectIndex) ?? -1) ?? -1) ?? objectIndex;
  }
  // Skip articles and age words to the object: "looks like a young Tom Hanks"
  let k: number | undefined = objectIndex;
  while (k !== undefined && (DETERMINERS.has(scan.word(k) ?? '') || isPersonAdjective(scan.word(k))))
    k = scan.nextIndex(k);
  if (k === undefined) return;
  const objectToken = scan.tokens[k];
  let last = k;
  // A name may run over several capitalised words ("Idris Elba").
  while (/^\p{Lu}/u.test(scan.tokens[last + 1]?.text ?? '') && scan.tokens[last + 1]?.isWord) last += 1;
  const after = scan.next(last);
  // "like a Vermeer painting", "like a Wes Anderson film": a style reference, not a face.
  const styleReference = !!after && STYLE_REFERENCE_NOUNS.has(after);
  const namesSomeone =
    !!objectToken &&
    !styleReference &&
    (/^\p{Lu}/u.test(objectToken.text) ||
      PERSON_NOUNS.has(objectToken.lower) ||
      /^(me|him|her|them|myself)$/.test(objectToken.lower));
  if ((personSubject && !styleReference && !thingSubject) || (!thingSubject && namesSomeone)) {
    scan.flag(i, last, 'resemblance');
  }
}

function detectResemblancePhrases(scan: Scan): void {
  const lower = scan.text.toLowerCase();
  for (const phrase of RESEMBLANCE_PHRASES) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(phrase, from);
      if (at < 0) break;
      from = at + phrase.length;
      const first = scan.tokens.findIndex((t) => t.start === at);
      const lastToken = scan.tokens.findIndex((t) => t.end === at + phrase.length);
      if (first < 0 || lastToken < 0) continue;
      // "a face like a Renaissance painting" still asks for a different face; flag it.
      const objectIndex = scan.nextIndex(lastToken);
      scan.flag(first, objectIndex ?? lastToken, 'resemblance');
    }
  }
}

/** "make him look younger", "making me look fifteen kilos lighter": asks to change the person. */
function detectMakeLook(scan: Scan, i: number, w: string): void {
  if (!/^(make|makes|making|made)$/.test(w)) return;
  const who = scan.next(i);
  if (!who || !/^(him|her|them|me|us|the|his|their|my)$/.test(who)) return;
  let k = scan.nextIndex(i);
  // "make her skin lighter", "make his jaw sharper": a change to the body itself.
  const part = scan.next(i, 2) ?? '';
  const partCategory: Record<string, AppearanceCategory> = {
    skin: 'skin',
    hair: 'hair',
    eyes: 'eyes',
    face: 'face',
    jaw: 'face',
    nose: 'face',
    lips: 'face',
    body: 'build',
    arms: 'build',
    waist: 'weight',
    belly: 'weight',
  };
  if (/^(him|her|them|me|his|their|my)$/.test(who) && partCategory[part]) {
    const last = scan.nextIndex(scan.nextIndex(k ?? -1) ?? -1) ?? scan.nextIndex(k ?? -1) ?? i;
    scan.flag(i, last, partCategory[part] ?? 'face');
    return;
  }
  if (who === 'the') k = scan.nextIndex(k ?? -1); // "make the host look"
  if (k === undefined || (who === 'the' && !PERSON_NOUNS.has(scan.word(k) ?? ''))) return;
  const verb = scan.nextIndex(k);
  if (verb === undefined || !/^(look|appear|seem)$/.test(scan.word(verb) ?? '')) return;
  let last = verb;
  let category: AppearanceCategory | undefined;
  for (let step = 0, j = scan.nextIndex(verb); j !== undefined && step < 4; step++, j = scan.nextIndex(j)) {
    const word = scan.word(j) ?? '';
    last = j;
    if (/^(younger|older|old|young|youthful)$/.test(word)) category = 'age';
    else if (/^(lighter|heavier|thinner|slimmer|fatter|skinnier|leaner)$/.test(word)) category = 'weight';
    else if (/^(taller|shorter)$/.test(word)) category = 'height';
    else if (/^(fitter|bigger|muscular|stronger)$/.test(word)) category = 'build';
    else if (/^(prettier|handsomer|better-looking|attractive|beautiful|handsome)$/.test(word)) category = 'face';
    if (category) break;
  }
  if (category) scan.flag(i, last, category);
}

const DETECTORS = [
  detectMakeLook,
  detectHair,
  detectEyes,
  detectSkin,
  detectFace,
  detectBody,
  detectMakeup,
  detectMarks,
  detectAlwaysPerson,
  detectPersonAdjective,
  detectAge,
  detectHeight,
  detectWeight,
  detectEthnicityPhrases,
  detectResemblance,
];

/** Every phrase in `text` that describes the person's face or body, in order of appearance. */
export function lintAppearance(text: string): AppearanceFinding[] {
  const tokens = tokenize(text);
  const scan = new Scan(text, tokens);
  tokens.forEach((token, i) => {
    if (!token.isWord) return;
    for (const detect of DETECTORS) detect(scan, i, token.lower);
  });
  detectResemblancePhrases(scan);
  return mergeSpans(scan, (span) => span.category === 'resemblance' || isThePersons(scan, span));
}

// ---- whose is it ------------------------------------------------------------------------------

const FUNCTION_WORD =
  /^(a|an|the|and|or|but|nor|with|without|in|on|at|to|for|from|of|by|under|over|into|onto|past|through|across|along|around|behind|beside|near|is|are|was|were|be|been|has|have|had|his|her|their|its|my|your|our|this|that|these|those|who|which|while|as|than|so|very)$/;
const OBJECT_AFTER_VERB = /^(a|an|the|his|her|their|my|your|its|our|this|that|these|those|up|down|out|off)$/;

/** A span survives when nothing shows the words belong to an animal, a thing, a picture or the light. */
function isThePersons(scan: Scan, span: Span): boolean {
  if (isDepicted(scan, span.first)) return false;
  if (thingAfter(scan, span) || thingBefore(scan, span)) return false;
  if (isLitOnly(scan, span)) return false;
  return !isProperName(scan, span);
}

function isOwnerThing(word: string): boolean {
  const base = word.replace(/'s?$/, '');
  return ANIMAL_NOUNS.has(base) || PLANT_NOUNS.has(base) || OBJECT_NOUNS.has(base);
}

/** "a wire-haired terrier", "a big-bellied teapot", "pink hair rollers": the noun the span modifies is a thing. */
function thingAfter(scan: Scan, span: Span): boolean {
  const last = scan.tokens[span.last];
  if (!last) return false;
  // After a noun ("hair rollers") only the next word can make a compound; after an adjective
  // ("one-eyed rescue cat") the head noun may be a word or two further on.
  const reach = BODY_FEATURES.has(last.lower) || BARE_FEATURES.has(last.lower) ? 1 : 3;
  for (let j = span.last + 1, steps = 0; steps < reach; j++, steps++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== last.clause) return false;
    if (!token.isWord) {
      if (token.text === ',' && last.lower.includes('-')) continue;
      return false;
    }
    if (PERSON_NOUNS.has(token.lower)) return false;
    // "a tattooed rose": the design, on the skin.
    if (/^(tattooed|inked)$/.test(last.lower)) return false;
    // "her hair matches the sofa": a verb, not a compound noun.
    if (isOwnerThing(token.lower)) return !OBJECT_AFTER_VERB.test(scan.word(j + 1) ?? '');
    if (FUNCTION_WORD.test(token.lower)) return false;
  }
  return false;
}

/** "its eyes", "the dog's ears", "a chair with thin legs": the owner before the span is a thing. */
function thingBefore(scan: Scan, span: Span): boolean {
  let j = scan.previousIndex(span.first);
  while (j !== undefined && /^(a|an|the|some|two|few)$/.test(scan.word(j) ?? '')) j = scan.previousIndex(j);
  const owner = j === undefined ? '' : (scan.word(j) ?? '');
  if (owner === 'its') return true;
  const part = scan.word(span.last) ?? '';
  const takes = (noun: string) =>
    ANIMAL_NOUNS.has(noun) || ((PLANT_NOUNS.has(noun) || OBJECT_NOUNS.has(noun)) && OBJECT_PARTS.has(part));
  if (owner.endsWith("'s")) return takes(owner.slice(0, -2));
  if (owner !== 'with' || j === undefined) return false;
  let k = j - 1;
  if (scan.tokens[k]?.text === ',') k -= 1;
  const token = scan.tokens[k];
  return !!token?.isWord && token.clause === scan.tokens[j]?.clause && takes(token.lower);
}

/** "a kicker grazing the hair", "a key that models the cheekbones": a bare feature where light falls. */
function isLitOnly(scan: Scan, span: Span): boolean {
  if (span.first !== span.last || !BARE_FEATURES.has(scan.word(span.first) ?? '')) return false;
  const clause = scan.tokens[span.first]?.clause;
  return scan.tokens.some((t) => t.clause === clause && t.isWord && LIGHT_WORDS.has(t.lower));
}

/** "Bald Head Island", "Old Man of Storr": a run of capitalised words mid-sentence is a name. */
function isProperName(scan: Scan, span: Span): boolean {
  if (span.category === 'ethnicity') return false;
  const capital = (k: number) => !!scan.tokens[k]?.isWord && /^\p{Lu}/u.test(scan.tokens[k]?.text ?? '');
  for (let k = span.first; k <= span.last; k++) if (scan.tokens[k]?.isWord && !capital(k)) return false;
  const previous = scan.tokens[span.first - 1];
  const startsSentence =
    !previous || previous.clause !== scan.tokens[span.first]?.clause || (!previous.isWord && previous.text !== ',');
  if (startsSentence) return capital(span.last + 1) && span.last > span.first;
  return capital(span.last + 1) || capital(span.first - 1);
}

function mergeSpans(scan: Scan, keep: (span: Span) => boolean): AppearanceFinding[] {
  const spans = scan.spans.filter(keep).sort((a, b) => a.first - b.first || b.last - a.last);
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && span.first <= previous.last) {
      previous.last = Math.max(previous.last, span.last);
      continue;
    }
    merged.push({ ...span });
  }
  return merged.map(({ first, last, category }) => {
    // Trim stray punctuation at the ends of a span.
    while (first < last && !scan.tokens[first]?.isWord) first += 1;
    while (last > first && !scan.tokens[last]?.isWord) last -= 1;
    const start = scan.tokens[first]?.start ?? 0;
    const end = scan.tokens[last]?.end ?? start;
    return { phrase: scan.text.slice(start, end), category, label: CATEGORY_LABELS[category], start, end };
  });
}
