/**
 * The CSV reads its joined texts an hour of the window per call
 * (`pieces` in day-export-repository.ts): the pieces must be consecutive and
 * cover the window exactly, whatever its ends, so every row is read once and
 * in order (reports-csv-bytes.test.ts checks the bytes).
 */
import { describe, expect, it } from 'vitest';
import { pieces } from '../../electron/main/core/ledger/day-export-repository';

describe('the CSV window in pieces', () => {
  const consecutive = (from: string, to: string) => {
    const ps = [...pieces(from, to)];
    expect(ps[0]!.from).toBe(from);
    expect(ps.at(-1)!.to).toBe(to);
    for (let i = 1; i < ps.length; i++) expect(ps[i]!.from).toBe(ps[i - 1]!.to);
    for (const p of ps) expect(p.from < p.to || ps.length === 1).toBe(true);
    return ps;
  };

  it('a shop day: 24 hours, or 23 on a day the clocks jump forward', () => {
    expect(consecutive('2026-11-29T17:00:00.000Z', '2026-11-30T17:00:00.000Z')).toHaveLength(24);
    expect(consecutive('2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z')).toHaveLength(23);
  });

  it('a window of part of an hour, an empty one and ends that are not times: one piece, the window itself', () => {
    expect(consecutive('2026-11-30T01:00:00.000Z', '2026-11-30T01:30:00.000Z')).toEqual([{ from: '2026-11-30T01:00:00.000Z', to: '2026-11-30T01:30:00.000Z' }]);
    expect([...pieces('2026-11-30T01:00:00.000Z', '2026-11-30T01:00:00.000Z')]).toEqual([{ from: '2026-11-30T01:00:00.000Z', to: '2026-11-30T01:00:00.000Z' }]);
    expect([...pieces('a', 'b')]).toEqual([{ from: 'a', to: 'b' }]);
  });

  it('ends off the hour or in another notation: the cuts still lie between them as text', () => {
    const ps = consecutive('2026-11-29T17:00:00Z', '2026-11-30T16:59:59.999Z');
    expect(ps.length).toBeGreaterThan(20);
  });
});
