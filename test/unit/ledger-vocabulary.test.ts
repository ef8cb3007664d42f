/**
 * Since v4 the schema only checks the shape of vocabulary columns; which
 * methods, statuses, sources, APIs, environments and refund statuses exist is
 * checked by the repositories, on every write and every read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EventRepository,
  LedgerValueError,
  PaymentRepository,
  RefundRepository,
  SNAP_BI_ORDER_ID_MAX,
  openLedger,
  type Database,
  type NewPaymentRow,
} from '../../electron/main/core/ledger';
import type { PaymentStatus } from '../../shared/domain/payment';

const AT = '2027-01-04T03:00:00.000Z';
const intent = (over: Partial<Record<keyof NewPaymentRow, unknown>> = {}): NewPaymentRow =>
  ({
    id: 'P1', order_id: 'O1', gateway_order_id: 'KSR-20270104-AAAA', method: 'qris', api: 'snap_bi',
    external_id: 'KSR-20270104-AAAA', reference_no: null, status: 'creating', amount: 10_000, refunded_amount: 0,
    action: null, va_number: null, expires_at: null, paid_at: null, last_source: 'charge', created_at: AT, updated_at: AT,
    gateway_env: 'emulator', ...over,
  }) as NewPaymentRow;

describe('ledger vocabulary', () => {
  let dir: string;
  let db: Database;
  let payments: PaymentRepository;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-vocab-'));
    db = openLedger(join(dir, 'kasir.sqlite'));
    payments = new PaymentRepository(db);
    payments.insertOrder({ id: 'O1', total: 10_000, created_at: AT }, [{ sku: 'A', name: 'A', price: 10_000, quantity: 1 }]);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (fn: () => unknown): LedgerValueError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof LedgerValueError) return e;
      throw e;
    }
    throw new Error('expected a LedgerValueError');
  };

  it.each([
    ['method', 'bitcoin'],
    ['status', 'paid'],
    ['last_source', 'carrier_pigeon'],
    ['api', 'snap'],
    ['gateway_env', 'staging'],
    ['gateway_env', null],
  ])('refuses a payment whose %s is %j, naming table, column and value', (column, value) => {
    const e = refusal(() => payments.insertPayment(intent({ [column]: value })));
    expect(e).toMatchObject({ code: 'LEDGER_VALUE', table: 'payments', column, value, direction: 'write' });
    expect(e.message).toContain(`payments.${column}`);
    expect(payments.byId('P1')).toBeUndefined();
  });

  it('refuses unknown statuses and sources in state changes, events and refunds', () => {
    payments.insertPayment(intent());
    const write = { id: 'P1', refundedAmount: 0, at: AT, markPaid: false };
    expect(() => payments.writeState({ ...write, status: 'paid' as PaymentStatus, source: 'poll' })).toThrow(LedgerValueError);
    expect(() => payments.writeState({ ...write, status: 'pending', source: 'fax' as 'poll' })).toThrow(LedgerValueError);
    const events = new EventRepository(db);
    const ev = { paymentId: 'P1', applied: false, note: 'late' as const, raw: null, at: AT };
    expect(() => events.insert({ ...ev, source: 'fax' as 'poll', from: 'creating', to: null })).toThrow(/payment_events\.source/);
    expect(() => events.insert({ ...ev, source: 'poll', from: 'creating', to: 'paid' as PaymentStatus })).toThrow(/payment_events\.to_status/);
    const refunds = new RefundRepository(db);
    refunds.insert({ payment_id: 'P1', refund_key: 'k1', amount: 100, refunded_before: 0, reason: null, at: AT });
    expect(() => refunds.setStatus('k1', 'lost' as 'failed', AT)).toThrow(/refunds\.status/);
    expect(refunds.forPayment('P1')).toMatchObject([{ status: 'requested', actor: 'till' }]);
  });

  it('a value it does not know on read is named, not passed on (a newer Kasir may have written it)', () => {
    payments.insertPayment(intent());
    db.prepare("UPDATE payments SET status = 'on_hold' WHERE id = 'P1'").run(); // shape-valid, unknown here
    const e = refusal(() => payments.byId('P1'));
    expect(e).toMatchObject({ table: 'payments', column: 'status', value: 'on_hold', direction: 'read' });
    expect(e.message).toMatch(/newer Kasir/);
  });

  it('records the environment and actor; rows from before v4 read back with gateway_env null', () => {
    payments.insertPayment(intent({ actor: 'staff-3' }));
    expect(payments.byId('P1')).toMatchObject({ gateway_env: 'emulator', actor: 'staff-3' });
    db.prepare("UPDATE payments SET gateway_env = NULL WHERE id = 'P1'").run();
    expect(payments.byId('P1')?.gateway_env).toBeNull();
  });

  it(`keeps SNAP-BI order ids within ${SNAP_BI_ORDER_ID_MAX} characters, Core API within 50 (the schema)`, () => {
    const long = (n: number) => `KSR-${'X'.repeat(n - 4)}`;
    expect(() => payments.insertPayment(intent({ gateway_order_id: long(37), external_id: long(36) }))).toThrow(/at most 36/);
    payments.insertPayment(intent({ id: 'P2', api: 'core_api', method: 'indomaret', gateway_order_id: long(50), external_id: 'e-2' }));
    expect(() =>
      payments.insertPayment(intent({ id: 'P3', api: 'core_api', method: 'indomaret', gateway_order_id: long(51), external_id: 'e-3' })),
    ).toThrow(/CHECK/);
  });
});
