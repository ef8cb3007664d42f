/**
 * The simulator: stands in for Midtrans' sandbox simulators (pay a QR, a VA,
 * a bill) and its dashboard (refund a payment; a bank's reversal), and adds
 * test hooks: the test clock, the notification log and replays, fault rules
 * and settings (`hooks.ts`). JSON under `/simulator/api/*`, an HTML page at
 * `/simulator`. No authentication: it only ever listens on the loopback interface.
 */
import type { EmuContext, EmuRequest, EmuResponse, Route, Transaction, TxStatus } from '../types';
import type { FaultRegistry } from '../faults/faults';
import type { NotificationDispatcher } from '../notifications/dispatcher';
import type { TestClock } from '../clock';
import type { SettingsHolder } from '../settings';
import { isRecord, parseJsonBody } from '../server/body';
import { recordedItems, recordedSaleRef } from '../store/charge-record';
import { dashboardRefund, isRefusal, reversePayment } from './dashboard';
import { createHookRoutes } from './hooks';
import { findForSimulator } from './lookup';
import { renderCheckoutPage, renderSimulatorPage } from './page';

/** What the simulator needs beyond the shared context. */
export interface SimulatorDeps {
  ctx: EmuContext;
  clock: TestClock;
  dispatcher: NotificationDispatcher;
  faults: FaultRegistry;
  settings: SettingsHolder;
}

type SimAction = 'pay' | 'settle' | 'deny' | 'expire' | 'cancel';

/** Which status each action leads to, from which statuses. */
const ACTIONS: Record<SimAction, { to: TxStatus; from: TxStatus[] }> = {
  pay: { to: 'settlement', from: ['pending'] },
  settle: { to: 'settlement', from: ['pending', 'capture'] },
  // Any settled payment can be denied here; `reverse` is the checked form for VA / bill / store codes.
  deny: { to: 'deny', from: ['pending', 'settlement'] },
  expire: { to: 'expire', from: ['pending'] },
  cancel: { to: 'cancel', from: ['pending'] },
};

const json = (status: number, body: unknown): EmuResponse => ({ status, body });

/**
 * A transaction as the simulator API shows it: without the raw charge
 * request, but with what Midtrans keeps of it — `item_details` (Core API
 * items, or SNAP-BI `additionalInfo.items`) and `sale_ref` (the merchant's
 * reference: store/charge-record.ts).
 */
export function summarize(tx: Transaction): Record<string, unknown> {
  const { request: _request, ...rest } = tx;
  return {
    ...rest,
    createdAtIso: new Date(tx.createdAt).toISOString(),
    expiresAtIso: Number.isFinite(tx.expiresAt) ? new Date(tx.expiresAt).toISOString() : null,
    item_details: recordedItems(tx),
    sale_ref: recordedSaleRef(tx),
  };
}

/** Builds the `/simulator` routes. */
export function createSimulatorRoutes(deps: SimulatorDeps): Route[] {
  const { ctx, clock, dispatcher } = deps;

  /** Parses the body, finds the transaction it names, then runs `fn` on it. */
  const onTransaction =
    (fn: (tx: Transaction, body: Record<string, unknown>) => EmuResponse) =>
    (req: EmuRequest): EmuResponse => {
      const parsed = parseJsonBody(req);
      if (!parsed.ok) return parsed.response;
      const found = findForSimulator(ctx.store, parsed.value);
      if (found === 'no-selector') {
        return json(400, { ok: false, error: 'give one of order_id, transaction_id, qr_string, va_number' });
      }
      if (!found) return json(404, { ok: false, error: 'no such transaction' });
      return fn(found, isRecord(parsed.value) ? parsed.value : {});
    };

  const act = (action: SimAction) =>
    onTransaction((found, body) => {
      const rule = ACTIONS[action];
      if (!rule.from.includes(found.status)) {
        return json(409, { ok: false, error: `cannot ${action} a transaction in status ${found.status}` });
      }
      if (action === 'pay' && typeof body.issuer === 'string') found.issuer = body.issuer;
      ctx.store.transition(found, rule.to);
      return json(200, { ok: true, transaction: summarize(found) });
    });

  const reverse = onTransaction((tx) => {
    const refused = reversePayment(ctx, tx);
    return refused ? json(refused.status, { ok: false, error: refused.error }) : json(200, { ok: true, transaction: summarize(tx) });
  });

  const refund = onTransaction((tx, body) => {
    const done = dashboardRefund(ctx, tx, body);
    if (isRefusal(done)) return json(done.status, { ok: false, error: done.error });
    return json(200, { ok: true, refund: done, transaction: summarize(tx) });
  });

  return [
    // SNAP-BI debit redirects open `/simulator?order_id=...`: show that charge's checkout.
    { method: 'GET', pattern: '/simulator', handler: (req) => (req.query.get('order_id') ? checkout(req) : page()) },
    { method: 'GET', pattern: '/simulator/checkout/:id', handler: (req) => checkout(req) },
    ...(['pay', 'settle', 'deny', 'expire', 'cancel'] as const).map(
      (a): Route => ({ method: 'POST', pattern: `/simulator/api/${a}`, handler: act(a) }),
    ),
    { method: 'POST', pattern: '/simulator/api/reverse', handler: reverse },
    { method: 'POST', pattern: '/simulator/api/refund', handler: refund },
    {
      method: 'GET',
      pattern: '/simulator/api/transactions',
      handler: (req) => {
        const n = Number(req.query.get('limit') ?? 100);
        const limit = Number.isFinite(n) && n > 0 ? Math.floor(n) : 100;
        return json(200, { transactions: ctx.store.list(limit).map(summarize) });
      },
    },
    ...createHookRoutes(deps),
  ];

  function page(): EmuResponse {
    return {
      status: 200,
      body: null,
      rawBody: renderSimulatorPage({
        transactions: ctx.store.list(50),
        notifications: dispatcher.log().slice(-50).reverse(),
        clockIso: new Date(clock.now()).toISOString(),
        offsetSeconds: clock.offsetMs() / 1000,
      }),
    };
  }

  function checkout(req: EmuRequest): EmuResponse {
    const tx = ctx.store.find(req.params.id ?? req.query.get('order_id') ?? '');
    if (!tx) return { status: 404, body: null, rawBody: '<!doctype html><p>No such transaction.</p>' };
    return { status: 200, body: null, rawBody: renderCheckoutPage(tx, req.query.get('callback_url')) };
  }
}
