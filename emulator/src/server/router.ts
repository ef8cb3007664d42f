/** A tiny router over `Route[]` with `:param` segments. */
import type { Route } from '../types';

interface Compiled {
  route: Route;
  segments: string[];
}

/** Result of a lookup: a match, a known path with another method (405), or nothing. */
export type RouteMatch =
  | { kind: 'match'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'none' };

const split = (path: string): string[] => path.split('/').filter((s) => s.length > 0);

/** Routes in registration order; the first match wins. */
export class Router {
  private compiled: Compiled[] = [];

  /** Replaces the route table (front ends are mounted once the base URL is known). */
  setRoutes(routes: Route[]): void {
    this.compiled = routes.map((route) => ({ route, segments: split(route.pattern) }));
  }

  match(method: string, path: string): RouteMatch {
    const parts = split(path);
    let pathKnown = false;
    for (const c of this.compiled) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      if (c.route.method === method) return { kind: 'match', route: c.route, params };
      pathKnown = true;
    }
    return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'none' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        // A broken %-escape cannot name anything; let the path fall through to 404.
        return undefined;
      }
    } else if (p !== v) {
      return undefined;
    }
  }
  return params;
}
