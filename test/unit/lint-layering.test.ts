import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';

// The layering rule is only worth something if it actually fires: lint real
// code at real paths with the project's own config.
const eslint = new ESLint({ cwd: process.cwd(), ignore: false });
const fixture = 'test/fixtures/lint/electron/main/core/imports-electron.ts';
const code = readFileSync(fixture, 'utf8');

async function ruleHits(filePath: string, text = code): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
});
