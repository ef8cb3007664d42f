/**
 * SNAP-BI notification freshness and delivery identity.
 *
 * A SNAP-BI notification names itself with `X-EXTERNAL-ID` and is signed
 * over its body and `X-TIMESTAMP`. Kasir applies a freshness window to the
 * timestamp **on first sight only**: a delivery already recorded (same
 * X-EXTERNAL-ID, same body) is answered 200 and not processed again whatever
 * its age — Midtrans retries may repeat the first attempt byte for byte or be
 * re-signed (unconfirmed which), and both must be answered — while a delivery
 * never seen before whose X-TIMESTAMP lies more than the window away from the
 * gateway's time is refused: an old capture sent again, or a retry too late
 * to tell from one.
 *
 * The window is ±5 minutes of the gateway's time as the till knows it (the
 * till clock corrected by the measured offset to Midtrans; a timestamp ahead
 * counts as much as one behind). A genuine notification first seen after
 * the window (the till was unreachable through its first attempts, retried
 * verbatim at +12 min or later) is refused and not lost: a re-signed retry
 * is fresh again, and polling confirms every payment by itself.
 */
import { createHash } from 'node:crypto';
import { gatewayTimeToIsoUtc } from '../gateway/time';

/** Default half-width of the window. */
export const SNAP_TIMESTAMP_WINDOW_MS = 5 * 60_000;

/** Where "now" is for the window. */
export interface FreshnessWindow {
  /** The gateway's current time in ms as the till knows it (till clock + measured offset). */
  gatewayNow(): number;
  /** Half-width in ms (default SNAP_TIMESTAMP_WINDOW_MS). */
  windowMs?: number;
}

/** True when `timestamp` (ISO-8601 with an offset, as SNAP-BI sends it) is inside the window. Unreadable → false. */
export function isFresh(timestamp: string, window: FreshnessWindow): boolean {
  const iso = gatewayTimeToIsoUtc(timestamp);
  if (iso === null) return false;
  const width = window.windowMs ?? SNAP_TIMESTAMP_WINDOW_MS;
  return Math.abs(Date.parse(iso) - window.gatewayNow()) <= width;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * A delivery's key: SHA-256 over X-EXTERNAL-ID and the body's hash. The body
 * is hashed in compact form (`JSON.stringify` of the parsed value) when it
 * is JSON, so whitespace or a repeated key — which the signature check
 * tolerates — cannot dress up a replay as a new delivery.
 */
export function deliveryKey(externalId: string | undefined, body: unknown): string {
  let canonical: string;
  try {
    canonical = JSON.stringify(body) ?? '';
  } catch {
    canonical = '';
  }
  return sha256(`${(externalId ?? '').trim().slice(0, 128)}\n${sha256(canonical)}`);
}
