/**
 * The raw retention rule (payments/raw-retention.ts): what `ledgerRaw`
 * stores (no image bytes, nothing the ledger holds or derives), and that the
 * settled projection is the same in TypeScript (`settledRaw`, used by the
 * ledger generator) and in SQL (`SETTLED_RAW_SQL`, what the ledger runs), on
 * every recorded Midtrans sample.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ledgerRaw, settledRaw, SETTLED_KEYS } from '../../electron/main/core/payments/raw-retention';
import { SETTLED_RAW_SQL } from '../../electron/main/core/ledger/raw-compaction';
import { MIGRATIONS } from '../../electron/main/core/ledger/migrations';

const SAMPLES = join(__dirname, '../fixtures/samples/core-api');
const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, body: JSON.parse(readFileSync(join(SAMPLES, f), 'utf8')) as unknown }))
  .filter((s) => s.body !== null && typeof s.body === 'object');

/** A SNAP-BI QRIS generate answer as Midtrans documents it (qrImage: base64 PNG). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAQAAAAEACAIAAADTED8xAAAEqklEQVR4nO3dwW7jRhBF0Wbg//9lZuFFtoEAU6T6nrP2YmDjTk3pFVXHeZ4Lqv5Z/Q/APqGCBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEiBIgSIEi';
const snapQris = {
  responseCode: '2004700', responseMessage: 'Successful', referenceNo: 'A120261202125855sJO01HkID', partnerReferenceNo: 'KSR-1',
  qrContent: '00020101021226610014COM.GO-JEK.WWW0118936009148703288450', qrUrl: 'https://merchants.midtrans.com/qr/A1', qrImage: PNG,
  additionalInfo: { validityPeriod: '2026-12-02T13:13:55+07:00', acquirer: 'gopay', preview: `data:image/png;base64,${PNG}` },
};

function sqlSettled(raw: string): string {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE payment_events (id INTEGER PRIMARY KEY, raw TEXT)');
  db.prepare('INSERT INTO payment_events (raw) VALUES (?)').run(raw);
  const out = (db.prepare(`SELECT ${SETTLED_RAW_SQL} AS s FROM payment_events`).get() as { s: string }).s;
  db.close();
  return out;
}

describe('ledgerRaw', () => {
  it('keeps no image bytes and nothing the ledger holds or derives (QR string, QR links)', () => {
    const text = ledgerRaw(snapQris)!;
    expect(text).not.toContain('iVBORw0KGgo');
    expect(text).not.toContain('data:image');
    expect(text).not.toContain('qrContent');
    expect(text).not.toContain('qrUrl');
    expect(JSON.parse(text)).toEqual({
      responseCode: '2004700', responseMessage: 'Successful', referenceNo: 'A120261202125855sJO01HkID', partnerReferenceNo: 'KSR-1',
      additionalInfo: { validityPeriod: '2026-12-02T13:13:55+07:00', acquirer: 'gopay', preview: '[image omitted]' },
    });
    const core = JSON.parse(ledgerRaw(samples.find((s) => s.name === 'charge-qris-reference.json')!.body)!) as Record<string, unknown>;
    expect(core).not.toHaveProperty('actions');
    expect(core).toMatchObject({ transaction_id: '0d8178e1-c6c7-4ab4-81a6-893be9d924ab', gross_amount: '275000.00', acquirer: 'gopay' });
  });

  it('still redacts secrets and never throws', () => {
    expect(ledgerRaw({ signature_key: 'abc', order_id: 'o' })).toBe('{"signature_key":"[redacted]","order_id":"o"}');
    expect(ledgerRaw(null)).toBeNull();
    expect(ledgerRaw({ amount: 10n, refunds: [{ id: 2n ** 70n }] })).toBe('{"amount":"10","refunds":[{"id":"1180591620717411303424"}]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => ledgerRaw(cyclic)).not.toThrow();
  });
});

describe('settledRaw', () => {
  it('keeps the audit leaves (ids, statuses, amounts, times, what paid), flat, marked settled; idempotent', () => {
    const n = samples.find((s) => s.name === 'notification-qris-settlement.json')!.body as Record<string, unknown>;
    const settled = JSON.parse(settledRaw(ledgerRaw(n)!)) as Record<string, unknown>;
    expect(settled.settled).toBe(1);
    for (const k of ['order_id', 'transaction_id', 'transaction_status', 'gross_amount', 'transaction_time', 'payment_type']) {
      if (k in n) expect(settled[k]).toBe(n[k]);
    }
    expect(settled).not.toHaveProperty('status_message');
    expect(settled).not.toHaveProperty('signature_key');
    expect(settledRaw(settledRaw(JSON.stringify(n)))).toBe(settledRaw(JSON.stringify(n)));
    expect(JSON.parse(settledRaw(JSON.stringify({ amount: { value: '1.00', currency: 'IDR' }, refunds: [{ refund_key: 'r1' }] })))).toEqual({
      settled: 1, 'amount.value': '1.00', 'amount.currency': 'IDR', 'refunds[0].refund_key': 'r1',
    });
  });

  it('is the same text as the ledger SQL on every recorded sample and a SNAP-BI QRIS answer', () => {
    const bodies = [...samples.map((s) => s.body), snapQris];
    for (const body of bodies) {
      const stored = ledgerRaw(body)!;
      expect(sqlSettled(stored)).toBe(settledRaw(stored));
    }
  });

  it('uses one key list: the compaction SQL and the migration step name exactly SETTLED_KEYS', () => {
    const listIn = (sql: string) => {
      const from = sql.indexOf('t.key IN (');
      return [...sql.slice(from, sql.indexOf(')', from)).matchAll(/'([A-Za-z_]+)'/g)].map((m) => m[1]);
    };
    expect(listIn(SETTLED_RAW_SQL)).toEqual([...SETTLED_KEYS]);
    const step = MIGRATIONS.find((m) => m.sql.includes('"settled":1'));
    expect(step, 'the slimming step').toBeDefined();
    expect(listIn(step!.sql)).toEqual([...SETTLED_KEYS]);
  });
});
