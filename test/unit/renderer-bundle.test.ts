/**
 * The production renderer is minified and small enough for the till to start
 * fast (issue 12, item 7): the build config asks for it, and — when out/ has
 * been built (`npm test` builds before vitest) — what the till page loads at
 * start is minified and ≤ 600 kB raw. The browser shell's CLI is a build entry,
 * so `npm run start:browser` runs built JavaScript.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { bytesOf, tillStartFiles } from '../bench/renderer-bytes';

const ROOT = join(import.meta.dirname, '../..');
const built = existsSync(join(ROOT, 'out/renderer/index.html'));

type Build = { minify?: unknown; sourcemap?: unknown; rolldownOptions?: { input?: Record<string, string> } };
const cfg = config as unknown as { main: { build: Build }; renderer: { build: Build } };

describe('the renderer build', () => {
  it('is minified, without source maps', () => {
    expect(cfg.renderer.build.minify).toBe(true);
    expect(cfg.renderer.build.sourcemap).toBe(false);
  });

  it('builds the browser shell CLI beside main (out/main/browser-shell.js)', () => {
    expect(cfg.main.build.rolldownOptions?.input?.['browser-shell']).toMatch(/electron\/browser-shell\/cli\.ts$/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:browser']).toBe('npm run build && node out/main/browser-shell.js');
  });

  it.skipIf(!built)('loads at most 600 kB raw at the till\'s start, minified (skipped without `npm run build`)', () => {
    const files = tillStartFiles(join(ROOT, 'out/renderer'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(bytesOf(files).raw).toBeLessThanOrEqual(600_000);
    for (const js of files.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(js, 'utf8');
      // Minified code is a few very long lines; an unminified bundle averages well under 100 characters a line.
      expect(text.length / text.split('\n').length, js).toBeGreaterThan(1_000);
    }
  });

  it.skipIf(!built)('keeps Chart.js (the Today screen) out of what the till loads at start', () => {
    const start = tillStartFiles(join(ROOT, 'out/renderer')).map((f) => readFileSync(f, 'utf8')).join('\n');
    // Chart.js's own error text for an unregistered item: present wherever Chart.js is bundled.
    expect(start).not.toContain('is not a registered');
  });
});
