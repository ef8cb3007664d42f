/**
 * The files the till page fetches before it can run: what index.html names
 * (its module script, module preloads and stylesheets; lazy screen chunks come
 * later). The startup bench weighs them (test/bench/renderer-bytes.ts).
 */

/** Paths (relative to the renderer dir, e.g. `assets/index-x.js`) of the JS and CSS `html` loads at start. */
export function startFilesOf(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.?\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}
