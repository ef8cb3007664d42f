/** Request-body helpers for JSON front ends (Core API, simulator). */
import type { EmuRequest, EmuResponse } from '../types';
import { apiError } from './errors';

/** A parsed JSON body, or the Midtrans-shaped error to send instead. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; response: EmuResponse };

/**
 * Parses the body as JSON. Empty bodies and the literal `null` both yield null
 * (PHP sends nothing, the Node client sends `null`, Python `{}` on action
 * calls). A non-empty body must be declared `application/json`; a body that
 * does not parse gets Midtrans' 413 code ("malformed syntax") over HTTP 400.
 */
export function parseJsonBody(req: EmuRequest): JsonBody {
  const text = req.raw.toString('utf8');
  // A test, not trim(): no copy of every body just to see whether it is blank.
  if (!/\S/.test(text)) return { ok: true, value: null };
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json') && !type.startsWith('text/json')) {
    return {
      ok: false,
      response: apiError(req.path, 400, `Content-Type must be application/json (got "${type || 'none'}")`),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return {
      ok: false,
      response: apiError(
        req.path,
        400,
        `The request cannot be processed due to malformed syntax in the request body: ${(err as Error).message}`,
        413,
      ),
    };
  }
}

/** Narrows to a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
