/**
 * The simulator: stands in for Midtrans' sandbox simulators (pay a QR, a VA,
 * a bill) and adds test hooks: the test clock, the notification log and fault
 * rules. JSON under `/simulator/api/*`, an HTML page at `/simulator`.
 * No authentication: it only ever listens on the loopback interface.
 */
import type { EmuContext, EmuRequest, EmuResponse, Route, Transaction, TxStatus } from '../types';
import type { FaultRegistry } from '../faults/faults';
import type { NotificationDispatcher } from '../notifications/dispatcher';
import type { TestClock } from '../clock';
import { isRecord, parseJsonBody } from '../server/body';
import { findForSimulator } from './lookup';
import { renderCheckoutPage, renderSimulatorPage } from './page';

/** What the simulator needs beyond the shared context. */
export interface SimulatorDeps {
  ctx: EmuContext;
  clock: TestClock;
  dispatcher: NotificationDispatcher;
  faults: FaultRegistry;
}

type SimAction = 'pay' | 'settle' | 'deny' | 'expire' | 'cancel';

/** Which status each action leads to, from which statuses. */
const ACTIONS: Record<SimAction, { to: TxStatus; from: TxStatus[] }> = {
  pay: { to: 'settlement', from: ['pending'] },
  settle: { to: 'settlement', from: ['pending', 'capture'] },
  // Settled Permata VA / Mandiri Bill / Indomaret payments can be reversed to deny (reference §4.6).
  deny: { to: 'deny', from: ['pending', 'settlement'] },
  expire: { to: 'expire', from: ['pending'] },
  cancel: { to: 'cancel', from: ['pending'] },
};

const json = (status: number, body: unknown): EmuResponse => ({ status, body });

/** A transaction as the simulator API shows it (without the raw charge request). */
export function summarize(tx: Transaction): Record<string, unknown> {
  const { request: _request, ...rest } = tx;
  return {
    ...rest,
    createdAtIso: new Date(tx.createdAt).toISOString(),
    expiresAtIso: Number.isFinite(tx.expiresAt) ? new Date(tx.expiresAt).toISOString() : null,
  };
}

/** Builds the `/simulator` routes. */
export function createSimulatorRoutes(deps: SimulatorDeps): Route[] {
  const { ctx, clock, dispatcher, faults } = deps;

  const clockState = (): Record<string, unknown> => ({
    now: clock.now(),
    iso: new Date(clock.now()).toISOString(),
    offsetSeconds: clock.offsetMs() / 1000,
    pendingTimers: clock.pendingTimers(),
  });

  const act =
    (action: SimAction) =>
    (req: EmuRequest): EmuResponse => {
      const parsed = parseJsonBody(req);
      if (!parsed.ok) return parsed.response;
      const found = findForSimulator(ctx.store, parsed.value);
      if (found === 'no-selector') {
        return json(400, { ok: false, error: 'give one of order_id, transaction_id, qr_string, va_number' });
      }
      if (!found) return json(404, { ok: false, error: 'no such transaction' });
      const rule = ACTIONS[action];
      if (!rule.from.includes(found.status)) {
        return json(409, { ok: false, error: `cannot ${action} a transaction in status ${found.status}` });
      }
      const body = isRecord(parsed.value) ? parsed.value : {};
      if (action === 'pay' && typeof body.issuer === 'string') found.issuer = body.issuer;
      ctx.store.transition(found, rule.to);
      return json(200, { ok: true, transaction: summarize(found) });
    };

  const advance = (req: EmuRequest): EmuResponse => {
    const parsed = parseJsonBody(req);
    if (!parsed.ok) return parsed.response;
    const seconds = isRecord(parsed.value) ? Number(parsed.value.seconds) : Number.NaN;
    if (!Number.isFinite(seconds) || seconds < 0) {
      return json(400, { ok: false, error: 'seconds must be a non-negative number' });
    }
    clock.advance(seconds);
    return json(200, { ok: true, ...clockState() });
  };

  const addFault = (req: EmuRequest): EmuResponse => {
    const parsed = parseJsonBody(req);
    if (!parsed.ok) return parsed.response;
    try {
      return json(200, { ok: true, fault: faults.add(parsed.value) });
    } catch (err) {
      return json(400, { ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  };

  const limitOf = (req: EmuRequest, dflt: number): number => {
    const n = Number(req.query.get('limit') ?? dflt);
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
  };

  return [
    // SNAP-BI debit redirects open `/simulator?order_id=...`: show that charge's checkout.
    { method: 'GET', pattern: '/simulator', handler: (req) => (req.query.get('order_id') ? checkout(req) : page()) },
    { method: 'GET', pattern: '/simulator/checkout/:id', handler: (req) => checkout(req) },
    ...(['pay', 'settle', 'deny', 'expire', 'cancel'] as const).map(
      (a): Route => ({ method: 'POST', pattern: `/simulator/api/${a}`, handler: act(a) }),
    ),
    {
      method: 'GET',
      pattern: '/simulator/api/transactions',
      handler: (req) => json(200, { transactions: ctx.store.list(limitOf(req, 100)).map(summarize) }),
    },
    {
      method: 'GET',
      pattern: '/simulator/api/notifications',
      handler: (req) => {
        const log = dispatcher.log(req.query.get('order_id') ?? undefined);
        return json(200, { notifications: log.slice(-limitOf(req, 1000)) });
      },
    },
    { method: 'GET', pattern: '/simulator/api/clock', handler: () => json(200, clockState()) },
    { method: 'POST', pattern: '/simulator/api/clock/advance', handler: advance },
    { method: 'GET', pattern: '/simulator/api/faults', handler: () => json(200, { faults: faults.list() }) },
    { method: 'POST', pattern: '/simulator/api/faults', handler: addFault },
    {
      method: 'DELETE',
      pattern: '/simulator/api/faults',
      handler: () => {
        const cleared = faults.list().length;
        faults.clear();
        return json(200, { ok: true, cleared });
      },
    },
    {
      method: 'DELETE',
      pattern: '/simulator/api/faults/:id',
      handler: (req) =>
        faults.remove(req.params.id ?? '') ? json(200, { ok: true }) : json(404, { ok: false, error: 'no such fault' }),
    },
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
