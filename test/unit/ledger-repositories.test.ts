import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import {
  EventRepository,
  openLedger,
  PaymentRepository,
  RefundRepository,
  SalesQueries,
  type Database,
  type NewPaymentRow,
} from '../../electron/main/core/ledger';
import { tempLedger } from '../fixtures/fake-gateway';

const row = (over: Partial<NewPaymentRow> = {}): NewPaymentRow => ({
  id: 'P1', order_id: 'O1', gateway_order_id: 'KSR-20261126-AAAA', method: 'qris', api: 'snap_bi',
  external_id: 'KSR-20261126-AAAA', reference_no: null, status: 'creating', amount: 10000, refunded_amount: 0,
  action: null, va_number: null, expires_at: null, paid_at: null, last_source: 'charge',
  created_at: '2026-11-26T03:00:00.000Z', updated_at: '2026-11-26T03:00:00.000Z', gateway_env: 'emulator', ...over,
});

describe('ledger repositories', () => {
  let db: Database;
  let dir: string;
  let payments: PaymentRepository;
  beforeEach(() => {
    const t = tempLedger();
    dir = t.dir;
    db = openLedger(t.file);
    payments = new PaymentRepository(db);
    payments.insertOrder({ id: 'O1', total: 10000, created_at: '2026-11-26T03:00:00.000Z' }, [
      { sku: 'A', name: 'a', price: 4000, quantity: 1 },
      { sku: 'B', name: 'b', price: 3000, quantity: 2 },
    ]);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores items in line order and finds attempts by gateway order id or external id', () => {
    payments.insertPayment(row({ external_id: 'ext-uuid' }));
    expect(payments.items('O1').map((i) => [i.line, i.sku])).toEqual([[1, 'A'], [2, 'B']]);
    expect(payments.byGatewayId('KSR-20261126-AAAA')?.id).toBe('P1');
    expect(payments.byGatewayId('ext-uuid')?.id).toBe('P1');
    expect(payments.byGatewayId('nope')).toBeUndefined();
    // The webhook's id-only lookup finds the same attempts the same way.
    expect(['KSR-20261126-AAAA', 'ext-uuid', 'nope'].map((id) => payments.idByGatewayId(id))).toEqual(['P1', 'P1', undefined]);
    expect(payments.open().map((p) => p.id)).toEqual(['P1']);
  });

  it('fillMissing only fills nulls; writeState sets paid_at once', () => {
    payments.insertPayment(row({ reference_no: 'R1' }));
    expect(payments.fillMissing('P1', { referenceNo: 'R2', vaNumber: '123' })).toBe(true);
    expect(payments.byId('P1')).toMatchObject({ reference_no: 'R1', va_number: '123' });
    expect(payments.fillMissing('P1', { referenceNo: 'R3' })).toBe(false);
    const at1 = '2026-11-26T04:00:00.000Z';
    payments.writeState({ id: 'P1', status: 'settlement', refundedAmount: 0, source: 'poll', at: at1, markPaid: true });
    payments.writeState({ id: 'P1', status: 'partial_refund', refundedAmount: 10, source: 'manual', at: '2026-11-26T05:00:00.000Z', markPaid: false });
    expect(payments.byId('P1')).toMatchObject({ status: 'partial_refund', paid_at: at1, refunded_amount: 10 });
    expect(payments.open()).toEqual([]);
  });

  it('sales windows are half-open [from, to) on UTC strings', () => {
    payments.insertPayment(row({ status: 'settlement', paid_at: '2026-11-26T16:59:59.999Z' }));
    const events = new EventRepository(db);
    events.insert({ paymentId: 'P1', source: 'manual', from: 'settlement', to: 'partial_refund', applied: true, note: 'applied', refundedDelta: 500, raw: null, at: '2026-11-26T17:00:00.000Z' });
    const sales = new SalesQueries(db);
    const day1 = sales.totals('2026-11-25T17:00:00.000Z', '2026-11-26T17:00:00.000Z');
    const day2 = sales.totals('2026-11-26T17:00:00.000Z', '2026-11-27T17:00:00.000Z');
    expect([day1.paidTotal, day1.refundedTotal]).toEqual([10000, 0]);
    expect([day2.paidTotal, day2.refundedTotal]).toEqual([0, 500]);
  });

  it('refund requests are unique by key and listed while unresolved', () => {
    payments.insertPayment(row({ status: 'settlement' }));
    const refunds = new RefundRepository(db);
    const req = { payment_id: 'P1', refund_key: 'k1', amount: 100, refunded_before: 0, reason: null, at: '2026-11-26T05:00:00.000Z' };
    refunds.insert(req);
    expect(() => refunds.insert(req)).toThrow(/UNIQUE/);
    expect(refunds.unresolved('P1')).toHaveLength(1);
    refunds.setStatus('k1', 'succeeded', '2026-11-26T05:00:01.000Z');
    expect(refunds.unresolved('P1')).toHaveLength(0);
  });
});
