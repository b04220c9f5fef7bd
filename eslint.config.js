import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['test/**', 'bench/**', 'examples/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
);
