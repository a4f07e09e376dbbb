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
  AMBIGUOUS_FEATURES,
  SIZE_WORDS,
  BODY_DESCRIPTORS,
  FEATURE_ONLY_DESCRIPTORS,
  DESCRIPTOR_ENDINGS,
  FEATURE_SHAPE_VERBS,
  LINKING_VERBS,
  BODY_CONDITIONS,
  CONDITION_OBJECT_NEXT,
  LOCATED_MARKS,
  PIERCING_JEWELLERY,
  PIERCING_PLACES,
  PIERCING_ADJECTIVE_NEXT,
  FIXED_PHRASES,
  LIP_COLOURS,
  GREYING_WORDS,
  LOOK_NOUNS,
  NAMED_LOOK_NEXT,
  BODY_COMPOUND_IDIOMS,
  PERSON_SUFFIX_EXCEPTIONS,
  WATER_WORDS,
  EXPRESSION_NOUNS,
  GARMENT_CUTS,
  FIGURE_MATERIALS,
  FRAMING_NOUNS,
  SMILE_DESCRIPTORS,
  SKIN_DESCRIPTORS,
  EDIT_VERBS,
  EDIT_TARGETS,
  CELEBRITY_NOUNS,
  SHAPE_NOUNS,
  HAIR_STATES,
  STATE_WORDS,
  DESCRIPTOR_EXCEPTIONS,
  VERB_LIKE_NOUNS,
  ETHNIC_LOOK_NOUNS,
  SHOW_VERBS,
  COLOURED_PARTS,
  MEASURE_UNITS,
  COMPARATIVE_CATEGORIES,
  DEVICE_CONDITIONS,
  MEDICAL_AIDS,
  PREDICATE_ONLY_FEATURES,
  SHAPING_VERBS,
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
        /^(running|run|runs|ran|brushing|brushes|tucking|touching|pushing|pushes|fixing|twirling|scratching|hand|hands|fingers|holding|holds|pulling|pulls|sweeping|sweeps|flicking|flicks|tossing|tosses|smoothing|twisting)$/.test(
          scan.word(k) ?? '',
        ),
      );
    // "through his hair in frustration" is still a gesture; "his hair in a bun" is a style.
    // "holding her hair back from her face" moves it; "pulling her hair back into a bun" styles it.
    const wrapped = [2, 3, 4, 5].some((n) => HAIR_WRAPS.has(scan.next(i, n) ?? ''));
    const moved = /^(back|away|up|out|off|from|behind|aside)$/.test(scan.next(i) ?? '') && !wrapped;
    const styled = HAIR_STYLE_CONTINUATIONS.has(scan.next(i) ?? '') && !isBarePreposition(scan, i) && !moved;
    if (bare && gesture && !styled) return; // "running a hand through his hair" is a gesture
    // "his hair is wet from the rain", "hair dripping": a state of the moment, not a style.
    const linked = /^(is|was|still)$/.test(scan.next(i) ?? '');
    const state = linked ? scan.next(i, 2) : scan.next(i);
    const more = scan.next(i, linked ? 3 : 2) === 'and'; // "her hair is wet and curly"
    if (bare && HAIR_STATES.has(state ?? '') && !more) return;
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
    if (w === 'crop' && /^(on|to|at|from|in|into)$/.test(next ?? '')) return; // "a tight crop on the eyes"
    const previous = scan.previous(i);
    const clause = scan.tokens[i]?.clause;
    const water = /^(waves|curls)$/.test(w) && scan.tokens.some((t) => t.clause === clause && WATER_WORDS.has(t.lower));
    if (water && !/^(his|her|their|my)$/.test(previous ?? '')) return; // "choppy waves in the harbour"
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
  if (scan.next(i) === 'of') return; // "the eye of the storm"
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
    // "the jawline of the mountains", "cheekbones of rock": another thing's.
    if (ownerAfterOf(scan, i) === 'thing') return;
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
    if ((w === 'lip' || w === 'lips') && LIP_COLOURS.has(scan.previous(i) ?? '')) {
      scan.flag(scan.modifiersBefore(i, 2), i, 'makeup'); // "a dark plum lip"
      return;
    }
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

/** The category of a body compound: "ruddy-faced" is the face, "big-bellied" weight, "long-necked" build. */
function compoundCategory(w: string): AppearanceCategory {
  if (/-bellied$/.test(w)) return 'weight';
  if (/-(lidded|lashed)$/.test(w)) return 'eyes';
  if (/-complexioned$/.test(w)) return 'skin';
  if (/-(jawed|cheeked|lipped|nosed|browed|faced|chinned|toothed|featured|eared|mouthed)$/.test(w)) return 'face';
  return 'build';
}

function detectBody(scan: Scan, i: number, w: string): void {
  if (BODY_COMPOUND_ENDINGS.test(w)) {
    if (!BODY_COMPOUND_IDIOMS.has(w)) scan.flag(i, i, compoundCategory(w));
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
    // "a bony, hunched frame", "a delicate, almost girlish build"; not "a crooked picture frame".
    const first = scan.modifiersBefore(i, 3);
    const described = [];
    for (let k = first; k < i; k++) if (describesPart(scan.word(k) ?? '', w)) described.push(scan.word(k) ?? '');
    const shaped = described.some((d) => !SIZE_WORDS.has(d)) && !isOwnerThing(previous ?? '');
    if (!previous || (!BUILD_MODIFIERS.has(previous) && !shaped)) return;
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

/**
 * "on her cheeks", "swept on the apples of her cheeks", "caked over her skin": the index of the face
 * word the makeup is on, if there is one.
 */
function faceAfter(scan: Scan, i: number): number | undefined {
  let on = false;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 8; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/^(on|over|across|along|under|around|onto|beneath|into)$/.test(word)) on = true;
    else if (on && FACE_PLACES.has(word)) {
      // "across her eyelids and cheeks"
      const also = scan.next(j) === 'and' ? [1, 2].map((n) => scan.nextIndex(j + n - 1)) : [];
      const more = also.find((k) => k !== undefined && FACE_PLACES.has(scan.word(k) ?? ''));
      return more ?? j;
    } else if (/^(and|but|while|as|she|he|they|who|which)$/.test(word)) return undefined;
  }
  return undefined;
}

function detectMakeup(scan: Scan, i: number, w: string): void {
  // "kohl-rimmed eyes", "mascara-smudged lashes"
  if (w.includes('-') && w.split('-').some((part) => MAKEUP_NOUNS.has(part)) && FACE_PLACES.has(scan.next(i) ?? '')) {
    scan.flag(i, i + 1, 'makeup');
    return;
  }
  const ambiguous = MAKEUP_AMBIGUOUS.has(w);
  if (ambiguous && scan.next(i) === 'of') return; // "the shimmer of the lake"
  if (!MAKEUP_NOUNS.has(w) && !ambiguous && !(w === 'eye' && scan.next(i) === 'makeup')) return;
  const pair = MAKEUP_PAIRS.get(w);
  const face = faceAfter(scan, i);
  // "shadow" alone is light, not makeup; "a slick of gloss on her lips" is makeup.
  if (pair && !pair.has(scan.previous(i) ?? '') && (face === undefined || w === 'shadow')) return;
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
    // "a hare bounds across the stubble": the field after the harvest.
    if (
      w === 'stubble' &&
      scan.previous(i) === 'the' &&
      /^(across|in|over|through|into|on|from)$/.test(scan.previous(i, 2) ?? '')
    )
      return;
    if (w === 'bearded' && next === 'dragon') return;
  }
  scan.flag(scan.modifiersBefore(i, 3), i, category);
}

/**
 * "a youthful look", "freckled shoulders", "a willowy, elegant figure", "her Mediterranean looks":
 * the adjective chain describes a body word after it. Flags it and says so.
 */
function describesBodyAfter(scan: Scan, i: number, w: string, chainEnd: number, category: AppearanceCategory): boolean {
  const after = chainEnd + 1;
  const afterToken = scan.tokens[after];
  const afterWord = afterToken?.clause === scan.tokens[i]?.clause && afterToken?.isWord ? afterToken.lower : undefined;
  const bodyWord =
    !!afterWord && (APPEARANCE_NOUNS.has(afterWord) || BODY_PARTS.has(afterWord) || FACE_FEATURES.has(afterWord));
  // The body word after more adjectives; but "a small, round figure on the shelf" is an ornament.
  const bodyAhead =
    category === 'ethnicity'
      ? undefined
      : personNounAhead(scan, chainEnd, (word) => APPEARANCE_NOUNS.has(word) || BODY_PARTS.has(word));
  const thingShape = SIZE_WORDS.has(w) && /^(figure|body|frame|build)$/.test(scan.word(bodyAhead ?? -1) ?? '');
  if (!bodyWord && bodyAhead !== undefined && scan.next(bodyAhead) !== 'of' && !thingShape) {
    scan.flag(i, bodyAhead, category);
    return true;
  }
  // "her Mediterranean looks", "a very Irish look about him": ethnicity as looks.
  const hasLook = afterWord === 'look' && (scan.next(after) === 'about' || scan.anyBefore(i, HAVING, 4));
  const ethnicLooks = category === 'ethnicity' && (ETHNIC_LOOK_NOUNS.has(afterWord ?? '') || hasLook);
  if (
    afterWord &&
    (bodyWord || ethnicLooks) &&
    (category !== 'ethnicity' || ethnicLooks) &&
    !PERSON_NOUN_OBJECT_NEXT.has(scan.next(after) ?? '') &&
    scan.next(after) !== 'of'
  ) {
    scan.flag(i, after, category);
    return true;
  }
  return false;
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

  if (describesBodyAfter(scan, i, w, chainEnd, category)) return;
  // "a tall man", "young, tired founder", "a tall, rangy man"
  const noun = personNounAhead(scan, chainEnd);
  if (noun !== undefined && noun > after && !PERSON_NOUN_OBJECT_NEXT.has(scan.next(noun) ?? '')) {
    scan.flag(i, noun, category);
    return;
  }
  if (afterWord && isPersonNoun(afterWord) && afterWord !== 'i') {
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
  if (predicatesPerson(scan, i, chainEnd, category)) return;
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
  // "Tall and slim, in a grey coat" but not "Short, choppy waves": after a comma the subject goes on.
  const goesOn = scan.tokens[after]?.text !== ',' || fragmentGoesOn(scan, after + 1);
  if (
    startsClause &&
    goesOn &&
    (!afterWord || SUBJECT_CONTINUATIONS.has(afterWord)) &&
    scan.tokens[after]?.text !== '-'
  ) {
    scan.flag(i, chainEnd, category);
  }
}

/** After "Thin," : more about the subject ("almost gaunt, in a coat"), or a noun's adjectives ("spindly legs")? */
function fragmentGoesOn(scan: Scan, from: number): boolean {
  let j = from;
  while (scan.tokens[j]?.isWord && (INTENSIFIERS.has(scan.word(j) ?? '') || BODY_DESCRIPTORS.has(scan.word(j) ?? '')))
    j += 1;
  const token = scan.tokens[j];
  if (j > from && token?.isWord && token.clause === scan.tokens[from]?.clause) return continuesSubject(token.lower);
  return continuesSubject(scan.word(from));
}

/** After a fragment's comma: more about the subject ("lean", "broad-shouldered", "in running gear"). */
function describesSubjectNext(word: string | undefined): boolean {
  return (
    !!word &&
    (isPersonAdjective(word) || BODY_DESCRIPTORS.has(word) || SUBJECT_CONTINUATIONS.has(word) || isBodyCompound(word))
  );
}

function continuesSubject(word: string | undefined): boolean {
  return (
    !word ||
    SUBJECT_CONTINUATIONS.has(word) ||
    FUNCTION_WORD.test(word) ||
    PERSON_SUBJECTS.has(word) ||
    isPersonAdjective(word) ||
    INTENSIFIERS.has(word) ||
    BODY_DESCRIPTORS.has(word) ||
    /ing$/.test(word)
  );
}

/** The person noun a word or two after an adjective ("tall, rangy man"), over other adjectives only. */
function personNounAhead(scan: Scan, from: number, fits = (word: string) => isPersonNoun(word)): number | undefined {
  let words = 0;
  for (let j = from + 1; j < scan.tokens.length && words < 3; j++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[from]?.clause) return undefined;
    if (!token.isWord) {
      if (token.text === ',') continue;
      return undefined;
    }
    if (fits(token.lower) && token.lower !== 'i') return j;
    // "a lanky sixteen-year-old slouches": an age used as a noun for the person.
    if (/-years?-olds?$/.test(token.lower) && !isOwnerThing(scan.word(j + 1) ?? '')) return j;
    if (token.lower === 'and') continue;
    if (FUNCTION_WORD.test(token.lower) || isOwnerThing(token.lower) || PERSON_SUBJECTS.has(token.lower))
      return undefined;
    words += 1;
  }
  return undefined;
}

/** "she is tall", "I'm quite petite", "he looks young": flags it and says so. */
function predicatesPerson(scan: Scan, i: number, chainEnd: number, category: AppearanceCategory): boolean {
  // "the subject is small in the frame": composition, not the body.
  if (scan.next(chainEnd) === 'in' && FRAMING_NOUNS.has(scan.next(chainEnd, 3) ?? scan.next(chainEnd, 2) ?? ''))
    return false;
  let j = scan.previousIndex(i);
  while (
    j !== undefined &&
    (INTENSIFIERS.has(scan.word(j) ?? '') ||
      /^[a-z]{3,}ly$/.test(scan.word(j) ?? '') ||
      scan.word(j) === 'and' ||
      isPersonAdjective(scan.word(j)))
  ) {
    j = scan.previousIndex(j);
  }
  if (j === undefined) return false;
  const verb = scan.word(j) ?? '';
  const subjectWords = scan.clauseBefore(j);
  // "his legs are black with mud", "her hands are white with flour": said of a body part or a thing.
  const said = scan.previous(j) ?? '';
  if (COPULAS.has(verb) && (BODY_FEATURES.has(said) || isOwnerThing(said)) && !isPersonNoun(said)) return false;
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
    scan.flag(subject !== undefined && PERSON_SUBJECTS.has(scan.word(subject) ?? '') ? subject : j, chainEnd, category);
    return true;
  }
  return false;
}

/**
 * "a photo of a bearded grandfather", "a poster of an old man", "a TV shows a red-haired
 * newsreader": someone depicted, not the person.
 */
function isDepicted(scan: Scan, i: number): boolean {
  const before = scan.clauseBefore(i).slice(0, 10);
  if (afterMediaColon(scan, i)) return true;
  for (let n = 0; n < before.length; n++) {
    // "a poster of ...", "a magazine cover with ..."
    if (/^(of|with)$/.test(scan.word(before[n] ?? -1) ?? '') && depictionBefore(scan, i, before[n + 1])) return true;
  }
  // "a magazine on the table shows ...", "a TV in the background playing ..."
  const verb = before.findIndex((k) => MEDIA_VERBS.has(scan.word(k) ?? ''));
  if (verb >= 0 && before.slice(verb + 1).some((k) => MEDIA_NOUNS.has(scan.word(k) ?? ''))) return true;
  // "the magazine has a tanned surfer on its cover"
  const media = before.some(
    (k) => MEDIA_NOUNS.has(scan.word(k) ?? '') && !MAYBE_DEPICTION_NOUNS.has(scan.word(k) ?? ''),
  );
  const clause = scan.tokens[i]?.clause;
  const onCover = scan.tokens.some(
    (t, k) =>
      k > i &&
      t.clause === clause &&
      /^(cover|front|page|screen|label|box)$/.test(t.lower) &&
      /^(its|the)$/.test(scan.word(k - 1) ?? '') &&
      scan.word(k - 2) === 'on',
  );
  return media && onCover;
}

/** "The billboard across the road: a giant face of a freckled child": what a picture shows, after a colon. */
function afterMediaColon(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause ?? 0;
  const colon = scan.tokens.findIndex((t) => t.clause === clause - 1 && t.text === ':');
  if (colon < 0) return false;
  return scan.tokens.some(
    (t) =>
      t.clause === clause - 1 &&
      (DEPICTION_NOUNS.has(t.lower) || (MEDIA_NOUNS.has(t.lower) && !MAYBE_DEPICTION_NOUNS.has(t.lower))),
  );
}

/** Whether the noun before "of" at `depiction` makes an image of someone ("a framed photo of"). */
function depictionBefore(scan: Scan, i: number, depiction: number | undefined): boolean {
  const noun = depiction === undefined ? '' : (scan.word(depiction) ?? '');
  // "show him with ...": a pronoun or a small word is no picture.
  if (depiction === undefined || !noun || PERSON_SUBJECTS.has(noun) || FUNCTION_WORD.test(noun)) return false;
  if (DEPICTION_NOUNS.has(noun) || (MEDIA_NOUNS.has(noun) && !MAYBE_DEPICTION_NOUNS.has(noun))) return true;
  const modifiers = [1, 2, 3].map((n) => scan.previous(depiction, n) ?? '');
  // "framed flash sheets of", "a photo booth strip of"
  const made = (m: string) =>
    MADE_IMAGE_MODIFIERS.has(m) ||
    FIGURE_MATERIALS.has(m) ||
    MAYBE_DEPICTION_NOUNS.has(m) ||
    DEPICTION_NOUNS.has(m) ||
    MEDIA_NOUNS.has(m); // "a calendar photo of"
  if (modifiers.some(made)) return true;
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
      BODY_DESCRIPTORS.has(word) ||
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
      /^(about|around|roughly|maybe|probably|nearly|almost|over|under|only|just|barely|easily|well|clearly|at|least)$/.test(
        scan.word(k) ?? '',
      )
    )
      k = scan.nextIndex(k);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    const isAge =
      /^(1[5-9]|[2-9]\d)$/.test(amount) ||
      /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?$/.test(amount);
    // "she is 34", "she must be at least eighty"
    const modal = /^(must|might|may|could|would|should|will|can)$/.test(scan.previous(i) ?? '');
    const subject = /^(i'm|she's|he's|they're)$/.test(w) || PERSON_SUBJECTS.has(scan.previous(i, modal ? 2 : 1) ?? '');
    const unit = k === undefined ? undefined : scan.next(k);
    // "she's 34", "she's twenty-eight but looks eighteen"; not "he's 25 minutes away"
    const unitless =
      !unit ||
      /^(years|now|today|and|but|so|with|going|already|yet|though)$/.test(unit) ||
      (!isOwnerThing(unit) && !MEASURE_UNITS.has(unit) && FUNCTION_WORD.test(unit));
    if (isAge && subject && k !== undefined && unitless) {
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
  // "a 6-foot ladder"; but "she's a six-foot-tall basketball player"
  const tallCompound = /-tall$/.test(w) && !!next && !isOwnerThing(next);
  if (next && !isPersonNoun(next) && !SUBJECT_CONTINUATIONS.has(next) && !tallCompound) return;
  const personContext =
    scan
      .clauseBefore(i)
      .slice(0, 5)
      .some(
        (k) =>
          PERSON_SUBJECTS.has(scan.word(k) ?? '') ||
          /^(stands|standing|measures|i'm|she's|he's)$/.test(scan.word(k) ?? ''),
      ) ||
    // "At six foot five, he ducks under the beam"
    (scan.previous(i) === 'at' &&
      scan.tokens[last + 1]?.text === ',' &&
      /^(she|he|they|i)$/.test(scan.word(last + 2) ?? '')) ||
    // "Six foot, lean, in running gear": a fragment about the subject.
    (scan.previousIndex(i) === undefined &&
      scan.tokens[i - 1]?.text !== ',' &&
      scan.tokens[last + 1]?.text === ',' &&
      describesSubjectNext(scan.word(last + 2)));
  if (isTall || feetInches || tallCompound || (next && PERSON_NOUNS.has(next)) || personContext) {
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
      (/^\d{2,3}$/.test(scan.next(k) ?? '') || isAgeNumber(scan.next(k) ?? '', 20))
    )
      scan.flag(i, Math.min(k + 2, scan.tokens.length - 1), 'weight');
  }
  // "his weight on one leg" is a stance; "extra weight on her hips" is not.
  const stance =
    POSSESSIVES.test(scan.previous(i) ?? '') &&
    /^(on|onto|shifted|forward|back|against|balanced)$/.test(scan.next(i) ?? '');
  if (w === 'weight' && !stance) {
    const before = scan.clauseBefore(i).slice(0, 5);
    const change = before.find((k) =>
      /^(lost|gained|losing|gaining|put|his|her|their|my|extra|excess|spare|carrying|carries)$/.test(
        scan.word(k) ?? '',
      ),
    );
    if (change !== undefined) scan.flag(change, i, 'weight');
  }
  // "heavyset, about 110 kilos": a body weight, not "a 20 kg bag" or "20 kilos of gear"
  if (/^(kilos|kg|kgs|lbs|pounds|stone)$/.test(w) && isBodyWeight(scan.previous(i) ?? '')) {
    const next = scan.tokens[i + 1];
    if (!next?.isWord || (FUNCTION_WORD.test(next.lower) && next.lower !== 'of')) scan.flag(i - 1, i, 'weight');
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
  } else if (isPass || (/^(resemblance|likeness)$/.test(w) && /^(to|of)$/.test(scan.word(objectIndex ?? -1) ?? ''))) {
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

/** "he has a very Irish look": a look someone has is theirs. */
const HAVING = new Set(['has', 'have', 'had', 'having', 'with']);

/** "make him look younger", "making me look fifteen kilos lighter": asks to change the person. */
function detectMakeLook(scan: Scan, i: number, w: string): void {
  const show = SHOW_VERBS.has(w);
  if (!/^(make|makes|making|made)$/.test(w) && !show) return;
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
  // "make her skin lighter", not "making her hair glow" (light on it).
  const change = (/^(look|looks|appear)$/.test(scan.next(i, 3) ?? '') ? scan.next(i, 4) : scan.next(i, 3)) ?? '';
  const changes = describesPart(change, part) || /(er|ish)$/.test(change) || isPersonAdjective(change);
  if (/^(him|her|them|me|his|their|my)$/.test(who) && partCategory[part] && changes) {
    const last = scan.nextIndex(scan.nextIndex(k ?? -1) ?? -1) ?? scan.nextIndex(k ?? -1) ?? i;
    scan.flag(i, last, partCategory[part] ?? 'face');
    return;
  }
  if (who === 'the') k = scan.nextIndex(k ?? -1); // "make the host look"
  if (k === undefined || (who === 'the' && !PERSON_NOUNS.has(scan.word(k) ?? ''))) return;
  // "make him look younger"; "show him heavier", "render her as older" need no "look".
  const looks = /^(look|appear|seem)$/.test(scan.next(k) ?? '');
  const verb = looks ? scan.nextIndex(k) : show ? k : undefined;
  if (verb === undefined) return;
  let last = verb;
  let category: AppearanceCategory | undefined;
  for (let step = 0, j = scan.nextIndex(verb); j !== undefined && step < 4; step++, j = scan.nextIndex(j)) {
    const word = scan.word(j) ?? '';
    if (!looks && /^(the|his|her|their|my|your|this|that|these|those|to)$/.test(word)) break; // "show them the younger team"
    last = j;
    if (/^(younger|older|old|young|youthful)$/.test(word)) category = 'age';
    else if (/^(lighter|heavier|thinner|slimmer|fatter|skinnier|leaner)$/.test(word)) category = 'weight';
    else if (/^(taller|shorter)$/.test(word)) category = 'height';
    else if (/^(fitter|bigger|muscular|stronger)$/.test(word)) category = 'build';
    else if (/^(prettier|handsomer|better-looking|attractive|beautiful|handsome)$/.test(word)) category = 'face';
    else if (PERSON_ADJECTIVES.get(word) === 'ethnicity')
      category = 'ethnicity'; // "look more Japanese"
    else if (isAgeNumber(word, 15) && !/^(years|kilos|pounds|kg|lbs|stone)$/.test(scan.next(j) ?? '')) category = 'age'; // "make her look about thirty"

    if (category) break;
  }
  if (!category) return;
  // "... ten years younger and a bit slimmer": the second change is part of the same ask.
  for (let j = scan.nextIndex(last), n = 0; j !== undefined && n < 4; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (
      /(er|ish)$/.test(word) &&
      (isPersonAdjective(word) ||
        /^(slimmer|thinner|fatter|heavier|lighter|younger|older|taller|shorter|leaner|fitter)$/.test(word))
    )
      last = j;
    else if (!/^(and|a|bit|little|lot|much|slightly|far|more|also)$/.test(word)) break;
  }
  scan.flag(i, last, category);
}

const DETECTORS = [
  detectMakeLook,
  detectFeature,
  detectNamedMarks,
  detectLossesAndAids,
  detectAgeWords,
  detectBuildWords,
  detectHairWords,
  detectNamedLook,
  detectLookOfName,
  detectMistakenFor,
  detectBodyComparisons,
  detectStarFace,
  detectBodyEdit,
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
  detectFixedPhrases(scan);
  return mergeSpans(scan, (span) => span.category === 'resemblance' || isThePersons(scan, span));
}

// ---- features described: "long slender fingers", "her legs are long and toned" ---------------

const POSSESSIVES = /^(his|her|their|my|your)$/;

/** Whether `word` says what body part `part` looks like. */
function describesPart(word: string, part: string): boolean {
  if (DESCRIPTOR_EXCEPTIONS.get(word)?.has(part)) return false; // "wide eyes" is an expression
  const only = FEATURE_ONLY_DESCRIPTORS.get(word);
  if (only) return only.has(part);
  if (BODY_DESCRIPTORS.has(word) || DESCRIPTOR_ENDINGS.test(word)) return true;
  // "light" and "dark" are a colour of skin, eyes and hair, not of a chin ("the key light, chin lowered").
  if ((part === 'lips' || part === 'lip') && LIP_COLOURS.has(word)) return true; // "her lips are a deep plum"
  // A colour is a trait of skin, eyes, lips, teeth...; "fingers stained with blue paint" are not blue.
  if (isPersonColour(word)) return COLOURED_PARTS.has(part);
  if (/^(grey|gray|brown|redd|blu|yellow|pink|green|white|black|olive|orang)ish$/.test(word)) return true;
  // "high-arched", "sun-spotted", "dazzling-white": a compound with a descriptor in it.
  return word.includes('-') && word.split('-').some((p) => BODY_DESCRIPTORS.has(p) && !FEATURE_ONLY_DESCRIPTORS.has(p));
}

/** Whose a feature "of" something is: "the legs of a model" (a person's), "of the table" (a thing's). */
function ownerAfterOf(scan: Scan, i: number): 'person' | 'thing' | undefined {
  if (scan.next(i) !== 'of') return undefined;
  let k = scan.nextIndex(scan.nextIndex(i) ?? -1);
  for (let n = 0; k !== undefined && n < 4; n++, k = scan.nextIndex(k)) {
    const word = scan.word(k) ?? '';
    if (isOwnerThing(word)) return 'thing';
    if (isPersonNoun(word) && !/^(i|he|she|they|it)$/.test(word)) return 'person';
    if (/^(his|her|their|my|your)$/.test(word)) return 'person';
  }
  return undefined;
}

function detectFeature(scan: Scan, i: number, w: string): void {
  if ((w === 'smile' || w === 'grin') && scan.next(i) !== 'of') {
    // "a perfectly white smile", "a gummy grin": the teeth, not the expression.
    const first = scan.modifiersBefore(i, 3);
    for (let k = first; k < i; k++) if (SMILE_DESCRIPTORS.has(scan.word(k) ?? '')) return scan.flag(first, i, 'face');
    return;
  }
  if (PREDICATE_ONLY_FEATURES.has(w) && POSSESSIVES.test(scan.previous(i) ?? '')) {
    detectFeaturePredicate(scan, i, w, 'build'); // "her body is soft and curvy"
    return;
  }
  const category = BODY_FEATURES.get(w);
  // "the arms of the armchair"; but "the crepey skin of age" is still the person's.
  // "the crepey skin of age", "the long legs of a model"
  const ofSomeone =
    /^(age|youth|someone|somebody|old)$/.test(scan.next(i, 2) ?? '') || ownerAfterOf(scan, i) === 'person';
  if (!category || (scan.next(i) === 'of' && !ofSomeone)) return;
  // "eyes the colour of dark honey", "skin the shade of milky tea"
  if (
    scan.next(i) === 'the' &&
    /^(colour|color|shade|tone|hue)$/.test(scan.next(i, 2) ?? '') &&
    scan.next(i, 3) === 'of'
  ) {
    scan.flag(i, i + 3, category);
    return;
  }
  // "a polo neck", "table legs", "an empire waist": a thing's part or a garment's cut.
  const adjunct = scan.previous(i) ?? '';
  if ((isOwnerThing(adjunct) && !describesPart(adjunct, w)) || GARMENT_CUTS.get(w)?.has(adjunct)) return;
  // "age has thinned his lips", "the sun has bronzed her arms"
  const shaper = scan.previous(i, 2);
  if (POSSESSIVES.test(scan.previous(i) ?? '') && shaper && SHAPING_VERBS.has(shaper)) {
    scan.flag(i - 2, i, category);
    return;
  }
  const first = scan.modifiersBefore(i, 4);
  const described: string[] = [];
  for (let k = first; k < i; k++) {
    const word = scan.word(k);
    if (word && describesPart(word, w)) described.push(word);
  }
  const owner = scan.previous(first) ?? '';
  // "her long nails", "she has very long nails"
  const possessive =
    POSSESSIVES.test(owner) ||
    (/^(has|have|had)$/.test(owner) && scan.clauseBefore(first).some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '')));
  // "the warm chestnut of his eyes", "the pallor of her skin"
  if (possessive && scan.previous(i, 2) === 'of' && describesPart(scan.previous(i, 3) ?? '', w)) {
    scan.flag(scan.modifiersBefore(i - 3, 2), i, category);
    return;
  }
  // "a small chest", "tall palms": a size alone does not make these the body's.
  const sizeOnly = described.every((d) => SIZE_WORDS.has(d));
  if (described.length > 0 && (!AMBIGUOUS_FEATURES.has(w) || possessive || !sizeOnly)) {
    // "sunburnt freckled shoulders" is the skin; "long slender fingers" the build.
    scan.flag(first, i, described.some((d) => SKIN_DESCRIPTORS.has(d)) ? 'skin' : category);
    return;
  }
  detectFeaturePredicate(scan, i, w, category);
}

/** "her legs are long and toned", "his skin is a warm caramel brown", "his ears stick out". */
function detectFeaturePredicate(scan: Scan, i: number, w: string, category: AppearanceCategory): void {
  const verb = scan.nextIndex(i);
  if (verb === undefined) return;
  const v = scan.word(verb) ?? '';
  const previous = scan.previousIndex(i);
  const start = previous !== undefined && POSSESSIVES.test(scan.word(previous) ?? '') ? previous : i;
  // "his belly hangs over his belt"
  const overhangs =
    category === 'weight' && /^(hangs|hang|hanging|spills|spilling|strains|straining|pokes|bulges)$/.test(v);
  if (
    FEATURE_SHAPE_VERBS.has(v) ||
    overhangs ||
    (/^(stick|sticks|stuck|sticking)$/.test(v) && scan.next(verb) === 'out')
  ) {
    scan.flag(start, scan.next(verb) === 'out' ? verb + 1 : verb, category);
    return;
  }
  // "her brows have a dramatic natural arch", "his nose has a bump"
  if (/^(has|have|had)$/.test(v) && scan.next(verb) !== 'been') {
    const shape = scan.wordsAfter(verb, 4).find((j) => SHAPE_NOUNS.has(scan.word(j) ?? ''));
    if (shape !== undefined) scan.flag(start, shape, category);
    return;
  }
  // "his nose has been broken", "her skin is a rich, dark brown"
  const from = /^(has|have|had)$/.test(v) && scan.next(verb) === 'been' ? verb + 1 : verb;
  if (!LINKING_VERBS.has(scan.word(from) ?? '')) return;
  let last: number | undefined;
  for (const j of scan.wordsAfter(from, 6)) {
    const word = scan.word(j) ?? '';
    if (POSSESSIVES.test(word) || word === 'the' || word === 'of' || (word === 'full' && scan.next(j) === 'of')) break;
    // "her eyes are wide with surprise", "his face is red with laughter": a state, not a trait.
    if (describesPart(word, w) && !STATE_WORDS.has(word)) last = j;
  }
  if (last !== undefined) scan.flag(start, last, category);
}

// ---- marks, conditions and jewellery in the skin ----------------------------------------------

/** Marks that are also light, shapes or things: not where light falls ("spots of light on her cheek"). */
const SHAPE_MARKS = /^(spot|spots|patches|lines|circles|marks)$/;
const LOCATION_WORDS =
  /^(on|across|over|along|under|beneath|above|below|around|round|between|through|at|near|beside|down|up|of|in|into|from|inside|behind)$/;

/** Index of the body part a mark sits on ("a scar through his right eyebrow"), if it names one. */
function placeAfter(scan: Scan, i: number, fits: (part: string) => boolean, reach = 9): number | undefined {
  let located = false;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < reach; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/^(she|he|they|i|we|while|as|when|who|which|but|that)$/.test(word)) return undefined;
    if (LOCATION_WORDS.test(word) || POSSESSIVES.test(word)) located = true;
    else if (located && fits(word)) return j;
  }
  return undefined;
}

const FACE_PART = (part: string) =>
  FACE_PLACES.has(part) || ['face', 'eyes', 'hair'].includes(BODY_FEATURES.get(part) ?? '') || part === 'neck';

/**
 * Marks and conditions named for what they are ("acne", "vitiligo", "pregnant"), piercings,
 * jewellery through the lip or brow, and marks that sit on a body part ("a scar through his eyebrow").
 */
function detectNamedMarks(scan: Scan, i: number, w: string): void {
  const always = BODY_CONDITIONS.get(w);
  if (always) {
    const next = scan.next(i) ?? '';
    if (CONDITION_OBJECT_NEXT.has(next) || TATTOO_OBJECT_NEXT.has(next)) return;
    scan.flag(scan.modifiersBefore(i, 2), i, always);
    return;
  }
  if (w === 'piercing') {
    const next = scan.next(i) ?? '';
    if (PIERCING_ADJECTIVE_NEXT.has(next) || isPersonColour(next) || DETERMINERS.has(next)) return;
    scan.flag(scan.modifiersBefore(i, 2), i, 'body-marks');
    return;
  }
  const previous = scan.previous(i) ?? '';
  if (PIERCING_JEWELLERY.has(w)) {
    // "a lip ring", "a stud in her nose"
    const place = placeAfter(scan, i, (part) => PIERCING_PLACES.has(part));
    if (PIERCING_PLACES.has(previous)) scan.flag(i - 1, i, 'body-marks');
    else if (place !== undefined && place <= i + 4) scan.flag(i, place, 'body-marks');
    return;
  }
  detectLocatedMark(scan, i, w, previous);
}

function detectLocatedMark(scan: Scan, i: number, w: string, previous: string): void {
  const category = LOCATED_MARKS.get(w);
  if (!category || scan.next(i) === 'of') return; // "patches of light", "veins of marble"
  if (
    /^(scar|scars|scarring|slit|slits)$/.test(w) &&
    (BODY_FEATURES.has(previous) || /^(acne|burn|surgical|c-section)$/.test(previous))
  ) {
    scan.flag(i - 1, i, 'body-marks'); // "a knee scar", "acne scarring"
    return;
  }
  if (/^(down|fuzz)$/.test(w) && !/^(fine|soft|blonde|blond|dark|light|downy|peach|faint|fair|thin)$/.test(previous))
    return;
  if (SHAPE_MARKS.test(w) && inLitClause(scan, i)) return;
  let fits: (part: string) => boolean = (part) =>
    BODY_FEATURES.has(part) || FACE_PLACES.has(part) || /^(back|spine|body)$/.test(part);
  if (category === 'age' || category === 'facial-hair') fits = FACE_PART;
  if (/^(bags|circles)$/.test(w)) fits = (part) => part === 'eyes';
  if (category === 'face') fits = (part) => /^(teeth|tooth|mouth|gums)$/.test(part);
  const place = placeAfter(scan, i, fits);
  if (place !== undefined) scan.flag(scan.modifiersBefore(i, 2), place, category);
  // "her hand trembles with an essential tremor"; not "a tremor shook the building"
  else if (
    w === 'tremor' &&
    scan
      .clauseBefore(i)
      .slice(0, 8)
      .some((k) => fits(scan.word(k) ?? '') || PERSON_SUBJECTS.has(scan.word(k) ?? ''))
  )
    scan.flag(scan.modifiersBefore(i, 2), i, category);
}

function inLitClause(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause;
  return scan.tokens.some((t) => t.clause === clause && t.isWord && LIGHT_WORDS.has(t.lower));
}

/** "missing two fingers", "in his wheelchair", "a noticeable limp", "her bump". */
function detectLossesAndAids(scan: Scan, i: number, w: string): void {
  if (w === 'missing' || (w === 'lost' && POSSESSIVES.test(scan.next(i) ?? ''))) {
    for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 6; j = scan.nextIndex(j), n++) {
      if (BODY_FEATURES.has(scan.word(j) ?? '')) {
        scan.flag(i, j, 'condition');
        return;
      }
    }
    return;
  }
  const previous = scan.previous(i) ?? '';
  if (w === 'wheelchair' || w === 'wheelchairs') {
    const inOne = previous === 'a' && /^(in|uses|using)$/.test(scan.previous(i, 2) ?? '');
    if (POSSESSIVES.test(previous) || inOne || scan.next(i) === 'user')
      scan.flag(inOne ? i - 2 : POSSESSIVES.test(previous) ? i - 1 : i, i, 'condition');
    return;
  }
  if (/^(limp|stoop)$/.test(w) && /^(a|his|her|their|slight|noticeable|pronounced|visible|bad|heavy)$/.test(previous)) {
    const next = scan.tokens[i + 1];
    if (!next || !next.isWord || /^(from|in|on|as|when|that|and)$/.test(next.lower)) scan.flag(i - 1, i, 'condition');
    return;
  }
  if (/^(limps|limping)$/.test(w)) scan.flag(i, i, 'condition');
  // "his arm in a sling", "on crutches", "her bandaged hand"
  if (MEDICAL_AIDS.has(w) && scan.next(i) !== 'of') {
    const worn =
      /^(in|on|with|his|her|their)$/.test(previous) ||
      (previous === 'a' && /^(in|with|uses|using|needs|on)$/.test(scan.previous(i, 2) ?? ''));
    const body = scan
      .clauseBefore(i)
      .slice(0, 8)
      .some((k) => BODY_FEATURES.has(scan.word(k) ?? '') || PERSON_SUBJECTS.has(scan.word(k) ?? ''));
    if (worn && body) scan.flag(previous === 'a' ? i - 2 : i - 1, i, 'condition');
  }
  if (w === 'bump' && (POSSESSIVES.test(previous) || previous === 'baby')) scan.flag(i - 1, i, 'condition');
}

// ---- age, build and hair in other words --------------------------------------------------------

/** A number that can be an adult's weight in kilos or pounds: 40 to 400, or in words. */
function isBodyWeight(word: string): boolean {
  if (/^\d{2,3}$/.test(word)) return Number(word) >= 40 && Number(word) <= 400;
  return /^(forty|fifty|sixty|seventy|eighty|ninety|hundred)(-\w+)?$/.test(word);
}

/** A number that can be an adult's or a child's age: 10 to 110, in digits or words. */
function isAgeNumber(word: string, least = 10): boolean {
  if (/^\d{1,3}$/.test(word)) return Number(word) >= least && Number(word) <= 110;
  const tens = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?$/.test(word);
  const teens = /^(ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)$/.test(word);
  return tens || (teens && least <= 19);
}

const HEDGES =
  /^(about|around|roughly|nearly|almost|maybe|perhaps|just|well|only|barely|easily|clearly|way|long|comfortably)$/;

function detectAgeWords(scan: Scan, i: number, w: string): void {
  // "the youthful glow of her twenties", "well into his eighties"
  if (POSSESSIVES.test(w)) {
    // "every bit of his sixty years"
    if (isAgeNumber(scan.next(i) ?? '', 15) && scan.next(i, 2) === 'years') {
      scan.flag(i, i + 2, 'age');
      return;
    }
    let k = scan.nextIndex(i);
    if (k !== undefined && DECADE_QUALIFIERS.has(scan.word(k) ?? '')) k = scan.nextIndex(k);
    const decade = k === undefined ? '' : (scan.word(k) ?? '').replace(/^(early|mid|late)-/, '');
    if (k === undefined || !DECADE_WORDS.has(decade) || isOwnerThing(scan.next(k) ?? '')) return;
    const before = scan.previousIndex(i);
    const from = before !== undefined && /^(in|into|of|through|past|entering|reaching)$/.test(scan.word(before) ?? '');
    scan.flag(from && before !== undefined ? before : i, k, 'age');
    return;
  }
  // "mid-forties and fit"; not "in the mid-forties" (the decade of a century)
  if (/^(early|mid|late)-(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/.test(w)) {
    if (scan.previous(i) !== 'the') scan.flag(i, i, 'age');
    return;
  }
  // "At sixty-five she still swims"
  if (w === 'at' && isAgeNumber(scan.next(i) ?? '', 15)) {
    const after = scan.tokens[i + 2]?.text === ',' ? scan.word(i + 3) : scan.next(i, 2);
    if (/^(she|he|they|i|we)$/.test(after ?? '') || PERSON_SUBJECTS.has(after ?? '')) scan.flag(i, i + 1, 'age');
    return;
  }
  // "starting to show her age", "he looks his age"
  if (
    /^(show|shows|showing|showed|look|looks|looking|looked|feel|feels)$/.test(w) &&
    POSSESSIVES.test(scan.next(i) ?? '') &&
    scan.next(i, 2) === 'age'
  ) {
    scan.flag(i, i + 2, 'age');
    return;
  }
  // "a boy of about twelve", "a woman of forty"
  if (w === 'of' && PERSON_NOUNS.has(scan.previous(i) ?? '')) {
    let k = scan.nextIndex(i);
    while (k !== undefined && HEDGES.test(scan.word(k) ?? '')) k = scan.nextIndex(k);
    // "a kid of about eight"; not "a man of two minds"
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    const after = k === undefined ? undefined : scan.tokens[k + 1];
    const ends = !after?.isWord || FUNCTION_WORD.test(after.lower) || after.lower === 'years';
    const small = /^(three|four|five|six|seven|eight|nine|[3-9])$/.test(amount);
    const unit = !!after?.isWord && (MEASURE_UNITS.has(after.lower) || isOwnerThing(after.lower));
    if (k !== undefined && ((isAgeNumber(amount) && !unit) || (small && ends))) scan.flag(i - 1, k, 'age');
    return;
  }
  // "a man well past sixty", "she's pushing fifty"
  if (/^(past|pushing|nearing|approaching|over|under)$/.test(w)) {
    const k = scan.nextIndex(i);
    const amount = k === undefined ? '' : (scan.word(k) ?? '');
    if (k === undefined || !(isAgeNumber(amount, 20) || DECADE_WORDS.has(amount))) return;
    if (
      isOwnerThing(scan.next(k) ?? '') ||
      /^(years|minutes|hours|days|o'clock|percent|people)$/.test(scan.next(k) ?? '')
    )
      return;
    const subject = scan.clauseBefore(i).slice(0, 4);
    if (
      subject.some(
        (j) => PERSON_SUBJECTS.has(scan.word(j) ?? '') || /^(he's|she's|i'm|they're)$/.test(scan.word(j) ?? ''),
      )
    )
      scan.flag(i, k, 'age');
    return;
  }
  // "de-age her by fifteen years", "age him up"
  const target = /^(him|her|them|me|us)$/.test(scan.next(i) ?? '');
  if (
    /^de-?ag(e|ed|es|ing|eing)$/.test(w) ||
    (/^(age|ages|aging|ageing|aged)$/.test(w) && target && scan.previous(i) !== 'the')
  )
    scan.flag(i, target ? i + 1 : i, 'age');
}

function detectBuildWords(scan: Scan, i: number, w: string): void {
  // "he has the build of a rugby prop", "built like a wrestler"
  const like =
    (w === 'built' && scan.next(i) === 'like') || (/^(build|physique|frame)$/.test(w) && scan.next(i) === 'of');
  if (like && /^(a|an)$/.test(scan.next(i, 2) ?? '')) {
    const what = [scan.next(i, 3), scan.next(i, 4)];
    const person = scan
      .clauseBefore(i)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$/.test(scan.word(k) ?? ''));
    // "built like a tank" is still the person's build; "the frame of a bicycle" is not.
    const thing = what.some((x) => isOwnerThing(x ?? ''));
    if (w === 'built' ? person : !thing) scan.flag(i, i + 3, 'build');
    return;
  }
  // "he's on the chubby side"
  if (w === 'side' && scan.previous(i, 2) === 'the' && scan.previous(i, 3) === 'on') {
    const adjective = scan.previous(i) ?? '';
    const category = PERSON_ADJECTIVES.get(adjective);
    const person = scan
      .clauseBefore(i)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$|'re$|'m$/.test(scan.word(k) ?? ''));
    if (category && category !== 'ethnicity' && person) scan.flag(i - 3, i, category);
    return;
  }
  // "thirty pounds more", "ten kilos heavier"
  if (
    /^(pounds|lbs|kilos|kg|kgs|stone)$/.test(w) &&
    /^(more|heavier|lighter|less|thinner|slimmer|fatter)$/.test(scan.next(i) ?? '')
  ) {
    const amount = scan.previous(i) ?? '';
    if (/^\d{1,3}$/.test(amount) || NUMBER_WORDS.has(amount) || /^(few|some)$/.test(amount))
      scan.flag(i - 1, i + 1, 'weight');
  }
}

function detectHairWords(scan: Scan, i: number, w: string): void {
  // "the first grey at his temples", "silver coming in at the temples"
  if (w === 'temples') {
    const around = scan.clauseBefore(i).slice(0, 7);
    if (
      !/^(at|around|on|near|by|in)$/.test(
        scan.word(around.find((k) => !DETERMINERS.has(scan.word(k) ?? '')) ?? -1) ?? '',
      )
    )
      return;
    const colour = around.find((k) => GREYING_WORDS.has(scan.word(k) ?? ''));
    if (colour !== undefined) scan.flag(colour, i, 'hair');
    return;
  }
  // "thinning on top", "receding at the temples"
  if (/^(thinning|receding|balding|thin)$/.test(w)) {
    const next = scan.next(i);
    if (next === 'on' && scan.next(i, 2) === 'top') scan.flag(i, i + 2, 'hair');
    if (next === 'at' && /^(crown|front|temples|sides)$/.test(scan.next(i, 3) ?? '')) scan.flag(i, i + 3, 'hair');
    return;
  }
  // "a bald spot", "a balding patch on his crown"
  if (/^(bald|balding)$/.test(w) && /^(spot|spots|patch|patches)$/.test(scan.next(i) ?? '')) {
    const person = scan
      .clauseBefore(i)
      .slice(0, 8)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$/.test(scan.word(k) ?? ''));
    if (person) scan.flag(i, i + 1, 'hair');
    return;
  }
  // "keeps his head shaved"
  if (
    w === 'head' &&
    POSSESSIVES.test(scan.previous(i) ?? '') &&
    /^(shaved|shaven|buzzed|bald)$/.test(scan.next(i) ?? '')
  ) {
    scan.flag(i - 1, i + 1, 'hair');
    return;
  }
  // "he is going grey", "she has gone white"
  let k = scan.nextIndex(i);
  while (k !== undefined && INTENSIFIERS.has(scan.word(k) ?? '')) k = scan.nextIndex(k);
  if (
    /^(going|gone|turning|turned|went)$/.test(w) &&
    k !== undefined &&
    /^(grey|gray|white|silver|bald)$/.test(scan.word(k) ?? '')
  ) {
    const person = scan
      .clauseBefore(i)
      .slice(0, 4)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$/.test(scan.word(k) ?? ''));
    if (person) scan.flag(i, k, 'hair');
  }
}

/** Fixed phrases ("getting on in years"), wherever they appear. */
function detectFixedPhrases(scan: Scan): void {
  const lower = scan.text.toLowerCase().replace(/’/g, "'");
  for (const [phrase, category] of FIXED_PHRASES) {
    for (let at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + phrase.length)) {
      const first = scan.tokens.findIndex((t) => t.start === at);
      const last = scan.tokens.findIndex((t) => t.end === at + phrase.length);
      if (first >= 0 && last >= 0) scan.flag(first, last, category);
    }
  }
}

// ---- resemblance to someone named ---------------------------------------------------------------

function isCapitalised(scan: Scan, k: number): boolean {
  const token = scan.tokens[k];
  return !!token?.isWord && /^\p{Lu}/u.test(token.text);
}

/** Index of the last word of a run of capitalised words from k ("Meryl Streep"). */
function nameEnd(scan: Scan, k: number): number {
  let last = k;
  while (isCapitalised(scan, last + 1) && scan.tokens[last + 1]?.clause === scan.tokens[k]?.clause) last += 1;
  return last;
}

/** "a Clooney type", "Emma Stone's twin", "a Morgan Freeman-esque face", "Brad Pitt circa 1995". */
function detectNamedLook(scan: Scan, i: number, w: string): void {
  const previous = scan.tokens[i - 1];
  const startsName =
    isCapitalised(scan, i) &&
    !!previous?.isWord &&
    previous.clause === scan.tokens[i]?.clause &&
    (!isCapitalised(scan, i - 1) || /^(a|an|the|think)$/.test(previous.lower));
  if (!startsName) return;
  if (PERSON_ADJECTIVES.has(w) || ALWAYS_PERSON.has(w)) return;
  const last = nameEnd(scan, i);
  const end = namedLookEnd(scan, i, last);
  if (end !== undefined) scan.flag(i, end, 'resemblance');
}

/** Where "<name> type", "<name>'s (body) double", "a <name> jawline" ends, if the name is such a look. */
function namedLookEnd(scan: Scan, i: number, last: number): number | undefined {
  const lastWord = scan.word(last) ?? '';
  const after = scan.next(last) ?? '';
  const possessive = /'s?$/.test(lastWord);
  if (after === 'type')
    return continuesSubject(scan.next(last + 1)) && scan.next(last + 1) !== 'of' ? last + 1 : undefined;
  if (possessive && NAMED_LOOK_NEXT.has(after)) return last + 1; // "<name>'s twin"
  if (possessive && NAMED_LOOK_NEXT.has(scan.next(last, 2) ?? '')) return last + 2; // "<name>'s stunt double"
  if (after === 'circa') return last + 1; // "<name> circa 1995"
  // "a <full name> jawline"; "a <full name> look" only when body parts spell it out.
  const fullName = last > i && !possessive;
  if (fullName && LOOK_NOUNS.has(after) && after !== 'look' && after !== 'looks') return last + 1;
  if (fullName && after === 'look' && lookWithFeatures(scan, last + 1)) return last + 1;
  // "a Freeman-esque face"
  const esque = /-(esque|like|ish|type)$/.test(lastWord);
  if (esque && (LOOK_NOUNS.has(after) || PERSON_NOUNS.has(after) || NAMED_LOOK_NEXT.has(after))) return last + 1;
  return undefined;
}

const POSSESSIVE_OR_ARTICLE = /^(a|an|his|her|their|my|your)$/;
/**
 * "a dancer's body", "her mother's eyes" (a body like someone's); "a little heavier than in the
 * photo" (a change); "he has one arm" (a condition).
 */
function detectBodyComparisons(scan: Scan, i: number, w: string): void {
  const next = scan.next(i) ?? '';
  if (/'s$/.test(w) && POSSESSIVE_OR_ARTICLE.test(scan.previous(i) ?? '') && isPersonNoun(w.slice(0, -2))) {
    const category = BODY_FEATURES.get(next) ?? (PREDICATE_ONLY_FEATURES.has(next) ? 'build' : undefined);
    if (category) scan.flag(i - 1, i + 1, category);
    return;
  }
  const category = COMPARATIVE_CATEGORIES.get(w);
  if (
    category &&
    next === 'than' &&
    /^(in|she|he|they|i|we|you|before|now|usual|normal|today|currently|his|her|their|my)$/.test(scan.next(i, 2) ?? '')
  ) {
    scan.flag(i, i + 1, category);
    return;
  }
  if (
    w === 'one' &&
    /^(has|have|had|only)$/.test(scan.previous(i) ?? '') &&
    /^(arm|leg|eye|hand|foot|ear)$/.test(next)
  ) {
    const after = scan.tokens[i + 2];
    if (!after?.isWord || after.lower === 'and') scan.flag(i, i + 1, 'condition');
  }
}

/** "people mistake her for <name>", "often confused with a young <name>". */
function detectMistakenFor(scan: Scan, i: number, w: string): void {
  // The verb, not the noun: "mistake her for", "mistaken for"; never "a mistake for the meeting".
  const passive = /^(mistaken|confused)$/.test(w) && /^(for|with)$/.test(scan.next(i) ?? '');
  const active =
    /^(mistake|mistakes|mistook|confuse|confuses|confused)$/.test(w) &&
    /^(him|her|them|me|you|us)$/.test(scan.next(i) ?? '') &&
    /^(for|with)$/.test(scan.next(i, 2) ?? '');
  if (!passive && !active) return;
  let k = scan.nextIndex(passive ? i : i + 1);
  k = k === undefined ? undefined : scan.nextIndex(k);
  while (k !== undefined && (DETERMINERS.has(scan.word(k) ?? '') || isPersonAdjective(scan.word(k))))
    k = scan.nextIndex(k);
  if (k === undefined) return;
  const last = isCapitalised(scan, k) ? nameEnd(scan, k) : k;
  if ((isCapitalised(scan, k) && continuesSubject(scan.next(last))) || isPersonNoun(scan.word(k) ?? ''))
    scan.flag(i, last, 'resemblance');
}

/** "slim her face down", "smooth out the lines", "whiten his teeth": an edit to the body. */
function detectBodyEdit(scan: Scan, i: number, w: string): void {
  // "slim her down a little", "bulk him up"
  const pronoun = /^(him|her|them|me)$/.test(scan.next(i) ?? '') && /^(down|up|out)$/.test(scan.next(i, 2) ?? '');
  if ((EDIT_VERBS.has(w) || /^(bulk|fatten|beef|plump)$/.test(w)) && pronoun) {
    scan.flag(i, i + 2, /^(bulk|beef)$/.test(w) ? 'build' : 'weight');
    return;
  }
  // Many of these verbs are adjectives too ("thin skin of ice"): the edit has an object first.
  if (!EDIT_VERBS.has(w) || !/^(his|her|their|my|your|the|out|down|up|away)$/.test(scan.next(i) ?? '')) return;
  if (inLitClause(scan, i)) return; // "a bounce card to lift the eyes" is light
  let k = scan.nextIndex(i);
  for (let n = 0; k !== undefined && n < 4; n++, k = scan.nextIndex(k)) {
    const word = scan.word(k) ?? '';
    const category =
      BODY_FEATURES.get(word) ?? (EDIT_TARGETS.has(word) ? 'face' : word === 'hair' ? 'hair' : undefined);
    if (category) {
      scan.flag(i, k, category);
      return;
    }
    if (!/^(his|her|their|my|your|the|out|down|up|away|a|bit|little)$/.test(word) && !describesPart(word, 'skin'))
      return;
  }
}

/** "the kind of face you'd see on a 1950s film star": a face likened to a star's, in a few words. */
function detectStarFace(scan: Scan, i: number, w: string): void {
  if (!/^(face|features|looks)$/.test(w)) return;
  let linked = false;
  for (let j = scan.nextIndex(i), n = 0; j !== undefined && n < 8; j = scan.nextIndex(j), n++) {
    const word = scan.word(j) ?? '';
    if (/^(of|on|like)$/.test(word)) linked = true;
    else if (isOwnerThing(word))
      return; // "the face of the clock"
    else if (linked && isCelebrity(word)) {
      scan.flag(scan.modifiersBefore(i, 2), j, 'resemblance');
      return;
    }
  }
}

function isCelebrity(word: string): boolean {
  return CELEBRITY_NOUNS.has(word) || CELEBRITY_NOUNS.has(word.split('-').at(-1) ?? '');
}

/** "a <name> look, with the brows and the braids": a named look spelled out in body parts. */
function lookWithFeatures(scan: Scan, i: number): boolean {
  const clause = scan.tokens[i]?.clause;
  return scan.tokens.some((t, k) => k > i && t.clause === clause && t.isWord && BODY_FEATURES.has(t.lower));
}

/** "the face of a young <name>", "give her a young <name> look". */
function detectLookOfName(scan: Scan, i: number, w: string): void {
  const give = /^(give|gives|giving|gave)$/.test(w) && /^(him|her|them|me)$/.test(scan.next(i) ?? '');
  // "the face of a young <name>", "she's the very image of <name>"
  const image = scan.previous(i) === 'image' && /^(the|very|living|spitting)$/.test(scan.previous(i, 2) ?? '');
  const of = w === 'of' && (LOOK_NOUNS.has(scan.previous(i) ?? '') || image);
  // "Picture a young <name>, leaning on the car"
  const imagine = /^(picture|imagine|think|channel|channelling|channeling)$/.test(w);
  if (!give && !of && !imagine) return;
  let k = scan.nextIndex(give ? i + 1 : i);
  while (
    k !== undefined &&
    (DETERMINERS.has(scan.word(k) ?? '') ||
      isPersonAdjective(scan.word(k)) ||
      /^(classic|famous)$/.test(scan.word(k) ?? ''))
  )
    k = scan.nextIndex(k);
  if (k === undefined) return;
  // "the face of a silent-film star"
  const star = of && !image ? [k, k + 1, k + 2].find((j) => isCelebrity(scan.word(j) ?? '')) : undefined;
  if (star !== undefined && scan.tokens[star]?.clause === scan.tokens[i]?.clause) {
    scan.flag(i - 1, star, 'resemblance');
    return;
  }
  if (!isCapitalised(scan, k) || PERSON_ADJECTIVES.has(scan.word(k) ?? '')) return;
  const last = nameEnd(scan, k);
  if (give && !LOOK_NOUNS.has(scan.next(last) ?? '') && scan.next(last) !== 'vibe') return;
  // A name, not a place or a brand: two words or more, then nothing that makes it a thing's name.
  if (imagine && (last === k || !continuesSubject(scan.next(last)) || STYLE_REFERENCE_NOUNS.has(scan.next(last) ?? '')))
    return;
  if (of && isOwnerThing(scan.next(last) ?? '')) return;
  scan.flag(of ? i - 1 : i, give ? last + 1 : last, 'resemblance');
}

// ---- whose is it ------------------------------------------------------------------------------

const FUNCTION_WORD =
  /^(a|an|the|and|or|but|nor|with|without|in|on|at|to|for|from|of|by|under|over|into|onto|past|through|across|along|around|behind|beside|near|is|are|was|were|be|been|has|have|had|his|her|their|its|my|your|our|this|that|these|those|who|which|while|as|than|so|very)$/;
const OBJECT_AFTER_VERB = /^(a|an|the|his|her|their|my|your|its|our|this|that|these|those|up|down|out|off)$/;

/** A span survives when nothing shows the words belong to an animal, a thing, a picture or the light. */
function isThePersons(scan: Scan, span: Span): boolean {
  if (isDepicted(scan, span.first)) return false;
  if (thingAfter(scan, span) || thingBefore(scan, span) || featureOfAThing(scan, span)) return false;
  if (span.first === span.last && isBodyCompound(scan.word(span.first) ?? '') && !compoundOnPerson(scan, span.last))
    return false;
  if (isLitOnly(scan, span)) return false;
  return !isProperName(scan, span);
}

/** A noun for a person: the lexicon's, or one made with a person suffix ("fisherman", "florist"). */
function isPersonNoun(word: string): boolean {
  if (PERSON_NOUNS.has(word)) return true;
  if (isOwnerThing(word) || PERSON_SUFFIX_EXCEPTIONS.has(word)) return false;
  return (
    /^[a-z]{2,}(man|men|woman|women|person|people|boy|boys|girl|girls|ician|icians|ista|istas|ologist|ologists)$/.test(
      word,
    ) ||
    (/^[a-z]{4,}ists?$/.test(word) && !/lists?$/.test(word))
  );
}

function isOwnerThing(word: string): boolean {
  const base = word.replace(/'s?$/, '');
  return ANIMAL_NOUNS.has(base) || PLANT_NOUNS.has(base) || OBJECT_NOUNS.has(base);
}

/** "the heavy-lidded eyes of a sleepy cat": the feature the span describes belongs to an animal or thing. */
function featureOfAThing(scan: Scan, span: Span): boolean {
  // "he has the heavy-lidded eyes of a sleepy cat": someone has them, like a cat's.
  const had =
    /^(the|a|an)$/.test(scan.previous(span.first) ?? '') &&
    /^(has|have|had|with)$/.test(scan.previous(span.first, 2) ?? '');
  if (had) return false;
  return [span.last, span.last + 1].some((k) => {
    const word = scan.word(k) ?? '';
    return (BODY_FEATURES.has(word) || LOOK_NOUNS.has(word)) && ownerAfterOf(scan, k) === 'thing';
  });
}

function isBodyCompound(word: string): boolean {
  return /-(haired|headed|eyed|skinned)$/.test(word) || BODY_COMPOUND_ENDINGS.test(word);
}

/**
 * "a long-necked woman", "a gap-toothed grin", "ruddy-faced from decades outdoors": a body compound
 * is the person's before a person noun, a word for looks, or no noun at all; "a dark-eyed junco"
 * is some animal's.
 */
function compoundOnPerson(scan: Scan, i: number): boolean {
  if (COPULAS.has(scan.previous(i) ?? '')) return true; // "who is medium-dark-skinned"
  let afterComma = false;
  for (let j = i + 1; j < scan.tokens.length; j++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== scan.tokens[i]?.clause) return true;
    if (!token.isWord) {
      if (token.text !== ',') return true;
      afterComma = true;
      continue;
    }
    const word = token.lower;
    if (isPersonNoun(word) || LOOK_NOUNS.has(word) || EXPRESSION_NOUNS.has(word)) return true;
    if (FUNCTION_WORD.test(word) || SUBJECT_CONTINUATIONS.has(word) || PERSON_SUBJECTS.has(word)) return true;
    const adjective =
      word.includes('-') ||
      INTENSIFIERS.has(word) ||
      isPersonAdjective(word) ||
      BODY_DESCRIPTORS.has(word) ||
      isPersonColour(word);
    if (adjective) continue;
    // After a comma a new phrase may start ("skinned, laughs"); "a distance runner" is a person.
    return afterComma || isPersonNoun(scan.word(j + 1) ?? '');
  }
  return true;
}

/** "a wire-haired terrier", "a big-bellied teapot", "pink hair rollers": the noun the span modifies is a thing. */
function thingAfter(scan: Scan, span: Span): boolean {
  const last = scan.tokens[span.last];
  if (!last) return false;
  // After a noun ("hair rollers") only the next word can make a compound; after an adjective
  // ("one-eyed rescue cat") the head noun may be a word or two further on.
  // "chunky dad sneakers", "a boyfriend blazer": a person noun before a thing names the thing's cut.
  if (isPersonNoun(last.lower)) {
    const next = scan.tokens[span.last + 1];
    // ... but "a tall man ducks through the doorway" is a verb.
    return (
      !!next?.isWord &&
      isOwnerThing(next.lower) &&
      !VERB_LIKE_NOUNS.has(next.lower) &&
      !OBJECT_AFTER_VERB.test(scan.word(span.last + 2) ?? '')
    );
  }
  const adjective = /(ed|ing|ish|y)$/.test(last.lower) && !BODY_FEATURES.has(last.lower) && last.lower !== 'stubble';
  const reach = adjective || isPersonAdjective(last.lower) ? 3 : 1;
  for (let j = span.last + 1, steps = 0; steps < reach; j++, steps++) {
    const token = scan.tokens[j];
    if (!token || token.clause !== last.clause) return false;
    if (!token.isWord) {
      if (token.text === ',' && last.lower.includes('-')) continue;
      return false;
    }
    if (isPersonNoun(token.lower)) return false;
    // "a tattooed rose": the design, on the skin.
    // ("a tattooed rose up the side of his neck"), unless no body part is named ("a tattooed vase").
    if (/^(tattooed|inked)$/.test(last.lower) && isOwnerThing(token.lower))
      return placeAfter(scan, span.last, (part) => BODY_FEATURES.has(part), 12) === undefined;
    // "a stoma bag", "a prosthetic leg brace": a condition's device is still the condition.
    if (DEVICE_CONDITIONS.has(last.lower) && !ANIMAL_NOUNS.has(token.lower)) return false;
    // "her hair matches the sofa": a verb, not a compound noun.
    if (isOwnerThing(token.lower)) return !OBJECT_AFTER_VERB.test(scan.word(j + 1) ?? '');
    if (FUNCTION_WORD.test(token.lower)) return false;
  }
  return false;
}

/** "its eyes", "the dog's ears", "a chair with thin legs": the owner before the span is a thing. */
function thingBefore(scan: Scan, span: Span): boolean {
  let j: number | undefined = span.first - 1;
  if (scan.tokens[j]?.text !== ',' || scan.tokens[j]?.clause !== scan.tokens[span.first]?.clause)
    j = scan.previousIndex(span.first);
  while (
    j !== undefined &&
    (/^(a|an|the|some|few|\d+)$/.test(scan.word(j) ?? '') || NUMBER_WORDS.has(scan.word(j) ?? ''))
  )
    j = scan.previousIndex(j);
  const owner = j === undefined ? '' : scan.tokens[j]?.isWord ? (scan.word(j) ?? '') : (scan.tokens[j]?.text ?? '');
  if (owner === 'its') return true;
  const part = scan.word(span.last) ?? '';
  const figure = (k: number) => isPersonNoun(scan.word(k) ?? '') && FIGURE_MATERIALS.has(scan.previous(k) ?? '');
  const takes = (noun: string, k = -1) =>
    ANIMAL_NOUNS.has(noun) ||
    figure(k) ||
    ((PLANT_NOUNS.has(noun) || OBJECT_NOUNS.has(noun)) && OBJECT_PARTS.has(part)) ||
    (PLANT_NOUNS.has(noun) && /^(hair|hairs|skin)$/.test(part));
  if (owner.endsWith("'s")) return takes(owner.slice(0, -2));
  // "a teapot with a chipped spout and a wide belly": the "with" of a list of parts.
  if ((owner === 'and' || owner === ',') && j !== undefined) {
    const list = scan.clauseBefore(j).slice(0, 6);
    const withIndex = list.find((k) => scan.word(k) === 'with');
    if (withIndex !== undefined) j = withIndex;
  }
  if (scan.word(j ?? -1) !== 'with' || j === undefined) return false;
  // "a hoodie, with blonde hair": after a comma the "with" is the person's.
  const k = j - 1;
  const token = scan.tokens[k];
  return !!token?.isWord && token.clause === scan.tokens[j]?.clause && takes(token.lower, k);
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
  return capital(span.last + 1) || capital(span.first - 1) || span.last > span.first; // "a pair of Big Foot snowshoes"
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
