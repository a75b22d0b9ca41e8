// Flat config. Import boundaries: lib/ is pure (no Node built-ins, React, Next, socket.io,
// ioredis, server/); app/ and components/ never reach into server/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'events', 'stream', 'url', 'util', 'zlib', 'tls', 'dns'];

export default tseslint.config(
  { ignores: ['.next/**', 'dist/**', 'node_modules/**', 'data/**', 'bench/results/**', 'next-env.d.ts', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: promises nobody awaits or catches, async callbacks where a void one is
    // expected, switches that miss a case of a union, and casts that change nothing.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'lib/ is pure and isomorphic: no Node built-ins.' },
            { group: ['react', 'react-dom', 'next', 'next/*', 'socket.io', 'socket.io-client', 'ioredis', 'pino'], message: 'lib/ is pure: no UI, transport or I/O libraries.' },
            { group: ['**/server/**', '../server/*', '../../server/*'], message: 'lib/ must not import server/.' },
            { group: ['**/components/**', '**/app/**'], message: 'lib/ must not import UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '@/server/*', '../server/*', '../../server/*'], message: 'UI code talks to the server over REST and socket.io only.' },
            { group: ['ioredis', 'pino', 'socket.io'], message: 'Server-only library in UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'e2e/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
