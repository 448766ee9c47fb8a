import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrictedEngineImports = {
  patterns: [
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The engine is framework-free: no React under src/engine.' },
    { group: ['zustand', 'zustand/*'], message: 'The engine is framework-free: no store under src/engine.' },
    { group: ['@xyflow/*'], message: 'The engine is framework-free: no React Flow under src/engine.' },
    // A regex, not a gitignore-style group: 'crypto' as a group also matched our own src/engine/crypto/* modules.
    { regex: '^(node:.*|fs|path|crypto|child_process)$', message: 'The engine does no I/O and uses no node:crypto.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'bench/dist', 'bench/results', 'test-results', 'playwright-report', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The screen sees the engine only through the trace, the parameter registry, the exporters and
    // engine/public (names and tables it shows); the runner, the packages and their codecs are not its business.
    files: ['src/components/**/*.{ts,tsx}'],
    ignores: ['src/components/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '(^|/)engine/(?!(trace|params|public|export/traceExport)$)',
          message: 'Components see the engine only through engine/trace, engine/params, engine/public and engine/export/traceExport.',
        }],
      }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', restrictedEngineImports],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in the engine.' },
        { name: 'document', message: 'No DOM in the engine.' },
        { name: 'navigator', message: 'No DOM in the engine.' },
        { name: 'localStorage', message: 'No DOM in the engine.' },
        { name: 'fetch', message: 'No I/O in the engine.' },
        { name: 'crypto', message: 'No WebCrypto in the engine: use @noble/*.' },
        { name: 'Promise', message: 'The engine is synchronous.' },
        { name: 'process', message: 'No process access in the engine.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the simulated clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded RNG.' },
      ],
    },
  },
  {
    // Tests and test helpers may read fixtures and run real tools (tshark, klist); engine code may not.
    files: ['src/engine/**/*.test.ts', 'src/engine/testing/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
);
