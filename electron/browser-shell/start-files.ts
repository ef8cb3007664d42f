/**
 * The files the till page fetches before it can run: what index.html names
 * (its module script, module preloads and stylesheets; lazy screen chunks come
 * later). The shell starts its heavy services build once they are served, so
 * that Chromium parses and runs the renderer while this process builds.
 */

/** Paths (relative to the renderer dir, e.g. `assets/index-x.js`) of the JS and CSS `html` loads at start. */
export function startFilesOf(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.?\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

/**
 * Resolves `served` once index.html and every start file it names have been
 * handed to the browser (`saw` is told each path served, leading `/` and all).
 */
export function startFilesWatch(): { saw(pathname: string, body: Buffer): void; served: Promise<void> } {
  let resolve!: () => void;
  const served = new Promise<void>((r) => (resolve = r));
  let waiting: Set<string> | null = null;
  return {
    served,
    saw(pathname, body) {
      const path = pathname.replace(/^\/+/, '') || 'index.html';
      if (waiting === null) {
        if (path !== 'index.html') return;
        waiting = new Set(startFilesOf(body.toString('utf8')));
      } else {
        waiting.delete(path);
      }
      if (waiting.size === 0) resolve();
    },
  };
}
