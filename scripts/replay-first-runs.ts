// Replays each blind corpus's first run on the check it met (the commit before the corpus changed
// anything), under several veto policies: what a different veto would have done to text the check
// had never seen. Each commit's own rules and model are combined here the way linter.ts combines them. Needs the git history (a full clone); checks each commit out into a temporary worktree.
//   node scripts/replay-first-runs.ts
// The corpora are read from this checkout's test/fixtures; the code and the model from each commit.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasOthers, LONG_SENTENCE, modelWords } from '../src/domain/prompt/linter/learned.ts';

/** Each corpus and the commit of the check its first run was scored on (docs/appearance-linter.md). */
const FIRST_RUNS: [string, string][] = [
  ['l', '0949efd^'],
  ['m', '117fd9c'],
  ['k', '20eda8e'],
  ['n', '20eda8e'],
  ['o', '0f05a12'],
  ['p', 'd988c21'],
  ['q', '50ad319'],
  ['r', 'ba034f5'],
];
// Each policy: the veto for a finding in a short sentence (under 10 words) and in a long one, and
// whether the long one needs someone or something else in the sentence (hasOthers, as shipped).
// "own" is the veto the commit shipped.
const POLICIES: [string, number | 'own', number | 'own', boolean][] = [
  ['as shipped', 'own', 'own', false],
  ['veto 0.75', 0.75, 0.75, false],
  ['long 0.75', 'own', 0.75, false],
  ['long+others 0.75', 'own', 0.75, true],
  ['long+others 0.80', 'own', 0.8, true],
  ['long+others 0.90', 'own', 0.9, true],
  ['long+others 0.98', 'own', 0.98, true],
];

const root = new URL('..', import.meta.url).pathname;
const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);

interface Corpus {
  appearance: string[];
  allowed: string[];
}
interface Piece {
  text: string;
  start: number;
  end: number;
}
interface Model {
  veto: number;
  threshold: number;
}
/** What this script needs from a commit's linter: its rules and its learned component. */
interface Check {
  lintAppearanceWith: (model: undefined, text: string) => { start: number }[];
  probabilityAround: (model: Model, text: string, at: number) => number;
  flaggedPhrases: (model: Model, text: string) => Piece[];
  sentences: (text: string) => Piece[];
}

/** The combination of src/domain/prompt/linter.ts, with the veto a policy gives each finding. */
function refuses(check: Check, model: Model, text: string, veto: (at: number) => number): boolean {
  const ruled = check
    .lintAppearanceWith(undefined, text)
    .filter((f) => check.probabilityAround(model, text, f.start) >= veto(f.start));
  // The model speaks for a sentence no rule refused; for a yes or no, any of its flags will do.
  return ruled.length > 0 || check.flaggedPhrases(model, text).length > 0;
}

const sums = POLICIES.map(() => [0, 0]);
console.log(`corpus commit   | ${POLICIES.map(([name]) => `${name} ref/pass`.padEnd(21)).join(' | ')}`);
for (const [letter, commit] of FIRST_RUNS) {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  try {
    git('worktree', 'add', '--quiet', '--detach', dir, commit);
    const check = {
      ...(await import(join(dir, 'src/domain/prompt/linter.ts'))),
      ...(await import(join(dir, 'src/domain/prompt/linter/learned.ts'))),
    } as Check;
    const model = JSON.parse(readFileSync(join(dir, 'src/domain/prompt/appearance-model.json'), 'utf8')) as Model;
    const corpus = JSON.parse(
      readFileSync(join(root, `test/fixtures/appearance-blind-${letter}.json`), 'utf8'),
    ) as Corpus;
    const cells = POLICIES.map(([, short, long, gated], n) => {
      const words = (text: string, at: number): string[] =>
        modelWords(check.sentences(text).find((s) => at >= s.start && at < s.end)?.text ?? '');
      const veto = (text: string) => (at: number) => {
        const around = words(text, at);
        const v = around.length >= LONG_SENTENCE && (!gated || hasOthers(around)) ? long : short;
        return v === 'own' ? model.veto : Math.max(model.veto, v);
      };
      const refused = corpus.appearance.filter((t) => refuses(check, model, t, veto(t))).length;
      const passed = corpus.allowed.filter((t) => !refuses(check, model, t, veto(t))).length;
      sums[n]![0]! += refused / corpus.appearance.length;
      sums[n]![1]! += passed / corpus.allowed.length;
      return `${pct(refused / corpus.appearance.length)} ${pct(passed / corpus.allowed.length)}`.padEnd(21);
    });
    console.log(
      `${letter.toUpperCase().padEnd(6)} ${git('rev-parse', '--short', commit).padEnd(9)} | ${cells.join(' | ')}`,
    );
  } finally {
    git('worktree', 'remove', '--force', dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
const means = sums.map(([r, p]) => `${pct(r! / FIRST_RUNS.length)} ${pct(p! / FIRST_RUNS.length)}`.padEnd(21));
console.log(`${'mean'.padEnd(16)} | ${means.join(' | ')}`);
