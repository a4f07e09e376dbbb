// Benchmark of the appearance check (src/domain/prompt/linter.ts): what it refuses and passes on
// every blind corpus in test/fixtures, with the rules alone and with the learned model, and how
// long it takes per prompt.
//   Corpora: each appearance-blind-*.json (person descriptions + allowed text), written by sessions
//   that never saw the linter. The rules were generalised against most of them afterwards and the
//   shipped model is trained on all but the newest, so these are the check's figures today, not
//   first blind runs: those are in docs/appearance-linter.md and the tests' comments. The
//   leave-one-corpus-out figures come from `node scripts/train-appearance-model.ts`.
//   Speed: a short prompt (one corpus line) and a 2,000-character prompt, after a warm-up.
//   npm run bench:appearance            everything (a few seconds)
//   npm run bench:appearance -- --quick speed only, and the newest corpus

import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { lintAppearance, lintAppearanceWith } from '../src/domain/prompt/linter.ts';

interface Corpus {
  appearance: string[];
  allowed: string[];
}

const FIXTURES = new URL('../test/fixtures/', import.meta.url);
const quick = process.argv.includes('--quick');
const files = readdirSync(FIXTURES)
  .filter((f) => /^appearance-blind-[a-z]+\.json$/.test(f))
  // Corpora are lettered a..z, then aa, ab...: the shorter name is the older one.
  .sort((a, b) => a.length - b.length || a.localeCompare(b));
const chosen = quick ? files.slice(-1) : files;
if (chosen.length === 0) throw new Error('no test/fixtures/appearance-blind-*.json corpus found');

const rules = (text: string) => lintAppearanceWith(undefined, text).length > 0;
const shipped = (text: string) => lintAppearance(text).length > 0;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

console.log('| corpus | phrases | rules refused | rules passed | rules + model refused | rules + model passed |');
console.log('|---|---:|---:|---:|---:|---:|');
const total = { appearance: 0, allowed: 0, r: 0, rp: 0, m: 0, mp: 0 };
for (const file of chosen) {
  const corpus = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Corpus;
  const name = file
    .replace(/^appearance-blind-/, '')
    .replace(/\.json$/, '')
    .toUpperCase();
  const r = corpus.appearance.filter(rules).length;
  const rp = corpus.allowed.filter((t) => !rules(t)).length;
  const m = corpus.appearance.filter(shipped).length;
  const mp = corpus.allowed.filter((t) => !shipped(t)).length;
  const a = corpus.appearance.length;
  const b = corpus.allowed.length;
  Object.assign(total, {
    appearance: total.appearance + a,
    allowed: total.allowed + b,
    r: total.r + r,
    rp: total.rp + rp,
    m: total.m + m,
    mp: total.mp + mp,
  });
  console.log(
    `| ${name} | ${a} + ${b} | ${pct(r, a)} | ${pct(rp, b)} | ${pct(m, a)} (${m}/${a}) | ${pct(mp, b)} (${mp}/${b}) |`,
  );
}
if (chosen.length > 1)
  console.log(
    `| all | ${total.appearance} + ${total.allowed} | ${pct(total.r, total.appearance)} | ${pct(total.rp, total.allowed)} | ${pct(total.m, total.appearance)} | ${pct(total.mp, total.allowed)} |`,
  );

// Speed, after a warm-up: the median and the 95th percentile over repeated runs.
const sample = JSON.parse(readFileSync(new URL(chosen[0]!, FIXTURES), 'utf8')) as Corpus;
const short = [...sample.appearance.slice(0, 50), ...sample.allowed.slice(0, 50)];
let long = '';
for (const t of sample.allowed) {
  if (long.length + t.length + 2 > 2000) break;
  long += `${t}. `;
}
function time(label: string, texts: string[], runs: number): void {
  for (const t of texts) lintAppearance(t);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++)
    for (const t of texts) {
      const from = performance.now();
      lintAppearance(t);
      ms.push(performance.now() - from);
    }
  ms.sort((x, y) => x - y);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))]!.toFixed(2);
  console.log(`| ${label} | ${at(0.5)} ms | ${at(0.95)} ms |`);
}
console.log('\n| prompt (rules + model) | median | p95 |');
console.log('|---|---:|---:|');
time(`one corpus line (${short.length} lines)`, short, 5);
time(`${long.length} characters`, [long], 50);
