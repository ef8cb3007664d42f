/**
 * `Idempotency-Key` (reference §6): Midtrans stores only successful responses
 * and replays them for the key's lifetime whatever the new body says; a repeat
 * while the first call is still running gets HTTP 202.
 */
import { createHash } from 'node:crypto';
import type { EmuContext, EmuRequest, EmuResponse, RouteHandler } from '../types';

/** Tunables (documented in emulator/README.md). */
export interface IdempotencyOptions {
  ttlSeconds: number;
  /** Longer keys are ignored, as the docs say. */
  maxKeyLength: number;
}

const isSuccess = (r: EmuResponse): boolean => {
  if (r.status !== 200) return false;
  const code = Number((r.body as { status_code?: unknown } | null)?.status_code);
  return Number.isFinite(code) && (code < 400 || code === 407);
};

/** Wraps a POST handler with Idempotency-Key replay. Keys are global across endpoints. */
export function withIdempotency(ctx: EmuContext, opts: IdempotencyOptions, handler: RouteHandler): RouteHandler {
  const inFlight = new Set<string>();
  return async (req: EmuRequest): Promise<EmuResponse> => {
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > opts.maxKeyLength) return handler(req);
    const storeKey = `core-idempotency:${key}`;
    const stored = ctx.replay.get(storeKey);
    if (stored) return stored.response;
    if (inFlight.has(storeKey)) {
      return {
        status: 202,
        body: { status_code: '202', status_message: 'A request with this Idempotency-Key is still being processed' },
      };
    }
    inFlight.add(storeKey);
    try {
      const response = await handler(req);
      if (isSuccess(response)) {
        const bodyHash = createHash('sha256').update(req.raw).digest('hex');
        ctx.replay.set(storeKey, { bodyHash, response }, opts.ttlSeconds);
      }
      return response;
    } finally {
      inFlight.delete(storeKey);
    }
  };
}
