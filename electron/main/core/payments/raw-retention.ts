/**
 * The retention rule for raw gateway payloads (`payment_events.raw`); the
 * full rule, with when it applies, is in `../ledger/README.md` ("Raw payload
 * retention").
 *
 * - **While a payment can still change** its events keep what the gateway
 *   said, as `ledgerRaw` stores it: redacted (secret-looking keys), without
 *   image bytes (SNAP-BI `qrImage`, any `data:image/…` or base64 PNG/JPEG/GIF
 *   value) and without what the ledger holds or can derive anyway: the QR
 *   string (`qrContent` / `qr_string` = `payments.action`) and the links that
 *   only draw it (`qrUrl`, Core API `actions`, built from the transaction id).
 * - **Once it cannot**, each event's raw becomes `settledRaw(raw)`: a flat
 *   object `{"settled":1, "<path>": leaf, …}` of the leaves whose key is in
 *   `SETTLED_KEYS` (ids, statuses and codes, amounts, times, payment type,
 *   issuer / acquirer, reference and VA numbers), in document order, paths
 *   as keys joined by `.` with `[i]` for array items (`amount.value`,
 *   `refunds[0].refund_key`: `json_tree`'s `fullkey` without `$.` and quotes).
 *   The ledger compacts in SQL (`ledger/raw-compaction.ts`, and the migration
 *   step that slims old ledgers) with the same key list; `raw-retention.test.ts`
 *   keeps the two in step.
 */
import { redact } from '../logger';
import { SETTLED_KEYS } from '../ledger/raw-compaction';

/** Keys whose value is image bytes. */
const IMAGE_KEYS = new Set(['qrImage', 'qr_image', 'qrImageBase64', 'qrCodeImage']);
/** Keys whose value the ledger holds elsewhere or derives (the QR string is `payments.action`; links are built from ids). */
const DERIVED_KEYS = new Set(['qrContent', 'qr_string', 'qrUrl', 'actions']);

/** A data URL or a base64 PNG / JPEG / GIF: never stored. */
export function isImageText(v: string): boolean {
  if (v.startsWith('data:image')) return true;
  return v.length >= 64 && /^(iVBORw0KGgo|\/9j\/|R0lGOD)/.test(v);
}

/** Removes image bytes and derived values (recursively) from an already-redacted value; bigints become their digits. */
function slim(value: unknown): unknown {
  if (typeof value === 'string') return isImageText(value) ? '[image omitted]' : value;
  // Here rather than in a JSON.stringify replacer: a replacer is called for every value of every
  // stored payload (one per webhook notification on the 200's path), and slim visits them all anyway.
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(slim);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (IMAGE_KEYS.has(k) || DERIVED_KEYS.has(k)) continue;
    out[k] = slim(v);
  }
  return out;
}

/**
 * The text stored in `payment_events.raw` for a gateway answer or a
 * notification: redacted JSON without image bytes or derived values, or null
 * (never throws).
 */
export function ledgerRaw(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  try {
    const text = JSON.stringify(slim(redact(raw)));
    return text === undefined ? null : text;
  } catch {
    return JSON.stringify({ unserializable: true });
  }
}


export { SETTLED_KEYS };

const KEEP = new Set(SETTLED_KEYS);

/** Appends `path → leaf` for every kept leaf under `value`, in document order. */
function collect(value: unknown, path: string, key: string | null, out: Record<string, unknown>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, `${path}[${i}]`, null, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      collect(v, path === '' ? k : `${path}.${k}`, k, out);
    }
  } else if (key !== null && KEEP.has(key) && value !== null) {
    out[path] = value;
  }
}

/**
 * The projection of a stored raw text kept once the payment can no longer
 * change: the audit leaves only, flat, marked `"settled":1`. Idempotent; a
 * text that is not a JSON object is returned as is.
 */
export function settledRaw(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
  if ((parsed as Record<string, unknown>).settled === 1) return text;
  const out: Record<string, unknown> = { settled: 1 };
  collect(parsed, '', null, out);
  return JSON.stringify(out);
}
