import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canTransition,
  isPaid,
  isTerminal,
  PAYMENT_STATUSES,
  UPDATE_SOURCES,
  type PaymentStatus,
  type UpdateSource,
} from '../../shared/domain/payment';
import { EventRepository } from '../../electron/main/core/ledger';
import { decide } from '../../electron/main/core/payments/payment-state';
import type { GatewayTransaction } from '../../electron/main/core/gateway/types';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

type GwStatus = GatewayTransaction['status'];
const GW_STATUSES = PAYMENT_STATUSES.filter((s): s is GwStatus => s !== 'creating' && s !== 'failed_to_create');
const FAILED: PaymentStatus[] = ['expire', 'cancel', 'deny', 'failure', 'failed_to_create'];
const AMOUNT = 100_000;

const update = fc.record({
  status: fc.constantFrom(...GW_STATUSES),
  refunded: fc.integer({ min: 0, max: AMOUNT }),
  wrongAmount: fc.boolean(),
  source: fc.constantFrom<UpdateSource>(...UPDATE_SOURCES.filter((s) => s !== 'manual')),
});


/** Property runs write a real ledger per case: bounded by runs, not by the 5 s default meant for single cases (a busy 2-core CI box needs more). */
const PROPERTY_TIMEOUT_MS = 60_000;
describe('state machine (property)', () => {
  let h: Harness;
  beforeAll(() => {
    h = makeHarness();
  });
  afterAll(() => h.close());

  it('random update sequences never regress, never double-count refunds, and the ledger equals the last legal state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(update, { minLength: 1, maxLength: 25 }), async (updates) => {
        const p = await h.service.create({ items: [{ sku: 'S', name: 'n', price: AMOUNT, quantity: 1 }], method: 'qris' });
        const base = h.gateway.tx(p.orderId)!;
        const seen: PaymentStatus[] = ['pending'];
        let refunded = 0;
        let final = false;
        for (const u of updates) {
          const before = h.service.get(p.id);
          const tx: GatewayTransaction = {
            ...base, status: u.status, refundedAmount: u.refunded, amount: u.wrongAmount ? AMOUNT - 1 : AMOUNT,
          };
          const out = h.service.applyGatewayState(p.id, tx, u.source, { u });
          const after = out.view;
          // Applied iff the status or refunded amount moved, and only along legal edges.
          if (out.applied) {
            expect(
              canTransition(before.status, after.status) ||
                (before.status === 'partial_refund' && after.status === 'partial_refund'),
            ).toBe(true);
            seen.push(after.status);
          } else {
            expect(after.status).toBe(before.status);
            expect(after.refundedAmount).toBe(before.refundedAmount);
          }
          // Final states never regress; paid never goes back to unpaid.
          if (final) expect(after.status).toBe(before.status);
          const wasPaid = isPaid(before.status) || before.status.includes('refund');
          const voided = before.status === 'capture' && after.status === 'cancel'; // card void is legal
          const reversed = before.status === 'settlement' && after.status === 'deny'; // cstore/VA reversal
          if (wasPaid && !voided && !reversed) expect(isPaid(after.status) || after.status.includes('refund')).toBe(true);
          if (isPaid(after.status) && u.wrongAmount && out.applied) expect(isPaid(before.status)).toBe(true);
          final = final || isTerminal(after.status);
          // Refunds only grow, never past the amount.
          expect(after.refundedAmount).toBeGreaterThanOrEqual(refunded);
          expect(after.refundedAmount).toBeLessThanOrEqual(AMOUNT);
          if (after.status === 'refund') expect(after.refundedAmount).toBe(AMOUNT);
          refunded = after.refundedAmount;
        }
        const events = new EventRepository(h.db).forPayment(p.id);
        const applied = events.filter((e) => e.applied === 1);
        const view = h.service.get(p.id);
        expect(applied.at(-1)!.to_status).toBe(view.status);
        expect(applied.map((e) => e.to_status)).toEqual(seen);
        expect(applied.reduce((s, e) => s + e.refunded_delta, 0)).toBe(view.refundedAmount);
        expect(events.filter((e) => e.applied === 0).every((e) => e.refunded_delta === 0)).toBe(true);
        if (FAILED.includes(view.status) || view.status === 'pending') expect(view.refundedAmount).toBe(0);
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('duplicate delivery of every update leaves the same ledger as single delivery', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(update, { minLength: 1, maxLength: 15 }), async (updates) => {
        const make = () => h.service.create({ items: [{ sku: 'S', name: 'n', price: AMOUNT, quantity: 1 }], method: 'qris' });
        const once = await make();
        const twice = await make();
        for (const u of updates) {
          const tx = (orderId: string): GatewayTransaction => ({
            ...h.gateway.tx(orderId)!, status: u.status, refundedAmount: u.refunded,
          });
          h.service.applyGatewayState(once.id, tx(once.orderId), 'webhook');
          h.service.applyGatewayState(twice.id, tx(twice.orderId), 'webhook');
          const dup = h.service.applyGatewayState(twice.id, tx(twice.orderId), 'webhook');
          expect(dup.applied).toBe(false);
        }
        const a = h.service.get(once.id);
        const b = h.service.get(twice.id);
        expect([b.status, b.refundedAmount]).toEqual([a.status, a.refundedAmount]);
        const appliedCount = (id: string) => new EventRepository(h.db).forPayment(id).filter((e) => e.applied === 1).length;
        expect(appliedCount(twice.id)).toBe(appliedCount(once.id));
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('decide (pure)', () => {
  const row = fc.record({
    status: fc.constantFrom(...PAYMENT_STATUSES),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
    refunded_amount: fc.integer({ min: 0, max: 1_000_000 }),
  }).map((r) => ({ ...r, refunded_amount: Math.min(r.refunded_amount, r.amount) }));

  it('only legal edges apply; terminal states never move; deltas are non-negative', () => {
    fc.assert(
      fc.property(row, fc.constantFrom(...PAYMENT_STATUSES), fc.integer({ min: 0, max: 1_000_000 }), (r, to, ref) => {
        const d = decide(r, { status: to, refundedAmount: ref });
        if (isTerminal(r.status)) expect(d.apply).toBe(false);
        if (d.apply) {
          expect(canTransition(r.status, to)).toBe(true);
          expect(d.delta).toBeGreaterThanOrEqual(0);
          expect(d.refunded).toBeLessThanOrEqual(r.amount);
          expect(d.refunded).toBe(r.refunded_amount + d.delta);
        } else {
          expect(['duplicate', 'late', 'illegal', 'amount_mismatch']).toContain(d.note);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a paid answer with a different amount is never applied', () => {
    const d = decide({ status: 'pending', amount: 10000, refunded_amount: 0 }, { status: 'settlement', amount: 9999 });
    expect(d).toEqual({ apply: false, note: 'amount_mismatch' });
  });
});
