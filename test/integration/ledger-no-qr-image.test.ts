/**
 * No QR image bytes in the ledger: a paid QRIS sale through the whole app
 * (router, SaleService, engine, embedded emulator whose SNAP-BI answer
 * carries `qrImage`, a base64 PNG), on the default SNAP-BI routing and on
 * Core API routing. Every text column of every table is searched for the
 * image's base64, a data URL and the PNG signature; what the gateway said
 * that matters (reference, amount, status) is kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const PNG_BASE64 = 'iVBORw0KGgo';
const lines = [{ id: 'l1', sku: 'NASI-GORENG', quantity: 2 }];

/** Every text and blob value in the ledger, with where it is. */
function everyValue(app: AppHarness): { at: string; value: string }[] {
  const tables = app.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return tables.flatMap(({ name }) =>
    app.query<Record<string, unknown>>(`SELECT * FROM "${name}"`).flatMap((row) =>
      Object.entries(row).flatMap(([col, v]) =>
        typeof v === 'string' ? [{ at: `${name}.${col}`, value: v }] : Buffer.isBuffer(v) ? [{ at: `${name}.${col}`, value: v.toString('latin1') }] : [],
      ),
    ),
  );
}

describe('no QR image bytes in the ledger', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it.each([
    ['SNAP-BI (default routing)', undefined, 'snap_bi'],
    ['Core API routing', { routing: { qris: 'core_api' } }, 'core_api'],
  ] as const)('after a paid QRIS sale on %s', async (_label, settings, api) => {
    app = await makeApp(settings ? { settings } : {});
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines });
    const tender = (await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' })).tenders[0]!;
    if (tender.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    const paid = app.waitForSale(sale.id, (s) => s.status === 'paid');
    await app.simulator().pay({ qr_string: tender.payment.action.qrString });
    await paid;

    const hits = everyValue(app).filter(({ value }) => value.includes(PNG_BASE64) || value.includes('data:image') || value.includes('\x89PNG') || value.includes('"qrImage"'));
    expect(hits.map((h) => h.at)).toEqual([]);
    // What matters of the gateway's answers is kept: the charge's reference and amount, the settlement.
    const [payment] = app.query<{ api: string; reference_no: string; id: string }>('SELECT api, reference_no, id FROM payments WHERE method = ?', 'qris');
    expect(payment!.api).toBe(api);
    const raws = app.query<{ source: string; raw: string | null }>('SELECT source, raw FROM payment_events WHERE payment_id = ? ORDER BY id', payment!.id);
    const charge = raws.find((e) => e.source === 'charge')!.raw!;
    expect(charge).toContain(payment!.reference_no);
    // The sale is Rp 56.000 (2 × Nasi Goreng): the confirming answers say so, and that it is paid.
    expect(raws.some((e) => e.raw !== null && e.raw.includes('56000') && /settlement|"latestTransactionStatus":"00"/.test(e.raw))).toBe(true);
  });
});
