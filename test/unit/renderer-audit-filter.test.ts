import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract/channels';
import { auditQuery, detailsText, EMPTY_AUDIT_FILTER } from '../../renderer/src/features/audit/audit-filter';

describe('the audit screen’s filter', () => {
  it('sends nothing for an empty filter', () => {
    expect(auditQuery(EMPTY_AUDIT_FILTER)).toEqual({});
  });

  it('sends the chosen fields, days as shop days, a backwards range turned round', () => {
    const query = auditQuery({ actor: 'STF-1', action: 'pin.', outcome: 'refused', from: '2026-11-27', to: '2026-11-20' });
    expect(query).toEqual({ actor: 'STF-1', action: 'pin.', outcome: 'refused', from: '2026-11-20', to: '2026-11-27' });
    expect(channels['audit.list'].input.safeParse({ ...query, limit: 50 }).success).toBe(true);
  });

  it('drops a half-typed date rather than sending it', () => {
    expect(auditQuery({ ...EMPTY_AUDIT_FILTER, from: '2026-11', to: '2026-11-27' })).toEqual({ to: '2026-11-27' });
  });

  it('shows details as one line', () => {
    expect(detailsText({ for: 'payments.refund', reason: 'pin_required' })).toBe('for: payments.refund · reason: pin_required');
    expect(detailsText({ before: { idle: 10 }, after: { idle: 5 }, rows: 3, none: null })).toBe(
      'before: {"idle":10} · after: {"idle":5} · rows: 3 · none: –',
    );
    expect(detailsText({})).toBe('');
  });
});
