/**
 * Truth after a restart (issue 11, deliverable 7): the till is closed with a
 * QR on screen; while it is down the emulator (started on its own over the
 * same state dir) takes the customer's payment; at the next start recovery
 * finds it and the till announces it (`payments_changed_while_down`), not
 * only in history. A QR left unpaid comes back as the till's current sale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/src/index';
import type { AppNotice } from '../../shared/contract/events';
import { simulatorClient } from '../e2e/simulator-client';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const settings = { routing: { qris: 'core_api' } };

describe('after a restart', () => {
  let app: AppHarness | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the till on `dir`, rings up a Rp 25.000 sale with a pending QRIS tender, and closes the till. */
  const closedWithQr = async (): Promise<{ saleId: string; paymentId: string; orderId: string }> => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-restart-'));
    const first = await makeApp({ settings, dataDir: dir, keepDataDir: true });
    const till = first.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 1 }] });
    const t = (await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' })).tenders[0]!;
    await first.close();
    return { saleId: sale.id, paymentId: t.paymentId, orderId: t.payment.orderId };
  };

  const notices = (code: string): AppNotice[] =>
    (app?.events ?? []).filter((e) => e.name === 'app.notice' && (e.payload as AppNotice).code === code).map((e) => e.payload as AppNotice);

  it('a payment settled while the till was down is announced at the next start', async () => {
    const { saleId, paymentId, orderId } = await closedWithQr();
    // The customer pays while the till is closed (the emulator alone, on the same state).
    const emu = await startEmulator({ stateDir: join(dir!, 'emulator') });
    await simulatorClient(emu.urls.simulatorUrl, emu.caCertPath).pay({ order_id: orderId });
    await emu.close();

    app = await makeApp({ settings, dataDir: dir, keepDataDir: true });
    const till = app.caller('till-1');
    await till.ok('sales.current'); // the renderer's first call: held start-up notices go out
    await until(() => notices('payments_changed_while_down').length > 0);
    expect(notices('payments_changed_while_down')).toEqual([
      { level: 'info', code: 'payments_changed_while_down', params: { count: 1, paid: 1, failed: 0 } },
    ]);
    expect(await till.ok('payments.get', { id: paymentId })).toMatchObject({ status: 'settlement' });
    expect(await till.ok('sales.get', { saleId })).toMatchObject({ status: 'paid', receiptNo: 'K1-000001' });
  });

  it('a QR left unpaid comes back as the current sale (keep waiting, switch or void) and nothing is announced as changed', async () => {
    const { saleId, paymentId } = await closedWithQr();
    app = await makeApp({ settings, dataDir: dir, keepDataDir: true });
    const till = app.caller('till-1');
    const current = await till.ok('sales.current');
    expect(current).toMatchObject({ id: saleId, status: 'open' });
    expect(current!.tenders[0]).toMatchObject({ paymentId, status: 'pending', counts: 'open', abandoned: false });
    await until(() => notices('payments_recovered').length > 0);
    expect(notices('payments_changed_while_down')).toEqual([]);
    // Switch: abandon it and take cash; the sale is the same one.
    await till.ok('sales.abandonTender', { saleId, paymentId });
    expect(await till.ok('sales.addTender', { saleId, method: 'cash' })).toMatchObject({ id: saleId, status: 'paid' });
  });
});

/** Waits (a few ms at a time) for what the event log shows. */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
