import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  // The directions of ../shared/spec/architecture.md, enforced: who may import whom.
  restrict(['src/engine/**'], 'the engine is pure: it imports nothing outside src/engine', [
    '../*',
    'react',
    'react-dom',
    'react/*',
    'react-dom/*',
    'zustand',
    'zustand/*',
    'd3',
    'd3-*',
    'zod',
    'zod/*',
    'lz-string',
    'tinykeys',
    'node:*',
  ]),
  restrict(['src/share/**', 'src/explore/**', 'src/cli/**'], 'the model side does not know the app', [
    '**/ui/**',
    '**/store/**',
    '**/playground/**',
    '**/actions/**',
    '**/embed/**',
    'react',
    'react-dom',
    'zustand',
  ]),
  restrict(
    ['src/ui/**', 'src/actions/**', 'src/embed/**'],
    'views talk to the worker through their playground',
    ['**/worker/**'],
  ),
  restrict(
    ['src/store/**', 'src/playground/**'],
    'the store drives the worker through client.ts and protocol.ts only',
    ['**/ui/**', '**/worker/*', '!**/worker/client', '!**/worker/protocol', '!**/worker/validateClient'],
  ),
  // Every first visit loads the engine worker: no validator (the page validates) and no UI in it.
  {
    ...restrict(['src/worker/**'], 'the engine worker loads on every first visit: no zod, no UI', [
      '**/share/schema',
      '**/share/index',
      '**/share/url',
      'zod',
      'zod/*',
      'd3-*',
      '**/ui/**',
      'react',
      'react-dom',
    ]),
    // The two workers that validate are started on demand, never on a first visit.
    ignores: ['src/worker/explore.worker.ts', 'src/worker/validate.worker.ts'],
  },
);

/** One no-restricted-imports rule for a folder: `group` holds gitignore-style import patterns. */
function restrict(files, message, group) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] } };
}
