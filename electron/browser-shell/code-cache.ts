/**
 * A V8 code cache for the CommonJS the browser shell requires at start:
 * Playwright's bundles (~7 MB) cost ~400 ms of this thread to compile and
 * run, most of it compiling. Node 20 has no compile cache of its own
 * (`module.enableCompileCache` is Node 22), so while `load` runs, CommonJS
 * files that `cached` picks are compiled as Node would, but through
 * `vm.Script` with the code V8 made for them last time (`cachedData`). After
 * the first screen, `save` writes each script's code as V8 has it then —
 * with the functions the start-up ran compiled — for the next start.
 *
 * The cache is only ever a hint: V8 rejects code for other source or
 * another V8 (then the file compiles from source and is saved again), and a
 * file whose size or mtime changed gets a new key. Files are written whole
 * (temp file, then rename), so shells starting together never read half of one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** What `createCodeCache` gives back. */
export interface CodeCache {
  /** Runs `fn` (a require) with cached compiles for the files it loads that `cached` picks. */
  load<T>(fn: () => T): T;
  /** Writes the code of every script that had none, or had it rejected; never throws. */
  save(): void;
  /** How many picked files were compiled from the cache, and how many from source. */
  counts(): { hits: number; misses: number };
}

/** Node's own fields the compile wrapper needs (not in @types/node). */
interface NodeModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
}
interface ModuleStatics {
  prototype: { _compile(this: NodeModule, content: string, filename: string): unknown };
  wrap(script: string): string;
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

/** A code cache in `dir` for the CommonJS files `cached(filename)` picks. */
export function createCodeCache(dir: string, cached: (filename: string) => boolean): CodeCache {
  const statics = Module as unknown as ModuleStatics;
  const made: { script: vm.Script; file: string }[] = [];
  let hits = 0;
  let misses = 0;

  const keyOf = (filename: string): string => {
    const st = statSync(filename);
    const key = [filename, st.size, st.mtimeMs, process.version, process.arch].join('\0');
    return join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.bin`);
  };

  /** As Node 20's Module.prototype._compile, with V8's cached code (no inspector break, no policy: neither is used here). */
  function compileCached(this: NodeModule, content: string, filename: string): unknown {
    const file = keyOf(filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      // Not cached yet.
    }
    const script = new vm.Script(statics.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData && !script.cachedDataRejected) hits++;
    else {
      misses++;
      made.push({ script, file });
    }
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = Object.assign((id: string) => this.require(id), {
      resolve: Object.assign((request: string, options?: unknown) => statics._resolveFilename(request, this, false, options), {
        paths: (request: string) => statics._resolveLookupPaths(request, this),
      }),
      // undefined when the entry is an ES module, as the built shell is.
      main: (process as unknown as { mainModule?: unknown }).mainModule,
      extensions: statics._extensions,
      cache: statics._cache,
    });
    return fn.call(this.exports, this.exports, require, this, filename, dirname(filename));
  }

  return {
    load<T>(fn: () => T): T {
      const original = statics.prototype._compile;
      statics.prototype._compile = function (this: NodeModule, content: string, filename: string) {
        return cached(filename) ? compileCached.call(this, content, filename) : original.call(this, content, filename);
      };
      try {
        return fn();
      } finally {
        statics.prototype._compile = original;
      }
    },
    save(): void {
      // Nothing new (every file came from the cache, or none was picked): the dir is not even made.
      if (made.length === 0) return;
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        return;
      }
      for (const { script, file } of made.splice(0)) {
        const tmp = `${file}.${process.pid}.tmp`;
        try {
          writeFileSync(tmp, script.createCachedData());
          renameSync(tmp, file);
        } catch {
          // A read-only build dir: the next start compiles from source, as without a cache.
          rmSync(tmp, { force: true });
        }
      }
    },
    counts: () => ({ hits, misses }),
  };
}

