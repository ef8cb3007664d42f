/**
 * The safety net under every audit row's `details`: whatever a caller
 * passes, values under secret-looking keys (pin, recovery code, password,
 * keys and tokens…; booleans and null excepted) and anything that looks like
 * a stored hash are replaced before the JSON reaches the ledger. Callers
 * still describe secrets by their shape ("configured: true, ends in …1234"), never by value; this only
 * makes a mistake harmless. The JSON is capped so a runaway object cannot
 * bloat an append-only table.
 */

/** Words that mark a key as secret, matched per camelCase/snake_case/kebab-case word. */
const SECRET_WORDS = new Set([
  'pin', 'pins', 'recovery', 'passcode', 'password', 'secret', 'token', 'signature', 'authorization', 'hash',
  'serverkey', 'privatekey', 'clientsecret', 'key',
]);
/** Keys that end in "key" but name a setting, not a secret value. */
const NOT_SECRET = new Set(['key', 'labelkey', 'settingkey']);

/** Longest `details` JSON kept (characters). */
export const MAX_DETAILS_CHARS = 8000;

const REDACTED = '[redacted]';

/** Splits "newPin", "pin_hash", "server-key" into lower-case words, plus the whole key. */
function words(key: string): string[] {
  const parts = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  return [...parts, key.toLowerCase().replace(/[\s_.-]+/g, '')];
}

/** True if a details key may hold a secret value. */
export function isSecretKey(key: string): boolean {
  const whole = key.toLowerCase().replace(/[\s_.-]+/g, '');
  if (NOT_SECRET.has(whole)) return false;
  return words(key).some((w) => SECRET_WORDS.has(w));
}

const looksLikeHash = (v: string): boolean => /^\$(scrypt|argon2|2[aby])\$/.test(v);

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return looksLikeHash(value) ? REDACTED : value;
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
  }
  if (depth > 5) return '[truncated]';
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  // A yes/no under a secret-looking key ("newPinSet: true") says nothing secret; any other value goes.
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && typeof v !== 'boolean' && v !== null ? REDACTED : scrub(v, depth + 1);
  }
  return out;
}

/** `details` as stored: scrubbed, JSON, at most MAX_DETAILS_CHARS (else a marker object). */
export function detailsJson(details: Record<string, unknown> | undefined): string {
  const json = JSON.stringify(scrub(details ?? {}, 0) ?? {});
  if (json.length <= MAX_DETAILS_CHARS) return json;
  return JSON.stringify({ truncated: true, chars: json.length });
}
