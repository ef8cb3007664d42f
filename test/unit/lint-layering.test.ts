import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';

// The layering rule is only worth something if it actually fires: lint real
// code at real paths with the project's own config.
const eslint = new ESLint({ cwd: process.cwd(), ignore: false });
const fixture = 'test/fixtures/lint/electron/main/core/imports-electron.ts';
const code = readFileSync(fixture, 'utf8');

async function ruleHits(filePath: string, text = code, ruleId = 'no-restricted-imports'): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const fixtureText = (path: string): string => readFileSync(`test/fixtures/lint/${path}`, 'utf8');
const handWiring = fixtureText('engine/wires-engine-by-hand.ts');
const emulatorImportingApp = fixtureText('emulator/src/imports-app.ts');
const sharedImportingApp = fixtureText('shared/domain/imports-app.ts');
const layerHits = (filePath: string, text: string) => ruleHits(filePath, text, 'kasir/layers');

describe('ESLint layering', () => {
  it('fails the lint fixture: a core module importing electron', async () => {
    const [result] = await eslint.lintFiles([fixture]);
    expect(result?.errorCount).toBeGreaterThan(0);
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it.each([
    'electron/main/core/payments/anything.ts',
    'electron/main/core/container.ts',
    'electron/browser-shell/cli.ts',
    'emulator/src/server.ts',
    'shared/contract/router.ts',
    'renderer/src/app.tsx',
  ])('rejects importing electron from %s', async (path) => {
    expect(await ruleHits(path)).not.toHaveLength(0);
  });

  it.each(['electron/main/shell/window.ts', 'electron/preload/index.ts'])('allows electron in %s', async (path) => {
    expect(await ruleHits(path)).toHaveLength(0);
  });

  it('keeps Node built-ins out of the renderer', async () => {
    expect(await ruleHits('renderer/src/api.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).not.toHaveLength(0);
  });

  describe('one engine builder', () => {
    it.each([
      'electron/main/core/container.ts',
      'electron/main/core/payments/payment-service.ts',
      'test/fixtures/engine-harness.ts',
      'test/fixtures/crash-child.ts',
      'test/bench/bench-engine.ts',
      'test/unit/payments-create.test.ts',
    ])('rejects new PaymentService / Reconciler / PaymentTracker in %s', async (path) => {
      const hits = await ruleHits(path, handWiring, 'no-restricted-syntax');
      expect(hits).toHaveLength(3);
      expect(hits[0]).toContain('createPaymentEngine');
    });

    it('allows them in the builder', async () => {
      expect(await ruleHits('electron/main/core/payments/engine.ts', handWiring, 'no-restricted-syntax')).toHaveLength(0);
    });

    it("lets only the tracker's own unit test construct a bare PaymentTracker", async () => {
      const hits = await ruleHits('test/unit/payments-tracker.test.ts', handWiring, 'no-restricted-syntax');
      expect(hits).toHaveLength(2);
      expect(hits.join(' ')).not.toContain('PaymentTracker');
    });
  });

  describe('the emulator and shared/ stand apart', () => {
    it('rejects every app import from emulator code', async () => {
      expect(await layerHits('emulator/src/server.ts', emulatorImportingApp)).toHaveLength(3);
    });

    it('rejects main, emulator and renderer imports from shared code', async () => {
      expect(await layerHits('shared/domain/anything.ts', sharedImportingApp)).toHaveLength(3);
    });

    it.each([
      ['electron/main/core/payments/anything.ts', "import { startEmulator } from '../../../../emulator/src/index';\nexport const s = startEmulator;\n"],
      ['electron/browser-shell/cli.ts', "export type { EmuCredentials } from '../../emulator/src/types';\n"],
      ['renderer/src/app.tsx', "export const load = () => import('../../emulator/src/index');\n"],
    ])('rejects importing the emulator from app code (%s)', async (path, text) => {
      expect(await layerHits(path, text)).toHaveLength(1);
    });

    it.each([
      ['electron/main/core/container.ts', "import { startEmulator } from '../../../emulator/src/index';\nexport const s = startEmulator;\n"],
      ['electron/main/emulator-worker.ts', "import { startEmulator } from '../../emulator/src/index';\nexport const s = startEmulator;\n"],
      ['test/integration/anything.test.ts', "import { startEmulator } from '../../emulator/src/index';\nexport const s = startEmulator;\n"],
      ['emulator/src/server.ts', "import { createStore } from './store/index';\nexport const c = createStore;\n"],
      ['shared/domain/anything.ts', "import { formatRupiah } from './money';\nexport const f = formatRupiah;\n"],
    ])('allows %s its own imports', async (path, text) => {
      expect(await layerHits(path, text)).toHaveLength(0);
    });
  });
});
