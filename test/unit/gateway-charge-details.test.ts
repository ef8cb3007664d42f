/**
 * What Midtrans sees of a sale, as request bodies: Core API `item_details`
 * exactly as pricing built them (negative discount lines, free lines),
 * checked to sum to gross_amount before anything is sent, and the sale
 * reference (Core `custom_field1`; SNAP-BI VA customField, QRIS / debit
 * metadata). Bodies are pure: the same request gives the same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/main/core/logger';
import { buildCoreChargeBody, CoreApiClient } from '../../electron/main/core/gateway/core-api-client';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../electron/main/core/gateway/http';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import { buildSnapCreateBody, type SnapBodyConfig } from '../../electron/main/core/gateway/snap-bi-bodies';
import type { ChargeItem, ChargeRequest } from '../../electron/main/core/gateway/types';
import { itemDetailsFor, priceSale, type PricingLine, type PricingSettings } from '../../shared/domain/pricing';

const toCharge = (items: { id: string; name: string; price: number; quantity: number }[]): ChargeItem[] =>
  items.map(({ id, name, price, quantity }) => ({ sku: id, name, price, quantity }));
const sumOf = (items: { price: number; quantity: number }[]) => items.reduce((s, i) => s + i.price * i.quantity, 0);

const LINES: PricingLine[] = [
  { id: 'l1', sku: 'KOPI', name: 'Kopi Susu', unitPrice: 18_000, quantity: 2, taxClass: 'standard', discount: { kind: 'percent', basisPoints: 1_000, reason: 'Promo' } },
  { id: 'l2', sku: 'ROTI', name: 'Roti Bakar', unitPrice: 25_000, quantity: 1, taxClass: 'standard', discount: null },
  { id: 'l3', sku: 'AIR', name: 'Air Mineral (gratis)', unitPrice: 0, quantity: 1, taxClass: 'standard', discount: null },
];
const PB1: PricingSettings = { priceMode: 'exclusive', tax: { kind: 'pb1', rateBasisPoints: 1_000 }, serviceCharge: { rateBasisPoints: 500, taxed: true } };
const QUOTE = priceSale(LINES, [{ kind: 'amount', amount: 5_000, reason: 'Member' }], PB1);
const SALE_ITEMS = toCharge(itemDetailsFor(QUOTE, QUOTE.total));

const req = (method: GatewayMethod, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  orderId: 'KSR-20261126-0001',
  method,
  amount: QUOTE.total,
  items: SALE_ITEMS,
  idempotencyKey: 'KSR-20261126-0001',
  ...extra,
});

const refusal = (run: () => unknown): GatewayError => {
  try {
    run();
  } catch (e) {
    if (e instanceof GatewayError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('Core API item_details', () => {
  it('sends the sale as pricing built it: lines, a free line, negative discounts, service, tax — summing to gross_amount', () => {
    const body = buildCoreChargeBody(req('qris', { saleRef: 'ORD-0123456789ABCDEF' }));
    const items = body.item_details as { id: string; price: number; quantity: number; name: string }[];
    expect(items).toEqual(itemDetailsFor(QUOTE, QUOTE.total));
    expect(items.filter((i) => i.price < 0).map((i) => i.id)).toEqual(['DISC-l1', 'DISC-SALE-1']);
    expect(items.find((i) => i.id === 'AIR')).toEqual({ id: 'AIR', price: 0, quantity: 1, name: 'Air Mineral (gratis)' });
    expect(items.map((i) => i.id).slice(-2)).toEqual(['SERVICE', 'TAX']);
    expect(sumOf(items)).toBe((body.transaction_details as { gross_amount: number }).gross_amount);
    expect(body.custom_field1).toBe('ORD-0123456789ABCDEF');
    expect(Object.keys(body)[0]).toBe('payment_type');
  });

  it('a partial tender is its one PART line', () => {
    const part = itemDetailsFor(QUOTE, 20_000, { saleRef: 'ORD-0123456789ABCDEF', index: 1, count: 2 });
    const body = buildCoreChargeBody(req('qris', { amount: 20_000, items: toCharge(part), saleRef: 'ORD-0123456789ABCDEF' }));
    expect(body.item_details).toEqual([{ id: 'PART-1', price: 20_000, quantity: 1, name: 'Pembayaran sebagian ORD-0123456789ABCDEF (1/2)' }]);
  });

  it('the body is a pure function of the request (a replay sends identical bytes)', () => {
    for (const m of ['qris', 'gopay', 'va_bca', 'mandiri_bill', 'indomaret'] as const) {
      const r = req(m, { saleRef: 'ORD-1' });
      expect(JSON.stringify(buildCoreChargeBody(r))).toBe(JSON.stringify(buildCoreChargeBody(structuredClone(r))));
    }
  });

  it('without a sale reference nothing is added: a request from before sales keeps its exact bytes', () => {
    const old = { ...req('qris'), amount: 44_000, items: [{ sku: 'A', name: 'Kopi', price: 22_000, quantity: 2 }] };
    expect(JSON.stringify(buildCoreChargeBody(old))).toBe(
      '{"payment_type":"qris","transaction_details":{"order_id":"KSR-20261126-0001","gross_amount":44000},' +
        '"item_details":[{"id":"A","price":22000,"quantity":2,"name":"Kopi"}],"qris":{"acquirer":"gopay"}}',
    );
    expect(buildCoreChargeBody({ ...old, items: [] })).not.toHaveProperty('item_details');
  });

  it.each([
    ['items that do not sum to gross_amount', { amount: QUOTE.total + 1 }, /sum to/],
    ['a fractional price', { amount: 1_500, items: [{ sku: 'A', name: 'A', price: 1_500.5, quantity: 1 }] }, /whole rupiah/],
    ['a quantity of 0', { amount: 1_000, items: [{ sku: 'A', name: 'A', price: 1_000, quantity: 1 }, { sku: 'B', name: 'B', price: 5, quantity: 0 }] }, /quantity/],
    ['an empty name', { amount: 1_000, items: [{ sku: 'A', name: '  ', price: 1_000, quantity: 1 }] }, /name/],
    ['a sale reference with a space', { saleRef: 'ORD 1' }, /sale reference/],
    ['an empty sale reference', { saleRef: '' }, /sale reference/],
  ] as [string, Partial<ChargeRequest>, RegExp][])('refuses %s as a bug: rejected, not sent', (_label, extra, message) => {
    const e = refusal(() => buildCoreChargeBody(req('qris', extra)));
    expect(e.kind).toBe('rejected');
    expect(e.delivery).toBe('not_sent');
    expect(e.message).toMatch(message);
  });

  it('a refused body never reaches the wire', async () => {
    const sent: HttpRequest[] = [];
    const http: HttpTransport = {
      request: async (r: HttpRequest): Promise<HttpResponse> => {
        sent.push(r);
        return { status: 200, headers: {}, text: '{}' };
      },
    };
    const client = new CoreApiClient({ http, serverKey: 'SB-Mid-server-x', logger: silentLogger });
    await expect(client.charge(req('qris', { amount: 1 }))).rejects.toMatchObject({ kind: 'rejected', delivery: 'not_sent' });
    expect(sent).toHaveLength(0);
  });

  it('ids and names over 50 characters are clipped as before (pricing clips them already)', () => {
    const long = 'x'.repeat(60);
    const body = buildCoreChargeBody(req('qris', { amount: 1_000, items: [{ sku: long, name: long, price: 1_000, quantity: 1 }] }));
    expect(body.item_details).toEqual([{ id: 'x'.repeat(50), price: 1_000, quantity: 1, name: 'x'.repeat(50) }]);
  });

  it('property: any priced sale, whole or split, gives a body whose item_details sum to gross_amount', () => {
    const line = fc.record({
      unitPrice: fc.integer({ min: 0, max: 2_000_000 }),
      quantity: fc.integer({ min: 1, max: 50 }),
      pct: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    });
    const settings = fc.constantFrom<PricingSettings>(
      PB1,
      { priceMode: 'inclusive', tax: { kind: 'ppn' }, serviceCharge: { rateBasisPoints: 1_000, taxed: true } },
      { priceMode: 'exclusive', tax: { kind: 'ppn' }, serviceCharge: null },
      { priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null },
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5_000 }), settings, fc.integer({ min: 1, max: 10_000 }), (raws, salePct, s, splitBp) => {
        const lines: PricingLine[] = raws.map((r, i) => ({
          id: `l${i}`, sku: `SKU${i}`, name: `Item ${i}`, unitPrice: r.unitPrice, quantity: r.quantity, taxClass: 'standard',
          discount: r.pct === null ? null : { kind: 'percent', basisPoints: r.pct, reason: 'Promo' },
        }));
        const q = priceSale(lines, [{ kind: 'percent', basisPoints: salePct, reason: 'Member' }], s);
        if (q.total < 2) return;
        const part = Math.max(1, Math.min(q.total - 1, Math.floor((q.total * splitBp) / 10_000)));
        for (const [amount, items] of [
          [q.total, itemDetailsFor(q, q.total)],
          [part, itemDetailsFor(q, part, { saleRef: 'ORD-X', index: 1, count: 2 })],
        ] as const) {
          const body = buildCoreChargeBody(req('qris', { amount, items: toCharge(items), saleRef: 'ORD-X' }));
          expect(sumOf(body.item_details as ChargeItem[])).toBe(amount);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('SNAP-BI carries the sale reference', () => {
  const cfg: SnapBodyConfig = { merchantId: 'G000000001', partnerServiceIdFor: () => '70012', callbackUrl: 'kasir://payment-finished' };
  const info = (m: GatewayMethod, saleRef?: string) =>
    buildSnapCreateBody(req(m, saleRef === undefined ? {} : { saleRef }), cfg).body.additionalInfo as Record<string, unknown>;

  it('QRIS and direct debit: additionalInfo.metadata.saleRef; VA: additionalInfo.customField["1"]', () => {
    expect(info('qris', 'ORD-1')).toEqual({ acquirer: 'gopay', metadata: { saleRef: 'ORD-1' } });
    expect(info('gopay', 'ORD-1')).toEqual({ metadata: { saleRef: 'ORD-1' } });
    expect(info('dana', 'ORD-1')).toEqual({ metadata: { saleRef: 'ORD-1' } });
    expect(info('va_bca', 'ORD-1')).toEqual({ merchantId: 'G000000001', bank: 'bca', flags: { shouldRandomizeVaNumber: false }, customField: { 1: 'ORD-1' } });
    expect(info('mandiri_bill', 'ORD-1')).toMatchObject({ bank: 'mandiri', mandiri: { billInfo1: 'Payment:' }, customField: { 1: 'ORD-1' } });
  });

  it('sends no items (a negative SNAP amount is unconfirmed) and nothing extra without a sale reference', () => {
    for (const m of ['qris', 'gopay', 'va_bni'] as const) expect(info(m, 'ORD-1')).not.toHaveProperty('items');
    expect(info('qris')).toEqual({ acquirer: 'gopay' });
    expect(info('shopeepay')).toEqual({});
    expect(info('va_bri')).toEqual({ merchantId: 'G000000001', bank: 'bri', flags: { shouldRandomizeVaNumber: false } });
  });

  it('is pure (a retry sends identical bytes) and refuses a malformed reference before sending', () => {
    for (const m of ['qris', 'gopay', 'va_permata'] as const) {
      const r = req(m, { saleRef: 'ORD-1', expiresAt: '2026-11-26T03:15:00.000Z' });
      expect(JSON.stringify(buildSnapCreateBody(r, cfg))).toBe(JSON.stringify(buildSnapCreateBody(structuredClone(r), cfg)));
    }
    const e = refusal(() => buildSnapCreateBody(req('qris', { saleRef: 'x'.repeat(51) }), cfg));
    expect([e.kind, e.delivery]).toEqual(['rejected', 'not_sent']);
  });
});
