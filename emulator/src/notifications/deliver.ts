/**
 * One HTTP(S) POST of a notification, following 307/308 redirects the way
 * Midtrans does (same method and body, at most 5 hops). Uses node:http(s)
 * directly with keep-alive agents; HTTPS targets are verified against the
 * system roots plus the emulator's own CA.
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

/** What one attempt produced. `httpStatus` null = no HTTP answer (timeout, refused...). */
export interface PostResult {
  httpStatus: number | null;
  error?: string;
  replyExcerpt: string;
  redirects: number;
}

const EXCERPT_CHARS = 2048;
const MAX_REDIRECTS = 5;

/** Keep-alive agents for notification delivery; `destroy()` on shutdown. */
export class DeliveryAgents {
  readonly http = new http.Agent({ keepAlive: true, maxSockets: 64 });
  readonly https: https.Agent;

  constructor(caCertPem: string) {
    this.https = new https.Agent({ keepAlive: true, maxSockets: 64, ca: [...rootCertificates, caCertPem] });
  }

  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

function postOnce(
  agents: DeliveryAgents,
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number | null; location?: string; excerpt: string; error?: string }> {
  return new Promise((resolve) => {
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? https : http;
    let settled = false;
    const done = (r: { status: number | null; location?: string; excerpt: string; error?: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = lib.request(url, {
      method: 'POST',
      agent: isHttps ? agents.https : agents.http,
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    });
    // One deadline for connect + reply, as Midtrans' 15 s budget covers the whole exchange.
    const timer = setTimeout(() => {
      req.destroy(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('response', (res) => {
      let excerpt = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (excerpt.length < EXCERPT_CHARS) excerpt += chunk.slice(0, EXCERPT_CHARS - excerpt.length);
      });
      res.on('end', () => done({ status: res.statusCode ?? null, location: res.headers.location, excerpt }));
      res.on('error', (err) => done({ status: res.statusCode ?? null, excerpt, error: err.message }));
    });
    req.on('error', (err) => done({ status: null, excerpt: '', error: err.message }));
    req.end(body);
  });
}

/** POSTs `body` to `url`, following 307/308 redirects. Never throws. */
export async function postNotification(
  agents: DeliveryAgents,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    return { httpStatus: null, error: `invalid notification URL: ${url}`, replyExcerpt: '', redirects: 0 };
  }
  for (let redirects = 0; ; redirects++) {
    const r = await postOnce(agents, target, body, headers, timeoutMs);
    if ((r.status === 307 || r.status === 308) && r.location && redirects < MAX_REDIRECTS) {
      try {
        target = new URL(r.location, target);
        continue;
      } catch {
        // An unparsable Location is reported as the redirect status itself.
      }
    }
    return { httpStatus: r.status, error: r.error, replyExcerpt: r.excerpt, redirects };
  }
}

/**
 * How many retries Midtrans makes after a reply (reference §8.5): 500 once,
 * 503 four times, 400/404 twice, 301-303 never, anything else or no reply five times.
 */
export function retriesAllowed(httpStatus: number | null): number {
  if (httpStatus === null) return 5;
  if (httpStatus >= 200 && httpStatus < 300) return 0;
  if (httpStatus === 500) return 1;
  if (httpStatus === 503) return 4;
  if (httpStatus === 400 || httpStatus === 404) return 2;
  if (httpStatus >= 301 && httpStatus <= 303) return 0;
  return 5;
}

/** Minutes after the previous failure at which retry 1..5 is sent (no jitter, for determinism). */
export const RETRY_SCHEDULE_MINUTES: readonly number[] = [2, 10, 30, 90, 210];
