// Lint is also architecture: only the Electron shell and the preload may
// import 'electron'; everything else must run under plain Node (and be tested
// there), and the renderer may not reach Node at all. The emulator stands
// alone (it imports no app code, and app code reaches it only through the
// composition root or the emulator's worker entry); shared/ depends on nothing else in the repository; and
// the payment engine is wired in one place only.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

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

/**
 * `kasir/layers`: forbids relative imports (static, dynamic, `export … from`,
 * `import('…')` types) that resolve into one of the given top-level folders.
 * Resolving the path, rather than matching the import text, means
 * `../../shared/x` is caught at any depth and a folder that merely shares the
 * name deeper down (emulator/src/shared) is not.
 */
const layersRule = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: { forbid: { type: 'array', items: { type: 'string' } }, why: { type: 'string' } },
        required: ['forbid', 'why'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: 'Importing {{target}}/ from here is not allowed: {{why}}' },
  },
  create(context) {
    const { forbid, why } = context.options[0];
    const from = dirname(context.filename);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const [top] = relative(ROOT, resolve(from, source)).split(sep);
      if (forbid.includes(top)) context.report({ node, messageId: 'forbidden', data: { target: top, why } });
    };
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => node.source?.type === 'Literal' && check(node.source, node.source.value),
      'CallExpression[callee.name="require"]': (node) => {
        const [arg] = node.arguments;
        if (arg?.type === 'Literal') check(arg, arg.value);
      },
    };
  },
};

const layers = (forbid, why) => ({ 'kasir/layers': ['error', { forbid, why }] });

/** The one production file that may construct the engine's parts. */
const ENGINE_BUILDER = 'electron/main/core/payments/engine.ts';

/** `new X(` for each engine part, reported outside the builder. */
const engineConstructions = (names) => ({
  'no-restricted-syntax': [
    'error',
    ...names.map((name) => ({
      selector: `NewExpression[callee.name='${name}']`,
      message: `Only createPaymentEngine (${ENGINE_BUILDER}) constructs ${name}; use the builder, so tests and the app share one wiring.`,
    })),
  ],
});

export default tseslint.config(
  { ignores: ['test/fixtures/lint/**', 'node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.bench-cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { kasir: { rules: { layers: layersRule } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...noElectron,
      ...engineConstructions(['PaymentService', 'Reconciler', 'PaymentTracker', 'StatusScheduler', 'RecheckPlanner']),
    },
  },
  {
    files: [ENGINE_BUILDER],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The tracker's own unit test drives the bare scheduler with a fake poll; everything else uses the builder.
    files: ['test/unit/payments-tracker.test.ts'],
    rules: engineConstructions(['PaymentService', 'Reconciler', 'StatusScheduler', 'RecheckPlanner']),
  },
  {
    // The status scheduler's own unit test drives the bare queue with a fake gateway.
    files: ['test/unit/payments-status-scheduler.test.ts'],
    rules: engineConstructions(['PaymentService', 'Reconciler', 'PaymentTracker', 'RecheckPlanner']),
  },
  {
    // Renderer: read zustand stores through selectors (a whole-store read re-renders on every change).
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...engineConstructions(['PaymentService', 'Reconciler', 'PaymentTracker', 'StatusScheduler', 'RecheckPlanner'])['no-restricted-syntax'].slice(1),
        {
          selector: 'CallExpression[callee.name=/^use(Cart|Catalog|Payments|Payment|Sale|ShopZone|Session|Approval)(Store)?$/][arguments.length=0]',
          message: 'Read a zustand store through a selector: useX((s) => s.field), or useShallow for several fields.',
        },
      ],
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: layers(['electron', 'shared', 'renderer'], 'the emulator stands alone and imports no app code'),
  },
  {
    files: ['shared/**/*.ts'],
    rules: layers(['electron', 'emulator', 'renderer'], 'shared/ is imported by main, renderer and tests, and imports none of them'),
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    // The app runs the embedded emulator in a worker thread whose entry is emulator-worker.ts.
    ignores: ['electron/main/core/container.ts', 'electron/main/emulator-worker.ts'],
    rules: layers(['emulator'], 'app code reaches the emulator only through the composition root or its worker entry (electron/main/emulator-worker.ts).'),
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
