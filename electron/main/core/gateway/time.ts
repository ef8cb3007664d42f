/**
 * Time formats Midtrans uses: SNAP-BI `X-TIMESTAMP` (ISO-8601, +07:00, second
 * precision) and Core API's "YYYY-MM-DD HH:MM:SS" wall time in WIB.
 */

const WIB_OFFSET_MS = 7 * 3600 * 1000;

/** `2026-11-26T10:00:00+07:00` for a clock reading (seconds precision, Asia/Jakarta has no DST). */
export function snapBiTimestamp(ms: number): string {
  return `${new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/**
 * Core API "2023-01-05 11:01:39" (WIB, GMT+7) → ISO UTC. Also accepts full ISO
 * strings with an offset (as SNAP-BI returns). Returns null when unparseable.
 */
export function gatewayTimeToIsoUtc(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const wall = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (wall) {
    const [, y, mo, d, h, mi, s] = wall.map(Number) as [number, number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) - WIB_OFFSET_MS;
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
