// Hair: colour, length and style on "hair" and its style nouns, "-haired", and hair in other words
// (greying at the temples, thinning on top, going grey).

import {
  EDIT_VERBS,
  HAIR_COVERS,
  BODY_FEATURES,
  DETERMINERS,
  GREYING_WORDS,
  HAIR_AMBIGUOUS_NOUNS,
  HAIR_AMBIGUOUS_OBJECT_NEXT,
  HAIR_OBJECT_NEXT,
  HAIR_OBJECT_PREVIOUS,
  HAIR_STATES,
  HAIR_STYLE_CONTINUATIONS,
  HAIR_STYLE_MODIFIERS,
  HAIR_STYLE_NOUNS,
  HAIR_WRAPS,
  HEAD_HAIR_MODIFIERS,
  INTENSIFIERS,
  PERSON_NOUN_OBJECT_NEXT,
  PERSON_SUBJECTS,
  WATER_WORDS,
} from '../lexicon.ts';
import { isDepicted, isTitleCase } from './context.ts';
import type { Scan } from './scan.ts';
import { POSSESSIVES, isPersonColour } from './words.ts';

/** "a bandana tied over his hair", "a silk scarf over the hair", "hair tucked back under a cap". */
function hiddenByCover(scan: Scan, i: number): boolean {
  const cover = (k: number | undefined) => k !== undefined && HAIR_COVERS.has(scan.word(k) ?? '');
  const owner = /^(the|his|her|their|my|your)$/.test(scan.previous(i) ?? '') ? 1 : 0;
  if (/^(over|covering|covers)$/.test(scan.previous(i, 1 + owner) ?? ''))
    return scan.clauseBefore(i).slice(0, 6).some(cover);
  // After the hair: "under a cap", over a word of how it is held ("tied back under a bandana").
  const after = scan.wordsAfter(i, 5);
  const at = after.findIndex((k) => /^(under|beneath)$/.test(scan.word(k) ?? ''));
  const held = after
    .slice(0, Math.max(at, 0))
    .every((k) => /^(tied|tucked|pulled|scraped|pinned|back|up|away)$/.test(scan.word(k) ?? ''));
  const object =
    scan.word(after[at + 1] ?? -1) === 'a' || scan.word(after[at + 1] ?? -1) === 'the' ? after[at + 2] : after[at + 1];
  return at >= 0 && held && cover(object);
}

export function detectHair(scan: Scan, i: number, w: string): void {
  if (w === 'hair' || w === 'hairs') {
    const next = scan.next(i);
    const previous = scan.previous(i);
    if (next && HAIR_OBJECT_NEXT.has(next)) return;
    // "a soft hair light from behind" is a lamp; "her hair light brown" is a colour.
    if (/^(light|lights)$/.test(next ?? '') && !isPersonColour(scan.next(i, 2) ?? '')) return;
    if (previous && HAIR_OBJECT_PREVIOUS.has(previous)) return;
    if (previous === 'of' && /^(strand|strands|lock|wisp)$/.test(scan.previous(i, 2) ?? '')) {
      // "a strand of hair on the collar" is a stray detail, not a description.
      return;
    }
    const bare = !previous || /^(his|her|their|my|your|the)$/.test(previous);
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
    // "a bandana tied over his hair", "my hair (tucked back) under a cap": hair a covering hides.
    if (bare && hiddenByCover(scan, i)) return;
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
    detectAmbiguousHair(scan, i, w);
    return;
  }
  if ((w === 'head' || w === 'heads') && HEAD_HAIR_MODIFIERS.has(scan.previous(i) ?? '')) {
    scan.flag(i - 1, i, 'hair');
  }
}

/** Words that are hair only when styled on someone: "sleek braids", "her curls", "give him a mane". */
function detectAmbiguousHair(scan: Scan, i: number, w: string): void {
  const next = scan.next(i);
  // "a mop of curls", "her mane of red ringlets": a mass of hair; not "curls of steam", "braids of garlic".
  if (next === 'of') {
    const hair = scan
      .wordsAfter(i + 1, 3)
      .find((j) => /^(hair|curls|ringlets|waves|coils|locks|grey|gray|silver|blonde|ginger)$/.test(scan.word(j) ?? ''));
    if (/^(mop|mane)$/.test(w) && hair !== undefined) scan.flag(scan.modifiersBefore(i, 3), hair, 'hair');
    return;
  }
  if (next && HAIR_AMBIGUOUS_OBJECT_NEXT.has(next)) return; // "a crop top"
  if (w === 'crop' && /^(on|to|at|from|in|into)$/.test(next ?? '')) return; // "a tight crop on the eyes"
  const previous = scan.previous(i);
  const clause = scan.tokens[i]?.clause;
  const water = /^(waves|curls)$/.test(w) && scan.tokens.some((t) => t.clause === clause && WATER_WORDS.has(t.lower));
  if (water && !/^(his|her|their|my)$/.test(previous ?? '')) return; // "choppy waves in the harbour"
  const first = scan.modifiersBefore(i, 3);
  const styled =
    (previous && (HAIR_STYLE_MODIFIERS.has(previous) || isPersonColour(previous))) ||
    /^(his|her|their|my)$/.test(previous ?? '') ||
    /^(his|her|their|my)$/.test(scan.previous(i, 2) ?? '') ||
    POSSESSIVES.test(scan.previous(first) ?? '') || // "my tight 4C coils"
    styledOnTheHead(scan, i) ||
    // ... not "give him a bun with his coffee", "give them a crop": also food and framing.
    (!/^(bun|buns|crop|highlights|roots|locks|waves)$/.test(w) && givenTo(scan, first));
  if (styled) scan.flag(first, i, 'hair');
}

/** "give him a mane", "give me bangs", "give her a shaggy mop": a hair style given to the person. */
function givenTo(scan: Scan, first: number): boolean {
  const n = /^(a|an)$/.test(scan.previous(first) ?? '') ? 1 : 0;
  return (
    /^(me|him|her|them)$/.test(scan.previous(first, n + 1) ?? '') &&
    /^(give|gives|giving|gave)$/.test(scan.previous(first, n + 2) ?? '')
  );
}

/** "braids falling past her hips", "ringlets framing her face", "coils pulled up into a puff": worn as a style. */
function styledOnTheHead(scan: Scan, i: number): boolean {
  const next = scan.next(i) ?? '';
  if (!HAIR_STYLE_CONTINUATIONS.has(next) || /^(in|into|under|down|up|back|loose)$/.test(next)) return false;
  const after = scan.wordsAfter(i + 1, 5).map((j) => scan.word(j) ?? '');
  return after.some(
    (word, n) => HAIR_WRAPS.has(word) || (POSSESSIVES.test(after[n - 1] ?? '') && BODY_FEATURES.has(word)),
  );
}

function isAdverb(word: string): boolean {
  return INTENSIFIERS.has(word) || /^[a-z]{3,}ly$/.test(word);
}

/** "hair in frustration": a preposition after hair that leads to no hair-style word. */
function isBarePreposition(scan: Scan, i: number): boolean {
  if (!/^(in|into|under)$/.test(scan.next(i) ?? '')) return false;
  for (let n = 2; n <= 5; n++) if (HAIR_WRAPS.has(scan.next(i, n) ?? '')) return false;
  return true;
}

export function detectHairWords(scan: Scan, i: number, w: string): void {
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
    // "thinning noticeably on top": over an adverb or two.
    let on = scan.nextIndex(i);
    for (let n = 0; on !== undefined && n < 2 && isAdverb(scan.word(on) ?? ''); n++) on = scan.nextIndex(on);
    const next = on === undefined ? undefined : scan.word(on);
    if (next === 'on' && scan.next(on ?? i) === 'top') scan.flag(i, (on ?? i) + 1, 'hair');
    if (next === 'at' && /^(crown|front|temples|sides)$/.test(scan.next(on ?? i, 2) ?? ''))
      scan.flag(i, (on ?? i) + 2, 'hair');
    return;
  }
  // "a bald spot", "a balding patch on his crown"
  if (/^(bald|balding)$/.test(w) && /^(spot|spots|patch|patches)$/.test(scan.next(i) ?? '')) {
    const person = scan
      .clauseBefore(i)
      .slice(0, 8)
      .some((k) => PERSON_SUBJECTS.has(scan.word(k) ?? '') || /'s$/.test(scan.word(k) ?? ''));
    // ... or one an edit hides or fills: "hide the bald spot on the crown", "fill in the bald patch".
    const edited = scan
      .clauseBefore(i)
      .slice(0, 4)
      .some((k) => EDIT_VERBS.has(scan.word(k) ?? '') || /^(cover|conceal|disguise|mask)$/.test(scan.word(k) ?? ''));
    // (Not "fix the bald patch in the lawn": a place that is no body's.)
    // The place's noun, over its article ("in the lawn", "on top of my head", "in my hair").
    let at = /^(in|on|of|at)$/.test(scan.next(i, 2) ?? '') ? 3 : 0;
    if (at && /^(a|an|the|my|his|her|their|your)$/.test(scan.next(i, at) ?? '')) at += 1;
    const place = at ? (scan.next(i, at) ?? '') : '';
    const onHead = /^(crown|scalp|head|temple|temples|hair|top|back|side|front|parting|hairline)$/.test(place);
    const elsewhere = !!place && !BODY_FEATURES.has(place) && !onHead;
    // ("a bald patch of lawn": of a thing.)
    const ofThing = scan.next(i, 2) === 'of' && !!place && !BODY_FEATURES.has(place) && !onHead;
    if ((person && !ofThing) || (edited && !elsewhere)) scan.flag(i, i + 1, 'hair');
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
