/**
 * What happens at the shop during the soak, one seeded choice at a time: the
 * cashier's operations on a running till (charges of every gateway method,
 * cash, full and partial refunds, cancels, charging a failed sale again), the
 * customers' side at the emulator (paying, letting a charge expire, duplicated
 * notifications, replies lost after a refund or cancel was processed), time
 * passing on both clocks, and what customers do while the till is down.
 */
import {
  PAYMENT_METHOD_SPECS, PAYMENT_METHODS, REFUNDABLE_METHODS, apisFor, type GatewayApi, type PaymentMethod,
} from '../../shared/domain/payment-methods';
import type { CartItem } from '../../shared/contract/schemas';
import type { EmulatorProcess, EmuTransaction } from './emulator-process';
import type { Prng } from './prng';
import type { KillHook, SnapshotRow } from './till-child';
import type { TillProcess, TillReply } from './till-process';

/** Methods charged through Midtrans (everything but cash). */
export const GATEWAY_METHODS = PAYMENT_METHODS.filter((m) => m !== 'cash');

/** How one cycle's till dies. */
export type KillPlan = { kind: 'hook'; hook: KillHook } | { kind: 'timer'; afterMs: number } | { kind: 'after-op'; op: number };

/** Counters for the summary line. */
export class SoakStats {
  readonly ops = new Map<string, number>();
  readonly kills = new Map<string, number>();

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /** Records an op's outcome as `op:ok`, `op:<error code>` or `op:dead`. */
  op(name: string, r: TillReply | 'skipped' | 'dead' | number): void {
    const outcome = typeof r === 'string' ? r : typeof r === 'number' ? String(r) : r.ok ? 'ok' : 'dead' in r ? 'dead' : r.error.code;
    this.count(this.ops, `${name}:${outcome}`);
  }

  render(map: Map<string, number>): string {
    return [...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}=${n}`).join(' ');
  }
}

/** One routing table per till start (a restart may come with other settings): each method on one of its APIs. */
export function randomRouting(rng: Prng): Record<PaymentMethod, GatewayApi> {
  return Object.fromEntries(PAYMENT_METHODS.map((m) => [m, rng.pick(apisFor(m))])) as Record<PaymentMethod, GatewayApi>;
}

/** How this cycle's till will be killed. */
export function randomKillPlan(rng: Prng, maxOps: number): KillPlan {
  const phase = rng.pick(['before', 'after'] as const);
  switch (rng.weighted({ charge: 20, refund: 15, cancel: 8, status: 12, any: 10, notification: 15, timer: 15, afterOp: 5 })) {
    case 'charge':
      return { kind: 'hook', hook: { kind: 'gateway', call: 'charge', nth: rng.int(1, 3), phase } };
    case 'refund':
      return { kind: 'hook', hook: { kind: 'gateway', call: 'refund', nth: rng.int(1, 2), phase } };
    case 'cancel':
      return { kind: 'hook', hook: { kind: 'gateway', call: 'cancel', nth: 1, phase } };
    case 'status':
      return { kind: 'hook', hook: { kind: 'gateway', call: 'status', nth: rng.int(1, 6), phase } };
    case 'any':
      return { kind: 'hook', hook: { kind: 'gateway', call: 'any', nth: rng.int(1, 12), phase } };
    case 'notification':
      return { kind: 'hook', hook: { kind: 'notification', nth: rng.int(1, 3), phase } };
    case 'timer':
      return { kind: 'timer', afterMs: rng.int(0, 1_500) };
    case 'afterOp':
      return { kind: 'after-op', op: rng.int(1, maxOps) };
  }
}

/** A cart of 1..3 lines, at least Rp 10,000 (the smallest method minimum). */
function randomCart(rng: Prng): CartItem[] {
  return Array.from({ length: rng.int(1, 3) }, (_, i) => ({
    sku: `SKU${i}`, name: `Barang ${i}`, price: rng.int(20, 300) * 500, quantity: rng.int(1, 2),
  }));
}

/** The emulator path a lost reply is injected on for a refund or cancel of this payment. */
function lostReplyPath(row: SnapshotRow, action: 'refund' | 'cancel'): string {
  if (row.api === 'core_api') return action === 'refund' ? '/refund' : '/cancel';
  const family = PAYMENT_METHOD_SPECS[row.method].family;
  if (family === 'qris') return action === 'refund' ? '/v1.0/qr/qr-mpm-refund' : '/v1.0/qr/qr-mpm-cancel';
  if (family === 'ewallet') return action === 'refund' ? '/v1.0/debit/refund' : '/v1.0/debit/cancel';
  return '/v1.0/transfer-va/delete-va';
}

const pendingAtEmulator = async (emu: EmulatorProcess): Promise<EmuTransaction[]> =>
  (await emu.transactions()).filter((t) => t.status === 'pending');

/** Everything an op needs. */
export interface OpContext {
  emu: EmulatorProcess;
  till: TillProcess;
  rng: Prng;
  stats: SoakStats;
  /** Probability that a refund or cancel has its reply lost after the emulator processed it. */
  lostReplyRate: number;
}

async function snapshot(ctx: OpContext): Promise<SnapshotRow[] | null> {
  const r = await ctx.till.send({ op: 'snapshot' }, ctx.emu.now());
  return r.ok ? (r.value as SnapshotRow[]) : null;
}

/** One random operation against the running till or the emulator. */
export async function randomOp(ctx: OpContext): Promise<void> {
  const { emu, till, rng, stats } = ctx;
  const now = (): number => emu.now();
  const kind = rng.weighted({ charge: 26, cash: 4, pay: 16, expire: 3, refund: 16, cancel: 8, chargeAgain: 4, tick: 15, replay: 8 });
  switch (kind) {
    case 'charge':
      return stats.op(kind, await till.send({ op: 'charge', method: rng.pick(GATEWAY_METHODS), items: randomCart(rng) }, now()));
    case 'cash':
      return stats.op(kind, await till.send({ op: 'charge', method: 'cash', items: randomCart(rng) }, now()));
    case 'pay':
    case 'expire': {
      // A customer pays (or a charge runs out) while the till is up: a notification comes in.
      const pending = await pendingAtEmulator(emu);
      if (pending.length === 0) return stats.op(kind, 'skipped');
      return stats.op(kind, (await emu.post(kind, { order_id: rng.pick(pending).orderId })).status);
    }
    case 'refund': {
      const rows = (await snapshot(ctx))?.filter(
        (p) => REFUNDABLE_METHODS.includes(p.method) && ['settlement', 'partial_refund'].includes(p.status),
      );
      if (!rows || rows.length === 0) return stats.op(kind, 'skipped');
      const row = rng.pick(rows);
      const remaining = row.amount - row.refunded_amount;
      const rule = PAYMENT_METHOD_SPECS[row.method].refund;
      const partialOk = rule.viaGateway && rule.partial;
      const amount = partialOk && remaining >= 2 && rng.chance(0.5) ? rng.int(1, remaining - 1) : undefined;
      if (rng.chance(ctx.lostReplyRate)) await lostReply(emu, row, 'refund');
      return stats.op(amount === undefined ? 'refund-full' : 'refund-partial', await till.send({ op: 'refund', paymentId: row.id, amount }, now()));
    }
    case 'cancel': {
      const rows = (await snapshot(ctx))?.filter((p) => p.status === 'pending' && p.api !== 'none');
      if (!rows || rows.length === 0) return stats.op(kind, 'skipped');
      const row = rng.pick(rows);
      if (rng.chance(ctx.lostReplyRate)) await lostReply(emu, row, 'cancel');
      return stats.op(kind, await till.send({ op: 'cancel', paymentId: row.id }, now()));
    }
    case 'chargeAgain': {
      const rows = await snapshot(ctx);
      if (!rows) return stats.op(kind, 'dead');
      const open = new Set(rows.filter((p) => !['failed_to_create', 'expire', 'cancel', 'deny', 'failure'].includes(p.status)).map((p) => p.order_id));
      const orders = [...new Set(rows.map((p) => p.order_id))].filter((o) => !open.has(o));
      if (orders.length === 0) return stats.op(kind, 'skipped');
      return stats.op(kind, await till.send({ op: 'chargeAgain', orderId: rng.pick(orders), method: rng.pick(GATEWAY_METHODS) }, now()));
    }
    case 'tick':
      await emu.advance(rng.int(1, 90));
      return stats.op(kind, await till.send({ op: 'sync' }, now()));
    case 'replay': {
      // Midtrans sometimes sends a notification again: replay the newest one of a charge.
      const txs = await emu.transactions();
      if (txs.length === 0) return stats.op(kind, 'skipped');
      return stats.op(kind, (await emu.post('notifications/replay', { order_id: rng.pick(txs).orderId, times: rng.int(1, 3) })).status);
    }
  }
}

/** The emulator processes the next refund/cancel of this payment, then resets the connection. */
async function lostReply(emu: EmulatorProcess, row: SnapshotRow, action: 'refund' | 'cancel'): Promise<void> {
  const res = await emu.post('faults', {
    match: { orderId: row.gateway_order_id, path: lostReplyPath(row, action) }, action: 'reset', when: 'after', times: 1,
  });
  if (res.status !== 200) throw new Error(`fault rule refused: ${JSON.stringify(res.body)}`);
}

/** While the till is down: some customers pay, some charges are left to expire, time passes. */
export async function customersWhileDown(emu: EmulatorProcess, rng: Prng, stats: SoakStats): Promise<void> {
  const moveClock = async (): Promise<void> => {
    if (rng.chance(0.6)) await emu.advance(rng.int(0, 20 * 60));
  };
  const clockFirst = rng.chance(0.3);
  if (clockFirst) await moveClock();
  for (const tx of await pendingAtEmulator(emu)) {
    const r = rng.next();
    if (r < 0.35) stats.op('down-pay', (await emu.post('pay', { order_id: tx.orderId })).status);
    else if (r < 0.5) stats.op('down-expire', (await emu.post('expire', { order_id: tx.orderId })).status);
  }
  if (!clockFirst) await moveClock();
}

/** At the end every charge still open is paid or expires, so the final comparison covers final states. */
export async function customersFinish(emu: EmulatorProcess, rng: Prng, stats: SoakStats): Promise<void> {
  for (const tx of await pendingAtEmulator(emu)) {
    const action = rng.chance(0.5) ? 'pay' : 'expire';
    stats.op(`final-${action}`, (await emu.post(action, { order_id: tx.orderId })).status);
  }
}
