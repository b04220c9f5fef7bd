import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.tgz', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs on every runtime: web-platform globals only, and silent.
    files: ['src/**/*.ts'],
    ignores: ['src/node.ts', 'src/cli/**', 'src/testing/serve.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'Node modules are reached only through src/node.ts.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Reach Node only through src/node.ts.' },
        { name: 'Buffer', message: 'Use TextEncoder/Uint8Array.' },
      ],
    },
  },
  {
    // CommonJS fixtures exist to prove `require()` works.
    files: ['**/*.cjs', '**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tools, tests and examples run on Node and, for the runtime matrix, in browsers and Workers.
    files: ['test/**', 'bench/**', 'examples/**', 'scripts/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
