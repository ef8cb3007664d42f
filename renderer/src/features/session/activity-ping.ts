/** The activity ping's throttle rule (pure, so it is unit-tested in plain Node). */

/** At most one ping per 30 s: idle times are whole minutes, so this is always fresh enough. */
export const PING_EVERY_MS = 30_000;

/** True when a ping is due: never sent, or the last one is at least PING_EVERY_MS old. */
export function pingDue(lastPingAt: number | null, now: number): boolean {
  return lastPingAt === null || now - lastPingAt >= PING_EVERY_MS;
}
