/**
 * Midtrans-shaped error bodies for failures the server detects before a route
 * handler runs (oversize, unknown path, faults, crashes). Core API paths get
 * `{status_code, status_message}`; SNAP-BI paths (`/v1.0/...`) get
 * `{responseCode, responseMessage}` with service code 00.
 */
import type { EmuResponse } from '../types';

/** An error response in the shape of the API the path belongs to. */
export function apiError(path: string, httpStatus: number, message: string, bodyCode = httpStatus): EmuResponse {
  if (httpStatus === 429 && !path.startsWith('/v1.0/')) {
    // Midtrans' rate-limit body has no status_code (reference §2).
    return { status: 429, body: { message: 'API rate limit exceeded' } };
  }
  if (path.startsWith('/v1.0/')) {
    return { status: httpStatus, body: { responseCode: `${bodyCode}0000`, responseMessage: message } };
  }
  if (path.startsWith('/simulator')) {
    return { status: httpStatus, body: { ok: false, error: message } };
  }
  return { status: httpStatus, body: { status_code: String(bodyCode), status_message: message } };
}
