/**
 * The built browser shell's V8 code cache (electron/browser-shell/code-cache.ts):
 * a CommonJS file it picks runs as under Node's own compile (exports, a
 * relative require, __dirname), from source the first time, from the saved
 * code the next; a changed file is compiled from source again; files it does
 * not pick, and requires outside `load`, are Node's as before.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCodeCache } from '../../electron/browser-shell/code-cache';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A package-like dir with `main.cjs` requiring `helper.cjs`, and a cache dir beside it. */
function fixture(): { src: string; cache: string; req: NodeJS.Require; fresh(): void } {
  const root = mkdtempSync(join(tmpdir(), 'kasir-code-cache-'));
  dirs.push(root);
  const src = join(root, 'src');
  const cache = join(root, 'cache');
  writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
  mkdirSync(src);
  writeFileSync(join(src, 'helper.cjs'), 'exports.twice = (n) => n * 2;\n');
  writeFileSync(join(src, 'main.cjs'), "const { twice } = require('./helper.cjs');\nmodule.exports = { value: twice(21), dir: __dirname, file: __filename };\n");
  const req = createRequire(join(root, 'index.cjs'));
  // Each start is a new process: no module cache between them.
  const fresh = (): void => {
    for (const k of Object.keys(req.cache)) if (k.startsWith(src)) delete req.cache[k];
  };
  return { src, cache, req, fresh };
}

describe('browser shell code cache', () => {
  it('compiles picked files from source, saves their code, and runs them from it the next time', () => {
    const { src, cache, req, fresh } = fixture();
    const first = createCodeCache(cache, (f) => f.startsWith(src));
    const loaded = first.load(() => req(join(src, 'main.cjs')) as { value: number; dir: string; file: string });
    expect(loaded).toEqual({ value: 42, dir: src, file: join(src, 'main.cjs') });
    expect(first.counts()).toEqual({ hits: 0, misses: 2 });
    first.save();
    expect(readdirSync(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(2);

    fresh();
    const second = createCodeCache(cache, (f) => f.startsWith(src));
    expect(second.load(() => req(join(src, 'main.cjs')))).toEqual(loaded);
    expect(second.counts()).toEqual({ hits: 2, misses: 0 });
  });

  it('compiles a changed file from source again (its key is its size and mtime, not only its name)', () => {
    const { src, cache, req, fresh } = fixture();
    const first = createCodeCache(cache, (f) => f.startsWith(src));
    first.load(() => req(join(src, 'main.cjs')));
    first.save();
    writeFileSync(join(src, 'helper.cjs'), 'exports.twice = (n) => n * 2 + 1; // changed\n');
    fresh();
    const second = createCodeCache(cache, (f) => f.startsWith(src));
    expect((second.load(() => req(join(src, 'main.cjs'))) as { value: number }).value).toBe(43);
    expect(second.counts()).toEqual({ hits: 1, misses: 1 });
  });

  it('leaves files it does not pick, and requires outside load, to Node', () => {
    const { src, cache, req, fresh } = fixture();
    const none = createCodeCache(cache, () => false);
    expect((none.load(() => req(join(src, 'main.cjs'))) as { value: number }).value).toBe(42);
    expect(none.counts()).toEqual({ hits: 0, misses: 0 });
    fresh();
    const all = createCodeCache(cache, () => true);
    expect((req(join(src, 'main.cjs')) as { value: number }).value).toBe(42);
    expect(all.counts()).toEqual({ hits: 0, misses: 0 });
  });

  it('never throws when its dir cannot be written', () => {
    const { src, req } = fixture();
    const readOnly = createCodeCache(join(src, 'main.cjs', 'not-a-dir'), (f) => f.startsWith(src));
    readOnly.load(() => req(join(src, 'main.cjs')));
    expect(() => readOnly.save()).not.toThrow();
  });
});
