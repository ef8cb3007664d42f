/**
 * What Midtrans sees of a sale, against the real emulator over HTTPS: Kasir's
 * gateway sends the tender's item_details (lines, negative discount lines,
 * service, exclusive tax — or one PART line) and the sale reference, and the
 * emulator's transaction list (`GET /simulator/api/transactions`) records
 * exactly those, summing to gross_amount. The official midtrans-client
 * sending negative discount items is accepted too; items that do not sum are
 * refused by the emulator (HTTP 400) and never sent by Kasir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../electron/main/core/clock';
import { buildCoreChargeBody } from '../../electron/main/core/gateway/core-api-client';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import { createGateway, type GatewayRouting, type KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { ChargeItem, ChargeRequest } from '../../electron/main/core/gateway/types';
import { silentLogger } from '../../electron/main/core/logger';
import { emulatorGatewayCredentials } from '../../electron/main/core/secrets/emulator-credentials';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { itemDetailsFor, priceSale, type MidtransItem, type PricingLine, type PricingSettings, type Quote } from '../../shared/domain/pricing';
import { chargeBody, coreClient, midtransError, orderId, rawRequest, simulator } from './emulator-core-helpers';

/** The fields of the emulator's transaction summary this test reads. */
interface Recorded {
  orderId: string;
  source: 'core' | 'snap';
  grossAmount: number;
  status: string;
  item_details: { id: string; name: string; price: number | null; quantity: number | null }[];
  sale_ref: string | null;
}

let emu: RunningEmulator;
const gateways: KasirGateway[] = [];

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  for (const g of gateways) g.close();
  await emu.close();
});

function gateway(routing: GatewayRouting): KasirGateway {
  const g = createGateway({
    env: 'emulator',
    coreApiBaseUrl: emu.urls.coreApiUrl,
    snapBiBaseUrl: emu.urls.snapBiUrl,
    caCertPem: emu.caCertPem,
    routing,
    credentials: emulatorGatewayCredentials(emu.credentials),
    clock: new SystemClock(),
    logger: silentLogger,
    retry: { sleep: async () => {}, random: () => 0.5 },
  });
  gateways.push(g);
  return g;
}
const CORE: GatewayRouting = { qris: 'core_api', gopay: 'core_api', va_bca: 'core_api' };
const SNAP: GatewayRouting = {};

async function recorded(gatewayOrderId: string): Promise<Recorded> {
  const { transactions } = (await simulator(emu, 'transactions?limit=500', undefined, 'GET')) as unknown as { transactions: Recorded[] };
  const tx = transactions.find((t) => t.orderId === gatewayOrderId);
  if (!tx) throw new Error(`the emulator has no charge ${gatewayOrderId}`);
  return tx;
}

const sumOf = (items: { price: number | null; quantity: number | null }[]) => items.reduce((s, i) => s + (i.price ?? NaN) * (i.quantity ?? NaN), 0);
const toCharge = (items: MidtransItem[]): ChargeItem[] => items.map(({ id, name, price, quantity }) => ({ sku: id, name, price, quantity }));

function tender(method: GatewayMethod, amount: number, items: MidtransItem[], saleRef?: string): ChargeRequest {
  const id = orderId('KSR-ID');
  return { orderId: id, method, amount, items: toCharge(items), idempotencyKey: id, ...(saleRef ? { saleRef } : {}) };
}

// A café sale: a line discount, a free line, a sale discount, a 5% taxed service charge, PB1 10% on top.
const LINES: PricingLine[] = [
  { id: 'l1', sku: 'KOPI-SUSU', name: 'Kopi Susu Gula Aren', unitPrice: 18_000, quantity: 2, taxClass: 'standard', discount: { kind: 'percent', basisPoints: 1_000, reason: 'Happy hour' } },
  { id: 'l2', sku: 'ROTI', name: 'Roti Bakar Keju', unitPrice: 25_000, quantity: 1, taxClass: 'standard', discount: null },
  { id: 'l3', sku: 'AIR', name: 'Air Mineral', unitPrice: 0, quantity: 1, taxClass: 'exempt', discount: null },
];
const EXCLUSIVE_PB1: PricingSettings = { priceMode: 'exclusive', tax: { kind: 'pb1', rateBasisPoints: 1_000 }, serviceCharge: { rateBasisPoints: 500, taxed: true } };
const quote = (): Quote => priceSale(LINES, [{ kind: 'amount', amount: 5_000, reason: 'Member' }], EXCLUSIVE_PB1);

describe('Core API: the emulator records the item_details Kasir sent', () => {
  it('a whole-sale QRIS tender: lines, negative discounts, service and tax, summing to gross_amount, with the sale reference', async () => {
    const q = quote();
    const items = itemDetailsFor(q, q.total);
    expect(items.map((i) => i.id)).toEqual(['KOPI-SUSU', 'ROTI', 'AIR', 'DISC-l1', 'DISC-SALE-1', 'SERVICE', 'TAX']);
    const req = tender('qris', q.total, items, 'ORD-SALE0000000001');
    const tx = await gateway(CORE).charge(req);
    expect(tx).toMatchObject({ status: 'pending', amount: q.total });

    const rec = await recorded(req.orderId);
    expect(rec).toMatchObject({ source: 'core', grossAmount: q.total, sale_ref: 'ORD-SALE0000000001' });
    // What Midtrans recorded is exactly what went on the wire, which is exactly what pricing built.
    expect(rec.item_details).toEqual(buildCoreChargeBody(req).item_details);
    expect(rec.item_details).toEqual(items);
    expect(sumOf(rec.item_details)).toBe(rec.grossAmount);
    expect(rec.item_details.filter((i) => (i.price ?? 0) < 0)).toHaveLength(2);
  });

  it('a split sale: each Core tender is one PART line; the parts carry the sale and add up to its total', async () => {
    const q = quote();
    const saleRef = 'ORD-SALE0000000002';
    const first = 20_000;
    const reqs = [
      tender('qris', first, itemDetailsFor(q, first, { saleRef, index: 1, count: 2 }), saleRef),
      tender('va_bca', q.total - first, itemDetailsFor(q, q.total - first, { saleRef, index: 2, count: 2 }), saleRef),
    ];
    const g = gateway(CORE);
    for (const r of reqs) await g.charge(r);
    const recs = await Promise.all(reqs.map((r) => recorded(r.orderId)));
    expect(recs.map((r) => r.item_details)).toEqual([
      [{ id: 'PART-1', name: `Pembayaran sebagian ${saleRef} (1/2)`, price: first, quantity: 1 }],
      [{ id: 'PART-2', name: `Pembayaran sebagian ${saleRef} (2/2)`, price: q.total - first, quantity: 1 }],
    ]);
    expect(recs.map((r) => r.sale_ref)).toEqual([saleRef, saleRef]);
    expect(recs.reduce((s, r) => s + sumOf(r.item_details), 0)).toBe(q.total);
  });

  it('a replay of the same tender (same key, same bytes) leaves one charge with the same record', async () => {
    const q = quote();
    const req = tender('gopay', q.total, itemDetailsFor(q, q.total), 'ORD-SALE0000000003');
    const g = gateway(CORE);
    const a = await g.charge(req);
    const b = await g.charge(structuredClone(req));
    expect(b.referenceNo).toBe(a.referenceNo);
    const { transactions } = (await simulator(emu, 'transactions?limit=500', undefined, 'GET')) as unknown as { transactions: Recorded[] };
    expect(transactions.filter((t) => t.orderId === req.orderId)).toHaveLength(1);
    expect((await recorded(req.orderId)).item_details).toEqual(itemDetailsFor(q, q.total));
  });

  it('items that do not sum to the amount are refused before sending: the emulator never sees the charge', async () => {
    const q = quote();
    const req = tender('qris', q.total + 100, itemDetailsFor(q, q.total), 'ORD-SALE0000000004');
    const e = await gateway(CORE).charge(req).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(GatewayError);
    expect(e).toMatchObject({ kind: 'rejected', delivery: 'not_sent' });
    await expect(recorded(req.orderId)).rejects.toThrow(/no charge/);
  });
});

describe('SNAP-BI: the emulator records the sale reference', () => {
  it.each([
    ['qris', 'additionalInfo.metadata.saleRef'],
    ['gopay', 'additionalInfo.metadata.saleRef'],
    ['va_bni', 'additionalInfo.customField["1"]'],
    ['mandiri_bill', 'additionalInfo.customField["1"]'],
  ] as [GatewayMethod, string][])('%s (%s)', async (method) => {
    const q = quote();
    const saleRef = `ORD-SNAP-${method.toUpperCase()}`;
    const req = tender(method, q.total, itemDetailsFor(q, q.total), saleRef);
    const g = gateway(SNAP);
    expect(g.apiFor(method)).toBe('snap_bi');
    await g.charge(req);
    const rec = await recorded(req.orderId);
    expect(rec).toMatchObject({ source: 'snap', grossAmount: q.total, sale_ref: saleRef });
    // SNAP-BI tenders carry no items (gateway/README.md: a negative SNAP amount is unconfirmed).
    expect(rec.item_details).toEqual([]);
  });

  it('a tender without a sale reference (an intent from before sales) records none', async () => {
    const req = tender('qris', 15_000, [{ id: 'S1', name: 'Es teh', price: 15_000, quantity: 1 }]);
    await gateway(SNAP).charge(req);
    expect((await recorded(req.orderId)).sale_ref).toBeNull();
  });
});

describe('the emulator and other clients', () => {
  it('accepts negative discount items from the official midtrans-client and records them', async () => {
    const id = orderId('MT-DISC');
    const items = [
      { id: 'KOPI', price: 18_000, quantity: 2, name: 'Kopi Susu' },
      { id: 'DISC-1', price: -3_600, quantity: 1, name: 'Diskon Kopi Susu (Promo)' },
      { id: 'FREE', price: 0, quantity: 1, name: 'Air Mineral' },
      { id: 'TAX', price: '3240', quantity: '1', name: 'Pajak PB1' },
    ];
    const res = await coreClient(emu).charge(chargeBody(id, 'qris', { item_details: items, custom_field1: 'ORD-MT' }, 35_640));
    expect(res.status_code).toBe('201');
    const rec = await recorded(id);
    expect(rec.item_details).toEqual([
      { id: 'KOPI', price: 18_000, quantity: 2, name: 'Kopi Susu' },
      { id: 'DISC-1', price: -3_600, quantity: 1, name: 'Diskon Kopi Susu (Promo)' },
      { id: 'FREE', price: 0, quantity: 1, name: 'Air Mineral' },
      { id: 'TAX', price: 3_240, quantity: 1, name: 'Pajak PB1' },
    ]);
    expect(rec.sale_ref).toBe('ORD-MT');
  });

  it('refuses item_details (with a discount line) that do not sum to gross_amount: HTTP 400, nothing recorded', async () => {
    const id = orderId('MT-BAD');
    const body = chargeBody(id, 'qris', {
      item_details: [
        { id: 'KOPI', price: 18_000, quantity: 2, name: 'Kopi Susu' },
        { id: 'DISC-1', price: -3_600, quantity: 1, name: 'Diskon' },
      ],
    }, 36_000);
    const err = await midtransError(coreClient(emu).charge(body));
    expect(err.httpStatusCode).toBe(400);
    expect(err.ApiResponse?.validation_messages).toContain('transaction_details.gross_amount is not equal to the sum of item_details');
    // Kasir's own body for the same mistake never leaves the till (rejected / not_sent above); raw bytes get the same 400.
    const raw = await rawRequest(emu, { method: 'POST', path: '/v2/charge', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(raw.status).toBe(400);
    await expect(recorded(id)).rejects.toThrow(/no charge/);
  });

  it('still refuses a quantity of 0 and a fractional price, whatever the sign', async () => {
    const body = chargeBody(orderId('MT-Q0'), 'qris', {
      item_details: [
        { id: 'A', price: 10_000, quantity: 1, name: 'A' },
        { id: 'D', price: -0.5, quantity: 1, name: 'D' },
        { id: 'B', price: 5, quantity: 0, name: 'B' },
      ],
    });
    const err = await midtransError(coreClient(emu).charge(body));
    expect(err.httpStatusCode).toBe(400);
    expect(err.ApiResponse?.validation_messages).toEqual(
      expect.arrayContaining(['item_details[1].price must be an integer, IDR does not support decimals', 'item_details[2].quantity must be an integer greater than 0']),
    );
  });
});
