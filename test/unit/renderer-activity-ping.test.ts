import { describe, expect, it } from 'vitest';
import { PING_EVERY_MS, pingDue } from '../../renderer/src/features/session/activity-ping';

describe('activity ping throttle', () => {
  it('pings on the first tap, then at most once per PING_EVERY_MS', () => {
    expect(pingDue(null, 1_000)).toBe(true);
    expect(pingDue(1_000, 1_000 + PING_EVERY_MS - 1)).toBe(false);
    expect(pingDue(1_000, 1_000 + PING_EVERY_MS)).toBe(true);
  });

  it('pings well inside the shortest idle time the owner can set (1 minute)', () => {
    expect(PING_EVERY_MS).toBeLessThan(60_000);
  });
});
