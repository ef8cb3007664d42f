// Lint is also architecture: only the Electron shell and the preload may
// import 'electron'; everything else must run under plain Node (and be tested
// there), and the renderer may not reach Node at all.
import tseslint from 'typescript-eslint';

const electronOnlyHere = ['electron/main/shell/**', 'electron/preload/**', 'electron/main/index.ts'];

/** Forbids 'electron' (the shell-only rule) everywhere it is applied. */
const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: "Only electron/main/shell/** and electron/preload/** may import 'electron'." }],
      patterns: [{ group: ['electron/*'], message: "Only electron/main/shell/** and electron/preload/** may import 'electron'." }],
    },
  ],
};

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'module', 'worker_threads'];

export default tseslint.config(
  { ignores: ['test/fixtures/lint/**', 'node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...noElectron,
    },
  },
  {
    files: electronOnlyHere,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer and shared code never import electron.' }],
          patterns: [
            {
              group: NODE_BUILTINS.flatMap((m) => [m, `node:${m}`]),
              message: 'The renderer and shared code run without Node: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
);
