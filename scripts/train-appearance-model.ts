// Trains the appearance linter's learned component (src/domain/prompt/linter/learned.ts) and
// measures it honestly: leave one blind corpus out. For each blind corpus X the model is trained
// on the others only (plus the training sets test/fixtures/appearance-train-*.json, the
// development and held-out corpora and the rule examples, never X), its thresholds are chosen on
// them by inner leave-one-out (scores on text the model did not train on), and X is scored with
// the rules alone, the rules OR the model, and the rules (unless the model vetoes) OR the model.
// A blind corpus joins BLIND only after its first run has been recorded: until then it is unseen.
//   node scripts/train-appearance-model.ts            # the table
//   node scripts/train-appearance-model.ts --write    # and write the model trained on all of them
//   MODEL_OUT=/tmp/m.json ... --write                  # write it elsewhere (to compare before shipping)
//   WHOLE_ONLY=1 ...                                   # allowed texts only whole, not also sentence by sentence
//   HELD_OUT=AH,AK ...                                 # the table's rows for those corpora only

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { lintAppearanceWith } from '../src/domain/prompt/linter.ts';
import {
  features,
  probability,
  probabilityAround,
  sentences,
  type AppearanceModel,
} from '../src/domain/prompt/linter/learned.ts';
import { allowed as devAllowed, describesPerson } from '../test/fixtures/appearance-corpus.ts';

interface Corpus {
  appearance: string[];
  allowed: string[];
}
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as Corpus;

const BLIND = [
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  'u',
  'v',
  'w',
  'x',
  'z',
  'aa',
  'af',
  'ah',
  'ak',
  'aj',
  'al',
  'ai',
  'ag',
  'am',
  'an',
  'ao',
  'ap',
  'ar',
  'aq',
  'au',
  'at',
  'as',
].map((c) => ({
  name: c.toUpperCase(),
  ...fixture(`appearance-blind-${c}.json`),
}));
/**
 * The examples written for each rule in test/unit/linter.test.ts: rule(name, [[text, phrase]...],
 * [text...]) calls, read from the source. Hard cases by design (a body word on a thing, a gesture).
 */
function ruleExamples(): Corpus {
  const source = readFileSync(new URL('../test/unit/linter.test.ts', import.meta.url), 'utf8');
  const corpus: Corpus = { appearance: [], allowed: [] };
  for (const match of source.matchAll(/\n\s*rule\(/g)) {
    let depth = 1;
    let quote = '';
    let i = match.index + match[0].length;
    const from = i;
    for (; i < source.length && depth > 0; i++) {
      const ch = source[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
      } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
    const [, refused, passed] = new Function(`return [${source.slice(from, i - 1)}]`)() as [
      string,
      [string, string][],
      string[],
    ];
    corpus.appearance.push(...refused.map(([text]) => text));
    corpus.allowed.push(...passed);
  }
  return corpus;
}

/**
 * Training-only data (test/fixtures/appearance-train-*.json): labelled text written for training by
 * sessions that never saw the linter or a blind corpus. Never scored as a blind corpus.
 */
const TRAINING = readdirSync(new URL('../test/fixtures/', import.meta.url))
  .filter((f) => /^appearance-train-.+\.json$/.test(f))
  .sort()
  .map(fixture);

const EXTRA: Corpus[] = [
  ...(process.env.NO_TRAINING ? [] : TRAINING),
  fixture('appearance-heldout.json'),
  fixture('appearance-heldout-2.json'),
  { appearance: describesPerson.map(([text]) => text), allowed: [...devAllowed] },
  ...(process.env.NO_RULE_EXAMPLES ? [] : [ruleExamples()]),
];

/** Target budget: the share of the training corpora's allowed text the model alone may flag. */
const MODEL_FALSE_FLAGS = Number(process.env.MODEL_FALSE_FLAGS ?? 0.005);
const L2 = Number(process.env.L2 ?? 1e-4);
const EPOCHS = Number(process.env.EPOCHS ?? 25);
// 0.5% until stop 27. Trained with T7 and T8, the model read a bare "a bald head" at 0.17, under the
// veto that budget set (0.26): a short clause is read mostly through the bias, and the veto overruled
// a rule that was right (test/security/prompt.test.ts caught it). Half the budget sets it near 0.15.
const VETO_BUDGET = Number(process.env.VETO_BUDGET ?? 0.0025);
// Until stop 27 there was one veto, near 0.25. Replaying the first runs of blind L to R on the checks
// they met (scripts/replay-first-runs.ts): a veto of 0.75 would have raised their mean passed from
// 95.9% to 97.3%, the false flags it removes being mostly in long sentences with someone or something
// else in them. On every sentence it overrules short descriptions ("a bald head under the lamp"); on
// every long sentence, leave-one-corpus-out, it overruled 5% of blind A's descriptions ("A
// silver-haired presenter leans on the island, explaining the recipe"). So the long veto reads only a
// sentence of 10 words or more that names more than one person, or an animal or a likeness thing
// (learned.ts, vetoAt). It is a fixed probability, not a budget: over the few descriptions in such
// sentences a budget of 2% set it at 0.98, which leave-one-corpus-out overruled 4-5% of C's and E's
// descriptions; at 0.8 it overrules about 1%, and the replay keeps refused at 98.1% while passed
// rises to 96.6%.
const LONG_VETO = Number(process.env.LONG_VETO ?? 0.8);
const MIN_COUNT = 2;

interface Example {
  features: string[];
  label: number;
}

function examples(corpora: readonly Corpus[]): Example[] {
  return corpora.flatMap((c) => [
    ...c.appearance.map((t) => ({ features: features(t), label: 1 })),
    ...c.allowed.flatMap((t) => allowedPieces(t).map((piece) => ({ features: features(piece), label: 0 }))),
  ]);
}

/**
 * An allowed text, and each of its sentences when it has more than one: the check scores sentence
 * by sentence, and every sentence of allowed text is allowed, so each is a negative example on its
 * own. (A description's sentences are not: only one of them may describe the person.)
 */
function allowedPieces(text: string): string[] {
  if (process.env.WHOLE_ONLY) return [text];
  const parts = sentences(text).map((s) => s.text);
  return parts.length > 1 ? [text, ...parts] : [text];
}

/** Logistic regression by AdaGrad over sparse binary features, each text scaled to unit length. */
function train(data: Example[], seed = 1): Omit<AppearanceModel, 'threshold'> {
  const counts = new Map<string, number>();
  for (const e of data) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, n] of counts) if (n >= MIN_COUNT) index.set(f, index.size);
  const rows = data.map((e) => ({
    ids: e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    scale: 1 / Math.sqrt(Math.max(1, e.features.length)),
    label: e.label,
  }));
  const w = new Float64Array(index.size);
  const g2 = new Float64Array(index.size).fill(1e-8);
  let bias = 0;
  let bias2 = 1e-8;
  const rate = 0.5;
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const row = rows[r]!;
      let z = bias;
      for (const id of row.ids) z += w[id]! * row.scale;
      const error = 1 / (1 + Math.exp(-z)) - row.label;
      for (const id of row.ids) {
        const g = error * row.scale + L2 * w[id]!;
        g2[id] = g2[id]! + g * g;
        w[id] = w[id]! - (rate * g) / Math.sqrt(g2[id]!);
      }
      bias2 += error * error;
      bias -= (rate * error) / Math.sqrt(bias2);
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, i] of index) if (Math.abs(w[i]!) >= 1e-3) weights[f] = Math.round(w[i]! * 1e4) / 1e4;
  return { weights, bias: Math.round(bias * 1e4) / 1e4 };
}

/** The model's score of a whole text: its most likely sentence. */
const textScore = (model: AppearanceModel, text: string) =>
  Math.max(0, ...sentences(text).map((s) => probability(model, s.text)));

const rules = (text: string) => lintAppearanceWith(undefined, text).length > 0;

/** The score the veto reads for a text the rules refused: its most likely finding's surroundings. */
const vetoScore = (model: AppearanceModel, text: string) =>
  Math.max(0, ...lintAppearanceWith(undefined, text).map((f) => probabilityAround(model, text, f.start)));

/** The threshold at which the model alone flags at most `budget` of these allowed texts. */
function thresholdFor(scores: number[], budget: number): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const allowedFlags = Math.floor(sorted.length * budget);
  return sorted[allowedFlags] ?? 0.5;
}

interface Fold {
  model: AppearanceModel;
  /** For (c): below this score the model overrules a rule's flag (the rule read scene text). */
  veto: number;
}

/** Trains on `corpora` and picks both thresholds from inner leave-one-corpus-out scores. */
function fold(corpora: typeof BLIND): Fold {
  const oofAllowed: number[] = [];
  const oofRuleCaught: number[] = [];
  let appearanceTexts = 0;
  for (const inner of corpora) {
    const rest = corpora.filter((c) => c !== inner);
    const m = { ...train(examples([...rest, ...EXTRA])), threshold: 0.5, veto: 0 };
    for (const t of inner.allowed) oofAllowed.push(textScore(m, t));
    for (const t of inner.appearance) if (rules(t)) oofRuleCaught.push(vetoScore(m, t));
    appearanceTexts += inner.appearance.length;
  }
  const full = train(examples([...corpora, ...EXTRA]));
  // The veto may overrule at most VETO_BUDGET of the training corpora's descriptions the rules caught.
  const sorted = [...oofRuleCaught].sort((a, b) => a - b);
  const veto = sorted[Math.floor(appearanceTexts * VETO_BUDGET)] ?? 0;
  const model = { ...full, threshold: thresholdFor(oofAllowed, MODEL_FALSE_FLAGS), veto, longVeto: LONG_VETO };
  return { model, veto };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

function main(): void {
  if (!process.env.SKIP_TABLE) table();
  if (process.argv.includes('--write')) {
    const { model } = fold(BLIND);
    const file = process.env.MODEL_OUT ?? new URL('../src/domain/prompt/appearance-model.json', import.meta.url);
    writeFileSync(file, JSON.stringify(model) + '\n');
    console.log(
      `wrote ${Object.keys(model.weights).length} weights, threshold ${model.threshold.toFixed(3)}, veto ${model.veto.toFixed(3)}, long veto ${model.longVeto}`,
    );
  }
}

function table(): void {
  const header =
    'held out | rules refused passed | (b) rules|model refused passed | (c) (rules unless model<veto)|model refused passed | t     veto';
  console.log(header);
  const sums = { r: [0, 0], b: [0, 0], c: [0, 0] };
  // HELD_OUT=AH,AK: only those rows (a quicker look at the newest corpora).
  const only = process.env.HELD_OUT?.split(',');
  const rows = only ? BLIND.filter((c) => only.includes(c.name)) : BLIND;
  for (const held of rows) {
    const { model, veto } = fold(BLIND.filter((c) => c !== held));
    const rule = rules;
    // (b) and (c) go through the function the server calls, with this fold's model.
    const b = (t: string) => lintAppearanceWith({ ...model, veto: 0, longVeto: 0 }, t).length > 0;
    const c = (t: string) => lintAppearanceWith(model, t).length > 0;
    const rate = (f: (t: string) => boolean) => [
      held.appearance.filter(f).length / held.appearance.length,
      held.allowed.filter((t) => !f(t)).length / held.allowed.length,
    ];
    const [rr, rp] = rate(rule);
    const [br, bp] = rate(b);
    const [cr, cp] = rate(c);
    sums.r[0]! += rr!;
    sums.r[1]! += rp!;
    sums.b[0]! += br!;
    sums.b[1]! += bp!;
    sums.c[0]! += cr!;
    sums.c[1]! += cp!;
    console.log(
      `${held.name.padEnd(8)} | ${pct(rr!)} ${pct(rp!)} | ${pct(br!)} ${pct(bp!)} | ${pct(cr!)} ${pct(cp!)} | ${model.threshold.toFixed(3)} ${veto.toFixed(3)}`,
    );
    if (process.env.VERBOSE === held.name) {
      for (const t of held.appearance.filter((t) => !b(t))) console.log(`  missed: ${t}`);
      for (const t of held.allowed.filter((t) => b(t) && !rule(t))) console.log(`  model flagged: ${t}`);
    }
  }
  const n = rows.length;
  console.log(
    `${'mean'.padEnd(8)} | ${pct(sums.r[0]! / n)} ${pct(sums.r[1]! / n)} | ${pct(sums.b[0]! / n)} ${pct(sums.b[1]! / n)} | ${pct(sums.c[0]! / n)} ${pct(sums.c[1]! / n)} |`,
  );
}

main();
