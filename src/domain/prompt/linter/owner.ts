// Whose a flagged span is: a span survives only when nothing shows the words belong to an animal,
// a plant, a thing, someone in a picture, the light, or a proper name.

import {
  CASTING_WORDS,
  ELSEWHERE_PHRASES,
  ELSEWHERE_WORDS,
  GENERIC_PERSON_NOUNS,
  GROUP_NOUNS,
  KIN_NOUNS,
  PERSON_ADJECTIVES_AS_NOUNS,
  PEOPLE_GROUPS,
  PERSON_LINKS,
  PRESENTER_ROLES,
  REFERENCE_NOUNS,
  ROLE_MODIFIERS,
  SERVED_ROLES,
  SUBJECT_NAMES,
  GROUP_ACTS,
  DETERMINERS,
} from '../lexicon.ts';
import {
  isCutOrCarved,
  isDepicted,
  isKeptAsIs,
  isFrameCrop,
  isProperName,
  isTonal,
  isTrade,
  labelledElsewhere,
} from './context.ts';
import {
  isCostume,
  isExpression,
  isHairAsStuff,
  isLitOnly,
  isMadeOfThing,
  isQuotedSpeech,
  isSimile,
  isTopic,
  isTurnedAway,
} from './staged.ts';
import {
  actedOnOthers,
  animalClause,
  appositionHead,
  CASTING_VERBS,
  castAsPerson,
  groupBefore,
  memberOfGroup,
  oneOfGroup,
  otherGender,
  otherThanTheirRole,
  otherThanNamedSubject,
  resultOfActingOnOthers,
  thirdPersonBesideMe,
} from './subject.ts';
import { inRelativeOfOther, ledToByOther } from './relative.ts';
import type { Scan, Span } from './scan.ts';
import { compoundOnPerson, featureOfAThing, inContainer, thingAfter, thingBefore } from './things.ts';
import {
  FUNCTION_WORD,
  isBodyCompound,
  isOwnerThing,
  isDoing,
  isPersonNoun,
  POSSESSIVES,
  PRONOUNS,
  TIE_WORDS,
  isPlural,
  FIRST_PERSON,
  isBodyWord,
} from './words.ts';

/** A span survives when nothing shows the words belong to an animal, a thing, a picture or the light. */
export function isThePersons(scan: Scan, span: Span): boolean {
  if (isDepicted(scan, span.first)) return false;
  if (thingAfter(scan, span) || thingBefore(scan, span) || featureOfAThing(scan, span)) return false;
  if (span.first === span.last && isBodyCompound(scan.word(span.first) ?? '') && !compoundOnPerson(scan, span.last))
    return false;
  if (isLitOnly(scan, span) || isSimile(scan, span) || isTrade(scan, span) || isTonal(scan, span)) return false;
  if (isCutOrCarved(scan, span) || isCostume(scan, span) || isQuotedSpeech(scan, span)) return false;
  if (isExpression(scan, span) || isHairAsStuff(scan, span)) return false;
  if (isMadeOfThing(scan, span) || isTurnedAway(scan, span) || resultOfActingOnOthers(scan, span)) return false;
  if (inContainer(scan, span)) return false;
  // "hundreds of years old": an age counted in no number a person reaches is a thing's.
  if (
    /^years?$/.test(scan.word(span.first - 1) ?? '') &&
    /^(of|hundreds|thousands|centuries|millions)$/.test(scan.word(span.first - 2) ?? '')
  )
    return false;
  if (isSomeoneElse(scan, span) || isTopic(scan, span) || isKeptAsIs(scan, span)) return false;
  if (actedOnOthers(scan, span) || isFrameCrop(scan, span)) return false;
  return !isProperName(scan, span);
}

/**
 * "a belayer in the background with a grey buzzcut, ... I'm clipping into the rope": whoever the words
 * hang on, the scene put them in the background, and the speaker is "I" elsewhere.
 */
function placedElsewhere(scan: Scan, span: Span): boolean {
  const segment = scan.sinceComma(span.first).map((k) => scan.word(k) ?? '');
  if (segment.some((w) => FIRST_PERSON.test(w) || PRONOUNS.test(w) || POSSESSIVES.test(w))) return false;
  const apart = segment.some((w) => ELSEWHERE_WORDS.has(w)) || ELSEWHERE_PHRASES.test([...segment].reverse().join(' '));
  return apart && scan.tokens.some((t) => t.isWord && FIRST_PERSON.test(t.lower));
}

const SAME_PERSON: Record<string, RegExp> = {
  him: /^(he|his|himself)$/,
  her: /^(she|hers|herself)$/,
  them: /^(they|their|theirs|themselves)$/,
  me: /^(i|my|mine|myself)$/,
  us: /^(we|our|ours)$/,
};

/**
 * "a tattooed bartender in the background", "an elderly man with a cane behind her", "street drummers
 * with dreadlocks ... while she sits": the span is said of someone else the scene places apart.
 */
function isSomeoneElse(scan: Scan, span: Span): boolean {
  const described = ownerNoun(scan, span) ?? linkedNoun(scan, span);
  if (described !== undefined && isKin(scan, described)) return true;
  // "my brother-in-law, a bald guy with a huge red beard": the relative the noun stands beside.
  const head = described === undefined ? undefined : appositionHead(scan, described);
  if (head !== undefined && isKin(scan, head)) return true;
  if (animalClause(scan, span) || thirdPersonBesideMe(scan, span) || memberOfGroup(scan, span, described)) return true;
  if (oneOfGroup(scan, span)) return true;
  if (inRelativeOfOther(scan, span)) return true;
  if (described !== undefined && otherGender(scan, described)) return true;
  // "little girls with pink tutus and tight buns": the pictured person is one; many are others.
  // A plural found back in the clause counts when it is plainly people: "Everyone around us is in
  // glitter", "the other guests ...", not "Farmers market, faux freckles".
  const before = subjectBefore(scan, span.first);
  const counted = (k: number) =>
    /^(everyone|everybody)$/.test(scan.word(k) ?? '') ||
    /^(the|some|many|all|other|those|these|two|three|several|most)$/.test(scan.previous(k) ?? '') ||
    (scan.previous(k) === 'of' && GROUP_NOUNS.has(scan.previous(k, 2) ?? '')); // "a row of students"
  const many = described ?? (before !== undefined && counted(before) ? before : undefined);
  if (
    many !== undefined &&
    (isPlural(scan.word(many) ?? '') || PEOPLE_GROUPS.has(scan.word(many) ?? '')) &&
    !POSSESSIVES.test(scan.previous(many) ?? '') && // "out of her teens" is an age
    !scan.sinceComma(many).some((k) => /^(we|us|our|i|me|my)$/.test(scan.word(k) ?? ''))
  )
    return true;
  // "Lifeguard tower in the background": a person noun naming a thing's kind is no one.
  const noun = described ?? (isOwnerThing(scan.word((before ?? -2) + 1) ?? '') ? undefined : before);
  if (noun === undefined)
    return (
      labelledElsewhere(scan, span.first) || firstPersonElsewhere(scan, span, undefined) || placedElsewhere(scan, span)
    );
  if (castAsPerson(scan, noun)) return false;
  // ... or the noun stands beside one that is: "pointing at a heckler — a sunburnt lad with a mullet".
  const beside = appositionHead(scan, noun);
  if (ledToByOther(scan, noun, span) || (beside !== undefined && ledToByOther(scan, beside))) return true;

  const clause = scan.tokens[noun]?.clause ?? -1;
  // "Our host has a grey beard, red desert behind him": a scene set about the noun after a comma
  // ("<things> behind him") places the things, not someone else; "..., standing behind her" does.
  const about = (t: { lower: string }, k: number) => {
    const segment = scan.sinceComma(k);
    const head = scan.word(segment.at(-1) ?? -1) ?? '';
    return (
      /^(behind|beside|past)$/.test(t.lower) &&
      k > span.last &&
      segment.length > 0 &&
      (segment.at(-1) ?? 0) > noun + 1 &&
      scan.tokens[(segment.at(-1) ?? 0) - 1]?.text === ',' &&
      !/^[a-z]{3,}(ing|ed)$/.test(head) &&
      !segment.some((j) => isPersonNoun(scan.word(j) ?? '') || PRONOUNS.test(scan.word(j) ?? ''))
    );
  };
  const clauseTokens = scan.tokens.filter((t, k) => t.clause === clause && t.isWord && !about(t, k));
  const words = clauseTokens.map((t) => t.lower);
  const named = (n: number) => /^\p{Lu}/u.test(clauseTokens[n]?.text ?? '') && n > 0;
  // "behind her" places someone else, unless the clause's own possessive is that pronoun's ("his frame
  // filling the doorway behind him").
  const other = (pronoun: string) =>
    /^(him|her|them|me|us)$/.test(pronoun) &&
    // ... but "my friend beside me": a possessive on someone else's noun is not the pronoun's own.
    !words.some((word, n) => SAME_PERSON[pronoun]?.test(word) && word !== pronoun && !isPersonNoun(words[n + 1] ?? ''));
  // "The musician should have ebony skin ... behind him": what is asked of the noun is theirs.
  const asked = /^(should|must|needs)$/.test(scan.word(noun + 1) ?? '');
  const apart =
    (!asked &&
      words.some(
        (word, n) =>
          ELSEWHERE_WORDS.has(word) ||
          (word === 'distance' && words[n - 1] === 'the') || // "in the distance", not "a distance runner"
          (/^(behind|beside|past)$/.test(word) && other(words[n + 1] ?? '') && !isBodyWord(words[n + 2] ?? '')) ||
          // "... crossing the market square behind Priya": behind someone named.
          (/^(behind|beside|past)$/.test(word) && named(n + 1)) ||
          (word === 'next' && words[n + 1] === 'to' && other(words[n + 2] ?? '')),
      )) ||
    ELSEWHERE_PHRASES.test(words.join(' '));
  // "a grizzled fisherman with a white beard unloading crates behind": "behind" with no one after it.
  const trailing = scan.tokens.some(
    (t, k) => k > noun && t.clause === clause && /^(behind|past)$/.test(t.lower) && !scan.tokens[k + 1]?.isWord,
  );
  return (
    apart ||
    (trailing && !asked) ||
    labelledElsewhere(scan, noun) ||
    firstPersonElsewhere(scan, span, noun) ||
    namedElsewhere(scan, span, noun) ||
    otherThanNamedSubject(scan, span, noun) ||
    otherThanTheirRole(scan, noun)
  );
}

/**
 * "a burly fiddler with a ginger mop", "an old woman in a wheelchair", "his sister, heavily pregnant,":
 * the person noun a description hangs on through with / in / on, or the noun it stands beside in commas.
 */
function linkedNoun(scan: Scan, span: Span): number | undefined {
  for (const k of scan.clauseBefore(span.first).slice(0, 8)) {
    const word = scan.word(k) ?? '';
    if (PRONOUNS.test(word) || FIRST_PERSON.test(word) || POSSESSIVES.test(word)) return undefined;
    if (!(isPersonNoun(word) || PEOPLE_GROUPS.has(word)) || setAmong(scan, k, span.first)) continue;
    const next = scan.tokens[k + 1];
    // A group only as the clause's own subject, through "in" or "on" ("the crowd in face paint
    // behind me"; not "Music festival crowd, chunky glitter on her eyelids", "waving to the crowd
    // with big, rough hands" or "me in the crowd with a sunburnt nose").
    if (PEOPLE_GROUPS.has(word) && !isPersonNoun(word)) {
      const before = scan.previous(k, DETERMINERS.has(scan.previous(k) ?? '') ? 2 : 1) ?? '';
      const placed = PLACE_PREPOSITION.test(before) || /^(in|into|among|amongst|amid|through)$/.test(before);
      return !placed && /^(in|on)$/.test(next?.lower ?? '') ? k : undefined;
    }
    return next && (next.text === ',' || PERSON_LINKS.has(next.lower)) ? k : undefined;
  }
  return undefined;
}

/** "her grandmother", "his sister", "my toddler": a relative of the person is someone else. */
function isKin(scan: Scan, noun: number): boolean {
  // The possessive, over up to two describing words: "her freckle-faced ten-year-old son".
  let at = scan.previousIndex(noun);
  const describing = (w: string) => /-|(ed|est|er)$/.test(w) && !POSSESSIVES.test(w) && !FUNCTION_WORD.test(w);
  for (let n = 0; n < 2 && at !== undefined && describing(scan.word(at) ?? ''); n++) at = scan.previousIndex(at);
  const owner = at === undefined ? '' : (scan.word(at) ?? '');
  const word = scan.word(noun) ?? '';
  // A relative, or a role someone has to someone ("her manager", "my coach", "the bride's aunt").
  const related =
    KIN_NOUNS.has(word) || (isPersonNoun(word) && !GENERIC_PERSON_NOUNS.has(word) && !PRONOUNS.test(word));
  return related && (POSSESSIVES.test(owner) || /^\p{L}+'s$/u.test(owner)) && !tiedToPerson(scan, noun, true, at);
}

/** "as my grandmother", "she is a barber", "the barber (me)": the text says the noun is the person. */
function tiedToPerson(scan: Scan, owner: number, asRelative = false, possessive = owner - 1): boolean {
  const all = scan.sinceComma(owner);
  // For a relative ("she hugs her grandfather", "I'm flipping burgers while my brother-in-law ..."):
  // only back to a word that brings in another participant, without the noun's own possessive, and
  // a he or she ties only when cast as the noun ("make her a grandmother").
  const cut = asRelative
    ? all.findIndex((k) => /^(while|whilst|when|whereas|but|and|beside|behind|with)$/.test(scan.word(k) ?? ''))
    : -1;
  const segment = (cut < 0 ? all : all.slice(0, cut)).filter(
    (k) => !asRelative || k !== possessive || !POSSESSIVES.test(scan.word(k) ?? ''),
  );
  // For a relative, "I'm" ties only when it calls the speaker the noun ("I'm his nurse"), not when
  // the speaker does something to them ("I'm laughing at my guest, an older man ...").
  const calls = (k: number) =>
    scan.tokens.slice(k + 1, owner).every((t) => !t.isWord || !(isDoing(t.lower) || PLACE_PREPOSITION.test(t.lower)));
  const third = (k: number) =>
    /^(he|she|him|her|they|them)$/.test(scan.word(k) ?? '') &&
    (!asRelative || CASTING_VERBS.test(scan.previous(k) ?? ''));
  return (
    segment.some(
      (k) =>
        TIE_WORDS.test(scan.word(k) ?? '') ||
        (/^(she's|he's|i'm|they're)$/.test(scan.word(k) ?? '') && (!asRelative || calls(k))) ||
        (FIRST_PERSON.test(scan.word(k) ?? '') && !asRelative) ||
        third(k) ||
        // "he has his father's nose": what someone has is theirs, like theirs.
        (asRelative && /^(has|have|had|got)$/.test(scan.word(k) ?? '')),
    ) ||
    mentionsMeAfter(scan, owner) ||
    namedAsMe(scan, owner)
  );
}

/** "the fisherman (me)", "the barber, me": the speaker named just after the noun; not "my friend beside me". */
const mentionsMeAfter = (scan: Scan, owner: number) =>
  scan.tokens
    .slice(owner + 1, owner + 4)
    .some(
      (t, n, after) =>
        FIRST_PERSON.test(t.lower) &&
        !/^(behind|beside|next|to|past|near|around|with|opposite|by)$/.test(after[n - 1]?.lower ?? ''),
    );

/**
 * "He sits at the bar; the bartender behind him ...", "a bouncer with a shaved head ... as the subject
 * walks in": the person is named as he / she / the subject apart from a role noun, so the role is
 * someone else's. A plain "a woman" or "a man" may be the person themselves and stays theirs.
 */
function namedElsewhere(scan: Scan, span: Span, owner: number): boolean {
  if (tiedToPerson(scan, owner) || isOwnerThing(scan.word(owner + 1) ?? '')) return false;
  // "Show Mum's prosthetic leg ... as she runs": a relative or a presenter an instruction shows is the person.
  const shownWord = (scan.word(owner) ?? '').replace(/'s$/, '');
  const shown = CASTING_VERBS.test(
    scan.previous(owner, /^(the|our|my)$/.test(scan.previous(owner) ?? '') ? 2 : 1) ?? '',
  );
  if (shown && (KIN_NOUNS.has(shownWord) || PRESENTER_ROLES.has(shownWord))) return false;
  // "a tattoo on his forearm while he ...": the span says whose it is.
  if (
    scan.tokens
      .slice(span.last + 1, span.last + 4)
      .some(
        (t, n, after) =>
          /^(his|her)$/.test(t.lower) &&
          (isBodyWord(after[n + 1]?.lower ?? '') || isBodyWord(scan.word(span.last + n + 3) ?? '')),
      )
  )
    return false;
  // "the vendor, a stout woman with a grey bun": a plain "woman" in apposition to a role is that role.
  // ... but "a flower girl", "the paper boy" are roles.
  const plain = appositionHead(scan, owner) ?? owner;
  const generic = GENERIC_PERSON_NOUNS.has(scan.word(plain) ?? '') && !ROLE_MODIFIERS.has(scan.previous(plain) ?? '');
  const subject = scan.tokens.some(
    (t, k) =>
      k !== owner &&
      SUBJECT_NAMES.has(t.lower) &&
      scan.tokens[k - 1]?.lower === 'the' &&
      !/^[:,]$/.test(scan.tokens[k + 1]?.text ?? '') &&
      !/^(is|was)$/.test(scan.tokens[k + 1]?.lower ?? ''),
  );
  if (subject) return true;
  // "show him in a tailor's shop ... The tailor, an elderly man with half-moon spectacles": a role
  // brought in with an apposition is someone else than the person the text calls he or she.
  const head = appositionHead(scan, owner);
  // ... but "Please show the caller, our coordinator Pat, in her wheelchair": the role the text casts.
  const cast =
    head !== undefined && CASTING_WORDS.has(scan.previous(head, scan.previous(head) === 'the' ? 2 : 1) ?? '');
  const role =
    head !== undefined && !cast && !GENERIC_PERSON_NOUNS.has(scan.word(head) ?? '') && !tiedToPerson(scan, head, true);
  if (role && scan.tokens.some((t, k) => (k < head || k > owner) && /^(he|she|he's|she's|him|her)$/.test(t.lower)))
    return true;
  if (generic) return false;
  // "He sits ...; the bartender ...", "... as she passes": a pronoun before the noun, or one after "as".
  return scan.tokens.some(
    (t, k) =>
      /^(he|she)$/.test(t.lower) &&
      // ... not "in her wheelchair as she is day to day": how the noun's own person usually is.
      (k < owner - 1 ||
        (/^(as|while|whilst)$/.test(scan.tokens[k - 1]?.lower ?? '') &&
          !/^(is|was|usually|always|normally)$/.test(scan.tokens[k + 1]?.lower ?? ''))) &&
      !(k > owner && scan.tokens[k]?.clause !== scan.tokens[owner]?.clause),
  );
}

/** After "I": a wish or a state, not something done ("I want to look like this", "I am her"). */
const WANTING =
  /^(want|wanna|would|like|love|need|am|was|look|looks|should|must|could|can|will|think|mean|guess|hope|wish|feel|see|have)$/;

const MY_PLACES =
  /^(on|of|in|across|over|along|down|up|under|around|at|to|from|near|above|below|between|behind|round|into|onto|and)$/;

const PLACE_PREPOSITION =
  /^(behind|beside|next|to|past|at|near|of|with|towards|toward|around|for|by|from|before|across)$/;

/**
 * "a tall lanky waiter carries plates past our table", "the nurse behind me has lilac hair": when
 * the pictured person speaks of themselves as "I" and "me", another person noun described in the
 * text is someone else — unless the text ties it to them ("me as a grizzled fisherman", "I'm a
 * chef", "the fisherman (me)").
 */
function firstPersonElsewhere(scan: Scan, span: Span, noun: number | undefined): boolean {
  if (!scan.tokens.some((t) => t.isWord && FIRST_PERSON.test(t.lower))) return false;
  // "the bunion on my right foot": the span says whose it is.
  // (Not the next sentence's "I'm": "... a grey pixie cut. I'm second row left".)
  const clause = scan.tokens[span.first]?.clause;
  // ... but not a "me" that a verb after the span acts on ("a nose ring is handing me a flat white").
  const own = (t: { lower: string; clause: number }, n: number) =>
    t.clause === clause &&
    FIRST_PERSON.test(t.lower) &&
    !(
      /^(me|us)$/.test(t.lower) &&
      span.first + n > span.last &&
      !/^(on|of)$/.test(scan.previous(span.first + n) ?? '')
    ) &&
    // ... nor a "my" on a thing a verb after the span takes ("forearm tattoos brings my pasta"), only one
    // that places the span ("freckles across my nose", "a scar above my lip").
    !(
      t.lower === 'my' &&
      span.first + n > span.last + 1 &&
      !MY_PLACES.test(scan.previous(span.first + n) ?? '') &&
      // ... but "a tall woman with red hair is my character", "that's my avatar": said to be mine.
      !/^(is|was|be|that's|it's|as)$/.test(scan.previous(span.first + n) ?? '')
    ) &&
    // ... nor an "I" that opens a new statement after someone else's ("the client on the bed has
    // freshly laminated brows, I'm holding the mirror up for her").
    !(
      noun !== undefined &&
      /^(i|i'm)$/.test(t.lower) &&
      scan.tokens.slice(span.last + 1, span.first + n).some((u) => u.text === ',') &&
      // ... doing something ("I'm holding", "I hold"), not wanting or being it ("I want to look
      // like this", "I'm the one in the photo", "I'd like to be her").
      (t.lower === 'i'
        ? !WANTING.test(scan.word(span.first + n + 1) ?? '')
        : isDoing(scan.word(span.first + n + 1) ?? '')) &&
      // ... nor one about the photo ("Give the man a beard, I uploaded my selfie").
      !scan.tokens.some((u, k) => k > span.first + n && u.clause === t.clause && REFERENCE_NOUNS.has(u.lower))
    );
  if (scan.tokens.slice(span.first, span.last + 4).some(own)) return false;
  const owner = noun ?? subjectBefore(scan, span.first);
  if (owner === undefined) return false;
  // "Me at seventy-two, a grandmother with soft papery skin": an apposition to the person; not
  // "Me at a jazz bar, the trumpeter a stooped old man" (a role with "the" is someone new).
  const segment = scan.sinceComma(owner);
  const comma = (segment.at(-1) ?? owner) - 1;
  // ... nor "me at the table with flashcards, a young client with ...": a role the speaker serves,
  // after more than "me," ("me, a student with long purple hair" is still the speaker).
  const served = SERVED_ROLES.has(scan.word(owner) ?? '') && scan.sinceComma(comma).length > 1;
  const apposition = scan.word(segment.at(-1) ?? owner) !== 'the' && !served;
  // ... nor "I'm spotting a client on bench press, a guy with ...": someone else the speaker meets
  // just before the comma is who the apposition goes on about.
  const before = scan.sinceComma(comma);
  const met = before.some((k) => {
    const word = scan.word(k) ?? '';
    if (!isPersonNoun(word) || PRONOUNS.test(word) || FIRST_PERSON.test(word)) return false;
    // Brought in with a determiner ("a client", "our visiting sensei"), and not the speaker's own
    // role ("I'm a chef, a big guy ...").
    const d = [1, 2].find((n) => /^(a|an|the|this|that|our|my)$/.test(scan.previous(k, n) ?? ''));
    if (d === undefined) return false;
    // (over an adverb: "I'm also a chef, a big guy ...")
    const adverb = /^(also|just|really|actually|basically|still|now|only)$/.test(scan.previous(k, d + 1) ?? '') ? 1 : 0;
    return !/^(i'm|am|as|be|was|play|playing)$/.test(scan.previous(k, d + 1 + adverb) ?? '');
  });
  if (
    apposition &&
    /^[,—–-]$/.test(scan.tokens[comma]?.text ?? '') &&
    FIRST_PERSON.test(scan.word(before.at(-1) ?? -1) ?? '') &&
    !met
  )
    return false;
  // Only back to a word that brings someone in: "I'm in a lift with a huge man who has a scar".
  // ("Show me with a big round baby bump": not when "me" brings it.)
  const between = scan.tokens.slice(owner, span.first).some((t) => /^[,—–-]$/.test(t.text));
  const brought = segment.findIndex(
    (k, n) =>
      !between &&
      n <= 4 &&
      /^(with|beside|behind|past|near|next|alongside|opposite)$/.test(scan.word(k) ?? '') &&
      !FIRST_PERSON.test(scan.word(segment[n + 1] ?? -1) ?? ''),
  );
  // ... and a speaker who does something to the noun is not it: "I'm coaching a woman in a wheelchair".
  const acting = (k: number) => scan.tokens.slice(k + 1, owner).some((t) => t.isWord && isDoing(t.lower));
  const tied = (brought < 0 ? segment : segment.slice(0, brought)).some(
    (k) =>
      /^(as|am|be|being|become|becomes|play|playing|into|like)$/.test(scan.word(k) ?? '') ||
      (FIRST_PERSON.test(scan.word(k) ?? '') && !acting(k)),
  );
  // "the fisherman (me)", "a white guy in a grey suit, which is me": the text says the noun is them.
  const named = mentionsMeAfter(scan, owner) || namedAsMe(scan, owner);
  return !tied && !named;
}

/**
 * "The nurse at the station behind me has lilac hair": the nearest person noun before the span in
 * its clause, passing over "me" as the object of a place word, but not over the person themselves.
 */
function subjectBefore(scan: Scan, first: number): number | undefined {
  for (const k of scan.clauseBefore(first).slice(0, 14)) {
    const word = scan.word(k) ?? '';
    // "Full clown makeup", "zombie face paint": a person noun just before the words names a style.
    // ("give him piercing eyes": not a pronoun, which is whose the words are).
    if (k === first - 1 && !/'s$/.test(word) && !PRONOUNS.test(word) && !FIRST_PERSON.test(word)) continue;
    if (FIRST_PERSON.test(word) || PRONOUNS.test(word)) {
      if (PLACE_PREPOSITION.test(scan.previous(k) ?? '')) continue;
      return undefined;
    }
    if (isPersonNoun(word) && setAmong(scan, k, first)) continue;
    // "behind him the chorus are having greasepaint applied": a company of people.
    const acts = GROUP_ACTS.has(scan.next(k) ?? '');
    if (isPersonNoun(word) || (PEOPLE_GROUPS.has(word) && scan.previous(k) === 'the' && acts)) return k;
  }
  return undefined;
}

/**
 * "The subject at the train station surrounded by commuters, with a Roman nose": the people a scene
 * sets someone among (after "among" or "by") are not who ", with ..." at `first` goes on about.
 */
function setAmong(scan: Scan, noun: number, first: number): boolean {
  if (scan.word(scan.sinceComma(first).at(-1) ?? -1) !== 'with') return false;
  let j = scan.previousIndex(noun);
  while (j !== undefined && /^(the|a|some|other|many|all|his|her|their|our|my)$/.test(scan.word(j) ?? ''))
    j = scan.previousIndex(j);
  return /^(among|amongst|amid|by)$/.test(scan.word(j ?? -1) ?? '');
}

/** The person noun a span describes: in it or just after it ("tattooed bartender"), or before its "with". */
function ownerNoun(scan: Scan, span: Span): number | undefined {
  // "glitter-faced, sunburnt fans": over a comma between describing words to their noun.
  let reach = span.last + 2;
  for (let k = span.first; k <= reach && scan.tokens[k]?.clause === scan.tokens[span.first]?.clause; k++) {
    const word = scan.word(k) ?? '';
    // "built like a rugby player": what the owner is likened to is not the owner.
    if (word === 'like' && scan.word(span.first) === 'built') break;
    // ... not one that names a kind of something else: "proper grandparent age". ("A tall, freckled
    // redhead walks past": a person adjective standing as a noun, at the span's end.)
    const standing = k === span.last && k > span.first && scan.tokens[k - 1]?.isWord && scan.word(k - 1) !== 'and';
    // "our visiting master, an eighty-year-old with a long white beard": an age standing as a noun.
    // (Its noun when one follows: "an 80-year-old man" is the man.)
    const aged =
      /-years?-olds?$/.test(word) &&
      /^(a|an|the)$/.test(scan.previous(k) ?? '') &&
      !isPersonNoun(scan.word(k + 1) ?? '');
    const person = isPersonNoun(word) || (standing && PERSON_ADJECTIVES_AS_NOUNS.has(word)) || aged;
    // "A woman with red hair cooks": after "with ...", a person noun in "-s" is the owner's verb.
    const verb =
      k === span.last + 1 &&
      /[^s]s$/.test(word) &&
      scan
        .clauseBefore(span.first)
        .slice(0, 4)
        .some((j) => scan.word(j) === 'with');
    if (verb) break;
    if (person && !PRONOUNS.test(word) && !(k > span.last && KIND_OF.test(scan.word(k + 1) ?? ''))) return k;
    const comma = scan.tokens[k]?.text === ',' && k === reach - 1 && k - span.last <= 3;
    if (comma && scan.tokens[k + 1]?.isWord && !FUNCTION_WORD.test(scan.word(k + 1) ?? '')) reach = k + 3;
    else if (k > span.last && (!scan.tokens[k]?.isWord || FUNCTION_WORD.test(word))) break;
  }
  // "with a sleeve of tattoos and a shaved head": over a list of the with's items, but not over
  // someone else named on the way.
  const before = scan.clauseBefore(span.first).slice(0, 8);
  const at = before.findIndex((k) => scan.word(k) === 'with');
  const over = before.slice(0, Math.max(0, at)).map((k) => scan.word(k) ?? '');
  const listed = at < 4 || (over.includes('and') && !over.some((w) => isPersonNoun(w) || POSSESSIVES.test(w)));
  const link = scan.word(span.first) === 'with' ? span.first : at >= 0 && listed ? before[at] : undefined;
  let owner = link === undefined ? undefined : scan.previousIndex(link);
  // "a woman in her eighties with swollen knuckles", "a man in a flat cap with a scar": over the "in ...".
  if (owner !== undefined && /^(his|her|their|a|an|the)$/.test(scan.previous(owner) ?? '')) {
    const placed = /^(in|on)$/.test(scan.previous(owner, 2) ?? '')
      ? scan.previousIndex(scan.previousIndex(owner) ?? -1)
      : undefined;
    if (placed !== undefined && isPersonNoun(scan.previous(placed) ?? '')) owner = scan.previousIndex(placed);
  }
  // "a frail woman in her eighties": a span that opens with "in her" after a person noun; and "my
  // brother built like a rugby player".
  if (
    link === undefined &&
    /^(in|on|built)$/.test(scan.word(span.first) ?? '') &&
    isPersonNoun(scan.previous(span.first) ?? '')
  )
    owner = scan.previousIndex(span.first);
  const word = owner === undefined ? '' : (scan.word(owner) ?? '');
  const group = owner === undefined ? undefined : groupBefore(scan, owner);
  if (group !== undefined) return group;
  // "a tall redhead with a nose stud": a noun made of a person adjective is someone too.
  const person =
    isPersonNoun(word) ||
    PERSON_ADJECTIVES_AS_NOUNS.has(word) ||
    /^(redheads|blondes|brunettes)$/.test(word) ||
    /-years?-olds?$/.test(word);
  return owner !== undefined && person && !PRONOUNS.test(word) ? owner : undefined;
}

const KIND_OF = /^(age|years|size|type|look|looks|style|vibe|energy|mode|era|makeup|costume|outfit)$/;

/** "..., which is me", "..., that's me", "who is me": later in the clause, the noun is said to be the speaker. */
function namedAsMe(scan: Scan, owner: number): boolean {
  const clause = scan.tokens[owner]?.clause;
  const words = scan.tokens.filter((t, k) => k > owner && t.clause === clause && t.isWord).map((t) => t.lower);
  return words.some(
    (word, n) =>
      (/^(which|that|who|this)$/.test(word) && /^(is|'s|was)$/.test(words[n + 1] ?? '') && words[n + 2] === 'me') ||
      (/^(that's|who's|which's)$/.test(word) && words[n + 1] === 'me'),
  );
}
