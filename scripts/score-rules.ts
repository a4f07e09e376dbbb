// Scores the appearance rules alone (no learned model) on the blind and training corpora:
// appearance items refused and allowed items passed, per file. Run:
//   node scripts/score-rules.ts [--list]   (--list prints each file's false flags)
import { readdirSync, readFileSync } from 'node:fs';
import { lintAppearanceWith } from '../src/domain/prompt/linter.ts';

const FILES = readdirSync(new URL('../test/fixtures/', import.meta.url))
  .filter((f) => /^appearance-(blind|train)-[a-z0-9]+\.json$/.test(f))
  .sort();
const list = process.argv.includes('--list');
for (const name of FILES) {
  const corpus = JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as {
    appearance: string[];
    allowed: string[];
  };
  const refused = corpus.appearance.filter((t) => lintAppearanceWith(undefined, t).length > 0).length;
  const flagged = corpus.allowed.filter((t) => lintAppearanceWith(undefined, t).length > 0);
  const passed = corpus.allowed.length - flagged.length;
  console.log(
    `${name.padEnd(28)} refused ${refused}/${corpus.appearance.length}  passed ${passed}/${corpus.allowed.length}`,
  );
  if (list)
    for (const t of flagged)
      console.log(
        `   FLAGGED ${t}\n      => ${lintAppearanceWith(undefined, t)
          .map((f) => `[${f.category}] ${f.phrase}`)
          .join(' | ')}`,
      );
}
