/**
 * The soak test's verdict: the ledger file compared with the emulator's own
 * record of every charge and refund. Pure (rows in, findings out), so each
 * kind of finding can be asserted empty on its own and reported with the seed.
 */
import type { PaymentRow, RefundRow } from '../../electron/main/core/ledger/rows';
import type { EmuTransaction } from './emulator-process';

/** Statuses in which the customer's money is (or was) with the merchant. */
const PAID_AT_GATEWAY = new Set(['settlement', 'capture', 'partial_refund', 'refund']);

/** Every way the ledger can disagree with the emulator, one list each (empty = none). */
export interface SoakFindings {
  /** A payment attempt with more than one transaction at the emulator. */
  doubledCharges: string[];
  /** One sale paid by more than one attempt. */
  ordersPaidTwice: string[];
  /** An emulator transaction no ledger payment knows. */
  unknownCharges: string[];
  /** A payment whose status / amount / refunded total differs from the emulator's (or stuck in creating). */
  stateMismatches: string[];
  /** A cash sale not settled, or one the gateway saw. */
  cashMismatches: string[];
  /** A refund key used twice at the emulator, refunds above the paid amount, or a refund the ledger never asked for. */
  doubledRefunds: string[];
  /** Refund rows still `requested` / `unknown`. */
  unresolvedRefunds: string[];
  /** Refund rows whose outcome contradicts the emulator (`succeeded` it never made, `failed` it made). */
  refundOutcomeMismatches: string[];
}

/** Compares every ledger payment and refund with the emulator's transactions. */
export function compareWithEmulator(payments: PaymentRow[], refunds: RefundRow[], txs: EmuTransaction[]): SoakFindings {
  const f: SoakFindings = {
    doubledCharges: [], ordersPaidTwice: [], unknownCharges: [], stateMismatches: [], cashMismatches: [],
    doubledRefunds: [], unresolvedRefunds: [], refundOutcomeMismatches: [],
  };
  const txsByOrder = new Map<string, EmuTransaction[]>();
  for (const t of txs) txsByOrder.set(t.orderId, [...(txsByOrder.get(t.orderId) ?? []), t]);
  const known = new Set(payments.map((p) => p.gateway_order_id));
  for (const t of txs) if (!known.has(t.orderId)) f.unknownCharges.push(`${t.orderId} (${t.paymentType}, ${t.status})`);

  const paidAttempts = new Map<string, string[]>();
  const emuRefundKeys = new Map<string, { paymentId: string; amount: number }>();
  for (const p of payments) {
    const found = txsByOrder.get(p.gateway_order_id) ?? [];
    const label = `${p.id} ${p.method}/${p.api} ${p.gateway_order_id}`;
    if (p.method === 'cash' || p.api === 'none') {
      if (p.status !== 'settlement' || found.length > 0) f.cashMismatches.push(`${label}: ${p.status}, ${found.length} gateway charges`);
      continue;
    }
    if (found.length > 1) f.doubledCharges.push(`${label}: ${found.length} transactions (${found.map((t) => t.status).join(', ')})`);
    if (p.status === 'creating') f.stateMismatches.push(`${label}: stuck in creating`);
    const tx = found[0];
    if (!tx) {
      if (p.status !== 'failed_to_create') f.stateMismatches.push(`${label}: ledger ${p.status}, the emulator never saw it`);
      continue;
    }
    const refunded = tx.refunds.reduce((s, r) => s + r.amount, 0);
    const ledger = { status: p.status, amount: p.amount, refunded: p.refunded_amount };
    const truth = { status: tx.status, amount: tx.grossAmount, refunded };
    if (JSON.stringify(ledger) !== JSON.stringify(truth)) {
      f.stateMismatches.push(`${label}: ledger ${JSON.stringify(ledger)} vs emulator ${JSON.stringify(truth)}`);
    }
    if (PAID_AT_GATEWAY.has(tx.status)) paidAttempts.set(p.order_id, [...(paidAttempts.get(p.order_id) ?? []), p.id]);

    const keys = new Set<string>();
    for (const r of tx.refunds) {
      if (keys.has(r.refundKey)) f.doubledRefunds.push(`${label}: refund key ${r.refundKey} applied twice`);
      keys.add(r.refundKey);
      emuRefundKeys.set(r.refundKey, { paymentId: p.id, amount: r.amount });
    }
    if (refunded > tx.grossAmount) f.doubledRefunds.push(`${label}: refunded ${refunded} of ${tx.grossAmount}`);
  }
  for (const [orderId, ids] of paidAttempts) {
    if (ids.length > 1) f.ordersPaidTwice.push(`order ${orderId}: paid by ${ids.join(', ')}`);
  }

  const ledgerKeys = new Map(refunds.map((r) => [r.refund_key, r]));
  for (const [key, at] of emuRefundKeys) {
    const row = ledgerKeys.get(key);
    if (!row) f.doubledRefunds.push(`payment ${at.paymentId}: emulator refund ${key} (${at.amount}) has no ledger refund request`);
    else if (row.payment_id !== at.paymentId || row.amount !== at.amount) {
      f.doubledRefunds.push(`refund ${key}: ledger ${row.payment_id}/${row.amount}, emulator ${at.paymentId}/${at.amount}`);
    }
  }
  for (const r of refunds) {
    const label = `refund ${r.refund_key} of ${r.payment_id} (${r.amount})`;
    if (r.status === 'requested' || r.status === 'unknown') f.unresolvedRefunds.push(`${label}: ${r.status}`);
    const made = emuRefundKeys.has(r.refund_key);
    if (r.status === 'succeeded' && !made) f.refundOutcomeMismatches.push(`${label}: succeeded, the emulator has no such refund`);
    if (r.status === 'failed' && made) f.refundOutcomeMismatches.push(`${label}: failed, the emulator made it`);
  }
  return f;
}
