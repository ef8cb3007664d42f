/**
 * Network and gateway faults under the whole engine, injected by the
 * emulator: 5xx, 429, connection resets and hangs past the (shortened)
 * client timeout — before and after Midtrans processed the request — on the
 * charge, on status polls and on the webhook's confirming status call. In
 * every case exactly one charge exists at the emulator (retries reuse the
 * idempotency key / X-EXTERNAL-ID; an unknown outcome is settled by the
 * status API), the payment still reaches "paid" when the customer pays, and
 * the ledger ends equal to the emulator's truth.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFaultInput } from '../../emulator/src/faults/faults';
import { createLogger } from '../../electron/main/core/logger';
import type { PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import {
  cart,
  customerPays,
  emulatorTxs,
  eventsOf,
  expectLedgerMatchesEmulator,
  ledgerReaches,
  notificationsOf,
  paymentRow,
  pollUntil,
  quiesce,
} from '../fixtures/engine-truth';
import { rejection } from '../fixtures/failure';

type Method = Extract<PaymentMethod, 'qris' | 'gopay' | 'va_bca' | 'indomaret'>;
const METHODS: Method[] = ['qris', 'gopay', 'va_bca', 'indomaret'];
/** An exact-path matcher in the emulator's `/regex/` form. */
const rx = (path: string): string => `/^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/`;
const CHARGE_PATH: Record<Method, string> = {
  qris: rx('/v1.0/qr/qr-mpm-generate'),
  gopay: rx('/v1.0/debit/payment-host-to-host'),
  va_bca: rx('/v1.0/transfer-va/create-va'),
  indomaret: rx('/v2/charge'),
};
const STATUS_PATH: Record<Method, string> = {
  qris: rx('/v1.0/qr/qr-mpm-query'),
  gopay: rx('/v1.0/debit/status'),
  va_bca: rx('/v1.0/transfer-va/status'),
  indomaret: '/^\\/v2\\/[^/]+\\/status$/',
};
/** Client timeouts short enough that a hung emulator costs a test well under a second. */
const TIMEOUTS = { connectMs: 2_000, responseMs: 400 };
const HANG = 2_000;

type Fault = Omit<ApiFaultInput, 'match' | 'kind'>;
const fault = (h: EngineHarness, path: string, rule: Fault, orderId?: string) =>
  h.emulator.faults.add({ kind: 'api', match: { path, ...(orderId ? { orderId } : {}) }, ...rule });
/** What identifies a charge in its status request: Core asks by transaction id (in the path), SNAP-BI by order id (in the body). */
const statusKey = (h: EngineHarness, method: Method, orderId: string): string =>
  method === 'indomaret' ? h.emulator.store.find(orderId)!.transactionId : orderId;
const hits = (h: EngineHarness): number => h.emulator.faults.list().reduce((n, f) => n + f.hits, 0);
const newest = (h: EngineHarness): string => h.payments.list(1)[0]!.id;

/** Engine log lines, to see how each injected fault reached the gateway client. */
const lines: string[] = [];
const logger = createLogger('test', { level: 'warn', sink: (l) => void lines.push(l) });
/** How the retried failures looked to the client: an HTTP status, or a transport code (no answer at all). */
function retriedFailures(): string[] {
  const out = lines
    .map((l) => JSON.parse(l) as { msg: string; httpStatus?: number; transportCode?: string })
    .filter((l) => l.msg === 'gateway call failed, retrying')
    .map((l) => (l.httpStatus !== undefined ? `http ${l.httpStatus}` : `transport ${l.transportCode}`));
  lines.length = 0;
  return out;
}
/** What a client must have seen for a rule: its HTTP status, or no answer at all (reset / timeout). */
const seenAs = (rule: Fault): RegExp =>
  rule.action === 'status' ? new RegExp(`^http ${rule.status}$`) : rule.action === 'reset' ? /^transport (ECONNRESET|UNKNOWN)$/ : /^transport ETIMEDOUT:/;


/** The customer pays; the payment settles by webhook; the ledger equals the emulator's one charge. */
async function paysAndSettles(h: EngineHarness, id: string): Promise<void> {
  await customerPays(h, h.payments.get(id));
  await ledgerReaches(h, id, 'settlement');
  await quiesce(h);
  expectLedgerMatchesEmulator(h, id, 'webhook');
}

describe('faults on the charge (listener on)', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngine({ gatewayTimeouts: TIMEOUTS, logger });
  });
  afterEach(() => h.emulator.faults.clear());
  afterAll(async () => h?.close());

  describe.each(METHODS)('%s', (method) => {
    it.each([
      ['503 after processing, twice', { action: 'status', status: 503, when: 'after', times: 2 }],
      ['429 rate limit', { action: 'status', status: 429, when: 'before', times: 1 }],
      ['connection reset before processing', { action: 'reset', when: 'before', times: 1 }],
      ['connection reset after processing', { action: 'reset', when: 'after', times: 1 }],
      ['hang past the client timeout before processing', { action: 'hang', ms: HANG, when: 'before', times: 1 }],
      ['hang past the client timeout after processing', { action: 'hang', ms: HANG, when: 'after', times: 1 }],
      ['502 after processing on every attempt: outcome unknown, the status API finds it', { action: 'status', status: 502, when: 'after', times: 4 }],
    ] as [string, Fault][])('%s → one charge, pending, then paid', async (_label, rule) => {
      fault(h, CHARGE_PATH[method], rule);
      retriedFailures();
      const p = await h.payments.create({ items: cart(21_000), method });
      expect(p.status).toBe('pending');
      expect(p.action).not.toBeNull(); // even when the answer was lost, the customer can pay at once
      expect(hits(h)).toBe(rule.times);
      const seen = retriedFailures();
      expect(seen).toHaveLength(Math.min(rule.times ?? 1, 3));
      for (const f of seen) expect(f).toMatch(seenAs(rule));
      await quiesce(h);
      expectLedgerMatchesEmulator(h, p.id);
      await paysAndSettles(h, p.id);
    });

    it('refused before processing on every attempt → failed_to_create, no charge; charging again makes exactly one', async () => {
      fault(h, CHARGE_PATH[method], { action: 'status', status: 503, when: 'before', times: 4 });
      const e = await rejection(h.payments.create({ items: cart(22_000), method }));
      expect(e.code).toBe('GATEWAY_UNAVAILABLE');
      const failed = paymentRow(h, newest(h));
      expect(failed.status).toBe('failed_to_create');
      expect(emulatorTxs(h, failed.gateway_order_id)).toEqual([]);
      expect(eventsOf(h, failed.id).map((x) => x.note)).toEqual(['charge_error', 'applied']);

      const again = await h.payments.chargeAgain(failed.order_id, method);
      expect(again.status).toBe('pending');
      expect(paymentRow(h, again.id).order_id).toBe(failed.order_id);
      await quiesce(h);
      await paysAndSettles(h, again.id);
      expect(emulatorTxs(h, failed.gateway_order_id)).toEqual([]);
    });
  });

  it.each(['qris', 'indomaret'] as const)(
    '%s: charge and status both down → left `creating` and recovering; adopted by polling once Midtrans is back',
    async (method) => {
      fault(h, CHARGE_PATH[method], { action: 'status', status: 503, when: 'after', times: 4 });
      fault(h, STATUS_PATH[method], { action: 'status', status: 503 });
      const e = await rejection(h.payments.create({ items: cart(23_000), method }));
      expect(e.code).toBe('GATEWAY_UNAVAILABLE');
      expect(e.message).toMatch(/may exist/);
      const id = newest(h);
      const row = paymentRow(h, id);
      expect(row.status).toBe('creating');
      expect(h.payments.isRecovering(row.order_id)).toBe(true);
      expect((await rejection(h.payments.chargeAgain(row.order_id, method))).code).toBe('CONFLICT');
      expect(emulatorTxs(h, row.gateway_order_id)).toHaveLength(1);

      await quiesce(h);
      h.emulator.faults.clear();
      await pollUntil(h, id, 'pending');
      expect(h.payments.isRecovering(row.order_id)).toBe(false);
      expectLedgerMatchesEmulator(h, id);
      expect(['recovery', 'webhook']).toContain(paymentRow(h, id).last_source);
      await paysAndSettles(h, id);
    },
  );
});

describe('faults on status (listener blocked: polling only)', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngine({ listener: false, gatewayTimeouts: TIMEOUTS, logger });
  });
  afterEach(() => h.emulator.faults.clear());
  afterAll(async () => h?.close());

  describe.each(METHODS)('%s', (method) => {
    it.each([
      ['500 on a whole poll (every retry)', { action: 'status', status: 500, times: 4 }],
      ['429 on a whole poll', { action: 'status', status: 429, times: 4 }],
      ['connection resets on a whole poll', { action: 'reset', times: 4 }],
      ['hangs past the client timeout, twice', { action: 'hang', ms: HANG, times: 2 }],
    ] as [string, Fault][])('%s → a later poll settles it; one charge', async (_label, rule) => {
      const p = await h.payments.create({ items: cart(24_000), method });
      await customerPays(h, p);
      fault(h, STATUS_PATH[method], rule, statusKey(h, method, p.orderId));
      retriedFailures();
      await pollUntil(h, p.id, 'settlement');
      expect(hits(h)).toBe(rule.times);
      const seen = retriedFailures();
      expect(seen.length).toBeGreaterThanOrEqual(Math.min(rule.times ?? 1, 3));
      for (const f of seen) expect(f).toMatch(seenAs(rule));
      expect(h.tracking.statusCalls(p.id)).toBeGreaterThanOrEqual(rule.times === 4 ? 2 : 1);
      expectLedgerMatchesEmulator(h, p.id, 'poll');
      expect(eventsOf(h, p.id).filter((x) => x.applied === 1).map((x) => [x.source, x.to_status])).toEqual([
        ['charge', 'pending'],
        ['poll', 'settlement'],
      ]);
    });
  });
});

describe('the webhook’s confirming status call fails (listener on)', () => {
  it.each(['qris', 'indomaret'] as const)('%s: the notification is kept, polling confirms it', async (method) => {
    const h = await startEngine({ gatewayTimeouts: TIMEOUTS });
    try {
      const p = await h.payments.create({ items: cart(26_000), method });
      await quiesce(h);
      fault(h, STATUS_PATH[method], { action: 'status', status: 503 }, statusKey(h, method, p.orderId));
      await customerPays(h, p);
      await expect.poll(() => notificationsOf(h, p.id).some((n) => n.claimed_status === 'settlement'), { interval: 20 }).toBe(true);
      await quiesce(h);
      expect(h.payments.get(p.id).status).toBe('pending');

      h.emulator.faults.clear();
      await pollUntil(h, p.id, 'settlement');
      expectLedgerMatchesEmulator(h, p.id, 'poll');
    } finally {
      await h.close();
    }
  });
});
