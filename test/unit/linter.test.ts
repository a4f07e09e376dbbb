import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lintAppearance, lintAppearanceWith, type AppearanceModel } from '../../src/domain/prompt/linter.ts';
import { hasOthers, modelWords } from '../../src/domain/prompt/linter/learned.ts';
import { allowed, describesPerson } from '../fixtures/appearance-corpus.ts';

interface Corpus {
  appearance: string[];
  allowed: string[];
}
const heldOut = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Corpus;

/** Precision and recall of the linter on one corpus, with the phrases it got wrong. */
function score(appearance: readonly string[], clean: readonly string[]) {
  const missed = appearance.filter((text) => lintAppearance(text).length === 0);
  const falselyFlagged = clean.filter((text) => lintAppearance(text).length > 0);
  const truePositives = appearance.length - missed.length;
  return {
    missed,
    falselyFlagged,
    precision: truePositives / (truePositives + falselyFlagged.length),
    recall: truePositives / appearance.length,
  };
}

describe("appearance linter on the issue's examples", () => {
  it('refuses a wardrobe that describes hair and eyes, naming both phrases', () => {
    const findings = lintAppearance('oversized hoodie, with blonde hair and blue eyes');
    assert.deepEqual(
      findings.map((f) => [f.phrase, f.category]),
      [
        ['blonde hair', 'hair'],
        ['blue eyes', 'eyes'],
      ],
    );
  });

  it('passes a faded blue denim shirt', () => {
    assert.deepEqual(lintAppearance('a faded blue denim shirt'), []);
  });

  for (const text of [
    'brown leather jacket',
    'blue-hour light',
    'a hair dryer on the counter',
    'a poster of a bald eagle',
    'a tall bookshelf',
  ]) {
    it(`does not flag "${text}"`, () => assert.deepEqual(lintAppearance(text), []));
  }

  it('reports offsets that point at the phrase in the original text', () => {
    const text = 'A grey coat. She is tall and slender, with freckles.';
    for (const finding of lintAppearance(text)) assert.equal(text.slice(finding.start, finding.end), finding.phrase);
    assert.deepEqual(
      lintAppearance(text).map((f) => f.phrase),
      ['She is tall and slender', 'freckles'],
    );
  });

  it('passes every fixed line of the template', () => {
    const template = [
      'Shot on Canon 5D Mark IV, 85mm f/1.8.',
      'Natural skin with visible pores and texture, no retouching.',
      'Slight film grain, slightly desaturated warm tones.',
      'Soft window light from the left, warm 3500K, slight shadows under chin.',
      'Muted color palette, slightly desaturated.',
      'This should look like a real candid photo, NOT an AI render.',
    ].join('\n');
    assert.deepEqual(lintAppearance(template), []);
  });
});

describe('appearance linter on the development corpus', () => {
  it(`has at least 80 phrases of each kind (${describesPerson.length} describe a person, ${allowed.length} do not)`, () => {
    assert.ok(describesPerson.length >= 80 && allowed.length >= 80);
  });

  for (const [text, category] of describesPerson) {
    it(`refuses "${text}" as ${category}`, () => {
      const categories = lintAppearance(text).map((f) => f.category);
      assert.ok(categories.includes(category), `got [${categories.join(', ')}]`);
    });
  }

  for (const text of allowed) {
    it(`allows "${text}"`, () => {
      assert.deepEqual(
        lintAppearance(text).map((f) => f.phrase),
        [],
      );
    });
  }
});

describe('appearance linter on corpora written independently of it', () => {
  // appearance-heldout.json (132 + 167 phrases) was measured blind once (precision 96.5%,
  // recall 82.6%) and then used to improve the rules. appearance-heldout-2.json (100 + 100
  // field-length texts) was measured blind at precision 96.7%, recall 88.0%, then likewise.
  // Known misses are listed so a fix, or a new miss, shows up here.
  const KNOWN_MISSES: Record<string, string[]> = {
    'appearance-heldout.json': [],
    // Its one known miss, a face likened to a film star's with no name, is now caught by the rule
    // for a face "of", "on" or "like" a star.
    'appearance-heldout-2.json': [],
  };
  for (const [file, knownMisses] of Object.entries(KNOWN_MISSES)) {
    it(`${file}: misses only the known phrases and flags nothing allowed`, (t) => {
      const corpus = heldOut(file);
      const result = score(corpus.appearance, corpus.allowed);
      t.diagnostic(
        `${file}: ${corpus.appearance.length}+${corpus.allowed.length} phrases, precision ${(result.precision * 100).toFixed(1)}%, recall ${(result.recall * 100).toFixed(1)}%`,
      );
      assert.deepEqual(result.falselyFlagged, []);
      assert.deepEqual(result.missed, knownMisses);
    });
  }
});

/**
 * Scores a blind corpus against a floor: by default the goal (at least 95% of person descriptions
 * refused, 98% of the rest passed); a corpus the rules have not reached yet holds them at its
 * current figures, so they can only go up.
 */
function blindCorpus(file: string, floor = { refused: 0.95, passed: 0.98 }): void {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  it(`${file}: refuses at least ${percent(floor.refused)} of person descriptions and passes at least ${percent(floor.passed)} of the rest`, (t) => {
    const corpus = heldOut(file);
    const result = score(corpus.appearance, corpus.allowed);
    const refused = 1 - result.missed.length / corpus.appearance.length;
    const passed = 1 - result.falselyFlagged.length / corpus.allowed.length;
    t.diagnostic(
      `${file}: ${corpus.appearance.length}+${corpus.allowed.length} phrases, refused ${(refused * 100).toFixed(1)}%, passed ${(passed * 100).toFixed(1)}%`,
    );
    for (const text of result.missed) t.diagnostic(`missed: ${text}`);
    for (const text of result.falselyFlagged) t.diagnostic(`flagged: ${text}`);
    // A hair under the floor is rounding (1 - 14/200 is 0.92999...), not a text.
    assert.ok(refused >= floor.refused - 1e-9, `refused ${percent(refused)}`);
    assert.ok(passed >= floor.passed - 1e-9, `passed ${percent(passed)}`);
  });
}

describe('appearance linter on blind corpora', () => {
  // appearance-blind-a.json (350 + 350 phrases) was written by someone who never saw the linter.
  // Measured blind it refused 62.3% of the person descriptions and passed 90.0% of the rest; the
  // rules were then generalised against it (word classes and patterns, never its sentences); a
  // corpus kept out of sight confirms them. The thresholds are the goal: 95% refused, 98% passed.
  // After the rules built from E and F (linter-21) it refuses 100% and passes 100%: held there.
  blindCorpus('appearance-blind-a.json', { refused: 350 / 350, passed: 350 / 350 });
  // appearance-blind-b.json (300 + 300) was that corpus, also written blind. Its first run, after the
  // rules had been generalised against blind A, refused 86.3% (259/300) and passed 95.7% (287/300):
  // the honest figure for unseen text. The rules were then generalised against its kinds of misses
  // and false flags (fragments after a comma, features with no verb, edits by comparative, pictures
  // and products, teeth and dental work...), each with its own examples below; it now refuses 98.3%
  // and passes 100%. Its known misses are idioms and a smile's shape (see docs/appearance-linter.md).
  // After the rules built from E and F (linter-21): 99.3% / 100%, held there.
  // With the learned component (trained on all seven blind corpora, so these are fits, not blind
  // figures; the blind ones are in docs/appearance-linter.md): 99.7% / 100% (stop 25).
  blindCorpus('appearance-blind-b.json', { refused: 299 / 300, passed: 300 / 300 });
  // appearance-blind-c.json (300 + 300), written blind in the same way. First run, after the rules
  // had been generalised against A and B: refused 84.0% (252/300), passed 97.3% (292/300). The rules
  // were then generalised against its kinds of misses (a feature described after it, fragments that
  // open with the person, comparisons with the reference, ages by idiom) and false flags (someone
  // else in the scene, a topic or a product that a body word is about), then by D's: it now refuses
  // 93.7% and passes 99.7%. Below the goal: held at those figures so they can only go up.
  // The rules built from E and F's misses (linter-21) then moved it, unseen, to 97.3% / 99.7%.
  // With the learned component (a fit): 100% / 100%. With the long veto (stop 27): 99.7% / 100% — it
  // overrules "her whole back covered in inked peonies" in a long sentence about a backless dress.
  blindCorpus('appearance-blind-c.json', { refused: 299 / 300, passed: 300 / 300 });
  // appearance-blind-d.json (300 + 300): kept out of sight while A, B and C were used. Blind runs:
  // refused 91.3%, passed 98.0% with the rules after B; 92.0% (276/300) and 98.7% (296/300) after C —
  // the honest figures for text the rules had never seen. Only then were its kinds of misses
  // generalised (a body part's "'s", a pronoun subject, light named nearby, ink, stock types): it now
  // refuses 96.3% and passes 99.0%; blind E and F were the next checks.
  // The rules built from E and F's misses (linter-21) then moved it, unseen, to 97.7% / 99.0%.
  // With the learned component (a fit): 99.7% / 100% (the model of stop 25, trained on A–I and the training data).
  blindCorpus('appearance-blind-d.json', { refused: 299 / 300, passed: 298 / 300 });
  // appearance-blind-e.json (300 + 300), written blind after D was used. First run: refused 86.3%
  // (259/300), passed 93.3% (280/300) — most false flags were other people in a scene told in the
  // first person ("the nurse behind me has lilac hair"). Generalised against its kinds: 88.7% / 98.0%.
  // Its misses and F's were then the source of linter-21's rules (a smile's shape, bare-number ages,
  // stock types, tattoo pieces, cosmetic makeup words, gendered edits, fronted features, conditions,
  // tans and weight change), checked on A–D: 96.0% / 98.0%.
  // With the learned component (a fit): 99.7% / 99.0% (stop 25).
  // Retrained with blind L and M and training T5/T6, sentence by sentence (stop 26): 98.3% / 99.7%.
  blindCorpus('appearance-blind-e.json', { refused: 295 / 300, passed: 299 / 300 });
  // appearance-blind-f.json (300 + 300): not used to change a rule until linter-21; until then only its figures were read.
  // Blind runs: 89.0% refused, 98.7% passed with the rules after D; 88.7% (266/300) and 98.7%
  // (296/300) with the rules after E — the figure to expect on new text.
  // Used with E as the source of linter-21's rules: 95.7% / 98.7%.
  // With the learned component (a fit): 99.7% / 100% (stop 25).
  blindCorpus('appearance-blind-f.json', { refused: 299 / 300, passed: 300 / 300 });
  // appearance-blind-g.json (300 + 300), written blind after linter-21. Scored once by the rules
  // alone: refused 88.7% (266/300), passed 95.3% (286/300) — no rule was changed for it. Left out of
  // training, the rules with the learned component refuse 93.7% and pass 97.7% of it (the
  // leave-one-corpus-out run of scripts/train-appearance-model.ts). The shipped model is trained on
  // it too, so this floor is a fit: 99.0% / 100% (stop 25).
  // With the base veto's budget halved (stop 27): 99.0% / 99.7%.
  blindCorpus('appearance-blind-g.json', { refused: 297 / 300, passed: 299 / 300 });
  // appearance-blind-h.json (200 + 200), written blind after the learned component was trained on
  // A–G, and never used to change a rule or train the model. First run: the rules with the model
  // refuse 92.0% (184/200) and pass 98.5% (197/200); the rules alone 86.0% / 98.0%. Held here at
  // that first run while it was the unseen check. Then (stop 25) its misses and G's became rules-22's
  // families and it joined the training set, with blind I as the next unseen check: a fit now.
  blindCorpus('appearance-blind-h.json', { refused: 199 / 200, passed: 200 / 200 });
  // appearance-blind-i.json (300 + 300), written blind with blind J by sessions that never saw the
  // linter, while rules-22 and the training data (appearance-train-t1..t4.json) were built. First
  // run, scored once on the finished check: refused 97.7% (293/300), passed 94.7% (284/300); the
  // rules alone 89.0% / 92.7%. Most false flags were other people in the scene and instructions to
  // keep a feature as it is. Then trained on (a fit); blind J is the unseen check after it.
  // After rules-25b (from J's kinds) and retraining on J: 98.7% / 97.7%.
  // Stop 28: the model no longer speaks where the rules judged the body words someone else's
  // (leave-one-corpus-out on S–X: passed +0.7, refused -0.1); on this fit: 98.0% / 99.0%.
  blindCorpus('appearance-blind-i.json', { refused: 294 / 300, passed: 293 / 300 });
  // appearance-blind-j.json (300 + 300), written blind with I. First run, scored once on the check
  // after rules-25 and the model retrained on A–I: refused 94.7% (284/300), passed 97.7% (293/300);
  // the rules alone 86.0% / 96.7%. Its kinds then became rules-25b and it joined training (a fit now);
  // blind K is the unseen check after it. Retrained with L, M, T5 and T6 (stop 26): 98.7% / 99.3%.
  blindCorpus('appearance-blind-j.json', { refused: 296 / 300, passed: 298 / 300 });
  // appearance-blind-l.json (200 + 200), written blind (stop 26) by a session that never saw the
  // linter. First run, scored once on the check of stop 25 (rules-25b, model trained on A–J): refused
  // 98.5% (197/200), passed 95.0% (190/200); the rules alone 93.0% / 92.0%. Most false flags were an
  // animal's, a plant's or a mask's features, trades and credits ("makeup brand"), and two lighting
  // lines the model alone read as looks. Its kinds became rules-26 and it joined training: a fit now.
  blindCorpus('appearance-blind-l.json', { refused: 198 / 200, passed: 199 / 200 });
  // appearance-blind-m.json (200 + 200), written blind (stop 26) while L's kinds became rules-26.
  // First run, scored once on the check after rules-26 and the model retrained on A–L, T5 and T6:
  // refused 96.0% (192/200), passed 94.0% (188/200); the rules alone 87.0% / 93.5%. Most false flags
  // were relatives and colleagues in the scene ("my brother-in-law, a bald guy with a huge red
  // beard"), a he or she beside an "I", and pets. Its kinds became rules-27, and it joined training.
  // Retrained with K and N as well: 99.5% / 100%.
  // Stop 28: the model no longer speaks where the rules judged the body words someone else's
  // (leave-one-corpus-out on S–X: passed +0.7, refused -0.1); on this fit: 99.0% / 100%.
  blindCorpus('appearance-blind-m.json', { refused: 198 / 200, passed: 200 / 200 });
  // appearance-blind-k.json (200 + 200), commissioned at the end of stop 25 and delivered in stop 26;
  // kept unread while L's and M's kinds became rules. First run, scored once on the check after
  // rules-27 and the model retrained on A–M: refused 98.5% (197/200), passed 100% (200/200); the
  // rules alone 92.0% / 98.5%. The first fresh corpus to meet both goals. Then joined training.
  // Retrained with O, P and Q: 99.5% / 100%. Retrained with R and T8 (stop 27): 99.0% / 100% — "Make
  // Rosa use a walker while she moves between the stove and the counter" now scores under the veto.
  blindCorpus('appearance-blind-k.json', { refused: 198 / 200, passed: 200 / 200 });
  // appearance-blind-n.json (200 + 200), written blind with K and scored on the same check: refused
  // 98.5% (197/200), passed 95.5% (191/200); the rules alone 89.0% / 92.0%. False flags: a pet's
  // or a doll's features, a thing's age, children in a recital, someone placed behind a named role.
  // Its kinds became rules-28, and it joined training.
  // Retrained with O, P and Q: 99.0% / 99.0%.
  blindCorpus('appearance-blind-n.json', { refused: 198 / 200, passed: 198 / 200 });
  // appearance-blind-o.json (200 + 200), written blind after N was scored. First run, on the check
  // after rules-28 and the model retrained on A–N: refused 96.5% (193/200), passed 97.5% (195/200);
  // the rules alone 90.0% / 96.0%. False flags: a role brought in beside a he or she ("the vendor,
  // a stout woman with a grey bun"), a choir's members. Its kinds became rules-29; then trained on.
  // With the base veto's budget halved (stop 27): 98.0% / 99.0%.
  // Stop 28: the model no longer speaks where the rules judged the body words someone else's
  // (leave-one-corpus-out on S–X: passed +0.7, refused -0.1); on this fit: 97.5% / 99.0%.
  blindCorpus('appearance-blind-o.json', { refused: 195 / 200, passed: 198 / 200 });
  // appearance-blind-p.json (200 + 200), written blind after O was scored. First run, on the check
  // after rules-29 and the model retrained on A–O: refused 99.5% (199/200), passed 97.0% (194/200);
  // the rules alone 90.5% / 94.5%. False flags: a best man, everyone around, a friend's shoulders
  // the person sits on, a shade range for a skin type, a clown's red nose, a pulled face. Its kinds
  // became rules-30; then trained on (a fit now).
  // Stop 28: the model no longer speaks where the rules judged the body words someone else's
  // (leave-one-corpus-out on S–X: passed +0.7, refused -0.1); on this fit: 99.5% / 100%.
  blindCorpus('appearance-blind-p.json', { refused: 199 / 200, passed: 199 / 200 });
  // appearance-blind-q.json (200 + 200), written blind after P was scored. First run, on the check
  // after rules-30 and the model retrained on A–P: refused 96.5% (193/200), passed 94.0% (188/200);
  // the rules alone 89.5% / 93.0%. False flags: a pet's and a hedgehog's features, features carved
  // into a pumpkin, a garment's cut, extras after a label, new hires in apposition. Its kinds became
  // rules-30b; then trained on (a fit now).
  blindCorpus('appearance-blind-q.json', { refused: 200 / 200, passed: 196 / 200 });
  // appearance-blind-r.json (200 + 200), written blind after Q was scored. First run, on the check
  // after rules-30b and the model retrained on A–Q: refused 100% (200/200), passed 95.0% (190/200);
  // the rules alone 91.5% / 92.0%. False flags: other people in busy scenes (a row of students, a
  // mum's son, residents, a client's hair), costume (a fake beard, a clown's red nose), a calf's
  // face, a face jug, a board game's faces, "not the haircut". Its kinds became rules-31 (stop 27)
  // and it joined training: a fit now.
  blindCorpus('appearance-blind-r.json', { refused: 200 / 200, passed: 200 / 200 });
  // appearance-blind-v.json (200 + 200), written blind (stop 27) by a session that never saw the
  // linter, while rules-31 and the long veto were built. First run, scored once on the check with
  // rules-31 and a long veto of 0.765 on every long sentence (244e9b3): refused 96.5% (193/200),
  // passed 98.0% (196/200) — both goals; the rules alone 86.5% / 94.5%. Misses: a missing arm said
  // as a pinned sleeve, "full carrot top", lipstick and eyeliner asked for on the person, "unsteady on
  // her feet" with a walking frame. False flags: "Big belly laugh", "big excited face", "Head bowed,
  // hands clasped", wigs on mannequin heads. On the shipped check (the long veto only where someone
  // or something else is named, the model retrained with T7 and T8, the base veto's budget halved):
  // 98.0% / 98.5%. Not used to change a rule or train the model.
  blindCorpus('appearance-blind-v.json', { refused: 193 / 200, passed: 197 / 200 });
  // appearance-blind-u.json (200 + 200), written blind with V. First run, scored once on the shipped
  // check (rules-31, the long veto where someone or something else is named, the model trained with
  // T7 and T8; 3157119): refused 99.5% (199/200), passed 92.5% (185/200); the rules alone 91.5% /
  // 91.0%. Nine of its fifteen false flags are other people in busy scenes (a customer's beard and
  // scar, a pupil's missing tooth, a couple dancing in the background, a family watching); four are
  // things' and animals' features (a cow's lashes, a sarcophagus's painted eyes, a carved pumpkin,
  // tomato skins); one is "Japanese ramen"; one "hair tied back under a bandana" (a style the writer
  // counted as allowed). Not used to change a rule or train the model. On the final check (the base
  // veto's budget halved, see the learned component's notes): 99.5% / 92.0%.
  blindCorpus('appearance-blind-u.json', { refused: 199 / 200, passed: 184 / 200 });
  // appearance-blind-s.json (200 + 200), written blind with U and V. First run, scored once on the
  // same shipped check as U: refused 99.0% (198/200), passed 95.5% (191/200); the rules alone 92.5%
  // / 92.5%. False flags: other people in busy scenes (a barber's regulars, a pupil, a netball
  // player, a cosplayer in clown make-up, a model's cheek under a make-up artist's sponge), painted
  // portraits ("an oil portrait of a ruddy-faced admiral ... a scar across his cheek"), "a big
  // surprised face", and "Keep my real face, no prosthetics or make-up changes". Misses: "more
  // freckly", a missing hand said among a busy scene. Not used to change a rule or train the model.
  blindCorpus('appearance-blind-s.json', { refused: 198 / 200, passed: 191 / 200 });
  // appearance-blind-x.json (200 + 200), written blind after S, U and V. First run, scored once on the
  // same shipped check: refused 98.0% (196/200), passed 98.5% (197/200) — both goals; the rules alone
  // 88.5% / 95.5%. False flags: a client's earlobe marked for a piercing, rugby forwards' cauliflower
  // ears, a grandmother's cheek kissed. Misses: "a cleft in the chin, Kirk Douglas style", "Levantine
  // features", "not a line on her face", "give my grandson a mop of curls". Not used to change a
  // rule or train the model.
  blindCorpus('appearance-blind-x.json', { refused: 196 / 200, passed: 197 / 200 });
  // appearance-blind-w.json (200 + 200), written blind with X, the last corpus of stop 27. First run,
  // scored once on the final check of the stop (8dade0d): refused 98.0% (196/200), passed 93.0%
  // (186/200); the rules alone 89.5% / 91.5%. Eight of its fourteen false flags are other people in
  // busy scenes (a flower girl, a learner driver, a page boy, customers at a counter, a bride's
  // grandmother); the rest a painted portrait, a Toby jug, a tyre "which is nearly bald", hair pulled
  // from a drain, titles ("Hair", "Freckles and Curls") and a bow-legged chair. Misses: "follicly
  // challenged ..., give him a mane", "Ginger as a carrot", a look asked for through a relative ("the
  // bride's sister asked that she appear ten years younger"). Not used to change a rule or train the model.
  blindCorpus('appearance-blind-w.json', { refused: 196 / 200, passed: 186 / 200 });
  // appearance-blind-z.json (200 + 200), written blind in stop 28 (family history, theatre, dance,
  // dermatology, sport, teachers, agents paraphrasing a chat). First run, scored once on the final
  // check of stop 28 (7ab6c7d): refused 95.5% (191/200), passed 96.0% (192/200); the rules alone
  // 87.0% / 90.5%. Misses: "bigger boobs", "nicer nose, better chin", a Quasimodo hunch in prosthetic
  // makeup, "paler, like an English rose", crow's feet without the apostrophe. False flags: "Plain:" as a
  // look's label, a chorus in greasepaint behind the actor, Mr Fenwick "who has a neat white
  // moustache", heavyweights' cauliflower ears, an apple tree's bald patch, lipstick laid out as props,
  // "a strong shoulder line" on a jacket. Read in stop 29, and its lessons made into rules-36.
  blindCorpus('appearance-blind-z.json', { refused: 191 / 200, passed: 192 / 200 });
  // appearance-blind-aa.json (200 + 200), written blind with Z (fitness, fashion, cosplay, farm,
  // weddings, health talks, tag-style prompts). First run, scored once on the same check: refused
  // 98.5% (197/200), passed 99.0% (198/200) — both goals; the rules alone 92.0% / 98.5%. Misses:
  // vampire fangs, "a Latina look, like she's Colombian", skull face paint. False flags: a physio's
  // client "in her eighties with swollen knuckles", a guest "who is a ... comedian with a handlebar
  // moustache". Read in stop 29.
  blindCorpus('appearance-blind-aa.json', { refused: 197 / 200, passed: 198 / 200 });
  // appearance-blind-af.json (150 + 150), written blind in stop 29 (hairdressers and barbers,
  // opticians and dentists, tattoo removal, trainers, wedding photographers, funeral directors, drag
  // and theatre make-up, tour guides, one-line tag prompts). First run, scored once on a0ab8a1:
  // refused 98.0% (147/150), passed 98.7% (148/150) — both goals; the rules alone 93.3% / 93.3%.
  // Misses: "gold canine cap on the left side", "Make Dad's arms sunburnt and hairy" in a busy
  // fishing scene, "remove the wart on my thumb". False flags: a ridge with "a sharp jawline against
  // the sky", "a man on crutches" among passers-by. Read in stop 29.
  blindCorpus('appearance-blind-af.json', { refused: 147 / 150, passed: 148 / 150 });
  // appearance-blind-ah.json (150 + 150), written blind in stop 30 (astronomy, bridal shops,
  // paramedics, language apps, chess, personal finance, pottery, boxing gyms, youth pastors, agents
  // summarising voice notes). First run, scored once on 2e3212d: refused 100.0% (150/150), passed
  // 98.0% (147/150) — both goals; the rules alone 96.0% / 94.7%. Not yet read for rules.
  blindCorpus('appearance-blind-ah.json', { refused: 150 / 150, passed: 147 / 150 });
  // appearance-blind-ak.json (150 + 150), written blind with AH (cocktails, midwives, vintage
  // resellers, dojos, trainee teachers, drone pilots, choirs, tattoo artists, vanlife, agents working
  // from bullet lists). First run, scored once on 2e3212d: refused 98.0% (147/150), passed 95.3%
  // (143/150) — the passed goal missed; the rules alone 97.3% / 91.3%. Misses: "hold my cane in my
  // right hand as I walk", sunburn "across the nose and shoulders", "using a walking frame". False
  // flags: lipsticks lined up for a review, a visiting master "an eighty-year-old with a long white
  // beard", a warm hair light and neutral skin tones, "hair and face: as in the photo", a teenage
  // girl serving at the snack van, "a 1980s boombox", "a delicate anklet".
  blindCorpus('appearance-blind-ak.json', { refused: 147 / 150, passed: 143 / 150 });
  // appearance-blind-aj.json (150 + 150), written blind in stop 30 (hairdressing apprentices, nail
  // technicians, gym influencers, re-enactors, consultants, beekeepers, grime artists, cabin crew
  // trainers, dog groomers, one-line tag prompts). First run, scored once on aa7a9d6: refused 97.3%
  // (146/150), passed 96.7% (145/150) — the passed goal missed; the rules alone 94.0% / 92.0%.
  blindCorpus('appearance-blind-aj.json', { refused: 146 / 150, passed: 145 / 150 });
  // appearance-blind-al.json (150 + 150), written blind in stop 30 (cosmetic dermatologists, retro
  // gaming, youth football, pastry chefs, wildlife photographers, funeral celebrants, brow and lash
  // studios, community theatre, care workers, agents relaying half-remembered requests). First run,
  // scored once on aa7a9d6: refused 97.3% (146/150), passed 94.7% (142/150) — the passed goal
  // missed; the rules alone 94.0% / 92.7%.
  blindCorpus('appearance-blind-al.json', { refused: 146 / 150, passed: 142 / 150 });
  // appearance-blind-ai.json (150 + 150), written blind in stop 30 (fishing and sailing,
  // orthodontists and cosmetic clinics, stand-up, kindergarten teachers, market stallholders, perfume
  // reviewers, mountain rescue, car restorers, ASMR, agents translating requests). First run, scored
  // once on aa7a9d6: refused 98.0% (147/150), passed 100.0% (150/150) — both goals; the rules alone
  // 96.0% / 98.0%.
  blindCorpus('appearance-blind-ai.json', { refused: 147 / 150, passed: 150 / 150 });
  // appearance-blind-ag.json (150 + 150), written blind in stop 30 (gardening and allotments, ballet
  // teachers, sign-language interpreters, estate walk-throughs, craft brewers, cybersecurity
  // explainers, careers advisers, hospice chaplains, skateboarders, agents writing field prompts).
  // First run, scored once on aa7a9d6: refused 98.0% (147/150), passed 96.0% (144/150) — the passed
  // goal missed; the rules alone 96.0% / 95.3%.
  blindCorpus('appearance-blind-ag.json', { refused: 147 / 150, passed: 144 / 150 });
  // appearance-blind-am.json (150 + 150), written blind in stop 31 (wedding photographers, plumbers,
  // chair yoga, true-crime podcasts, marine biologists, barbershops, hip-hop dance, headteachers,
  // e-sports casters, agents relaying mood boards). First run, scored once on 796b636: refused 98.0%
  // (147/150), passed 98.0% (147/150) — both goals; the rules alone 96.7% / 95.3%. Its topics were
  // known (the brief named them) and probed with sentences of our own before it arrived (02fb28d);
  // on 9180a88, before that and before the model's retrain, it scored 98.0% / 97.3%.
  blindCorpus('appearance-blind-am.json', { refused: 147 / 150, passed: 147 / 150 });
  // appearance-blind-an.json (150 + 150), written blind in stop 31 (vet nurses, spoken-word poets,
  // knitting channels, injury lawyers, forest rangers, K-beauty, drag performers, rugby coaches,
  // hospital porters, agents paraphrasing a team chat). First run, scored once on 796b636: refused
  // 99.3% (149/150), passed 99.3% (149/150) — both goals; the rules alone 98.0% / 98.0%. On 9180a88
  // (see AM): 99.3% / 98.7%.
  blindCorpus('appearance-blind-an.json', { refused: 149 / 150, passed: 149 / 150 });
  // appearance-blind-ao.json (150 + 150), written blind in stop 31 (carpenters, opera singers, diabetes
  // educators, special-effects makeup, surfers, librarians, tarot readers, truckers, wedding officiants,
  // agents turning form fields into prompts). First run, scored once on b3c3d48 (the check AM and AN
  // were scored on; its topics known from the brief, see AM): refused 99.3% (149/150), passed 98.7%
  // (148/150) — both goals; the rules alone 97.3% / 97.3%.
  blindCorpus('appearance-blind-ao.json', { refused: 149 / 150, passed: 148 / 150 });
  // appearance-blind-ap.json (150 + 150), written blind in stop 31 (space-science outreach, natural-hair
  // salons, village bakeries, mountain bikers, sign painters, speech therapists, cosplayers, stylists,
  // dairy farmers, agents summarising phone calls). First run, scored once on b3c3d48: refused 98.0%
  // (147/150), passed 98.0% (147/150) — both goals; the rules alone 94.7% / 94.0%.
  blindCorpus('appearance-blind-ap.json', { refused: 147 / 150, passed: 147 / 150 });
  // appearance-blind-ar.json (100 + 100), written blind in stop 31 with topics its writer chose (not
  // known to us before it arrived). First run, scored once on b3c3d48: refused 98.0% (98/100), passed
  // 100.0% (100/100) — both goals; the rules alone 95.0% / 100.0%.
  blindCorpus('appearance-blind-ar.json', { refused: 98 / 100, passed: 100 / 100 });
  // appearance-blind-aq.json (100 + 100), written blind in stop 31 with topics its writer chose (home
  // cooking, mountain guides, woodworking grandads, skincare reviews, jiu-jitsu ...). First run, scored
  // once on b3c3d48: refused 99.0% (99/100), passed 98.0% (98/100) — both goals; the rules alone 96.0%
  // / 98.0%. Not read before 057e144, on which it scored 99.0% / 100.0%.
  blindCorpus('appearance-blind-aq.json', { refused: 99 / 100, passed: 98 / 100 });
  // appearance-blind-au.json (100 + 100), written blind in stop 31 with topics its writer chose (sheep
  // farming, fintech explainers, a retired teacher cooking, a night-shift nurse, ice-road truckers ...).
  // First run, scored once on e18990e, before it was read: refused 99.0% (99/100), passed 99.0%
  // (99/100) — both goals; the rules alone 95.0% / 95.0% (on a9cdabf, before the last retrain: 99.0% /
  // 98.0%).
  blindCorpus('appearance-blind-au.json', { refused: 99 / 100, passed: 99 / 100 });
  // appearance-blind-at.json (100 + 100), written blind in stop 31 with topics its writer chose. First
  // run, scored once on d87a9c8 (the check of e18990e), before it was read: refused 97.0% (97/100),
  // passed 98.0% (98/100) — both goals; the rules alone 96.0% / 96.0%.
  blindCorpus('appearance-blind-at.json', { refused: 97 / 100, passed: 98 / 100 });
  // appearance-blind-as.json (100 + 100), written blind in stop 31 with topics its writer chose. First
  // run, scored once on 179e000 (the check of e18990e), before it was read: refused 98.0% (98/100),
  // passed 99.0% (99/100) — both goals; the rules alone 96.0% / 97.0%.
  blindCorpus('appearance-blind-as.json', { refused: 98 / 100, passed: 99 / 100 });
});

/**
 * Each general rule with examples written for it (not taken from any corpus): phrases it must
 * still refuse and phrases it must let through.
 */
function rule(
  name: string,
  refused: ReadonlyArray<readonly [string, string]>,
  passed: readonly string[],
  // The rules alone must name each refusal too, and pass each allowed text: the model catches many
  // of these sentences (or vetoes the rules' flag), so without this a family's rule could break
  // unnoticed (from rules-37 on; the passed side from rules-38).
  { byRules = false } = {},
): void {
  describe(name, () => {
    for (const [text, phrase] of refused) {
      it(`refuses "${text}", naming "${phrase}"${byRules ? ' (by the rules alone too)' : ''}`, () => {
        const checks = byRules ? [lintAppearance(text), lintAppearanceWith(undefined, text)] : [lintAppearance(text)];
        for (const findings of checks) {
          const phrases = findings.map((f) => f.phrase);
          assert.ok(
            phrases.some((p) => p.includes(phrase)),
            `got [${phrases.join(' | ')}]`,
          );
        }
      });
    }
    for (const text of passed) {
      it(`passes "${text}"${byRules ? ' (by the rules alone too)' : ''}`, () => {
        assert.deepEqual(
          lintAppearance(text).map((f) => f.phrase),
          [],
        );
        if (byRules)
          assert.deepEqual(
            lintAppearanceWith(undefined, text).map((f) => f.phrase),
            [],
          );
      });
    }
  });
}

describe('appearance linter: whose body word it is', () => {
  rule(
    'a body compound or body word on an animal, plant or thing is theirs',
    [
      ['a shaggy-haired boy by the stove', 'shaggy-haired'],
      ['a green-eyed woman on the windowsill', 'green-eyed'],
      ['a barrel-chested man in a raincoat', 'barrel-chested'],
    ],
    [
      'a shaggy-haired sheepdog naps by the stove',
      'a green-eyed tabby on the windowsill',
      'a barrel-chested bulldog in a raincoat',
    ],
  );
  rule(
    'after "with", the owner of the feature is the noun before it',
    [
      ['a woman at a table with red hair', 'red hair'],
      ['a man with a ginger beard', 'ginger beard'],
      ['a presenter with bright red cheeks', 'red cheeks'],
    ],
    ['a parrot with bright red cheeks', 'a doll with platinum curls on the shelf', 'a vase with a long neck'],
  );
  rule(
    'a bare feature where light falls is not described',
    [
      ['a kicker light grazing her long blonde hair', 'long blonde hair'],
      ['a rim light tracing her sharp jawline', 'sharp jawline'],
      ['soft light on her high cheekbones', 'high cheekbones'],
    ],
    [
      'a rim light tracing the jawline',
      'the light rakes across the cheekbones',
      'a hair light to separate her from the backdrop',
    ],
  );
  rule(
    'someone shown on a screen, page or picture is not the person',
    [
      ['a bald newsreader next to the TV', 'bald newsreader'],
      ['a bearded man leaning on the billboard', 'bearded man'],
      ['a freckled girl holding a sketchbook', 'freckled girl'],
    ],
    [
      'a TV on the wall shows a bald newsreader',
      'the billboard across the road features a bearded cowboy',
      'a framed sketch of a freckled girl',
    ],
  );
  rule(
    'a run of capitalised words is a name',
    [
      ['a bald head under the lamp', 'bald head'],
      ['dinner with a redhead at the grill', 'redhead'],
      ['a freckled face at the window', 'freckled face'],
    ],
    [
      'dinner at the Bald Head Grill',
      'a box of Ginger Beard matches',
      'running a hand through his hair in frustration',
    ],
  );
});

describe('appearance linter: features, marks and conditions', () => {
  rule(
    'a descriptor before a body part describes it',
    [
      ['her long, slender fingers on the keys', 'long, slender fingers'],
      ['knobbly knees under the kilt', 'knobbly knees'],
      ['his coffee-stained teeth', 'coffee-stained teeth'],
    ],
    ['a stool with three thin legs', 'a polo neck in navy wool', 'an armchair with wide, padded arms'],
  );
  rule(
    'a body part with a linking verb and a descriptor describes it',
    [
      ['her ankles are slim and pale', 'ankles are slim'],
      ['his ears stick out under the cap', 'ears stick out'],
      ['his nose has been broken twice', 'nose has been broken'],
    ],
    ['her hands are full of flowers', 'his arms are crossed over his chest', 'the legs of the easel are splayed'],
  );
  rule(
    'a body compound is the person’s before a person noun or no noun, and an animal’s before an unknown noun',
    [
      ['a thick-necked doorman at the club', 'thick-necked'],
      ['she is round-faced and freckled', 'round-faced'],
      ['a gap-toothed smile at the camera', 'gap-toothed'],
    ],
    ['a ring-necked pheasant in the stubble field', 'a red-eyed tree frog on a leaf', 'a cross-legged pose on the rug'],
  );
  rule(
    'a mark that sits on a body part describes the skin',
    [
      ['a scar across the bridge of his nose', 'scar across the bridge of his nose'],
      ['fine lines at the corners of her mouth', 'lines at the corners of her mouth'],
      ['bags under her eyes after the night shift', 'bags under her eyes'],
    ],
    ['chisel marks along the edge of the bench', 'patches of sunlight on her cheek', 'shopping bags under his arm'],
  );
  rule(
    'skin conditions and marks named for what they are',
    [
      ['mild acne along the jaw', 'acne'],
      ['rosacea across the nose', 'rosacea'],
      ['she is pregnant, leaning on the railing', 'pregnant'],
    ],
    ['a bag of gummy bears on the desk', 'a pregnancy test box in the cabinet', 'acne cream on the bathroom shelf'],
  );
  rule(
    'piercings, and jewellery through the lip, tongue or brow',
    [
      ['a tongue stud glints when he talks', 'tongue stud'],
      ['her industrial piercing', 'industrial piercing'],
      ['a ring through his eyebrow', 'ring through his eyebrow'],
    ],
    ['a piercing whistle from the referee', 'the needle piercing the canvas', 'a ring on her finger and a watch'],
  );
  rule(
    'a missing or injured body part, a wheelchair or a limp',
    [
      ['missing the tip of one finger', 'missing the tip of one finger'],
      ['he uses a wheelchair at the office', 'wheelchair'],
      ['her wrist in a cast after the fall', 'in a cast'],
    ],
    [
      'an empty wheelchair in the hospital corridor',
      'a limp lettuce leaf on the plate',
      'a plaster cast of a hand on the bench',
    ],
  );
});

describe('appearance linter: age, build and hair in other words', () => {
  rule(
    'age: a possessive decade, a person "of" an age, "past" an age, de-ageing',
    [
      ['the confidence of his forties', 'his forties'],
      ['a man of about fifty at the counter', 'man of about fifty'],
      ['she is pushing sixty and still surfs', 'pushing sixty'],
    ],
    ['a box of about twelve eggs', 'past ten o’clock in the bar', 'their seventies records on the shelf'],
  );
  rule(
    'age: idioms and changes',
    [
      ['an actor getting on in years', 'getting on in years'],
      ['de-age him by a decade', 'de-age him'],
      ['he looks far older than his brother', 'looks far older'],
    ],
    ['the age of the building shows in the cracks', 'an aged whisky on the bar', 'the ageing light of late afternoon'],
  );
  rule(
    'build: "on the X side", "the build of a", "built like", "N pounds more"',
    [
      ['she is on the tall side', 'on the tall side'],
      ['he has the physique of a swimmer', 'physique of a'],
      ['show her about twenty pounds heavier', 'twenty pounds heavier'],
    ],
    [
      'the portions are on the small side',
      'a house built like a fortress',
      'the frame of a bicycle leaning on the wall',
    ],
  );
  rule(
    'hair: grey at the temples, thinning on top, a head kept shaved, going grey, a bald spot',
    [
      ['a touch of silver at his temples', 'silver at his temples'],
      ['he keeps his head buzzed for the summer', 'his head buzzed'],
      ['she has gone almost entirely grey', 'gone almost entirely grey'],
    ],
    [
      'a bald patch in the lawn by the shed',
      'temples at the top of the hill, in grey stone',
      'the wall is going grey with damp',
    ],
  );
});

describe('appearance linter: resemblance, ethnicity as looks, makeup', () => {
  rule(
    'resemblance to a named person',
    [
      ['a young Paul Rudd type behind the bar', 'Paul Rudd type'],
      ['he is Pedro Pascal’s double', 'Pedro Pascal’s double'],
      ['a Jeff Goldblum-esque face', 'Goldblum-esque face'],
    ],
    [
      'a Wes Anderson film still on the wall',
      'a Kubrick-esque corridor in the hotel',
      'a Ford type pickup in the yard',
    ],
  );
  rule(
    'ethnicity used as looks, and asking to change it',
    [
      ['her Slavic features', 'Slavic features'],
      ['a distinctly Greek look about him', 'Greek look'],
      ['make him look more Italian', 'look more Italian'],
    ],
    ['an Italian face cream on the shelf', 'a Scandinavian look for the living room', 'Korean skin care products'],
  );
  rule(
    'makeup on the face, wherever the face is named after it',
    [
      ['bronzer dusted lightly over his cheekbones', 'bronzer'],
      ['a berry lip and bare skin', 'berry lip'],
      ['kohl-lined eyes in the mirror', 'kohl-lined eyes'],
    ],
    [
      'a glitter ball spinning over the dance floor',
      'the shimmer of the lake behind her',
      'the lip of the jug is chipped',
    ],
  );
});

describe('appearance linter: edits and comparisons', () => {
  rule(
    'an edit verb with a body part or a mark as its object',
    [
      ['slim his cheeks a little', 'slim his cheeks'],
      ['whiten her teeth for the close-up', 'whiten her teeth'],
      ['smooth out the wrinkles on his forehead', 'smooth out the wrinkles'],
    ],
    [
      'smooth the tablecloth before the shot',
      'a thin skin of frost on the windscreen',
      'lighten the shadows in the corner',
    ],
  );
  rule(
    'mistaken for, or pictured as, someone named',
    [
      ['strangers mistake him for Ryan Gosling', 'mistake him for Ryan Gosling'],
      ['picture a young Sophia Loren, laughing on a Vespa', 'picture a young Sophia Loren'],
      ['often confused with a young Cher', 'confused with a young Cher'],
    ],
    ['picture a Tokyo street at night', 'a mistake for the Tuesday meeting', 'imagine a Paris café terrace at dawn'],
  );
  rule(
    'an age or a condition said of the person',
    [
      ['she must be nearly seventy', 'nearly seventy'],
      ['he is deeply tanned after the summer', 'deeply tanned'],
      ['he is deaf in one ear', 'deaf'],
    ],
    [
      'a roller blind half down over the window',
      'the portrait must be at least a century old',
      'a deeply tanned leather saddle',
    ],
  );
});

describe('appearance linter: more ways to say it', () => {
  rule(
    'an appearance adjective reaches its person noun over other adjectives',
    [
      ['a tall, rangy man at the bar', 'tall, rangy man'],
      ['a young, soft-spoken teacher', 'young, soft-spoken teacher'],
      ['an old and weary farmer', 'old and weary farmer'],
    ],
    ['a tall glass of water for the man', 'a small wooden toy soldier on the shelf', 'a young, noisy crowd at the gig'],
  );
  rule(
    'hair moved by a hand is a gesture; hair put into a style is a style',
    [
      ['pulling her hair back into a ponytail', 'hair back into a ponytail'],
      ['a deep side parting', 'side parting'],
      ['tight black coils piled high', 'black coils'],
    ],
    [
      'holding her hair back from her face in the wind',
      'sweeping her hair aside to read',
      'twisting her hair around a finger',
    ],
  );
  rule(
    'a named person by likeness',
    [
      ['she is the very image of Audrey Tautou', 'image of Audrey Tautou'],
      ['he could be Idris Elba’s body double', 'Idris Elba’s body double'],
      ['a Kate Moss jawline', 'Kate Moss jawline'],
    ],
    [
      'an image of Audrey Tautou on the poster',
      'a Wes Anderson look for the set',
      'a Frank Lloyd Wright look to the house',
    ],
  );
  rule(
    'an age, a stoop, a sight or hearing condition, in other words',
    [
      ['at forty she took up boxing', 'at forty'],
      ['he walks with a slight stoop', 'slight stoop'],
      ['she is hard of hearing', 'hard of hearing'],
    ],
    ['at ten the shop opens', 'sitting on the stoop of the brownstone', 'hard of heart, the villain in the film'],
  );
});

describe("appearance linter: bodies like someone else's, and changes by comparison", () => {
  rule(
    "a body part like a type of person's, or a face like a star's",
    [
      ["she has a swimmer's shoulders", "swimmer's shoulders"],
      ["he has his father's nose", "father's nose"],
      ['a face you might see on a forties pin-up', 'face you might see on a forties pin-up'],
    ],
    ["the chef's knife on the board", 'a poster with a film star on it', 'the face of the clock like a star'],
  );
  rule(
    'a body comparative against the person as they are',
    [
      ['a little slimmer than in the photo', 'slimmer than'],
      ['make him look taller than he is', 'taller'],
      ['he has one leg, and a crutch', 'one leg'],
    ],
    ['a lamp taller than the door', 'the sequel is older than the remake', 'she has one hand on the railing'],
  );
});

describe('appearance linter: a few more edges', () => {
  rule(
    'a person of a small age, a possessive number of years',
    [
      ['a boy of about seven on a scooter', 'boy of about seven'],
      ['she wears her seventy years lightly', 'her seventy years'],
      ['a girl of around ten swings on the gate', 'girl of around ten'],
    ],
    [
      'a family of four at the next table',
      'a man of two minds about the menu',
      'a box of about twelve eggs on the shelf',
    ],
  );
  rule(
    'makeup named with the face after it; light and fields named like the body',
    [
      ['a sheen of gloss on her lips', 'gloss'],
      ['glitter along her cheekbones', 'glitter along her cheekbones'],
      ['a port-wine stain on his neck', 'port-wine stain'],
    ],
    [
      'a deep shadow across half of her face',
      'a hare running across the stubble',
      'a spot on the face and darkness around it',
    ],
  );
});

describe('appearance linter: fragments, covers and figures', () => {
  rule(
    'an opening adjective describes the subject only when no noun of its own follows',
    [
      ['Thin, almost frail, in a long grey coat', 'Thin'],
      ['Stocky, with a barrel chest', 'Stocky'],
      ['she has very long nails, painted red', 'very long nails'],
    ],
    [
      'Thin, spindly legs of the new foal in the straw',
      'Tall, narrow windows along the hall',
      'Short, sharp showers over the hills',
    ],
  );
  rule(
    'someone on a cover or a figure made of something is not the person',
    [
      ['a tanned surfer reading a magazine', 'tanned surfer'],
      ['a plump old fisherman mending nets', 'plump old fisherman'],
      ['at six foot five, he ducks under the beam', 'six foot five'],
    ],
    [
      'the magazine on the sofa has a tanned surfer on its cover',
      'a ceramic figure of a plump old fisherman on the shelf',
      'a wooden carving of a bearded saint in the chapel',
    ],
  );
});

describe('appearance linter: things that look like the body', () => {
  rule(
    'an appearance word on an animal or thing a few words on is theirs; a tattoo is the skin’s once a body part is named',
    [
      ['a balding man feeding the ducks', 'balding'],
      ['a tattooed anchor on the back of his hand', 'tattooed'],
      ['hair slicked back with pomade', 'hair slicked back'],
    ],
    [
      'a balding old parrot on its perch',
      'a tattooed ceramic vase on the counter',
      'a tin of hair pomade by the mirror',
    ],
  );
  rule(
    'a picture described after a colon shows someone else',
    [
      ['In the café: a freckled girl with a milkshake', 'freckled girl'],
      ['The presenter: tall, bald and bearded', 'tall'],
      ['On the bench: a tattooed man with a guitar', 'tattooed'],
    ],
    [
      'The poster above the bed: a tattooed man with a guitar',
      'On the cover of the magazine: a freckled girl with a milkshake',
      'The billboard across the road: a giant bald baby',
    ],
  );
});

describe('appearance linter: weights, figures and edits by pronoun', () => {
  rule(
    'a body weight, a figure after more adjectives, an edit to "her" or "him"',
    [
      ['stocky, about 95 kilos', '95 kilos'],
      ['a lithe, graceful figure in the doorway', 'lithe, graceful figure'],
      ['bulk him up for the boxing scene', 'bulk him up'],
    ],
    ['a 20 kg bag of flour by the door', 'a small, round figure on the shelf', 'slim the menu down to three dishes'],
  );
});

describe('appearance linter: shapes a feature has, ages it shows, things lost', () => {
  rule(
    'a feature that has a shape, an age that shows, a part lost, a squint, thin on top',
    [
      ['his nose has a slight bump', 'nose has a slight bump'],
      ['he is starting to look his age', 'look his age'],
      ['she lost her right eye in the war', 'lost her right eye'],
    ],
    ['the bridge has a gentle arch', 'the wine shows its age', 'she lost her keys on the bus'],
  );
  rule(
    'light on a feature, a calendar picture, an age as a noun',
    [
      ['make her skin look smoother', 'make her skin'],
      ['a lanky fifteen-year-old with a skateboard', 'lanky fifteen-year-old'],
      ['he is going thin on top', 'thin on top'],
    ],
    [
      'backlight making her hair glow at the edges',
      'a bounce card under the chin to lift the eyes',
      'a calendar photo of a muscular firefighter with a kitten',
    ],
  );
});

describe('appearance linter: a state of the moment is not a trait', () => {
  rule(
    'a feature wide, red or wet for the moment passes; the same feature with a trait does not',
    [
      ['her eyes are set wide apart and slightly hooded', 'hooded'],
      ['his nose is red and veiny', 'veiny'],
      ['her hair is wet and curly', 'hair'],
    ],
    [
      'her eyes are wide with surprise at the cake',
      'his face is red with laughter',
      'his hair is wet from the rain, a towel round his neck',
    ],
  );
  rule(
    'a colour is a trait of the skin, eyes, lips or teeth, not of fingers or legs',
    [
      ['her lips are a deep plum', 'lips are a deep plum'],
      ['his teeth are yellow from smoking', 'teeth are yellow'],
      ['her skin is a warm brown', 'skin is a warm brown'],
    ],
    ['her fingers are stained with blue paint', 'his legs are black with mud', 'her hands are white with flour'],
  );
});

describe('appearance linter: features "of" someone or something, colours, devices', () => {
  rule(
    'a feature of a person is theirs, of a thing is the thing’s; a colour "of" something is still a colour',
    [
      ['she has the long legs of a dancer', 'long legs'],
      ['he has the heavy-lidded eyes of an owl', 'heavy-lidded'],
      ['eyes the colour of strong tea', 'eyes the colour of'],
    ],
    [
      'the jawline of the mountains against the sky',
      'the heavy-lidded eyes of a sleepy owl on the branch',
      'cheekbones of rock along the coast',
    ],
  );
  rule(
    'a decade said bare, an older person by name, a condition’s device',
    [
      ['late-thirties and fit, in a track top', 'late-thirties'],
      ['a sprightly pensioner on the pier', 'pensioner'],
      ['a stoma bag under her shirt', 'stoma'],
    ],
    ['a jazz record from the mid-forties', 'a hunchbacked bridge over the stream', 'a pension statement on the table'],
  );
});

describe('appearance linter: a person noun that names a cut', () => {
  rule(
    'a person noun before a garment names its cut; before a verb it is still a person',
    [
      ['a tall man ducks through the doorway', 'tall man'],
      ['a chunky fisherman hauls the nets', 'chunky fisherman'],
      ['a slim girl in a boyfriend blazer', 'slim girl'],
    ],
    ['chunky dad sneakers in white', 'a big boyfriend blazer in grey', 'a chunky fisherman sweater'],
  );
});

describe('appearance linter: a height fragment and a groomed mark', () => {
  rule(
    'a height that opens a fragment about the subject; a slit shaved in a brow',
    [
      ['six foot, lean, in running gear', 'six foot'],
      ['five foot two, petite, in a red coat', 'five foot two'],
      ['an eyebrow slit and a skin fade', 'eyebrow slit'],
    ],
    ['six feet, the rope is long enough', 'a slit in the curtain', 'a thigh-high slit in the skirt'],
  );
});

describe('appearance linter: fragments after a comma, features with no verb', () => {
  rule(
    'adjectives only a person takes, opening a fragment after a comma, describe the subject',
    [
      ['Waiting at the tram stop with a coffee, gaunt and wiry, in a parka', 'gaunt and wiry'],
      ['A noisy market stall at noon, a bit pudgy, haggling over apples', 'pudgy'],
      ['Rowing across the lake at dawn, burly and weathered like a lumberjack', 'burly'],
    ],
    [
      'A stone barn by the river, old and tall, under a grey sky',
      'Sunset over the bay, stunning and golden, gulls overhead',
      'A leather armchair by the fire, fat and worn, with a tartan blanket',
    ],
  );
  rule(
    'a feature after a possessive, described with no verb or in a relative clause',
    [
      ['Stepping off the night bus, her eyes a pale watery blue', 'eyes a pale watery blue'],
      ["At the potter's wheel, his hands broad and calloused", 'hands broad and calloused'],
      ['In a wool coat on the pier, ears that stick out a little', 'ears that stick out'],
    ],
    [
      "At the potter's wheel, her hands a blur of wet clay",
      'His eyes on the horizon, a sailboat tilting in the wind',
      'Gripping the oar with hands that never stop, the sea grey behind him',
    ],
  );
});

describe("appearance linter: likenesses, pictures and products aren't the person", () => {
  rule(
    'a body word after "like" is a likeness; after "whose" it is the noun before it that has it',
    [
      ['a fisherman whose hands are huge and scarred', 'hands are huge and scarred'],
      ['a woman whose long grey hair falls past her shoulders', 'long grey hair'],
      ['a man with a beard like a wizard, reading by the fire', 'beard'],
    ],
    [
      'Ivy trailing like green hair over the old wall',
      'Fog rolling in like grey beards over the hills',
      'A crooked pine whose bony arms reach over the path',
    ],
  );
  rule(
    'pictures that are several, placed in the set or in an artist’s style; wax figures; a face on a package',
    [
      ['A portrait of a red-haired woman in a green dress', 'red-haired'],
      ['Painting a fence with her left hand, freckled arms in the sun', 'freckled arms'],
      ['A selfie of a bald man with a goatee at the beach', 'goatee'],
    ],
    [
      'Polaroids of grinning freckled kids pinned to the corkboard',
      'A Vermeer-style portrait of a pale girl with a pearl earring',
      'A wax figure of Charlie Chaplin in the foyer',
      'A cereal box with a grinning freckled kid on the front',
    ],
  );
  rule(
    'makeup counted or listed with its kits is products; worn it is makeup',
    [
      ['red lipstick and a touch of blush on her cheeks', 'red lipstick'],
      ['wearing bronzer and highlighter', 'bronzer'],
      ['heavy mascara and dark eyeliner', 'mascara'],
    ],
    [
      'mascaras and eyeliners lined up in the drugstore',
      'a shelf with blush, bronzer and brush sets',
      'lipsticks scattered across the dressing table',
    ],
  );
  rule(
    'a hair light is a lamp and a hand through the hair a gesture; hair described is still hair',
    [
      ['a hair light on her long auburn hair', 'long auburn hair'],
      ['running a hand through his thick curly hair', 'thick curly hair'],
      ['soft light on her short bleached hair', 'short bleached hair'],
    ],
    [
      'a warm hair light from above and a fill on the left',
      'tucking the hair behind one ear in the wind',
      'two hair lights and a kicker on a grey backdrop',
    ],
  );
});

describe('appearance linter: ages, heights and builds said in fragments', () => {
  rule(
    'an age said bare in a fragment, and an age edit up or down',
    [
      ['Queueing for coffee, late thirties, in a trench coat', 'late thirties'],
      ['On the tram, thirty or so, with earbuds in', 'thirty or so'],
      ['Same kitchen, but aged down to about twenty', 'aged down to about twenty'],
    ],
    [
      'Late sixties furniture in a sunlit den',
      'A cheese aged up to eighteen months on the board',
      'Dinner for twenty at most, long tables in the barn',
    ],
  );
  rule(
    'a height alone between commas, a build likened to a person',
    [
      ['By the lockers, six foot three, in a team jacket', 'six foot three'],
      ['Carrying logs to the cabin, built like a long-distance runner', 'built like a long-distance'],
      ['At the gate, five foot one, holding a clipboard', 'five foot one'],
    ],
    [
      'A garden wall, six foot, of old brick',
      'The mansion on the cliff, built like a fortress',
      'A bookcase, seven feet, filled with paperbacks',
    ],
  );
});

describe('appearance linter: edits by comparative, gendered and peoples’ looks, subjectless fragments', () => {
  rule(
    'a comparative of the body, or any look asked of the person, is an edit',
    [
      ['Same café, make him broader than in the photo', 'make him broader'],
      ['Make her lips fuller and her nose smaller', 'lips fuller'],
      ['Keep the set but make her look more boyish', 'make her look more boyish'],
    ],
    [
      'Make the room brighter than in the photo',
      'make her look small in the frame',
      'make her smile wider at the camera',
    ],
  );
  rule(
    'strengthened and gendered adjectives, joined peoples, a run of peoples before "features"',
    [
      ['an ultra-feminine look with a soft jaw', 'ultra-feminine look'],
      ['Riverside market, Indo-Fijian features', 'Indo-Fijian features'],
      ['A fishing boat at dawn, Inuit Greenlandic features', 'Inuit Greenlandic features'],
    ],
    [
      'a hyper-real render of the kitchen at night',
      'Anglo-Saxon brooches in a museum case',
      'Scandinavian Modern furniture, clean lines',
    ],
  );
  rule(
    'a verb that opens a fragment after a scene’s noun has the person for subject',
    [
      ['Night market, looks Vietnamese, in a rain poncho', 'looks Vietnamese'],
      ['Ski lodge, looks like Ingrid Bergman', 'looks like Ingrid Bergman'],
      ['Hotel lobby, looks Scandinavian, with a suitcase', 'looks Scandinavian'],
    ],
    [
      'The kitchen, bright and airy, looks like a Vermeer',
      'Old harbour, looks like rain later',
      'The cafe terrace looks Italian, striped awnings',
    ],
  );
});

describe('appearance linter: teeth, dental work, face paint, shapes of features, looks as a noun', () => {
  rule(
    'teeth by name, dental work on a tooth, makeup said of the face, a lazy eye',
    [
      ['a chipped front incisor when she grins', 'chipped front incisor'],
      ['a silver cap on her left molar', 'cap on her left molar'],
      ['her cheeks smeared with war paint for the match', 'her cheeks smeared'],
      ['a lazy eye behind round glasses', 'lazy eye'],
    ],
    [
      'a paper crown on his head at the party',
      'the canvas smeared with ochre and umber',
      'arms crossed, leaning on the counter',
    ],
  );
  rule(
    'a shape or tint a feature has, "looks" as a noun, hair styles and bone structure',
    [
      ['a slight droop to her eyelids', 'slight droop to her eyelids'],
      ['rugged cowboy good looks', 'good looks'],
      ['a greased quiff and a leather jacket', 'greased quiff'],
      ['delicate bone structure', 'delicate bone structure'],
    ],
    [
      'a warm glow on her skin from the fire',
      'two casual looks for the lookbook',
      'three street-style looks on the rail',
      'the bone structure of the old bridge',
    ],
  );
});

describe('appearance linter: comparisons with the reference', () => {
  rule(
    'a body word compared with the reference or the person as they are is an edit',
    [
      ['his stubble a bit thicker than in my reference', 'stubble a bit thicker than in my reference'],
      ['Keep the kitchen, her bob two inches shorter than in the original photo', 'bob two inches shorter'],
      ['Same pose, ears less prominent than in the selfie', 'ears less prominent'],
    ],
    [
      'The curtains a shade darker than in the photo',
      'The lighting on her face softer than in the reference',
      'Trim the hedge shorter than in the photo',
    ],
  );
});

describe('appearance linter: a feature described after it, or with its owner further back', () => {
  rule(
    'a feature likened to a thing, when it is had or named rather than moved',
    [
      ['a chin like an anvil, at the forge', 'chin like an anvil'],
      ['She has legs like a heron, wading in the shallows', 'legs like a heron'],
      ['a leather apron and forearms like hams, kneading dough', 'forearms like hams'],
    ],
    ['flapping his arms like a chicken', "a lamp with a neck like a swan's", 'she moves her hands like a conductor'],
  );
  rule(
    'a possessive feature, then a comma or "of hers" and what it is like; "the lazy one"',
    [
      ['her hands, small and freckled, on the steering wheel', 'her hands, small and freckled'],
      ['his left eye is the lazy one', 'the lazy one'],
      ['that wiry frame of his, in a wetsuit', 'wiry frame'],
    ],
    ['her arms, crossed, resting on the rail', 'the arms of the chair, worn smooth', 'his arms, full of shopping bags'],
  );
  rule(
    'a mark with a relative clause, a side word before the part, a possessive before the modifiers',
    [
      ['a thin scar that runs down her right forearm', 'scar that runs down her right forearm'],
      ['a slight tilt to his left shoulder', 'tilt to his left shoulder'],
      ['with my soft springy coils tied up', 'soft springy coils'],
      ['ringlets framing her face, at a garden party', 'ringlets'],
    ],
    [
      'lines that run along the wall',
      'ringlets of smoke curling from a pipe',
      'a slight tilt to the left of the frame',
    ],
  );
  rule(
    'a thing before a face feature someone has is its shape',
    [
      ['his jug ears under a beanie', 'his jug ears'],
      ['her potato nose, reading the paper', 'her potato nose'],
      ['with his bulldog jaw set', 'his bulldog jaw'],
    ],
    ['his guitar neck is scratched', 'a mug with a chipped lip', 'the teapot spout and its round belly'],
  );
});

describe('appearance linter: fragments that open with the person', () => {
  rule(
    'an opening adjective only people take, then a comma; "built like" a thing in such a fragment; a closing "yet"',
    [
      ['Gangly and freckled, stacking chairs after the show', 'Gangly'],
      ['Burly, built like a vending machine, at the door of the club', 'built like a vending machine'],
      ['Not wrinkled yet, but close, in a deckchair', 'wrinkled'],
    ],
    [
      'Built like a tank, the old Volvo still runs',
      'Old yet elegant, the manor house',
      'Tall, thin candles on the table',
    ],
  );
  rule(
    'a fragment that opens with a likeness to a named person',
    [
      ['Like a young Sophia Loren, on a Vespa in Rome', 'Like a young Sophia Loren'],
      ['In the rain, like an older Idris Elba, waiting for a cab', 'like an older Idris Elba'],
      ['Like a teenage Keanu Reeves, skateboarding', 'Like a teenage Keanu Reeves'],
    ],
    ['Like a Wes Anderson set, pastel and symmetric', 'Like a New York loft, exposed brick', 'Like a Monday morning'],
  );
  rule(
    'ages said with an adverb in between, a teen age after "look", "not a day over"',
    [
      ['receding sharply at the temples, at a bar', 'receding sharply at the temples'],
      ['he could look fourteen in this light', 'look fourteen'],
      ['not a day over thirty, jogging by the canal', 'a day over thirty'],
    ],
    ['the tide receding slowly at dusk', 'the clock should look twelve-ish', 'a day over budget and two weeks late'],
  );
});

describe('appearance linter: someone else in the scene, a topic or a product, a grade', () => {
  rule(
    'a described person the scene places apart is someone else; the pictured person is still refused',
    [
      ['She sits at the bar, her tattooed forearms on the counter', 'tattooed forearms'],
      ['A broad-shouldered porter leans in the doorway, his frame blocking the light behind him', 'broad-shouldered'],
      ['A wiry, flat-chested distance swimmer drying off by the pool', 'flat-chested'],
    ],
    [
      'A bald waiter polishing glasses in the background',
      'Buskers with long beards playing beside her on the bridge',
      'Background extras: a freckled boy on a scooter and a grandmother with a cane',
    ],
  );
  rule(
    'a body word a topic or a product is about',
    [
      ['a cream for her acne on the shelf, and rosacea across her cheeks', 'rosacea'],
      ['with thick curly hair, holding a bottle of shampoo', 'thick curly hair'],
      ['a leaflet in hand, freckles across his nose', 'freckles'],
    ],
    [
      'a pharmacy poster on the symptoms of eczema',
      'a conditioner for dry, frizzy hair on the salon shelf',
      'a documentary about vitiligo playing on the laptop',
    ],
  );
  rule(
    'a look a few words after a person adjective is a grade unless known adjectives describe it',
    [
      ['a youthful, dewy glow', 'youthful, dewy glow'],
      ['a very feminine look for her', 'feminine look'],
      ['a rugged, weathered look about him', 'rugged, weathered look'],
    ],
    [
      'no heavy bleach-bypass look on the grade',
      'a big retro-futurist look for the set',
      'a clean, modern look for the kitchen',
    ],
  );
});

describe('appearance linter: what blind D showed after its blind run', () => {
  rule(
    'a body part\'s "\'s" is "is"',
    [
      ["My hair's shorter now than in the photo, chin length and layered", "hair's shorter now than in the photo"],
      ["His beard's grey at the chin, fishing cabin with nets on the wall", 'beard'],
    ],
    ["The chair's legs are chipped, a lamp on the side table", "my face's left side lit by the window"],
  );
  rule(
    'a pronoun just before "look like" is its subject, whatever things came earlier in the clause',
    [['Dingy bar with a pool table, and make me look like Brad Pitt', 'look like Brad Pitt']],
    ['A pool table that looks like a Vermeer painting in the low light'],
  );
  rule(
    'light shapes are light only when light is named nearby, not a lamp further down the list',
    [
      [
        "Keep the dark circles under my eyes, they're part of the bit, late-night desk lamp",
        'dark circles under my eyes',
      ],
    ],
    ['spots of light on her cheek from the blinds', 'circles of lamplight on the wall behind me'],
  );
  rule(
    'person adjectives after an object pronoun, with nothing they could modify after them',
    [
      ['Boxing gym with a speed bag, me short and stocky at about five foot two', 'me short and stocky'],
      ['show him tall and wiry, in a long coat', 'him tall and wiry'],
    ],
    ['her short film playing on the laptop', 'keep me calm and smiling at the desk'],
  );
  rule(
    'tattoos said as ink someone has, or inked onto a body part',
    [
      ['Show my ink, both arms are fully done, while I pour a latte', 'my ink'],
      ['Flipping pancakes with a full sleeve of koi inked down his right arm', 'koi inked'],
    ],
    ['my ink pen and a notebook on the desk', 'an inked comic page pinned to the wall'],
  );
  rule(
    'stock types named with the look they stand for, and conditions by name',
    [
      ['Suburban kitchen, the classic girl-next-door look on me', 'girl-next-door look'],
      ['Surf shack with boards racked outside, give me the surfer-dude look', 'surfer-dude look'],
      ['Farmers market in open sandals, the bunion on my right foot showing', 'bunion'],
    ],
    ['An English rose bush by the door and a watering can', 'an under-eye concealer on the vanity'],
  );
});

describe('appearance linter: what blind E showed after its blind run', () => {
  rule(
    'when the pictured person is "I" and "me", another person described in the text is someone else',
    [
      ['Me at seventy-two, a grandmother with soft papery skin, knitting in a conservatory', 'soft papery skin'],
      ['Farmers market in open sandals, the bunion on my right foot showing', 'bunion'],
    ],
    [
      'The nurse at the station behind me has lilac hair and a nose ring, soft focus',
      'At the stall next to mine, an elderly vendor with a deeply wrinkled face sells figs',
    ],
  );
  rule(
    'a list item after a comma that starts with "me" is not what the adjectives before it describe',
    [['tall, lanky, me in a hoodie at the desk', 'tall, lanky, me']],
    ['Scandinavian bedroom: white linen, pale ash floors, me sitting on the windowsill with tea'],
  );
  rule(
    'the same face as the reference photo is no other face',
    [['the same face as Audrey Hepburn, in a Paris café', 'same face as Audrey']],
    ['same face as the uploaded photo, no changes, sitting at a kitchen table'],
  );
  rule(
    'skin described after it with no verb',
    [
      ['Keep my skin the same dark shade as in the photo, library scene', 'my skin the same dark'],
      ['DJ behind the decks, skin so dark it reads almost blue-black under the LEDs', 'skin so dark'],
    ],
    ['a banana skin, dark and spotted, on the counter', 'keep skin tones natural in the grade'],
  );
  rule(
    'slang for tattoos and facial hair; makeup and body words as products and topics',
    [
      ['face tats: three dots by the eye, recording vocals in my home studio', 'face tats'],
      ['post-Movember me: scraggly neckbeard, hoodie, gaming desk', 'scraggly neckbeard'],
    ],
    [
      'Concealer shade swatches on a card clipped to the ring light',
      'news-desk segment on freckle myths, with a graphic over my shoulder',
    ],
  );
});

describe('appearance linter: what blind E and F showed (rules built from them, checked on A–D)', () => {
  rule(
    "a smile's shape or how many teeth it shows is the face, not the expression",
    [
      ['a crooked smile over the café counter', 'crooked smile'],
      ['his grin is wonky and a bit asymmetric, at the barbecue', 'grin is wonky'],
      ['a smile that always rises on the right side, by the fire', 'smile that always rises on the right'],
      ['laughing with every front tooth showing', 'every front tooth'],
      ['a gold incisor catching the light', 'gold incisor'],
    ],
    ['a warm smile', 'a smile lifting at the left corner as she laughs', 'every tooth of the gear wheel'],
  );
  rule(
    'an age said by a bare number: "me at", "pass for", a decade before a person noun, years taken off',
    [
      ['him at nineteen, on the porch steps', 'him at nineteen'],
      ['could pass for thirty, jogging on the riverbank', 'pass for thirty'],
      ['a late-30s woman pouring coffee', 'late-30s woman'],
      ['knock ten years off him for the trailer', 'years off him'],
      ['the boy looks about eleven, kicking a ball', 'looks about eleven'],
    ],
    ["meet me at ten o'clock by the fountain", 'a late-70s poster on the wall', 'years on the road, a van by the sea'],
  );
  rule(
    'a stock figure: a person noun before "type", a stereotyped person, a named person\'s "vibe"',
    [
      ['the weathered lighthouse-keeper type, squinting at the sea', 'lighthouse-keeper type'],
      ['me as the textbook dentist, by a dental chair', 'textbook dentist'],
      ['a bit of a Timothée Chalamet vibe, leaning on a railing', 'Timothée Chalamet vibe'],
    ],
    [
      'the type of light you get at dusk',
      'a Wes Anderson vibe, pastel walls and symmetry',
      'a lumberjack look: flannel shirt and boots',
    ],
  );
  rule(
    'a large tattoo named for where it sits ("piece", "sleeve"), or a body part covered in marks',
    [
      ['his rib piece, a snake curling round, on the beach', 'rib piece'],
      ['a half sleeve down her left arm, pouring a pint', 'half sleeve down her left arm'],
      ['ink-covered forearms on the steering wheel', 'ink-covered forearms'],
    ],
    [
      'the back piece of the chair is cracked',
      'a half sleeve on the shirt hanging by the door',
      'a chess piece on the board',
    ],
  );
  rule(
    'an ambiguous makeup word with a cosmetic word near it; a smoky eye; face paint',
    [
      ['sheer foundation and a dab of highlighter, brunch on a terrace', 'sheer foundation'],
      ['my blush is a bit streaky in the last render, café window', 'blush'],
      ['a smokey eye for the album-launch party', 'smokey eye'],
      ['face paint: a butterfly over both eyes, at the fair', 'face paint'],
    ],
    [
      'a blush pink sweater on a hanger',
      'the foundation of the old mill, weathered stone',
      'a shade of blue on the walls',
    ],
  );
  rule(
    'a face asked to read more or less as one gender, or described by a gendered word before "features"',
    [
      ['less masculine than the last render, please; garden party', 'less masculine'],
      ['make my jaw read more female in this one', 'more female'],
      ['girly features, sitting on a swing', 'girly features'],
    ],
    ['a more feminine dress with puff sleeves', 'make the set more masculine, dark wood and leather'],
  );
  rule(
    'a feature that opens a clause or a label, then what it is like',
    [
      ['lips: thin, a little uneven, reading at a desk', 'lips: thin'],
      ['Eyebrows dark and heavy. Office, late light.', 'Eyebrows dark and heavy'],
      ['eye colour = amber, by the window', 'eye colour = amber'],
    ],
    ['Eyes closed, hands in pockets, leaning on the rail', 'Hands relaxed at her sides, studio grey backdrop'],
  );
  rule(
    'conditions and dental work said without a body-word adjective: a limb that ends at a joint, using a wheelchair, braces with a dental cue, gait words',
    [
      ['his right leg ends above the knee, on the track', 'leg ends above the knee'],
      ['I use a wheelchair, library desk', 'use a wheelchair'],
      ['ceramic braces on show as he laughs', 'ceramic braces'],
      ['bowlegged, waiting at the bus stop', 'bowlegged'],
      ['double-jointed, at a sleepover party', 'double-jointed'],
    ],
    [
      'red braces over a white shirt, grinning at the bar',
      'the road ends just below the hill',
      'a wheelchair ramp at the entrance',
    ],
  );
  rule(
    'a tan or sunburn on the skin, and weight gained or lost',
    [
      ['a golden tan from a week of sailing, on the jetty', 'golden tan'],
      ['sunburn on his forehead, hauling nets', 'sunburn on his forehead'],
      ['she has lost a stone since the photo, kitchen scene', 'lost a stone'],
      ['he gained about ten kilos over the winter', 'gained about ten kilos'],
    ],
    [
      'a light tan jacket over a chair',
      'lost twenty pounds of gear on the trail',
      'a sunburn cream ad on the bus shelter',
    ],
  );
});

describe('appearance linter: families from blind corpora G and H (rules-22)', () => {
  rule(
    'pregnancy in other words, said of the subject or opening a fragment',
    [
      ['second trimester, sitting on the bed with a hand on her belly', 'second trimester'],
      ['she is expecting, sitting on the porch steps', 'expecting'],
      ['seven months along and painting the nursery', 'seven months along'],
      ['a glowing mum-to-be at the farmers market', 'mum-to-be'],
      ['preggers, curled up on the sofa with ice cream', 'preggers'],
      ['she is with child, reading by the fire', 'with child'],
      ['a cardigan stretched over her growing bump', 'her growing bump'],
      ['a tiny bump showing under the knitted jumper, the nursery half painted', 'tiny bump'],
    ],
    [
      'a pregnant pause before the punchline',
      'expecting rain, she packs an umbrella',
      "she's expecting a parcel from her sister",
      'a speed bump outside the school gates',
      'the van hits a big bump in the road',
      'a baby grand piano with a bump on the lid',
    ],
  );
  rule(
    'a mobility or sensory aid in use, after a verb or a preposition',
    [
      ['uses elbow crutches, queuing at the bakery', 'uses elbow crutches'],
      ['he needs a walker to cross the lobby', 'needs a walker'],
      ['leaning on a cane, feeding the ducks', 'on a cane'],
    ],
    [
      'a cane chair by the bay window',
      'a candy cane on the tree',
      'crutches leaning against the clinic wall',
      'a wheelchair ramp at the gallery entrance',
    ],
  );
  rule(
    'a manicure is the hands’ look',
    [
      ['glossy gel nails in pastel pink, typing on a laptop', 'gel nails'],
      ['chipped red nail varnish on his fingers, gripping a mic', 'nail varnish on his fingers'],
      ['her stiletto nails tapping the counter', 'her stiletto nails'],
    ],
    ['a nail gun on the workbench', 'a box of rusty nails', 'nail polish bottles lined up on the shelf'],
  );
  rule(
    "a form's field about the body, with a value that fits it",
    [
      ['age: 52, holding a coffee at the counter', 'age: 52'],
      ['Age: mid-30s, reading on the train', 'Age: mid-30s'],
      ['age = 19, in a cycling jersey', 'age = 19'],
      ['height: 193 cm, ducking under a doorframe', 'height: 193 cm'],
    ],
    ['age: vintage 1970s poster on the wall', 'build: 2 hours for the set', 'height: 3 m ceiling in the loft'],
  );
  rule(
    'a height written with its units run together, or opening the text',
    [
      ['he is 5ft 9in, leaning on the railing', '5ft 9in'],
      ['6ft 2in tall, in a navy overcoat', '6ft 2in tall'],
      ['barely six foot, towering over the toddlers at the party', 'six foot'],
    ],
    [
      'a 6ft ladder against the shed',
      '6ft of rope coiled on the deck',
      '6ft, painted green, the fence runs along the lane',
    ],
  );
  rule(
    'the person drawn at another stage of life',
    [
      ['a baby version of him in a bouncer', 'baby version of him'],
      ['draw him as a toddler on a rocking horse', 'draw him as a toddler'],
    ],
    ['a toddler in the background stacking blocks', 'a baby version of the app icon', 'a kid on a scooter outside'],
  );
  rule(
    'skin, body and ethnicity said by words the lists lacked, and by a likeness or a place after the adjective',
    [
      ['pale as chalk, waiting at the bus stop', 'pale'],
      ['bronzed all over, stretched out on a sun lounger', 'bronzed'],
      ['buxom, in a corseted ballgown', 'buxom'],
      ['give her a South Asian appearance for the wedding scene', 'South Asian appearance'],
    ],
    ['a Cornish pasty on a paper plate', 'old as it is, the barn still stands', 'a bronzed statue in the square'],
  );
  rule(
    'a noun the text says is the speaker is theirs, and a multi-word feature ends at its comma',
    [
      ['a bald man in a red scarf, which is me, at the ticket gate', 'bald man'],
      ["five o'clock shadow, collar undone, at the bar", "five o'clock shadow"],
    ],
    ['a bald man in a red scarf waves at me from the platform'],
  );
  rule(
    'an age said in a fragment that opens the text',
    [['pushing sixty, gardening gloves on, in the allotment', 'pushing sixty']],
    ['pushing 40 mph on the bike path'],
  );
});

describe('appearance linter: rules-25 families from blind I and the training sets', () => {
  rule(
    'a description on someone else: a relative, a person placed apart, a role named beside he / she / the subject',
    [
      ['A bald man in a red scarf, which is me, waiting at a tram stop.', 'bald'],
      ['A woman with long red hair at a café table, reading.', 'red hair'],
      ['She has a full beard and sits on the bench.', 'full beard'],
      ['He is a barber with a handlebar moustache.', 'handlebar moustache'],
    ],
    [
      'In the background, an old man in a wheelchair reads a newspaper by the fountain.',
      'His aunt, grey-haired and freckled, pours the tea beside him.',
      'She orders at the counter; the cook behind her has a bushy beard.',
      'A blind accordionist with dark glasses plays on the steps as he walks by.',
      'The subject browses the stalls while a stallholder with a shaved head weighs the apples.',
    ],
  );
  rule(
    'an instruction to keep features as they are names them bare and describes nothing',
    [
      ['Keep her hair short and spiky.', 'hair'],
      ['Keep everything the same except make his beard ginger.', 'beard'],
      ['Leave his hair in a long braid.', 'hair'],
    ],
    [
      'Please leave her skin, hair and features exactly as they are; only the jacket changes.',
      'Do not modify his beard or hairline; put him in a library.',
      'Same face, same hair as my upload, but on a ski slope.',
    ],
  );
});

describe('appearance linter: rules-25b families from blind J', () => {
  rule(
    "a form's field for skin, hair or eyes, with a colour or look as its value",
    [
      ['skin: warm beige', 'skin: warm beige'],
      ['skin tone: warm honey', 'skin tone: warm honey'],
      ['Hair colour: jet-black', 'Hair colour: jet-black'],
      ['Skin: peachy', 'Skin: peachy'],
    ],
    ['skin: none', 'eye: level with the lens', 'Skin tone: as in the reference'],
  );
  rule(
    'an edit that adds or removes a feature or piercing, shifts the skin a shade, or the weight by a unit',
    [
      ['add a tongue bar', 'add a tongue bar'],
      ['Give her a goatee and sideburns.', 'Give her a goatee'],
      ['Erase his moustache.', 'Erase his moustache'],
      ['give me cleavage in the gown', 'give me cleavage'],
      ['her tan two tones deeper', 'tan two tones deeper'],
      ['take off a couple of stone', 'take off a couple of stone'],
      ['Drop 15 kg off me for this one.', 'Drop 15 kg'],
    ],
    [
      'give me a hand lifting the crate',
      'add a neck pillow to the seat',
      'tint the glass a shade darker',
      'add 40 pounds to the order',
      'give him a lift home',
    ],
  );
  rule(
    "a feature after a role noun's possessive that a verb or place word acts on is that other person's",
    [
      ["Me with a model's high cheekbones.", "model's high cheekbones"],
      ["She has a ballerina's long neck.", "ballerina's long neck"],
    ],
    ["I'm a stylist here, combing a bride's long hair.", "Me as the barber, shaving a customer's thick beard."],
  );
  rule(
    'a negated edit is an instruction to keep the person as they are',
    [
      ['Whiten my teeth.', 'Whiten my teeth'],
      ["don't make me look older, make me look younger", 'make me look younger'],
    ],
    [
      "I don't want you to lighten my skin.",
      'Me on the ferry, and please do not whiten my teeth.',
      "Me at the allotment with a spade; don't slim my face.",
      'Do not smooth my skin, just put me in the rain with an umbrella.',
    ],
  );
  rule(
    "a thing's neck after descriptors, and a camera's crop, are no one's",
    [
      ['Me with a long slender neck.', 'long slender neck'],
      ['a cropped pixie cut', 'cropped pixie cut'],
    ],
    ['A decanter with a long slender neck next to my plate.', 'Headshot of me, tight crop just below the chin.'],
  );
});

describe('appearance linter: the learned component', () => {
  // Written here, not taken from any corpus: idioms no rule names. The model refuses some of them,
  // naming the clause; it reaches about a third (the rest are known misses, in the docs). Held at
  // that reach so a retraining that loses it fails.
  const idioms = [
    'six foot four and towering over the crowd at the gig',
    'long past her salad days, potting geraniums',
    'knocking on seventy these days',
    'a silver fox now, reading the paper',
    'pushing seventy and still surfing',
    'a real beanpole, ducking under the doorframe',
    // (Until stop 29 "pearly whites on full display" and "a total carrot-top in a tweed blazer", until
    // stop 30 "no spring chicken anymore, feeding the ducks": rules name them now.)
    'all skin and bones, jogging by the river',
    'a bit of a beanpole at the bus stop',
    'over the hill and loving it',
  ];
  it('refuses at least three of nine idioms no rule catches, naming each as described', () => {
    for (const text of idioms) assert.deepEqual(lintAppearanceWith(undefined, text), [], text);
    const refused = idioms.filter((text) => lintAppearance(text).length > 0);
    assert.ok(refused.length >= 3, `refused only: ${refused.join(' | ')}`);
    for (const text of refused) assert.ok(lintAppearance(text).every((f) => f.category === 'described'));
  });
  it('overrules a rule with the long veto only in a long sentence with someone or something else in it', () => {
    // A flat model scores every text 0.5: below the long veto, above the short one.
    const flat = { weights: {}, bias: 0, threshold: 0.99, veto: 0.2, longVeto: 0.7 };
    const phrases = (model: AppearanceModel, text: string) => lintAppearanceWith(model, text).map((f) => f.phrase);
    // Too short to read as a scene: the rule stands.
    assert.deepEqual(phrases(flat, 'a bald head under the lamp'), ['bald head']);
    // Long, but only one person the words could be about: the rule stands.
    const alone = 'In the corner of the busy workshop, a bald head under the lamp beside the old lathe';
    assert.deepEqual(phrases(flat, alone), ['bald head']);
    // Long, with two people (or an animal) in it: the model's doubt overrules the rule.
    const busy = 'I film the foreman in the busy workshop, my bald head shining under the lamp';
    assert.deepEqual(phrases(flat, busy), []);
    assert.deepEqual(
      phrases(flat, 'In the corner of the busy workshop, a bald head under the lamp beside the cat'),
      [],
    );
    // A model without a long veto (before stop 27) uses its one veto everywhere.
    assert.deepEqual(phrases({ ...flat, longVeto: undefined }, busy), ['bald head']);
    // A finding that opens with the speaker says whose it is: only the short veto applies to it.
    const mine = 'Put me in a wheelchair at the finish line of the marathon, cheering on the runners';
    assert.deepEqual(phrases(flat, mine), ['me in a wheelchair']);
  });
  it('lets the model refuse a sentence alone only where the rules found no body words at all', () => {
    // An eager model reads every sentence as a description.
    const eager = { weights: {}, bias: 5, threshold: 0.5, veto: 0 };
    const phrases = (text: string) => lintAppearanceWith(eager, text).map((f) => f.phrase);
    // No body words for the rules: the model speaks.
    assert.notDeepEqual(phrases('a bowl of ramen steaming on the counter'), []);
    // The rules found a beard and a shaved head and judged them someone else's: the model defers.
    assert.deepEqual(phrases('Behind her, a bearded man with a shaved head reads the paper.'), []);
  });
  it('keeps a finding that is a list item of its own, whatever the model says', () => {
    // A doubtful model scores every text near 0: under any veto.
    const doubtful = { weights: {}, bias: -10, threshold: 0.99, veto: 0.5 };
    const phrases = (text: string) => lintAppearanceWith(doubtful, text).map((f) => f.phrase);
    assert.deepEqual(phrases('Cosy knit jumper, a bald head, warm lamp.'), ['bald head']);
    // With scene words around it, the model's doubt may overrule the rule.
    assert.deepEqual(phrases('a bald head under the lamp'), []);
  });
  it('names the clause, not the sentence: "six foot four and towering ..."', () =>
    assert.deepEqual(
      lintAppearance('six foot four and towering over the crowd at the gig').map((f) => f.phrase),
      ['six foot four'],
    ));
  for (const text of [
    'a tabby cat asleep on the windowsill in the afternoon sun',
    'a bowl of ramen steaming on the counter beside a laptop',
    'a rooftop bar at dusk with string lights and a city skyline',
    'a red-brick library with tall arched windows and green lamps',
  ]) {
    it(`passes "${text}"`, () => assert.deepEqual(lintAppearance(text), []));
  }
  // Short labels: one word the training text ties to edits of the person ("take", "version",
  // "look") carried them over the threshold alone until the model had to rest on more than one word.
  // A label of request words and numbers alone is no description, however many words it has.
  for (const text of [
    'Take 1',
    'Version A',
    'Second look',
    'Round 2',
    'Scene 3, take 2',
    'Take 1 again',
    'Look 2 please',
    'Look number 2',
    // A topic with a take number: the label is dropped, and what is left reads as no description.
    'sleep science, take 0',
    'breaking tech news, version 3',
  ]) {
    it(`passes the short label "${text}"`, () => assert.deepEqual(lintAppearance(text), []));
  }
  it('names the phrase in a longer prompt, with its offsets', () => {
    const text = 'A rooftop bar at dusk, string lights overhead. Looks about seventy, feeding pigeons.';
    const findings = lintAppearance(text);
    assert.deepEqual(
      findings.map((f) => f.phrase),
      ['Looks about seventy'],
    );
    for (const f of findings) assert.equal(text.slice(f.start, f.end), f.phrase);
  });
  it("reads a rule's clause on its own before overruling it: a long scene sentence does not hide it", () => {
    // The whole sentence scores as scene text (below the veto); the clause the rule named does not.
    const text =
      'Garage workshop with pegboard tools, oil-stained concrete, a radio on the shelf, my shaved head shining under the strip light, overalls and boots';
    assert.deepEqual(
      lintAppearance(text).map((f) => f.phrase),
      ['shaved head'],
    );
  });
  it('leaves a sentence a rule refused to the rule, which names the words', () => {
    assert.deepEqual(
      lintAppearance('A man with a grey goatee and a thin moustache lights the grill.').map((f) => f.category),
      ['facial-hair', 'facial-hair'],
    );
  });
});

describe('appearance linter: rules-26 families from blind L and training T5', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    "someone else than the person the text names by a role or a title ('the host', 'our chef', 'Dr. Mensah')",
    [
      ['Our host, a bald man in his fifties, stands in the newsroom.', 'bald'],
      ["The chef — that's our subject — with a shaved head and a sleeve tattoo, plating dessert.", 'shaved head'],
      ['Dr. Osei, our presenter, with a neat grey beard, in the clinic corridor.', 'grey beard'],
      ['Chef Marco with deep-set brown eyes, tasting the risotto.', 'deep-set brown eyes'],
      ['Give our founder a thick braided Viking beard.', 'beard'],
      ['Show the host as a tall man with broad shoulders.', 'broad shoulders'],
    ],
    [
      'The host chats with a fisherman, an old man with a white beard and a weathered face, on the harbour wall.',
      'Our barista pours latte art while a customer with a shaved head and a lip ring waits at the till.',
      'Dr. Mensah examines a patient, a heavily pregnant woman, in a bright clinic room.',
      'Interviewing an old sailor with a white beard on his boat, the subject holding the microphone.',
      'The presenter meets the mayor, a stout man with a grey handlebar moustache, outside the town hall.',
    ],
  );
  rule(
    "a keep-instruction or a negated edit reaches over the owner's words ('don't change my features at all')",
    [["Don't change my jacket, but give me a shaved head.", 'shaved head']],
    [
      "Please don't change my features at all — only the jacket is new.",
      "Keep the grade warm but don't shift the host's complexion.",
    ],
  );
  rule(
    'a body or beauty word naming a trade, a product or a crew credit',
    [],
    [
      'He tours a prosthetics workshop full of benches and tools.',
      'Makeup brand pop-up: shelves of palettes and a neon sign, the subject browsing.',
      'Credits: hair and makeup by Ana Ruiz.',
      'Hair & makeup: Bloom Studio. Location: a loft with tall windows.',
      'A piercing aftercare spray on the shelf beside her.',
    ],
  );
  rule(
    'an animal, a plant or a thing in a likeness takes its features; a storm its eye; a photo its highlights',
    [
      ['Palm trees and a cocktail, heavy-lidded sleepy brown eyes.', 'brown eyes'],
      ["Tiger face paint on my cheeks for the kids' party.", 'face paint'],
    ],
    [
      'A tortoise missing one foot plods across the garden path behind her.',
      'An olive tree with gnarled limbs shades the table where he sits.',
      'He holds up a carnival mask with bulging eyes and a hooked nose, grinning.',
      'The kitten has huge green eyes; she lifts it up to the camera.',
      'Tracking the hurricane with a clear eye on the radar, he points at the screen.',
      'Warm film look, lifted shadows, creamy highlights, 35mm.',
      "She holds a can of 'Freckle Juice' soda at the picnic.",
    ],
  );
});

describe('appearance linter: rules-27 families from blind M', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    "someone else: a relative or a role someone has to someone, through an apposition ('my father-in-law, a stocky man'); a he or she beside an 'I'; an animal that opens its clause; a crowd's describing words over a comma",
    [
      ['My sister and I at the beach; my hair bleached white-blonde by the sun.', 'hair bleached white-blonde'],
      ['Me in the garden with my dog, my nose, broken once and a little crooked, catching the sun.', 'nose'],
    ],
    [
      "Family lunch: I'm carving the roast while my father-in-law, a stocky man with a grey crew cut, pours the wine.",
      'Team offsite: Priya presents while her manager, a lanky bald guy in his fifties, nods along.',
      "The dog's coat is glossy and black with amber eyes; I'm crouched beside it on the trail.",
      "Nursery vlog: I'm rocking my baby daughter; she's got chubby little cheeks and a wisp of blonde hair.",
      "Concert recap: a sea of sweaty, face-painted fans with neon wigs; I'm at the barrier in a denim jacket.",
    ],
  );
  rule(
    "products on a shelf, a thumbnail that is the image to make, an eye colour as a field's value, an aid in use by a named role",
    [
      ['Thumbnail: me at my desk, hair dyed lilac and piled into a messy bun.', 'hair dyed lilac'],
      ['eyes: deep sapphire blue', 'eyes: deep sapphire blue'],
      [
        'Our consultant, Marta, crosses the lobby leaning on a carved cane, then sits down to talk.',
        'leaning on a carved cane',
      ],
    ],
    [
      "A shelf of primers, bronzer and lipstick behind me as I talk through the brand's refill scheme.",
      'thumbnail pose: surprised face, both hands on my cheeks, flat neon-pink background',
    ],
  );
});

describe('appearance linter: rules-28 families from blind N', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    "a thing's or an animal's possessive, an animal or likeness thing that opens its clause, a thing's age and parts ('the dog's cloudy eyes', 'the teddy bear has a button nose', 'hundreds of years old')",
    [["Crow's feet at the corners of my eyes, laughing at the dinner table.", "Crow's feet"]],
    [
      "At the vet, she checks the dog's cloudy eyes with a small torch.",
      "Close-up of the clock's yellowed face on the mantel, me winding it.",
      'The teddy bear on the bed has a button nose and one glass eye missing.',
      'An olive tree, hundreds of years old, and me resting against its trunk.',
      'Slicing a blood orange with a wrinkled skin on the board.',
      'Twirling angel hair pasta onto a fork at a trattoria.',
      'Holding a gilt mirror with a chipped frame up to the window light.',
    ],
  );
  rule(
    "someone else: many people, the scene built around a named role ('beside the mayor ... keep the mayor'), the user named as the subject; a product in the hands",
    [
      ['The user wants her hair in long silver braids for the festival video.', 'long silver braids'],
      ["A school play: I'm the teacher with a shaved head in the wings.", 'shaved head'],
      ['My grandmother and I at the market; give me her deep smile lines.', 'smile lines'],
    ],
    [
      'Backstage at the recital: little girls with tight buns and pink tutus wait in the wings.',
      'Beside the mayor, an old man with a white beard claps; keep the mayor in the centre.',
      'The user stands at the counter while the baker, a stout man with flour on his bald head, hands over the bread.',
      'Holding a lipstick in each hand for the camera.',
    ],
  );
});

describe('appearance linter: rules-29 families from blind O', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    "someone else: a role brought in with an apposition beside a he or she ('the vendor, a stout woman'), a group's members",
    [
      ["She's our chef, a tall woman with cropped grey hair, plating dessert.", 'cropped grey hair'],
      ["she's barely out of her teens, fresh-faced", 'her teens'],
      ["He's a lumberjack with a full bushy beard, splitting logs.", 'full bushy beard'],
    ],
    [
      'He samples olives at a deli counter while the owner, a plump woman with a grey ponytail, slices ham.',
      "She sits in the barber's waiting chair; the barber, a stocky man with a shaved head, sharpens his razor.",
      'She waits at the bar while the bartender — a lanky guy with a handlebar moustache — shakes a cocktail.',
      'The band behind the singer is a mix of teenagers and grey-bearded veterans in matching shirts.',
    ],
  );
});

describe('appearance linter: rules-30 families from blind P', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    'someone else: a best man, everyone around, a friend whose shoulders the person is on; a shade range for a skin type',
    [
      ['Farmers market stall, faux freckles drawn on my cheeks with a brown pencil.', 'freckles'],
      ['My best man and I at the altar; give me a thick red beard.', 'thick red beard'],
    ],
    [
      'The bride laughs while her best man, a burly guy with a red beard, straightens his tie.',
      'A review of concealer shades for fair skin, me holding the palette up to the lens.',
      'Pub quiz night: everyone around me is in face paint and wigs.',
      "Concert clip: I'm up on my brother's shoulders, waving at the stage.",
    ],
  );
});

describe('appearance linter: rules-30b families from blind Q', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    "a thing's skin and parts ('its long ears and pink nose'), a garment's cut, features cut into a thing, extras after a label, a role that opens the text",
    [
      ['Show the host with a pregnant silhouette against the window.', 'pregnant'],
      ['a guide dog user with milky, clouded eyes', 'clouded eyes'],
    ],
    [
      'Shaping brioche with a smooth egg-wash skin for the bake sale.',
      'She cups a baby rabbit in both hands, its long ears and pink nose in close-up.',
      'Carving night: cutting a gap-toothed grin into the pumpkin on the porch.',
      'a cropped denim jacket with dropped shoulders and a long torso cut',
      'Background extras: a tall freckled redhead browsing, a bald man with a cane by the door.',
      'The head surgeon walks the ward with new interns — a young man with a shaved head and a woman with grey braids.',
    ],
  );
});
describe('appearance linter: rules-31 families from blind R', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed; each refused one checks the family does not take the person's own description.
  rule(
    "a group's member ('one with'), a relative over describing words, a role after a heading, quoted speech, a costume piece, a feature of cardboard or wood, a face vase, what a client's hair is made into, a bare noun turned away from",
    [
      ['Dance studio: the instructor counts the beat, and give her a shaved head and a nose ring.', 'shaved head'],
      ["Spin class: I'm on the front bike with a grey beard and a sunburnt neck.", 'grey beard'],
      ['Christmas clip: give me a bushy white beard under the Santa hat.', 'bushy white beard'],
      ['Ceramics class: the teacher with goggly eyes and a big crooked nose shapes a mug.', 'crooked nose'],
      ['Quiz clip: I ask the contestants a question. Make me a redhead with freckles.', 'redhead'],
      ['Circus promo: me under the big top in full clown makeup, white base and a red nose.', 'makeup'],
      [
        'History lesson: the teacher stands by the castle wall. Make them look thirty years older, proper pensioner age.',
        'older',
      ],
      ["The user's words, relayed: 'Make me look ten years younger.'", 'younger'],
    ],
    [
      'Dance studio: the instructor counts the beat while a line of kids copies her, one with a shaved head and a nose ring.',
      'Spin class, the trainer shouting cues as a group of cyclists pedal hard, two with grey beards at the back.',
      "Pet clinic: the nurse holds a lamb while the calf's pink nose pokes through the gate.",
      'Dental explainer: the hygienist talks to a dad and his gap-toothed six-year-old daughter about brushing.',
      'Ceramics class: the teacher shapes a face vase with bulging eyes and thick lips.',
      'Library storytime: the librarian reads to families on the rug, a grandmother with a walking frame, a man with a ginger beard nodding along.',
      "Quiz clip: the host asks 'Who has freckles and a red fringe?' while the contestants buzz in.",
      "Game night: she reads out 'a tall woman with curly grey hair' and the kids guess the card.",
      'Board-game night: she lines up the little wooden faces on the rack.',
      "Salon vlog: the subject is the stylist, crimping a customer's long black hair into tight waves.",
      'Costume haul: trying on a fake grey beard and a joke-shop red nose.',
      'Stage makeup tutorial: glueing on a false bushy beard for the panto.',
      'Cooking demo: show the knife work, not the tattoos.',
      'Face-painting stall: the volunteer paints tiger stripes on a toddler, his chubby cheeks smeared orange.',
    ],
  );
});
describe('appearance linter: rules-32 families from blind S, U, V, W and X', () => {
  // Written here, not taken from a corpus. Each passed example was refused by the rules before its
  // family existed, or guards a word this round made a person noun ("player", "learner"); each
  // refused one checks the family does not take the person's own description.
  rule(
    "a group's members after a dash or a colon, a role with 'the' that is a relative ('the bride'), a compound role's apposition, a picture placed or handled in the scene, a thing shaped like someone, a thing's feature that has features, a list's next item after a comma, person nouns' plurals",
    [
      ['Family reunion — me with a shaved head and a grey goatee, in the middle of the group.', 'shaved head'],
      ['At the dinner party with the neighbours, make her a redhead with long curls.', 'redhead'],
      ['Show Amara with a chin-length bob and blunt bangs.', 'bob'],
      ['A portrait of me with a shaved head and a thick beard.', 'shaved head'],
      ["The bride is in ivory. I'm the best man: make me bald and bulky.", 'bald'],
      ['Studio shot: she stands before a plain backdrop with long silver hair.', 'silver hair'],
    ],
    [
      "Pottery class reel: I'm centring the clay while my students wait - a retired teacher with a silver bob and a young man with a neck tattoo.",
      'Café opening, regulars at the window: a stocky man with a ginger beard and a girl with a pink bob.',
      "Tango class: the teacher guides a couple across the floor — he's bald and burly, she's petite with silver curls.",
      "Church wedding: the bride waits at the altar while the page boy, a freckled redhead of about six, walks towards her. Keep the bride's face as in the photo.",
      'Museum tour: the guide pauses before a large portrait of a red-faced duke with a hooked nose.',
      'Craft fair stall: she holds up a teapot shaped like a fat old man with a bushy beard.',
      'Egyptology short: the guide stands beside a gilded coffin whose painted face has kohl-rimmed eyes.',
      'Vinyl café: sitting on a battered sofa with a cracked, wrinkled finish, record player spinning by the window.',
      'Driving school ad: the instructor points at the mirror while her learner, a lanky lad with a buzz cut, grips the wheel.',
    ],
  );
  rule(
    "a pose after a body part ('Head bowed, hands'), a feeling on the face, a belly laugh, a work's title, a thing that 'which' stands for, hair swept up as stuff, 'looking like me', a role's features a verb or a place word acts on, a relative's cheek, an animal's list of parts",
    [
      ['Give her a big tangle of matted hair and a clump of grey at the temple.', 'matted hair'],
      ['Make me look like me at twenty, no grey.', 'like me at twenty'],
      ["Give me my father's nose and my mum's eyes.", "father's nose"],
      ['Make his face big and round, with a double chin.', 'double chin'],
      ['The subject waving to the crowd with big, rough, calloused hands.', 'calloused hands'],
      ['She has Freckles, lots of them, across the nose.', 'Freckles'],
    ],
    [
      "Remembrance clip: I'm at the cenotaph in my beret. Head bowed, hands clasped in front.",
      'Unboxing reel: tissue paper everywhere, a cat in the box, and a big surprised face when the lid comes off.',
      "Panto clip: I'm in the dame's frock, hands on hips, with a big belly laugh for the kids.",
      'Bookshop reel: she holds up a copy of Moles and Freckles, the new picture book, at the till.',
      'Record fair: she pulls out Hair, the film soundtrack, and grins at the camera.',
      'Garage tour: he crouches by the back tyre, which is nearly bald, and shakes his head.',
      'Salon cleanup: she sweeps up a pile of hair clippings under the chairs.',
      'Keep me looking like me, just in a navy suit by the window.',
      "Barber vlog: the subject sits on the bench while a barber trims another customer's beard.",
      "Beauty school clip: she dabs concealer onto a model's chin with a brush.",
      "She kisses her grandfather's cheek at the birthday party.",
      "Farm visit: the vet kneels by the calf, the calf's pink nose and long lashes in close-up.",
    ],
  );
  rule(
    "someone named before the next sentence's 'I'm', a man where the person is only 'she' (or the reverse), a role with 'the' after a comma beside 'me', a friend beside me, a description of another role where the text says which role the person has, an apposition to 'I'm' after a dash",
    [
      ["Make her a man with a beard and a shaved head; she's presenting the quiz.", 'beard'],
      ["I'm the barber — a big bloke with a shaved head and a ginger beard.", 'shaved head'],
      ["She's the teacher, and give the teacher a grey bob and freckles.", 'grey bob'],
      ['Me at seventy, a grandmother with soft papery skin, at the garden gate.', 'papery skin'],
      ['My sister and I at the beach; give me a deep tan and sun-bleached hair.', 'deep tan'],
    ],
    [
      "Staff photo: the head chef in the middle is a short, stout woman with a grey crop. I'm far left, arms folded.",
      'Orchestra rehearsal; the soloist is a tall man with a silver ponytail. She sits in the second row with her viola.',
      'Me at a folk club, the fiddler a wiry old man with a white beard.',
      'Quiz night at the pub, me with the answer sheet; my mate beside me has a bleached buzz cut.',
      "Surf school: the lifeguard has a bushy beard and a sunburnt nose; she's the instructor waxing the boards.",
      'Care-home singalong: a woman in a wheelchair taps along at the front. The subject is the pianist.',
    ],
  );
  rule(
    "a description that is a list item of its own stands whatever the model says; clothes named like people ('black joggers', 'referee kit'); a negated list of features; a negated 'age me'",
    [
      ['Cosy jumper, a shaved head, warm lamp.', 'shaved head'],
      ["Don't age me, but do give me a grey beard.", 'grey beard'],
    ],
    [
      'Gym look: navy vest, black joggers, grey trainers.',
      'Five-a-side clip: me in black referee kit, whistle in hand, rain on the pitch.',
      'Do not change hair, skin or eyes; only the room is new.',
      "Don't age me, don't de-age me, just put me on a pier at sunset.",
    ],
  );
  rule(
    "more role nouns ('attendant', 'concierge', 'usher'), a description of someone a 'with' brings in beside 'I'm', a negated run of edits, an 'as' that means 'while'",
    [
      ['Show me with a big round baby bump under a flowy dress.', 'baby bump'],
      ['Me at the parkrun with hundreds of runners, ten pounds lighter please.', 'pounds lighter'],
      ['Do not smooth my skin, but do give me a shaved head.', 'shaved head'],
    ],
    [
      'Hotel lobby: the porter chats with a concierge whose hair is in a neat French twist.',
      "I'm on a park bench with an old man in a flat cap who has a scar over one eye.",
      'Do not smooth, whiten, age or de-age me; only the backdrop changes.',
      'Our host waits as a tall bald usher seats the guests.',
    ],
  );
  rule(
    "what the rules had set aside and the model rescued, now that the model defers to them: 'Show a ... of' is no picture, a negation ends at a dash, 'I want her flawless' asks for the her, shoulder blades, a body part before 'inked', a likeness or age after 'like', what 'should' asks of a noun, the person with ', with ...' among others, 'me' in a video's heading",
    [
      ['Show a dense mat of chest hair at the open collar.', 'chest hair'],
      ['Show his teeth with clear aligners and a gold crown.', 'clear aligners'],
      ['Not so wavy this time — sleek, glossy, blow-dried hair on Amira.', 'hair'],
      ["No freckles on him, he's 40 but I want him fresh-faced.", "he's 40"],
      ['Her halter dress shows a scatter of moles across her shoulder blades.', 'moles'],
      ['Festival promo video: me in the crowd with a sunburnt nose and braided pigtails.', 'sunburnt nose'],
      ['Bakery reel, me apple-cheeked like a cherub, flour on my apron.', 'apple-cheeked'],
      ['older, like mid sixties, with a weathered look', 'mid sixties'],
      ['She should look more delicate, more petite, you know what I mean.', 'delicate'],
      ['The drummer should have deep brown skin, sweat shining under the lights, the band behind him.', 'brown skin'],
      ['The subject at the airport surrounded by tourists, with a hooked nose and a cleft chin.', 'hooked nose'],
    ],
    [],
  );
});

describe('appearance linter: rules-36 families from blind Z and AA', () => {
  rule(
    "a feature with what a modal asks of it ('should be', 'needs to look', 'should read as'), comparatives of descriptors and better-sounding ones ('skinnier', 'nicer'), the feature's own parts ('narrower bridge')",
    [
      ['His brows should be bushy and dark.', 'brows should be bushy'],
      ['Her complexion needs to look warmer and more olive.', 'complexion needs to look warmer'],
      ['My skin should read as deep brown in the grade.', 'skin should read as deep brown'],
      ['chubbier thighs, please', 'chubbier thighs'],
      ['a prettier mouth and a better jaw', 'prettier mouth'],
      ['nose — straighter, slimmer bridge', 'nose — straighter, slimmer'],
      ['Wanted: a slightly flatter tummy and bigger boobs.', 'bigger boobs'],
      ['Give her a little less paunch, please.', 'less paunch'],
    ],
    [
      'The eyes should be sharp; let the background go soft.',
      'Her hands should be in her lap, fingers loosely laced.',
      'The suspension bridge should be lit from below.',
      'He wants a better tripod and a nicer lens for the interview.',
    ],
  );
  rule(
    "an age bound ('no older than 30'), a stick walked with, piercings in the nose, 'tatts', a 'me' that a verb after the span acts on, a redhead as someone",
    [
      ['Keep her looking no older than 30.', 'no older than 30'],
      ['I walk with a stick these days, so show it on the sea wall.', 'walk with a stick'],
      ['a small nose stud and a septum ring', 'nose stud'],
      ['tatts up both forearms', 'tatts'],
    ],
    [
      'The whisky in the decanter is no older than 12 years.',
      'She walks with a selfie stick along the pier.',
      'A bull with a brass nose ring grazes behind the fence.',
      'A barista with a lip ring slides me a flat white across the counter.',
      'The bridesmaid is a tall redhead with a nose stud; I am in the middle in sage green.',
    ],
  );
  rule(
    "a degree of a trait ('make me less pale', 'not so pale', 'look less tired'), a make-over of a named person's feature ('Make Ana's chin less pointy'), a tan with its modifier, a beauty spot by a lip, a design painted on a face, a row of teeth, a people's features, a few idioms",
    [
      ['Make me less pale this time.', 'less pale'],
      ['not so pale, please', 'not so pale'],
      ['I want to look less tired in the intro.', 'look less tired'],
      ['a bit less frizzy round the temples', 'less frizzy'],
      ["Make Ana's chin less pointy.", "Make Ana's chin less pointy"],
      ['Make his eyes a deep brown instead of blue.', 'Make his eyes a deep brown'],
      ['a deeper tan on him for the beach scene', 'deeper tan'],
      ['a tiny beauty spot near her upper lip', 'beauty spot'],
      ['Paint a butterfly on my cheek for the fete.', 'Paint a butterfly on my cheek'],
      ['Give him a gappy front row of teeth.', 'gappy front row of teeth'],
      ['Kurdish features, dark brows', 'Kurdish features'],
      ['Put some meat on his bones for the rugby bit.', 'meat on his bones'],
      ['Show me in a wheelchair at the school gates, waving.', 'me in a wheelchair'],
      ['Have Omar use a cane on the towpath.', 'Omar use a cane'],
      ['skin as pale as chalk, lips as red as a berry', 'skin as pale'],
      ['round rosy apple cheeks', 'rosy apple cheeks'],
      ['ombre lips in berry and nude', 'ombre lips'],
    ],
    [
      'less pale light through the blinds, more warmth',
      'Make the kitchen less dark and more open.',
      'a light tan for the boots and belt',
      'a local beauty spot by the lake at dawn',
      'The face painter paints a tiger on a child’s cheek while she watches.',
      'a straight row of teeth on the shark jaw in the museum case',
      'The Georgian features of the townhouse: sash windows and a fanlight.',
      'The cottage over the hill has smoke curling from its chimney.',
      'A grouper with thick lips drifts past the glass while I point.',
      'He taps the weathered rock face with a hammer.',
      'Her eyes as wide as saucers, she opens the gift.',
    ],
  );
  rule(
    "edits by a verb of grooming ('pluck his brows', 'shave her legs', 'dye him jet black'), a comparative alone opening a fragment ('Slimmer.', 'curvier, ...'), more degrees ('more freckly', 'less crepey'), 'make him read as', 'weathered and craggy' said of the person, 'sticky-out ears', a shape on a part ('a bump in her nose')",
    [
      ['Pluck her brows thinner for the gala.', 'Pluck her brows'],
      ['Wax his chest before the pool scene.', 'Wax his chest'],
      ['dye her jet black', 'dye her jet'],
      ['Slimmer, please, and a bit taller.', 'Slimmer'],
      ['more freckly across the nose', 'more freckly'],
      ['Make her read as Polynesian.', 'Make her read as Polynesian'],
      ['He should look weathered and craggy, like a lighthouse keeper.', 'look weathered'],
      ['give me sticky-out ears for the elf bit', 'sticky-out ears'],
    ],
    [
      'Shave the ice into the bowls and wax the surfboard.',
      'the barn, older and taller than the house beside it',
      'a weathered barn door with flaking green paint',
      'Make the poster read as vintage.',
      'a dent in the nose of the old plane',
    ],
  );
  rule(
    "someone the person's action or place leads to ('greeting a bald toddler', 'Mia helps a customer with a grey bun'), someone with 'behind' or 'past' and no one after it, 'Grandma' named rather than cast, a weight on the back foot, a ring on the little finger, an eye light, standing small in the frame",
    [
      ['Show me as a grandad with a pipe by the fire.', 'grandad'],
      ['she carries extra weight on her hips', 'extra weight'],
      ['Show me with a big round baby bump in the garden.', 'baby bump'],
      ['Eyes light hazel, a little hooded.', 'Eyes light hazel'],
    ],
    [
      'The vicar at the font, smiling at a bald toddler in a lace gown.',
      'Mia helps a customer with a grey bun choose a scarf.',
      'Me pouring pints, a bearded regular with a flat cap reading behind.',
      'Grandad tells the story of the boat he built in 1962.',
      'Arms folded, weight on the back foot, chin up.',
      'A signet ring on his little finger, hand on the wheel.',
      'Eye light from a small ring on the lens, hair light from behind.',
      'Red canyon walls at sunset; he stands small in the middle of the frame.',
    ],
  );
  rule(
    "more edit verbs ('shave his head', 'pin my ears back', 'feminise my face', 'shape her brows'), smoky eyes, a tramp stamp, an Adam's apple, a carrot-top, a glow-up asked for, gauges in the earlobes, misspelt tattoos and freckles",
    [
      ['Shave her head for the sci-fi short.', 'Shave her head'],
      ['Pin his ears back a touch.', 'Pin his ears'],
      ['Masculinise her jaw for the drag-king bit.', 'Masculinise her jaw'],
      ['smokey eyes and a nude lip', 'smokey eyes'],
      ['a little tramp stamp above the waistband', 'tramp stamp'],
      ["a sharp Adam's apple over the open collar", "Adam's apple"],
      ['Give him a glow-up for the finale.', 'glow-up'],
      ['tattos on both hands', 'tattos'],
    ],
    [
      'Pin the map to the corkboard and fix the wobbly chair.',
      'Shape the dough into rolls and iron the tablecloth.',
      'a glow-up video for my bedroom: the after half tidied and styled',
      'A stack of apples and a single Adam and Eve print on the wall.',
    ],
  );
  rule(
    "years younger or older ('ten years younger', 'take a few years off Dad'), 'supposed' ages aside, a summer tan, 'clean shaven', pearly whites, legs for days, a face painted as something, a height alone ('A wee bit taller'), 'sun-kissed' said of the person, 'broaden his nose', modifiers before an added feature ('visible abs')",
    [
      ['I want to look a decade younger in this one.', 'decade younger'],
      ['Knock a few years off Mum for the reunion clip.', 'years off Mum'],
      ['a deep holiday tan on him', 'holiday tan'],
      ['clean shaven, in a navy suit', 'clean shaven'],
      ['Paint his face as a tiger for the fete.', 'Paint his face'],
      ['Taller, please, and broader.', 'Taller'],
      ['She should look sun-kissed after the beach day.', 'sun-kissed'],
      ['Flatten his nose a little for the boxer role.', 'Flatten his nose'],
      ['Give him visible biceps for the gym ad.', 'visible biceps'],
    ],
    [
      'The chapel is two hundred years older than the manor.',
      'Shorter, punchier script, and a bigger logo.',
      'a sun-kissed beach with striped umbrellas',
      'Flatten the dough and broaden the border of the tart.',
      'Quiz night: the host points at a student — a lanky lad with a buzz cut.',
    ],
  );
  rule(
    "'make the jaw more defined' (a part only a body has, after 'the'), sun damage on a body part, a modal said in the negative ('her eyes shouldn't be so sunken')",
    [
      ['Make the nose a little narrower.', 'Make the nose a little narrower'],
      ['sun damage across his forehead and cheeks', 'sun damage'],
      ["His cheeks mustn't be so hollow.", "cheeks mustn't be so hollow"],
    ],
    ['Make the legs of the table shorter.', 'sun damage on the dashboard and the seats'],
  );
  rule(
    "an age reached ('she just turned forty', 'just hit thirty'), a look opening a fragment ('looks about sixteen'), a bottle blonde, a tall drink of water, fingers likened to a thing ('fat sausage fingers')",
    [
      ['He just turned sixty, so show it.', 'turned sixty'],
      ['looks about nineteen, leaning on the railings', 'looks about nineteen'],
      ['a bottle blond with dark roots', 'bottle blond'],
      ['long bony spider fingers on the keys', 'bony spider fingers'],
    ],
    [
      'The bakery turned 50 this year; she cuts the cake.',
      'The lane turns 90 degrees past the church.',
      'Standing tall, shoulders back, hands on hips.',
      'a jack-o-lantern with a carved toothless grin on the step',
    ],
  );
  rule(
    "someone at a place apart ('on the far side of the pitch', 'at the next table', 'further down the jetty', 'out of focus'), a redhead who walks past, 'while I type' (a verb, not a type)",
    [
      ['Me at the cafe, a tall redhead in a green coat.', 'tall redhead'],
      ['the rugged lumberjack type, me in a fleece', 'lumberjack type'],
      ["an old man's beard, grey and long, on me for the panto", "old man's beard"],
      ['his left arm in a cast after the fall', 'in a cast'],
    ],
    [
      'a bald linesman waving his flag on the far side of the pitch',
      'a man with a ginger beard at the next table, me with a laptop',
      'an old man mending nets further down the quay',
      'A tall, freckled redhead walks past in the background.',
      'The kettle whistles while I type at the kitchen table.',
      "Picking old man's beard and honeysuckle along the lane.",
      'An old man cactus with shaggy white hair on the windowsill.',
      'Pork belly crisping in cast iron, me at the hob.',
    ],
  );
  rule(
    "an instruction to keep the person as the reference has them ('Use the reference as-is for the face and hair', 'Do not modify her features or physique in any way', 'must look exactly like the uploaded photo')",
    [
      ['Make her look like the woman on the cover of Vogue.', 'look like the woman'],
      ['Use a much darker skin tone for him.', 'darker skin tone'],
    ],
    [
      'Use the reference as-is for the face and hair; new scene: a ski lodge.',
      "Do not modify the subject's features or physique in any way.",
      'He must look exactly like the uploaded photo; only the room changes.',
      'Maintain her exact likeness — including hairline, skin texture and smile.',
    ],
  );
  rule(
    "what a colon after a wig says is the wig's ('wig on a stand: long black waves'), warts and thumbs, someone 'on crutches' after their noun",
    [
      ['remove the warts on my hands', 'remove the warts'],
      ['Wig on a stand behind me. Me with long black waves.', 'long black waves'],
    ],
    [
      'wig on a stand: long copper waves; me brushing it out for a client',
      'Two wigs on the shelf behind me: a platinum bob and a grey bun.',
      'The vicar at the door greets everyone; a man on crutches waves from the path.',
      'She gives a shaky double thumbs up halfway down the tower.',
    ],
  );
  rule(
    "a power chair or mobility scooter the person is in or on, and ink asked for with 'cover' ('Cover my back with a dragon tattoo'): no magazine cover",
    [
      ['Put me in a power chair.', 'me in a power chair'],
      ['Put him on a mobility scooter for the village fete.', 'him on a mobility scooter'],
      ['Cover my back with a dragon tattoo, shot from behind.', 'dragon tattoo'],
      ["cover the narrator's back with a huge koi tattoo", 'huge koi tattoo'],
    ],
    [
      'the mobility scooter parked outside the bakery',
      'a magazine cover of a tattooed model on the coffee table',
      'posters on the wall of a bald heavyweight, me wrapping hands',
    ],
    { byRules: true },
  );
  rule(
    "a body or face asked for as someone else's ('Give me the body of a marathon runner', 'the physique of a Greek statue', 'the body of someone who runs marathons'): not the face of a clock",
    [
      ['Give me the body of a marathon runner.', 'the body of a marathon runner'],
      ['give him the physique of a Greek statue, by a marble column', 'the physique of a Greek statue'],
      ['Please give me the body of someone who runs marathons.', 'the body of someone'],
      ['me with the legs of a dancer, stretching at the barre', 'the legs of a dancer'],
      ['I want the abs of a fitness model in this gym shot', 'the abs of a fitness model'],
    ],
    [
      'the face of a clock on the tower behind me',
      'a poster with the face of a boxer above the ring',
      'a warehouse with the face of an old chapel',
      'give me the look of a ski instructor: red jacket, goggles up',
    ],
    { byRules: true },
  );
  rule(
    "a manicure over its article or had by someone named ('A French manicure.', 'Priya with a glossy French manicure'), and gel or acrylic extensions: not a manicure kit or one given to a client",
    [
      ['A French manicure, hands folded on the desk.', 'French manicure'],
      ['Priya with a glossy French manicure, turning the pages of a cookbook', 'glossy French manicure'],
      ['my nails: long gel extensions', 'long gel extensions'],
      ['Gel extensions, chrome finish.', 'Gel extensions'],
    ],
    [
      'a French manicure kit on the counter',
      'a nail tech giving a client a French manicure while I narrate',
      'hair extensions in a box on the salon shelf',
    ],
    { byRules: true },
  );
  rule(
    "someone named by their role apart from the speaker ('the tour guide has a grey beard; she's the teacher at the back', 'the dame has clown makeup. Me with a clipboard'), while a scene set about the person after a comma leaves them theirs ('Our host has a thick grey beard, red desert behind him')",
    [
      ['Our host has a thick grey beard, red desert behind him.', 'thick grey beard'],
      ['Our guide has Aboriginal Australian features, red desert stretching out behind him.', 'Aboriginal Australian'],
      ['She has a long grey plait, shelves of jars behind her.', 'long grey plait'],
    ],
    [
      "the tour guide has a thick grey beard and a ponytail; she's the teacher counting heads at the back",
      'Pantomime backstage: the dame has a towering orange wig and clown makeup. Me with a clipboard.',
      'the bride-to-be in a sash with huge false lashes; me beside her with a pink cocktail',
      'an elderly man with a cane, standing behind her at the till',
    ],
    { byRules: true },
  );
  rule(
    "a field for a feature or mark with a describing value ('wrinkles: deep', 'mole: small, above the lip', 'Brows: straight, feathery'): not one kept as it is ('nose: as in the photo') or a pose ('Chin: up')",
    [
      ['wrinkles: deep, especially forehead and between the brows', 'wrinkles: deep'],
      ['mole: small, just above the upper lip, left side', 'mole: small'],
      ['Brows: straight, feathery, brushed up', 'Brows: straight'],
      ['scars: one on the chin', 'scars: one'],
      ['nails: French tips, almond shape', 'nails: French'],
    ],
    ['nose: as in the photo', 'Lips: keep natural', 'Chin: up, looking at camera', 'Hands: in frame, holding the mug'],
    { byRules: true },
  );
  rule(
    "a colour's comparative on a feature ('give me bluer eyes pls', 'redder hair', 'a greyer beard') and how far apart the eyes sit ('Eyes set further apart than in the reference photo')",
    [
      ['give me bluer eyes pls', 'bluer eyes'],
      ['redder hair for the autumn shoot', 'redder hair'],
      ['a greyer beard, more distinguished', 'greyer beard'],
      ['Eyes set further apart than in the reference photo.', 'Eyes set further apart'],
      ['the eyes should be a bit further apart', 'further apart'],
    ],
    [
      'a greener garden behind me',
      'hands closer together on the bar',
      'keep our eyes together with the team on the goal',
    ],
    { byRules: true },
  );
  rule(
    "a trait after a named person's make-over ('Make Dev completely bald'), a mass of hair ('a mop of curls', 'her mane of red ringlets') and a style given ('give him a mane', 'Give me bangs and a lob'): not a mop and bucket, a lion's mane or a bun with coffee",
    [
      ['Make Dev completely bald, scalp shaved and shiny.', 'Make Dev completely bald'],
      ['give my grandson a mop of curls', 'mop of curls'],
      ['give him a mane', 'mane'],
      ['Give me bangs and a lob', 'bangs'],
      ['a shaggy mop on top, just rolled out of bed', 'shaggy mop'],
    ],
    [
      'a mop and bucket in the corner of the kitchen',
      'a lion with a golden mane on the savannah',
      'he hands me a bun with my coffee at the counter',
      'curls of steam rising from the teapot',
      'Make Anna comfortable on the sofa',
    ],
    { byRules: true },
  );
  rule(
    "a clothing size said of the person ('a size 8 instead of a size 14', 'make me a size 8', 'Size 6 frame', 'size 12 feet', 'feet: size 12'): not what is worn or sold ('a size 10 dress', 'size 10 trainers on the shelf', 'font size 12')",
    [
      ['a size 8 instead of a size 14', 'a size 8'],
      ['make me a size 8 for the beach shots', 'me a size 8'],
      ["I'm a size 16, show me that way", "I'm a size 16"],
      ['Size 6 frame.', 'Size 6 frame'],
      ['Size 12 feet on him, really big clompers.', 'Size 12 feet'],
      ['feet: size 12, wide', 'feet: size'],
    ],
    [
      'she wears a size 10 dress in the fitting room',
      'size 10 trainers on the shelf behind me',
      'font size 12 for the captions',
      'the shoes come in a size 9 and a size 10',
      'Feet: in the sand, toes wiggling',
    ],
    { byRules: true },
  );
  rule(
    "an aid given or put to use ('Give him a white cane', 'put crutches under his arms') and someone said to use one ('Show the manager as a power-chair user'): not crutches put in a corner, a candy cane, or 'the cane user in the queue'",
    [
      ['Give him a white cane.', 'Give him a white cane'],
      ['put crutches under his arms, the forearm kind', 'crutches under his arms'],
      ['Show the manager as a power-chair user.', 'power-chair user'],
      ["she's a cane user, show it", 'cane user'],
    ],
    [
      'put the crutches in the corner of the ward',
      'give him a candy cane from the tree',
      'the cane user in the queue behind me',
    ],
    { byRules: true },
  );
  rule(
    "a trade's own, in the possessive and as a class ('a tattoo artist's empty station', 'Theatre make-up masterclass', 'makeup class for teens')",
    [['a tattoo on her wrist, ink still fresh', 'tattoo']],
    [
      "a tattoo artist's empty station with ink caps and a machine",
      'Theatre make-up masterclass: the artist demonstrates ageing techniques on a volunteer.',
      'makeup class for teens in the community hall',
    ],
    { byRules: true },
  );
  rule(
    'fixed phrases for a look: a silver fox as a type or vibe, a smoky eye, stretched lobes, no spring chicken, turning back the clock on a face; not a silver fox in the snow',
    [
      ['Yacht deck in a cashmere sweater, the silver fox type', 'silver fox type'],
      ['Turn me into a silver fox.', 'into a silver fox'],
      ['Smoky eye, dark and smudged.', 'Smoky eye'],
      ['Give her stretched lobes with black tunnels.', 'stretched lobes'],
      ["She's no spring chicken, make it show at the allotment.", 'no spring chicken'],
      ['Turn back the clock on my face a good fifteen years', 'Turn back the clock on my face'],
    ],
    ['a silver fox trotting through the snow at dawn', 'smoke drifting past the eye of the lens'],
    { byRules: true },
  );
  rule(
    "a plain person noun made a role by the word before it ('a flower girl', 'the paper boy') is someone else when the text calls the person she or he; 'Me as a flower girl with ...' stays theirs",
    [
      ['Me as a flower girl with a gap-toothed grin.', 'gap-toothed grin'],
      ['Show her as a flower girl with freckles', 'freckles'],
    ],
    [
      'she crouches on a bench to shoot the group, a flower girl with a gap-toothed grin in front',
      'he waves from the porch as the paper boy with a buzz cut cycles past',
    ],
    { byRules: true },
  );
  rule(
    "after 'with ...', a person noun in -s is the owner's verb, not more people ('A woman with red hair cooks.')",
    [
      ['Scene: a kitchen. A woman with red hair cooks.', 'red hair'],
      ['A woman with a pixie cut nurses her tea.', 'pixie cut'],
    ],
    ['bakers with tattoos at the next stall'],
    { byRules: true },
  );
  rule(
    "foundation or blush said as what it should be on the person ('Her foundation should be a few shades darker', 'foundation a shade too light', 'my foundation is too orange'): not a building's or a charity's",
    [
      ['Her foundation should be a few shades darker and matte.', 'foundation'],
      ['foundation a shade too light and a bit cakey', 'foundation'],
      ['my foundation is too orange in the ref', 'foundation'],
    ],
    ['the foundation of the house is cracked', 'the foundation should be poured before winter'],
    { byRules: true },
  );
  rule(
    "a part's change over a count of shades ('Make my teeth two shades whiter', 'make her skin a few shades lighter')",
    [
      ['Make my teeth two shades whiter.', 'Make my teeth two shades whiter'],
      ['make her skin a few shades lighter', 'make her skin a few shades lighter'],
    ],
    ['make the wall two shades lighter behind me'],
    { byRules: true },
  );
  rule(
    "ink on or over a body part is a tattoo ('Ink on his neck', 'cover his chest in tribal ink', 'covered in ink from neck to knuckles'): not ink on fingers from a pen, or a page covered in ink",
    [
      ['Ink on his neck, something tribal creeping up from the collar.', 'Ink on his neck'],
      ['cover his chest in tribal ink', 'chest in tribal ink'],
      ['Make him covered in ink from neck to knuckles.', 'covered in ink'],
    ],
    ['ink on my fingers from the printer', 'the page covered in ink', 'spilled ink on her sleeve'],
    { byRules: true },
  );
  rule(
    "the person turned into someone named ('Basically turn me into Keanu', 'Morph me into Elvis'): not into a style or material ('turn me into Lego', 'turn them into Pixar characters')",
    [
      ['Basically turn me into Keanu.', 'turn me into Keanu'],
      ['Morph me into Elvis for the jukebox bit.', 'Morph me into Elvis'],
      ['turn her into Wednesday Addams', 'turn her into Wednesday Addams'],
    ],
    ['turn me into Lego', 'turn them into Pixar characters', 'turn me into a pirate for the treasure hunt'],
    { byRules: true },
  );
});

describe('appearance linter: rules-38 families from blind AG, AH, AJ, AK and AL', () => {
  rule(
    "someone the speaker meets is someone else: 'I'm chatting to my guest, a young woman with ...' (an \"I'm\" that does something to the noun does not call the speaker it), an age standing as a noun ('our visiting sensei, a ninety-year-old with ...'), an apposition after 'of my client', or after someone met just before the comma; not the speaker's own role ('I'm a young chef, a big guy with ...') or 'Make me a ninety-year-old ...'",
    [
      ["I'm a young chef, a big guy with a shaved head", 'shaved head'],
      ['Make me a ninety-year-old with a wispy white beard', 'wispy white beard'],
      ['Me at sixty, a grandmother with soft papery skin', 'soft papery skin'],
    ],
    [
      "I'm chatting to my guest, a young woman with a shaved head, on the sofa",
      'I coach our visiting sensei, a ninety-year-old with a wispy white beard',
      "I'm filming a warm-up with my client, a sixty-year-old man jogging on the spot",
      "I'm interviewing a farmer at the gate, a wiry man with sunburnt arms",
    ],
    { byRules: true },
  );
  rule(
    "a 'my' on a thing a verb after the words takes does not make them the speaker's ('the busker with dreadlocks plays my song'), nor an 'I' that opens a new statement after someone else's ('the client in the chair has freshly tinted dark brows, I'm holding up the mirror'); a 'my' that places them still does",
    [
      ['a scar above my lip', 'scar above my lip'],
      ["I have freshly tinted dark brows, I'm holding up the mirror", 'freshly tinted dark brows'],
    ],
    [
      'the busker with dreadlocks plays my song',
      "the client in the chair has freshly tinted dark brows, I'm holding up the mirror",
    ],
    { byRules: true },
  );
  rule(
    "roles are people (a distiller, a sensei, a hearing-aid user); 'the user' names the person but 'a ... user' does not; a possessive opens an apposition ('the caller, our bingo host Pat'); the person cast as a noun keeps its words ('The subject as a wheelchair user, ... friends dancing around')",
    [
      ['Show me as a hearing-aid user', 'hearing-aid user'],
      ['Please show the caller, our bingo host Pat, in her wheelchair', 'wheelchair'],
      ['The subject as a wheelchair user, rolling through the market with friends dancing around', 'wheelchair'],
    ],
    [
      'Our head distiller, bearded and tattooed, checks the still behind me',
      'A hearing-aid user in the queue behind me',
    ],
    { byRules: true },
  );
  rule(
    "one picked out of a group the text names is someone else ('The tenors behind me, one of them with a bushy red beard', 'The choir behind me, one man heavily bearded')",
    [['I sing with the tenors, with a bushy red beard', 'bushy red beard']],
    [
      'The tenors behind me, one of them with a bushy red beard, sing along',
      'The choir behind me, one man heavily bearded',
    ],
    { byRules: true },
  );
  rule(
    "a plural thing's own after its 'with' ('the bees with their big compound eyes'), the head of a thing ('a dummy head with a short blonde bob'); but a shot of the speaker is the look itself ('aerial shot of me with long grey hair')",
    [['aerial shot of me with long grey hair on the cliff', 'long grey hair']],
    ['the bees with their big compound eyes on my glove', 'a dummy head with a short blonde bob on the shelf'],
    { byRules: true },
  );
  rule(
    "a face pulled for a laugh ('tongue out, cross-eyed, goofing for the bloopers'); a lamp ends a run of describing words ('a warm hair light, skin smoothing off', 'white light, slight smile')",
    [
      ['she is slightly cross-eyed, standing at the bar', 'cross-eyed'],
      ['give me very light, freckled skin', 'very light, freckled skin'],
    ],
    [
      'tongue out, cross-eyed, goofing for the bloopers',
      'key light soft, a warm hair light, skin smoothing off',
      'white light, slight smile',
    ],
    { byRules: true },
  );
  rule(
    "a body or beauty word that a video, an event or a shop is about ('blush review', 'Mascara comparison channel', \"'rosacea myths' episode\", 'tattoo expo vlog'); products in a list the hands hold ('holding up a primer, a concealer and a bronzer'); not makeup worn after a thing in the hands ('holding the mirror, wearing red lipstick'), nor a shade put on the face ('Wear the coral shade on my lips')",
    [
      ['Wear the coral shade on my lips for the close-up', 'coral shade on my lips'],
      ['a plum tint on her lips', 'plum tint on her lips'],
      ['me holding a mug, heavy bronzer and red lipstick', 'heavy bronzer'],
      ['holding the mirror, wearing red lipstick', 'red lipstick'],
    ],
    [
      'blush review: six compacts lined up in front of me',
      'Mascara comparison channel: me at the desk with four wands',
      "Cosmetic dermatology, 'rosacea myths' episode, me on the couch",
      'tattoo expo vlog, me walking the aisles with a coffee',
      'Haul: me holding up a primer, a concealer and a bronzer',
    ],
    { byRules: true },
  );
  rule(
    "features kept as they are over the rest of their list and a field's colon ('face and hair: as in the photo'), 'as uploaded', and, after a verb that keeps them, 'from the reference' or 'at all'; not 'hair from the photo but blonder' or 'Take off the makeup from my reference photo'",
    [
      ['hair from the photo but blonder', 'hair'],
      ['Take off the makeup from my reference photo', 'makeup'],
    ],
    [
      'face and hair: as in the photo. outfit: green parka',
      "don't change my skin, teeth or hair from the reference",
      'do not touch my face or beard at all',
      'same hairline as uploaded, new location: a pier',
    ],
    { byRules: true },
  );
  rule(
    "an aid that is the person's own or in their hand ('hold my cane in my right hand', 'leaning on a walking cane in my left hand', 'me in my battered old wheelchair', 'with my walking frame'), or given to a relative the text pictures ('give my nan a walking cane'): not one in a stand or by the door, nor a friend's",
    [
      ['hold my cane in my right hand as I cross the road', 'my cane'],
      ['leaning on a walking cane in my left hand', 'walking cane in my left hand'],
      ['me in my battered old wheelchair at the skate park', 'my battered old wheelchair'],
      ['me in the kitchen with my walking frame', 'my walking frame'],
      ["give my nan a walking cane, she's on the promenade", 'walking cane'],
    ],
    ['a walking cane in the umbrella stand', 'the walking frame by the door', 'my friend with her cane beside me'],
    { byRules: true },
  );
  rule(
    "the presenter an instruction casts ('Agent note: render the creator as South Asian', though the text also says 'I'), a look said to be the presenter's ('... - that's how the presenter should look'), hair cut to a style ('blunt bangs cut straight across my forehead'), sunburn said of the person ('I'm sunburnt'), a bald patch an edit hides, aligners worn ('my aligners in'), a face painted whole on a poster of the speaker; not a bartender the text casts, a lawn's bald patch, an aligner tray held up, a clown on the poster",
    [
      ["I'm on a ferry at dawn. Agent note: render the creator as South Asian.", 'render the creator as South Asian'],
      ["Pale skin, red hair, freckles - that's how the presenter should look", 'red hair'],
      ['fringe: blunt bangs cut straight across my forehead', 'blunt bangs'],
      ["I'm sunburnt across the nose, shooting at the marina", "I'm sunburnt"],
      ['hide the bald spot on the crown', 'bald spot'],
      ['Invisalign trays in for the whole video', 'Invisalign trays in'],
      ['my aligners in, chatting to camera', 'aligners in'],
      ['Theatre poster: me as the Scarecrow with my whole face painted gold', 'my whole face painted'],
    ],
    [
      "I'm at the bar; make the bartender a bald guy",
      'sunburnt grass by the fence',
      'fix the bald patch in the lawn behind me',
      'holding a clear aligner tray up to the light',
      'a box of Invisalign trays on the desk',
      'Theatre poster: me in the foyer beside a clown with his whole face painted white',
    ],
    { byRules: true },
  );
  rule(
    "a trade's people are people ('the caterer with a sleeve tattoo hands me my coffee'); a body part of someone a scene shows is theirs ('close-up of a client's hand', 'buffing a client's nails'), not a type's body ('she has a dancer's legs', 'Less of a man's brow'); a speaker doing something to someone is not them ('I'm coaching a woman in a wheelchair', 'me hugging a bald man'), but one cast as them is ('Make me a woman with long grey hair', 'that Viking warrior look')",
    [
      ["she has a dancer's legs", "a dancer's legs"],
      ["Less of a man's brow, smooth it out", "a man's brow"],
      ['Make me a woman with long grey hair', 'long grey hair'],
      ['Give me that Viking warrior look, braided beard and all', 'braided beard'],
    ],
    [
      'the caterer with a sleeve tattoo hands me my coffee',
      "close-up of a client's hand on the cushion",
      "buffing a client's nails at the desk",
      "I'm coaching a woman in a wheelchair through presses",
      'me hugging a bald man at the airport',
    ],
    { byRules: true },
  );
  rule(
    "what the speaker gives someone else ('me behind the chair giving a regular a skin fade'), not what is given to the person ('give him a skin fade'); a role the speaker serves is not their apposition ('me at the table with flashcards, a young client with a cochlear implant'); more named hair styles ('a fresh high-top fade', 'a big defined twist-out', 'finger waves', 'a flat-top'), not 'high-top trainers' or 'a silk press for the shirts'",
    [
      ['give him a skin fade', 'skin fade'],
      ['me in the chair with a fresh high-top fade and a lightning-bolt part', 'high-top fade'],
      ['me with a big defined twist-out and edges laid', 'twist-out'],
      ['me with finger waves', 'finger waves'],
      ['me with a flat-top', 'flat-top'],
    ],
    [
      'Barbershop promo: me behind the chair giving a regular a skin fade with a razor-sharp line-up',
      'speech therapy session: me at the table with flashcards, a young client with a cochlear implant waving',
      'high-top trainers on the shelf',
      'a silk press for the shirts',
    ],
    { byRules: true },
  );
  rule(
    "hair a covering hides says nothing of it ('A bandana tied over his hair', 'a silk scarf over the hair', 'hair tied back under a bandana', 'my hair under a cap'); described hair under one still does",
    [
      ['a scarf over my long grey hair', 'long grey hair'],
      ['hair dyed red under a cap', 'hair dyed red'],
      ['my hair tied back in a bun', 'hair tied back in a bun'],
    ],
    [
      'A bandana tied over his hair on the kitchen line',
      'cat-eye sunglasses, a silk scarf over the hair, convertible',
      'Lilac apron, hair tied back under a bandana. Overhead cam',
      'my hair under a cap',
    ],
    { byRules: true },
  );
  rule(
    "the side of the face a light falls on ('a small triangle of light on the shadow-side cheek'); a group in face paint is others ('the cast rehearse in full face paint', 'the crowd in face paint behind me'); the person in it still is",
    [
      ['a scar on my shadow-side cheek', 'scar on my shadow-side cheek'],
      ['me in full face paint as a tiger', 'face paint'],
      ['a full face with round cheeks', 'full face'],
      ['Music festival crowd, chunky glitter on her eyelids', 'chunky glitter on her eyelids'],
    ],
    [
      'Rembrandt lighting with a small triangle of light on the shadow-side cheek.',
      'the cast rehearse in full face paint',
      'the crowd in face paint behind me',
    ],
    { byRules: true },
  );
  rule(
    "the review of rules-38: its exceptions do not let the person's own looks through (an 'I' that wants or is the look, 'is my character', casting verbs in -ing, 'I'm also a chef', 'me, a student ...', an instruction to give, a worn look before a genre word, a pulled look said of the person, 'having a dancer's legs', a photo mentioned after 'I'), and its detections stay off scene text (trouser braces, a retainer fee, a dog walker, a crutch as a metaphor, sunlight's colour on the cheeks, 'as' meaning while)",
    [
      ['a bald man with a grey beard, I want to look like this', 'grey beard'],
      ["Woman with a pixie cut, I'm the one in the photo", 'pixie cut'],
      ['a tall woman with red hair is my character', 'red hair'],
      ["I'm portraying a bald man with a scar", 'bald man'],
      ['me becoming an old woman with wrinkles', 'old woman'],
      ["I'm also a chef, a big guy with a shaved head", 'shaved head'],
      ['me, a student with long purple hair, in the library', 'long purple hair'],
      ['Give the man a beard, I uploaded my selfie', 'beard'],
      ["Please give the model a shaved head, I'm sending my photo", 'shaved head'],
      ['me with long braids tutorial thumbnail', 'long braids'],
      ['me with a nose ring launch party', 'nose ring'],
      ["I'm cross-eyed, making pancakes in the kitchen", 'cross-eyed'],
      ["me having a dancer's legs", "a dancer's legs"],
      ['hide the bald spot on top of my head', 'bald spot'],
    ],
    [
      'me in a white shirt with braces in bright red',
      'paying my solicitor a retainer in cash',
      'my dog walker waving at the gate',
      'Coffee is my crutch, me at the desk',
      'golden hour, a soft warm colour on my cheeks from the low sun',
      "I'm chatting with her as a bald man with tattoos walks past",
      'me going cross-eyed at the camera',
    ],
    { byRules: true },
  );
  rule(
    "from blind AM and AN: a video's own presenter after its heading ('Yoga video: our teacher Sam ... from his own wheelchair'); the user and the creator are one person; a relative an instruction shows ('Show Dad's prosthetic leg ... as he runs'); a body word before a closing quote; an age before its noun is the noun's ('an 80-year-old man', then whose is decided on the man); not a compound thing's possessive ('the teddy bear's button eyes'), a sculpture ('a marble bust with a chipped nose'), parts a container holds ('shelves of prosthetic hands and feet'), a meat's parts ('pork cheeks and jowls'), a drink ('pints of stout'), a product chosen ('how to choose a concealer')",
    [
      [
        'Yoga video: our teacher Sam does seated stretches from his own wheelchair in a bright hall.',
        'his own wheelchair',
      ],
      [
        "Agent relay: the user wants 'the creator with her small star tattoo on her collarbone' at a beach bar.",
        'small star tattoo',
      ],
      ["Show Dad's prosthetic leg below the knee as he runs the trail", 'prosthetic leg'],
      ['add a row of cartilage piercings on her ear', 'cartilage piercings'],
      ['me short and stout at the bar', 'short and stout'],
    ],
    [
      "the teddy bear's button eyes and stitched smile",
      'a marble bust with a chipped nose on the shelf',
      'shelves of prosthetic hands and feet behind the engineer',
      'pork cheeks and jowls laid out on the board',
      'pints of stout, me at the corner table',
      'Tutorial video: our presenter explains how to choose a concealer',
    ],
    { byRules: true },
  );
  rule(
    "from blind AO, AP and AR (read after their first runs): a wish is no simile ('I'd like grey eyes'); a video heading's scene that opens on someone with words on their body ('Bakery video: Dad ... with a small anchor tattoo on his forearm'); a name with its title in apposition ('our host, Dave the plumber, ...'); mutton-chops; a change after a kept feature ('keep my hair as in the photo but blonder'); a place the person is in takes no body part ('me barefoot on the beach with long toes'); not someone put in the background ('a belayer in the background with a grey buzzcut'), features kept 'just like the photo' or named as curls, a name given ('a gin brand called Ginger Beard'), a topic field ('Tutorial topic: concealer for dark circles'), a bald patch of lawn, a fire-eater, someone behind a named person",
    [
      ["I'd like grey eyes behind my glasses", 'grey eyes'],
      ['Bakery video: Dad kneading dough with a small anchor tattoo on his forearm in view.', 'tattoo'],
      ['Give our host, Dave the plumber, a thick grey walrus moustache', 'thick grey walrus moustache'],
      ['Grandad with grey mutton-chop whiskers', 'grey mutton-chop'],
      ['keep my hair as in the photo but blonder', 'hair'],
      ['me barefoot on the beach with long toes', 'long toes'],
    ],
    [
      "Climbing gym: a belayer in the background with a grey buzzcut. I'm clipping into the rope.",
      // ... and one whose trade the lexicon does not know: only "in the background" says so.
      "Gig: a rigger in the background with a grey buzzcut. I'm at the mic.",
      "Keep Mum's face and hair just like the photo she sent; put her in a conservatory",
      'Keep my curls and skin as they are in the photo; new outfit',
      'a gin brand called Ginger Beard, bottles in front of me',
      'Tutorial topic: concealer for dark circles. I hold the tube up.',
      'a bald patch of lawn in the orchard behind him',
      'the fire-eater with tattooed arms performing behind me',
      'a passer-by on crutches crossing the square behind Priya',
    ],
    { byRules: true },
  );
  it("counts a model of a thing as no other person for the long veto ('holding a ship model'), but a model as one", () => {
    assert.equal(hasOthers(modelWords('me at the desk holding a ship model')), false);
    assert.equal(hasOthers(modelWords('me at the desk beside a model')), true);
  });
});
