// Who a description is about when the text has more than one candidate: the person it names by a
// role or a title ("the host", "our chef", "Dr. Okafor"), a he or she beside an "I", an animal that
// opens its clause. The owner rules in owner.ts ask here.

import {
  ACTED_ON_PREPOSITIONS,
  ANIMAL_NOUNS,
  DETERMINERS,
  GENERIC_PERSON_NOUNS,
  KIN_NOUNS,
  LIKENESS_THINGS,
  LIKENESS_WORDS,
  PEOPLE_GROUPS,
  PERSON_TITLES,
  MALE_NOUNS,
  FEMALE_NOUNS,
  CASTING_WORDS,
  PRESENTER_ROLES,
  SUBJECT_NAMES,
} from '../lexicon.ts';
import type { Scan, Span } from './scan.ts';
import { FIRST_PERSON, isDoing, isPersonNoun, isPlural, POSSESSIVES, PRONOUNS, TIE_WORDS } from './words.ts';

/** "..., that's how the host should appear": the words before are said of the named subject. */
const SAID_OF_SUBJECT = /\b(that's|that is|this is|thats) (how|what) (the |our |my )?\S+$/i;

/**
 * "The host interviews a pregnant woman", "Our chef plates the dish; a sous-chef with a red ponytail
 * chops onions", "Dr. Okafor talks with a patient, an elderly man with a bald head": when the text
 * names the pictured person by a role or a title, a description hung on another person noun is
 * someone else's — unless it is that person's apposition ("the presenter, a bald man") or the text
 * ties the two ("our host is a tall woman", "show the host as a man with a beard").
 */
export function otherThanNamedSubject(scan: Scan, span: Span, noun: number): boolean {
  const subject = namedSubject(scan);
  if (subject === undefined || noun === subject) return false;
  // A person noun inside the span, or just before it, modifies it ("a full Viking braided beard").
  const modifies =
    noun === span.first - 1 &&
    !/'s$/.test(scan.word(noun) ?? '') &&
    !/^(with|in|on)$/.test(scan.word(span.first) ?? '');
  if ((noun >= span.first && noun < span.last) || modifies) return false;
  const head = appositionHead(scan, noun) ?? noun;
  const word = scan.word(head) ?? '';
  // "Our barista host", "The pirate captain", "Chef Tomasz": a compound role or a title is the same person.
  if (Math.abs(head - subject) <= 2 || word === scan.word(subject) || PRONOUNS.test(word) || FIRST_PERSON.test(word))
    return false;
  if (appositionHead(scan, subject) === noun || appositionHead(scan, subject) === head) return false;
  // "the user wants 'the creator with her small star tattoo ...'": both are names for the person.
  const names = (w: string) => PRESENTER_ROLES.has(w) || SUBJECT_NAMES.has(w);
  if (names(word) && names(scan.word(subject)?.replace(/'s$/, '') ?? '')) return false;
  // "Black woman, dark skin, 4C hair - that's how the host should appear": the words before are the subject's.
  if (
    subject > span.last &&
    SAID_OF_SUBJECT.test(scan.text.slice(scan.tokens[span.last]?.end ?? 0, scan.tokens[subject]?.end))
  )
    return false;
  if (namesSubjectAfter(scan, noun, subject)) return false;
  // "I'm the best man — make me bald": the noun is the speaker's, and so are words said of "me".
  // ("Our chef watches as a tall sommelier decants the wine": an "as" after such a verb is "while".)
  const meanwhile = (k: number) =>
    scan.word(k) === 'as' &&
    /^(watch|watches|looks|look|waits|wait|laughs|smiles|nods|listens|stands|sits|cheers|claps)$/.test(
      scan.previous(k) ?? '',
    );
  const tied = (k: number) =>
    (TIE_WORDS.test(scan.word(k) ?? '') && !meanwhile(k)) || FIRST_PERSON.test(scan.word(k) ?? '');
  return !FIRST_PERSON.test(scan.word(span.first) ?? '') && !scan.sinceComma(noun).some(tied);
}

/**
 * The token that names the pictured person by a role or a title, the strongest naming first: "the
 * subject"; "our chef"; "the host" and the other roles of a video's presenter; "Dr. Okafor"; a role
 * that opens the text ("The coach talks strategy with ...").
 */
function namedSubject(scan: Scan): number | undefined {
  let best: number | undefined;
  let rank = 0;
  scan.tokens.forEach((token, k) => {
    if (!token.isWord) return;
    const word = token.lower.replace(/'s$/, '');
    const before = scan.tokens[k - 1]?.lower ?? '';
    // A relative is a role when "the" names it ("the bride walks down the aisle"), not a possessive.
    const role =
      isPersonNoun(word) &&
      !GENERIC_PERSON_NOUNS.has(word) &&
      (!KIN_NOUNS.has(word) || before === 'the') &&
      !PRONOUNS.test(word);
    let r = 0;
    if (SUBJECT_NAMES.has(token.lower) && /^(the|our)$/.test(before)) r = 5;
    else if (before === 'our' && role) r = 4;
    else if (before === 'the' && PRESENTER_ROLES.has(word)) r = 3;
    // "Behind the pastor, an elderly lady ...", "Keep the pastor centred": whom the scene is built around.
    else if (
      before === 'the' &&
      role &&
      /^(keep|behind|beside|around|centre|center|frame|feature|follow)$/.test(scan.tokens[k - 2]?.lower ?? '')
    )
      r = 2;
    else if (/^\p{Lu}/u.test(token.text) && PERSON_TITLES.has(titleBefore(scan, k))) r = 2;
    // A role that opens the text ("The coach talks ...", "The corporate trainer presents ..."), or
    // its first clause after a heading ("Retirement-home visit: the volunteer reads to residents").
    else if (role && scan.tokens[0]?.lower === 'the' && k <= 3 && scan.tokens.slice(1, k).every((t) => t.isWord)) r = 1;
    else if (role && before === 'the' && scan.tokens[k - 2]?.text === ':' && scan.tokens[k - 2]?.clause === 0) r = 1;
    if (r > rank) [best, rank] = [k, r];
  });
  return best;
}

/** The word before a name, over a title's full stop: "Dr. Okafor" gives "dr". */
function titleBefore(scan: Scan, k: number): string {
  const title = scan.tokens[k - 1]?.isWord
    ? scan.tokens[k - 1]
    : scan.tokens[k - 1]?.text === '.'
      ? scan.tokens[k - 2]
      : undefined;
  return title?.isWord && /^\p{Lu}/u.test(title.text) ? title.lower : '';
}

/**
 * "the mayor, a portly man", "a patient, an elderly man", "the pharmacist — an older woman": the
 * person noun a noun phrase stands in apposition to, before a comma, a dash or a colon.
 */
export function appositionHead(scan: Scan, noun: number): number | undefined {
  let k = noun - 1;
  for (let words = 0; words < 5 && scan.tokens[k]?.isWord; words++) k--;
  const mark = scan.tokens[k]?.text ?? '';
  if (!/^[,:(—–-]$/.test(mark)) return undefined;
  const opener = scan.tokens[k + 1]?.lower ?? '';
  // ("the caller, our activities coordinator Pat": a possessive opens one too, and a name with its
  // title: "our host, Dave the plumber, ...")
  const named = /^\p{Lu}/u.test(scan.tokens[k + 1]?.text ?? '') && scan.word(k + 2) === 'the';
  if (!/^(a|an|the|one|both|two|three|some|our|my|his|her|their)$/.test(opener) && k + 1 !== noun && !named)
    return undefined;
  const before = scan.tokens[k - 1];
  // "Behind the pastor, an elderly lady ...": a place's object, then a new noun phrase, not an apposition.
  // ("... a form check of my client, a seventy-year-old woman": "of" places only after a side or front.)
  const place = scan.word(k - 3) ?? scan.tokens[k - 3]?.lower ?? '';
  const placed =
    /^(behind|beside|past|near|around|to)$/.test(place) ||
    (place === 'of' && /^(front|side|back|left|right|rear|middle|centre|center)$/.test(scan.word(k - 4) ?? ''));
  if (placed && /^(the|a|an|our|my|his|her)$/.test(scan.tokens[k - 2]?.lower ?? '')) return undefined;
  const name = before?.isWord && /^\p{Lu}/u.test(before.text) && k - 1 > 0;
  return before?.isWord && (name || isPersonNoun(before.lower.replace(/'s$/, ''))) ? k - 1 : undefined;
}

/** "A woman with red hair, our host, ...": the subject named right after the noun's phrase. */
function namesSubjectAfter(scan: Scan, noun: number, subject: number): boolean {
  if (subject <= noun || subject - noun > 10) return false;
  const between = scan.tokens.slice(noun + 1, subject - 1);
  // "..., our host,", "— that's the subject —", "(who is our host)".
  const mark = [2, 3, 4].find((n) => /^[,(—–-]$/.test(scan.tokens[subject - n]?.text ?? ''));
  const lead = mark === undefined ? [] : scan.tokens.slice(subject - mark + 1, subject - 1).map((t) => t.lower);
  return (
    mark !== undefined &&
    between.every((t) => t.clause === scan.tokens[noun]?.clause) &&
    lead.every((w) => /^(that's|that|this|who's|who|which|is|namely|aka|i\.e)$/.test(w))
  );
}

/**
 * "The cat's fur is fluffy and cream-white with blue eyes", "A cat with heterochromia — one blue eye":
 * a clause that opens on an animal, with no person named before the words, is about the animal.
 */
export function animalClause(scan: Scan, span: Span): boolean {
  const before = scan.clauseBefore(span.first).reverse();
  // The animal opens the clause, after an article and at most two describing words ("our golden
  // retriever"), and is its subject: it owns something ("the cat's") or says what it has ("a cat
  // with", "the puppy has").
  const opening = before
    .slice(0, 4)
    .find((k) => ANIMAL_NOUNS.has((scan.word(k) ?? '').replace(/'s$/, '')) || LIKENESS_THINGS.has(scan.word(k) ?? ''));
  const lead = opening === undefined ? [] : before.slice(0, before.indexOf(opening)).map((k) => scan.word(k) ?? '');
  const describing = lead.filter((w) => !DETERMINERS.has(w));
  if (describing.length > 2 || lead.some((w) => isPersonNoun(w) || /ing$/.test(w))) return false;
  // "a guide dog user": the animal names someone's kind.
  const after = opening === undefined ? '' : (scan.word(opening + 1) ?? '');
  if (isPersonNoun(after) || /^(users?|owners?|walkers?|lovers?|handlers?)$/.test(after)) return false;
  const word = opening === undefined ? '' : (scan.word(opening) ?? '');
  const base = word.replace(/'s$/, '');
  if (opening === undefined || !(ANIMAL_NOUNS.has(base) || LIKENESS_THINGS.has(base))) return false;
  // ... then what it has, soon after: "the doll on the shelf has blonde ringlets".
  const has = scan.tokens
    .slice(opening + 1, opening + 6)
    .some((t) => /^(has|have|had|is|was|with|whose|—|\(|:)$/.test(t.lower));
  if (!word.endsWith("'s") && !has && scan.tokens[opening + 1]?.text !== ',') return false;
  return !before.some((k) => k > opening && (isPersonNoun(scan.word(k) ?? '') || POSSESSIVES.test(scan.word(k) ?? '')));
}

const REFERENCE_NOUNS =
  /^(photo|photos|picture|pictures|reference|references|image|images|upload|selfie|headshot|original)$/;

/**
 * "I'm on the floor with my toddler; he's got chubby cheeks", "me jogging with our retriever, his
 * long wavy hair": where the pictured person is "I", a he or she just before the words is someone else.
 */
export function thirdPersonBesideMe(scan: Scan, span: Span): boolean {
  // The nearest person word back in the clause: a he or she subject, or a his or her on the words.
  const near = scan.clauseBefore(span.first).slice(0, 10);
  const person = near.find(
    (k) =>
      isPersonNoun(scan.word(k) ?? '') ||
      FIRST_PERSON.test(scan.word(k) ?? '') ||
      /^(he's|she's|his|her)$/.test(scan.word(k) ?? ''),
  );
  const pronoun = person === undefined ? undefined : near.indexOf(person);
  const word = person === undefined ? '' : (scan.word(person) ?? '');
  if (!/^(he|she|he's|she's|his|her)$/.test(word) || (/^(his|her)$/.test(word) && (pronoun ?? 9) > 2)) return false;
  // "He should look more manly, you know what I mean": what is asked of the he is the person's.
  if (/^(should|must|needs)$/.test(scan.next(person ?? -1) ?? '')) return false;
  // The pictured person speaks as "I": not "my photo" (the requester's), nor the "I" of "ii–V–I".
  const firstPerson = scan.tokens.filter(
    (t, k) =>
      t.isWord &&
      FIRST_PERSON.test(t.lower) &&
      !(t.lower === 'my' && REFERENCE_NOUNS.test(scan.word(k + 1) ?? '')) &&
      !(t.lower === 'i' && (!scan.tokens[k + 1]?.isWord || /\S/.test(scan.text[t.start - 1] ?? ' '))),
  ).length;
  // "make me look like my mum, her curly hair ..." compares; "me as ..." casts: those stay. And
  // "she's 60 but I want her flawless": the "I" asks for the person, who is the "her".
  const compares = scan.tokens.some(
    (t, k) =>
      /^(like|as|resemble|resembling)$/.test(t.lower) ||
      (/^(him|her|them)$/.test(t.lower) && /^(want|wants|make|give|show|need|needs)$/.test(scan.previous(k) ?? '')),
  );
  return firstPerson > 0 && !compares && !/^(her)$/.test(scan.word(span.first) ?? '');
}

const MEMBER_WORDS = /^(one|another|some|others|both|two|three|several|many|most|few|half)$/;

/**
 * "a row of students behind her wobble, one with a shaved head": the group a member word ("one",
 * "two", "some") is one of, back over its comma; undefined when the word is no member word.
 */
export function groupBefore(scan: Scan, member: number): number | undefined {
  if (!MEMBER_WORDS.test(scan.word(member) ?? '') || scan.tokens[member - 1]?.text !== ',') return undefined;
  return scan
    .sinceComma(member - 1)
    .slice(0, 8)
    .find((k) => isGroupWord(scan.word(k) ?? ''));
}

/** People counted together: a plural person noun ("students"), a group ("the choir"), or "them". */
function isGroupWord(word: string): boolean {
  return word === 'them' || PEOPLE_GROUPS.has(word) || (isPersonNoun(word) && isPlural(word) && !PRONOUNS.test(word));
}

/**
 * "brushing powder onto a model's cheek", "trimming a customer's beard": a feature after a role noun's
 * possessive, where that possessive is what a verb or a place word acts on, is that other person's.
 * "with a dancer's body", "she has a boxer's nose" (a likeness) and "my cheek" stay the person's.
 */
export function actedOnOthers(scan: Scan, span: Span): boolean {
  // "fades another customer's hair": a span that opens on the verb, then a role's possessive.
  const inner = scan.word(span.first + 2) ?? '';
  if (
    /^(a|an|the|another|each|every|one|this|that|his|her|their)$/.test(scan.word(span.first + 1) ?? '') &&
    /'s$/.test(inner) &&
    isPersonNoun(inner.slice(0, -2)) &&
    !SUBJECT_NAMES.has(inner) &&
    !/^(has|have|had|with|like)$/.test(scan.word(span.first) ?? '')
  )
    return true;
  // "blends foundation onto a model's cheek", "marks a dot on a client's earlobe": inside the span,
  // a role's possessive after a place word and its article
  for (let p = span.first + 2; p < span.last; p++) {
    const own = scan.word(p) ?? '';
    if (!/'s$/.test(own) || !isPersonNoun(own.slice(0, -2)) || SUBJECT_NAMES.has(own)) continue;
    // ... someone brought in with "a": "on the chef's cheeks" may be the person's role.
    if (/^(a|an|another|each|every|one)$/.test(scan.word(p - 1) ?? ''))
      if (ACTED_ON_PREPOSITIONS.has(scan.word(p - 2) ?? '')) return true;
  }
  // "dabs concealer onto a model's chin": just after the span, a place word and a role's possessive.
  const [place, article, whose] = scan.wordsAfter(span.last, 3).map((k) => scan.word(k) ?? '');
  if (
    ACTED_ON_PREPOSITIONS.has(place ?? '') &&
    /^(a|an|another|each|every|one)$/.test(article ?? '') &&
    /'s$/.test(whose ?? '') &&
    isPersonNoun((whose ?? '').slice(0, -2))
  )
    return true;
  // The possessive opens the span, or follows only its article: "long toned dancer's legs" describes.
  let k = span.first;
  // ... or a possessive's own possessive: "on my friend's shoulders".
  if (/^(a|an|the|another|each|every|one|this|that|my|his|her|their|your|our)$/.test(scan.word(k) ?? '')) k = k + 1;
  let word = scan.word(k) ?? '';
  if (!scan.tokens[k]?.isWord || !/'s$/.test(word)) {
    k = span.first - 1;
    word = scan.word(k) ?? '';
    if (!scan.tokens[k]?.isWord || !/'s$/.test(word)) return false;
  }
  const noun = word.slice(0, -2);
  if (SUBJECT_NAMES.has(word) || !isPersonNoun(noun) || PRONOUNS.test(noun)) return false;
  let j = scan.previousIndex(k);
  if (
    j !== undefined &&
    /^(a|an|the|another|each|every|one|this|that|his|her|their|my|your|our)$/.test(scan.word(j) ?? '')
  )
    j = scan.previousIndex(j);
  const before = j === undefined ? '' : (scan.word(j) ?? '');
  if (!before || LIKENESS_WORDS.has(before)) return false;
  // "He kisses his grandmother's cheek": a relative's feature is the relative's, but for a likeness.
  // ("give me my father's nose", "I want my mum's eyes" ask for one).
  const given = /^(me|him|her|them|us|you|give|gives|want|wants|need|needs|got|get|gets|inherited)$/.test(before);
  if (KIN_NOUNS.has(noun) && /^(his|her|their|my|your|our)$/.test(scan.word(k - 1) ?? '') && !given) return true;
  return ACTED_ON_PREPOSITIONS.has(before) || isDoing(before);
}

/** "blow-drying a client's long auburn hair into bouncy curls": what someone else's feature is made into. */
export function resultOfActingOnOthers(scan: Scan, span: Span): boolean {
  const into = scan.previousIndex(span.first);
  if (into === undefined || scan.word(into) !== 'into') return false;
  const possessive = scan
    .clauseBefore(into)
    .slice(0, 6)
    .find((k) => /'s$/.test(scan.word(k) ?? ''));
  return (
    possessive !== undefined && actedOnOthers(scan, { first: possessive, last: into - 1, category: span.category })
  );
}

/** Where a dash or a colon opens a run of the sentence: the members a group was named as come after. */
const ELABORATION = /^[—–:-]$/;
const SENTENCE_END = /^[.;!?\n]$/;
const INDEFINITE = /^(a|an|another|one|some|two|three)$/;

/**
 * "my regulars wait - an old boy with a white handlebar moustache and a lad with a skin fade",
 * "Customers at the counter: a tall bearded man with a man bun", "an elderly couple dance — he's
 * stooped and bald, she's in a wheelchair": after a dash or a colon, the people a group was just
 * named as are described one by one — someone brought in with "a", or a he and a she in turn. They
 * are the group's members, unless the run names the person ("— me with a shaved head").
 */
export function memberOfGroup(scan: Scan, span: Span, noun: number | undefined): boolean {
  let boundary: number | undefined;
  for (let k = span.first - 1; k >= 0 && boundary === undefined; k--) {
    const text = scan.tokens[k]?.text ?? '.';
    if (SENTENCE_END.test(text)) return false;
    if (ELABORATION.test(text)) boundary = k;
  }
  if (boundary === undefined) return false;
  const run: number[] = [];
  for (let k = boundary + 1; k < scan.tokens.length && !SENTENCE_END.test(scan.tokens[k]?.text ?? '.'); k++)
    if (scan.tokens[k]?.isWord) run.push(k);
  const said = run.map((k) => scan.word(k) ?? '');
  if (said.some((w) => FIRST_PERSON.test(w) || /^(we|us|our|subject|subject's)$/.test(w))) return false;
  // Someone brought in with "a": its nearest determiner back from the noun, after the boundary.
  const determiner =
    noun === undefined
      ? undefined
      : run
          .filter((k) => k < noun && /^(a|an|the|this|his|her|my|another|one|some|two|three)$/.test(scan.word(k) ?? ''))
          .at(-1);
  const indefinite = determiner !== undefined && INDEFINITE.test(scan.word(determiner) ?? '');
  const pair = said.some((w) => /^(he|he's)$/.test(w)) && said.some((w) => /^(she|she's)$/.test(w));
  if (!indefinite && !pair) return false;
  // The group, named back in the sentence before the boundary.
  for (let k = boundary - 1; k >= 0 && !SENTENCE_END.test(scan.tokens[k]?.text ?? '.'); k--) {
    const word = scan.word(k) ?? '';
    if (ELABORATION.test(scan.tokens[k]?.text ?? '')) break;
    if (PEOPLE_GROUPS.has(word) || (isPersonNoun(word) && isPlural(word) && !PRONOUNS.test(word))) return true;
  }
  return false;
}

/**
 * "My brigade behind me, one of them with a bleached undercut", "The alto section behind me, one woman
 * heavily pregnant": one picked out of a group the text names is someone else, not the person. (Unlike
 * groupBefore, which ownerNoun asks for the owner before a "with", this also reads "one of them" and a
 * described "one woman" with no "with".)
 */
export function oneOfGroup(scan: Scan, span: Span): boolean {
  const before = scan.clauseBefore(span.first).slice(0, 8);
  const one = before.find((k) => scan.word(k) === 'one' && /^[,—–:;-]$/.test(scan.tokens[k - 1]?.text ?? ''));
  // Not when the speaker stands just before the comma ("me, one of the bridesmaids"): this rule then
  // says nothing. A "me" placed by a preposition is no such speaker ("My brigade behind me, one of them").
  if (
    one === undefined ||
    (FIRST_PERSON.test(scan.word(one - 2) ?? '') &&
      !/^(behind|beside|around|near|with|to|past|by|before|after)$/.test(scan.word(one - 3) ?? ''))
  )
    return false;
  const between = scan.tokens.slice(one, span.first).map((t) => t.lower);
  if (between.some((w) => FIRST_PERSON.test(w) || /^(us|we)$/.test(w))) return false;
  const next = scan.word(one + 1) ?? '';
  if (next !== 'of' && !isPersonNoun(next)) return false;
  // The group: after "of" ("one of the dancers", "one of them"), or back in the sentence before the comma.
  if (next === 'of' && between.slice(2, 5).some(isGroupWord)) return true;
  for (let k = one - 2; k >= 0 && !SENTENCE_END.test(scan.tokens[k]?.text ?? '.'); k--)
    if (isGroupWord(scan.word(k) ?? '')) return true;
  return false;
}

/**
 * "the conductor is a tall man with a silver ponytail. She stands front row", "the cox a tiny woman
 * with freckles ... He's the coach": a man or a woman described where the pictured person is only
 * ever the other ("she" and never "he") is someone else — unless the text casts the person as them
 * ("make her a man with a beard").
 */
export function otherGender(scan: Scan, noun: number): boolean {
  const word = scan.word(noun) ?? '';
  const male = MALE_NOUNS.has(word);
  if (!male && !FEMALE_NOUNS.has(word)) return false;
  const words = scan.tokens.filter((t) => t.isWord).map((t) => t.lower);
  const he = words.some((w) => /^(he|him|his|himself|he's)$/.test(w));
  const she = words.some((w) => /^(she|her|hers|herself|she's)$/.test(w));
  if (male ? he || !she : she || !he) return false;
  const sentence = scan.clauseBefore(noun).map((k) => scan.word(k) ?? '');
  return !sentence.some((w) => CASTING_WORDS.has(w));
}

/**
 * The person nouns the text says the pictured person is: "She's the teacher counting heads", "The
 * subject is the volunteer at the piano", "I'm the barber giving a kid a skin fade", "he's the coach".
 */
function rolesOfThePerson(scan: Scan): number[] {
  const roles: number[] = [];
  scan.tokens.forEach((token, k) => {
    const word = token.lower;
    const subject =
      /^(i'm|she's|he's|they're)$/.test(word) ||
      (/^(is|am)$/.test(word) && /^(i|she|he|subject)$/.test(scan.previous(k) ?? ''));
    if (!subject || !/^(the|a|an)$/.test(scan.next(k) ?? '')) return;
    const role = scan
      .wordsAfter(k, 4)
      .slice(1)
      .find((j) => isPersonNoun(scan.word(j) ?? '') && !PRONOUNS.test(scan.word(j) ?? ''));
    if (role !== undefined) roles.push(role);
  });
  return roles;
}

/**
 * "the tour guide has a thick grey beard ... She's the teacher", "a man in a wheelchair singing
 * along. The subject is the volunteer": where the text says which role the person has, a description
 * hung on another person noun is someone else's — not the role's own apposition ("I'm the barber, a
 * big man with a shaved head") nor a word of the same clause as the role.
 */
export function otherThanTheirRole(scan: Scan, noun: number): boolean {
  const roles = rolesOfThePerson(scan);
  if (roles.length === 0 || roles.includes(noun) || PRONOUNS.test(scan.word(noun) ?? '')) return false;
  const head = appositionHead(scan, noun);
  if (head !== undefined && roles.includes(head)) return false;
  if (roles.some((k) => scan.word(k) === scan.word(noun))) return false;
  return !roles.some((k) => scan.tokens[k]?.clause === scan.tokens[noun]?.clause && noun > k);
}

export const CASTING_VERBS = /^(give|gives|make|makes|turn|turns|render|show|draw|paint|picture|imagine|cast|style)$/;

/**
 * The noun is the person the text casts: "Agent note: render the creator as Black" (a presenter's role
 * an instruction casts), "The subject as a wheelchair user", "me as a ..." (the subject, or a pronoun
 * that opens its clause or a casting verb takes; not "chatting with her as a bald man ... walks past"),
 * "Subject waving to the crowd with big hands", "the user" (not "a wheelchair user at the counter").
 */
export function castAsPerson(scan: Scan, noun: number): boolean {
  const role = scan.word(noun) ?? '';
  const det = /^(the|our)$/.test(scan.previous(noun) ?? '') ? 1 : 0;
  if ((PRESENTER_ROLES.has(role) || SUBJECT_NAMES.has(role)) && CASTING_VERBS.test(scan.previous(noun, det + 1) ?? ''))
    return true;
  const castAs = [1, 2, 3].find((n) => /^(as|into)$/.test(scan.previous(noun, n) ?? ''));
  const cast = castAs === undefined ? '' : (scan.previous(noun, castAs + 1) ?? '');
  const castIndex = castAs === undefined ? -1 : noun - castAs - 1;
  const pronoun =
    (PRONOUNS.test(cast) || FIRST_PERSON.test(cast)) &&
    (scan.clauseBefore(castIndex).length === 0 || CASTING_VERBS.test(scan.previous(castIndex) ?? ''));
  if (SUBJECT_NAMES.has(cast) || pronoun) return true;
  return SUBJECT_NAMES.has(role) && /^(the|our|my|this|)$/.test(scan.previous(noun) ?? '');
}
