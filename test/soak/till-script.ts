/**
 * How the soak starts a till: the same till-child.ts source, bundled once per
 * run with esbuild (the compiler tsx itself uses) so each of the many restarts
 * costs a plain `node` start instead of compiling the engine again. npm
 * packages stay external and load from the repository's node_modules, which
 * is why the bundle is written under `node_modules/.cache/`. Without esbuild
 * the child runs through tsx as every other test child does.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The node arguments that start a till child, and a cleanup for what was written. */
export interface TillScript {
  nodeArgs: string[];
  dispose(): void;
}

/** Bundles test/soak/till-child.ts for this run (falls back to `--import tsx`). */
export async function prepareTillScript(repo: string): Promise<TillScript> {
  const source = join(repo, 'test/soak/till-child.ts');
  const dir = join(repo, 'node_modules/.cache/kasir-soak', String(process.pid));
  try {
    const esbuild = await import('esbuild');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'till-child.mjs');
    await esbuild.build({
      entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent',
    });
    return { nodeArgs: [outfile], dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return { nodeArgs: ['--import', 'tsx', source], dispose: () => {} };
  }
}
