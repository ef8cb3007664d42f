/**
 * The renderer's bytes as the till page fetches them: the files index.html
 * names (module script, module preloads, stylesheets) — lazy screen chunks come
 * later — raw and gzip (level 9). Shared by the `startup` bench group and the
 * bundle test, without loading the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startFilesOf } from '../../electron/browser-shell/start-files';

/** The files index.html makes the browser fetch at start: its module script, module preloads and stylesheets. */
export function tillStartFiles(rendererDir: string): string[] {
  return startFilesOf(readFileSync(join(rendererDir, 'index.html'), 'utf8')).map((r) => join(rendererDir, r));
}

/** Raw and gzip bytes of `files`. */
export function bytesOf(files: readonly string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = readFileSync(f);
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Every JS and CSS file of the built renderer. */
export function allRendererAssets(rendererDir: string): string[] {
  const dir = join(rendererDir, 'assets');
  return readdirSync(dir).filter((f) => /\.(js|css)$/.test(f)).map((f) => join(dir, f));
}

