/**
 * The counter is never locked by a charge (issue 11, deliverable 1), through
 * the router against the app's emulator: a tender the cashier stops waiting
 * for (`sales.abandonTender`) stops counting at once, the next customer pays
 * cash in one tender, and the abandoned charge is cancelled at the gateway in
 * the background — once Midtrans answers again when it was unreachable. A
 * hanging charge is abandoned the same way and never charged twice; an
 * abandoned charge the customer pays anyway reaches the owner's decision.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import type { SaleView } from '../../shared/contract/sale-schemas';
import type { AppNotice } from '../../shared/contract/events';
import { makeApp, type AppHarness, type TestCaller } from '../fixtures/app-harness';

const OWNER_PIN = '730194';

interface EmuTx {
  orderId: string;
  status: string;
}

describe('the counter is never locked', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  const emulatorTxs = async (orderId: string): Promise<EmuTx[]> => {
    const { transactions } = (await app.simulator().get('/api/transactions')) as { transactions: EmuTx[] };
    return transactions.filter((t) => t.orderId === orderId);
  };
  const untilEmulator = async (orderId: string, status: string): Promise<void> => {
    for (;;) {
      const [tx] = await emulatorTxs(orderId);
      if (tx?.status === status) return;
      await new Promise((r) => setTimeout(r, 50)); // the emulator is polled, not the code under test
    }
  };
  const notices = (code: string): AppNotice[] =>
    app.events.filter((e) => e.name === 'app.notice' && (e.payload as AppNotice).code === code).map((e) => e.payload as AppNotice);

  /** A Rp 50.000 sale (2 × Matcha) with a pending QRIS tender of the whole. */
  const qrisSale = async (by: TestCaller): Promise<{ sale: SaleView; paymentId: string; orderId: string; qr: string }> => {
    const sale = await by.ok('sales.open');
    await by.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 2 }] });
    const tendered = await by.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    const t = tendered.tenders[0]!;
    if (t.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    return { sale: tendered, paymentId: t.paymentId, orderId: t.payment.orderId, qr: t.payment.action.qrString };
  };

  it('Midtrans unreachable while a QR is shown: abandon, cash in one tender, the charge ends cancelled once it is back', async () => {
    // The till's clock is injected: the background retries and the idle probe run when the test moves it.
    const clock = new ManualClock(Date.now());
    app = await makeApp({ settings: { routing: { qris: 'core_api' } }, clock });
    const till = app.caller('till-1');
    const { sale, paymentId, orderId } = await qrisSale(till);
    // Every Core API call answers 503 from now on: the cancel cannot reach Midtrans.
    await app.simulator().post('/api/faults', { match: { path: '/v2/' }, action: 'status', status: 503 });

    const abandoned = await till.ok('sales.abandonTender', { saleId: sale.id, paymentId });
    expect(abandoned).toMatchObject({ status: 'open', pending: 0, remaining: abandoned.total, editable: true });
    expect(abandoned.tenders[0]).toMatchObject({ abandoned: true, cancelling: true, counts: 'no', status: 'pending' });

    // The next customer pays cash in one tender, while the cancel is still failing in the background.
    const paid = await till.ok('sales.addTender', { saleId: sale.id, method: 'cash' });
    expect(paid).toMatchObject({ status: 'paid', receiptNo: 'K1-000001', paid: paid.total });
    expect(paid.tenders.map((t) => [t.method, t.counts])).toEqual([['qris', 'no'], ['cash', 'paid']]);

    // The background cancel met the 503s: the till is offline and the charge still pending at Midtrans.
    await drive(clock, () => connectionState() === 'offline', 'offline');
    expect((await emulatorTxs(orderId))[0]).toMatchObject({ status: 'pending' });
    expect((await till.ok('sales.get', { saleId: sale.id })).tenders[0]).toMatchObject({ cancelling: true, status: 'pending' });
    // Still followed: start-up (and Midtrans answering again) reads it from the follow-ups.
    expect(app.query('SELECT payment_id FROM tender_followups')).toEqual([{ payment_id: paymentId }]);

    // Midtrans is back: the next answer (a poll or the idle probe) flips the till online and the queued cancel goes out.
    await fetchDelete(app, '/api/faults');
    await drive(clock, () => statusSeen(paymentId, 'cancel'), 'the cancel');
    expect(connectionState()).toBe('online');
    await untilEmulator(orderId, 'cancel');
    expect(await emulatorTxs(orderId)).toHaveLength(1);
    const after = await till.ok('sales.get', { saleId: sale.id });
    expect(after.tenders[0]).toMatchObject({ abandoned: true, cancelling: false, status: 'cancel' });
    expect(after).toMatchObject({ status: 'paid', receiptNo: 'K1-000001' });
    expect(notices('abandoned_tender_paid')).toEqual([]);
    // Cancelled: nothing is left to follow, so no later start reads it again.
    await until(() => app.query('SELECT payment_id FROM tender_followups').length === 0);
  });

  it('switches a QR to cash keeping the sale; the emulator shows the QR cancelled', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const till = app.caller('till-1');
    const { sale, paymentId, orderId } = await qrisSale(till);
    await till.ok('sales.abandonTender', { saleId: sale.id, paymentId });
    const paid = await till.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 60_000 });
    expect(paid).toMatchObject({ id: sale.id, status: 'paid', total: 50_000, change: 10_000 });
    await app.waitForStatus(paymentId, 'cancel');
    await untilEmulator(orderId, 'cancel');
    // Abandoning twice is harmless; abandoning a finished tender is refused.
    expect((await till.fails('sales.abandonTender', { saleId: sale.id, paymentId })).params).toEqual({ reason: 'sale_closed' });
  });

  it('a hanging charge: abandon while it is created, cash at once, the charge is resolved without a second charge', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 2 }] });
    // The first charge attempt hangs (Midtrans processed it, the reply never comes) for 2 s, then the socket drops.
    await app.simulator().post('/api/faults', { match: { method: 'POST', path: '/v2/charge' }, action: 'hang', ms: 2_000, when: 'after', times: 1 });

    const charging = till.call('sales.addTender', { saleId: sale.id, method: 'qris' });
    const creating = await app.waitForSale(sale.id, (s) => s.tenders[0]?.status === 'creating');
    const paymentId = creating.tenders[0]!.paymentId;
    const abandoned = await till.ok('sales.abandonTender', { saleId: sale.id, paymentId });
    expect(abandoned.tenders[0]).toMatchObject({ abandoned: true, cancelling: true, counts: 'no', status: 'creating' });
    const paid = await till.ok('sales.addTender', { saleId: sale.id, method: 'cash' });
    expect(paid).toMatchObject({ status: 'paid', receiptNo: 'K1-000001' });

    // The charge's own retry (same idempotency key) answers; the abandoned charge is then cancelled.
    await charging;
    await app.waitForStatus(paymentId, 'cancel');
    const orderId = (await till.ok('payments.get', { id: paymentId })).orderId;
    await untilEmulator(orderId, 'cancel');
    expect(await emulatorTxs(orderId)).toHaveLength(1);
  });

  it('a lost charge reply: the tender gets its QR without a second charge', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 2 }] });
    await app.simulator().post('/api/faults', { match: { method: 'POST', path: '/v2/charge' }, action: 'reset', when: 'after', times: 1 });
    const tendered = await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    expect(tendered.tenders[0]).toMatchObject({ status: 'pending', counts: 'open', abandoned: false });
    expect(tendered.tenders[0]!.payment.action?.kind).toBe('qr');
    expect(await emulatorTxs(tendered.tenders[0]!.payment.orderId)).toHaveLength(1);
  });

  it('an abandoned charge paid anyway: the owner hears it and decides (keep → cash back from the drawer, or refund)', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });

    for (const decision of ['keep', 'refund'] as const) {
      const { sale, paymentId, orderId, qr } = await qrisSale(owner);
      // The cancel is refused by Midtrans (it never lands) and the customer pays the QR meanwhile.
      await app.simulator().post('/api/faults', { match: { method: 'POST', path: '/cancel' }, action: 'status', status: 503 });
      await owner.ok('sales.abandonTender', { saleId: sale.id, paymentId });
      const paid = await owner.ok('sales.addTender', { saleId: sale.id, method: 'cash' });
      expect(paid.status).toBe('paid');
      await app.simulator().pay({ qr_string: qr });
      await app.waitForStatus(paymentId, 'settlement');
      await until(() => notices('abandoned_tender_paid').some((n) => n.params.paymentId === paymentId));
      const notice = notices('abandoned_tender_paid').find((n) => n.params.paymentId === paymentId)!;
      expect(notice).toEqual({ level: 'error', code: 'abandoned_tender_paid', params: { saleId: sale.id, paymentId, method: 'qris', amount: 50_000 } });
      expect(await owner.ok('sales.latePayments')).toEqual([
        { saleId: sale.id, receiptNo: paid.receiptNo, paymentId, method: 'qris', amount: 50_000, paidAt: expect.any(String) },
      ]);
      // The paid-anyway QRIS does not count: the sale stays paid by its cash.
      expect((await owner.ok('sales.get', { saleId: sale.id })).tenders[0]).toMatchObject({ counts: 'no', abandoned: true, cancelling: false });

      expect(app.query('SELECT payment_id FROM tender_followups')).toEqual([{ payment_id: paymentId }]);
      const decided = await owner.ok('sales.resolveLatePayment', { paymentId, decision });
      expect(await owner.ok('sales.latePayments')).toEqual([]);
      expect(app.query('SELECT payment_id FROM tender_followups')).toEqual([]);
      if (decision === 'keep') {
        expect(decided.drawerMovements).toMatchObject([{ kind: 'refund', paymentId, amount: 50_000, reason: 'dibayar dua kali' }]);
      } else {
        expect(decided.tenders[0]!.status).toBe('refund');
        await untilEmulator(orderId, 'refund');
      }
      expect(app.query('SELECT late_decision FROM sale_tenders WHERE payment_id = ?', paymentId)).toEqual([
        { late_decision: decision === 'keep' ? 'keep_returned' : 'refund' },
      ]);
      await fetchDelete(app, '/api/faults');
    }
  });

  function statusSeen(paymentId: string, status: string): boolean {
    return app.events.some((e) => {
      const p = e.payload as { payment?: { id: string; status: string } };
      return e.name === 'payment.updated' && p.payment?.id === paymentId && p.payment.status === status;
    });
  }

  function connectionState(): string {
    const last = app.events.filter((e) => e.name === 'app.connection').at(-1);
    return (last?.payload as { state?: string } | undefined)?.state ?? 'unknown';
  }
});

/** Waits (a few ms at a time) until `cond` holds: used only for what the emulator, the ledger file and the event log show. */
async function until(cond: () => boolean, what = 'condition'): Promise<void> {
  const end = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Moves the till's clock a second at a time (letting real I/O run between steps) until `cond` holds. */
async function drive(clock: ManualClock, cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (cond()) return;
    clock.advance(1_000);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out driving the clock to ${what}`);
}

/** DELETE on the simulator API (the client has no delete helper). */
async function fetchDelete(app: AppHarness, path: string): Promise<void> {
  const emu = app.services.describe().emulator!;
  const { request } = await import('node:https');
  const { readFileSync } = await import('node:fs');
  const url = new URL(emu.simulatorUrl.replace(/\/$/, '') + path);
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'DELETE', ca: readFileSync(emu.caCertPath) }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}
