// The appearance linter's entry point for its importers; the rules live in ./linter/, one file
// per concern (see ./linter/index.ts).
export { lintAppearance, type AppearanceCategory, type AppearanceFinding } from './linter/index.ts';
