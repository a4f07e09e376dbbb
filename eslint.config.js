// The lint CI enforces (npm run lint): typescript-eslint's recommended rules, and size limits
// that keep a function readable on one screen and a module in one sitting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      // A name starting with _ is deliberately unused (a field dropped by destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The look picker's page script runs in the host's sandboxed iframe, not in Node.
    files: ['src/mcp/app/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { window: 'readonly', document: 'readonly', globalThis: 'readonly', console: 'readonly' },
    },
  },
  {
    // Tests read loosely typed JSON answers (structuredContent, HeyGen bodies) and assert on them.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Data tables: the appearance linter's word lists are long by nature (its rules are not).
    files: ['src/domain/prompt/lexicon.ts'],
    rules: { 'max-lines': 'off' },
  },
);
