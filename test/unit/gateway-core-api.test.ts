import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/main/core/logger';
import { buildCoreChargeBody, CoreApiClient, interpret, toGatewayTransaction } from '../../electron/main/core/gateway/core-api-client';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../electron/main/core/gateway/http';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import type { ChargeRequest, GatewayRef } from '../../electron/main/core/gateway/types';
import { failure } from '../fixtures/failure';


const REF = fileURLToPath(new URL('../fixtures/samples/core-api/', import.meta.url));
const sample = (f: string) => readFileSync(REF + f, 'utf8');
const res = (status: number, text: string): HttpResponse => ({ status, headers: {}, text });

class Scripted implements HttpTransport {
  readonly sent: HttpRequest[] = [];
  constructor(private readonly answers: (HttpResponse | Error)[]) {}
  async request(req: HttpRequest): Promise<HttpResponse> {
    this.sent.push(req);
    const a = this.answers.shift();
    if (!a) throw new Error('no scripted answer');
    if (a instanceof Error) throw a;
    return a;
  }
}

const charge = (method: GatewayMethod, extra: Partial<ChargeRequest> = {}): ChargeRequest => ({
  orderId: 'KSR-20261126-0001',
  method,
  amount: 44000,
  items: [{ sku: 'A', name: 'Kopi', price: 22000, quantity: 2 }],
  idempotencyKey: 'idem-1',
  ...extra,
});

describe('charge samples → GatewayTransaction', () => {
  it.each([
    ['charge-qris-gopay-pos-production.json', 'qris', 'qr'],
    ['charge-qris-openapi-sandbox-http200.json', 'qris', 'qr'],
    ['charge-gopay-reference.json', 'gopay', 'deeplink'],
    ['charge-shopeepay.json', 'shopeepay', 'deeplink'],
    ['charge-bank-transfer-bca.json', 'va_bca', 'va'],
    ['charge-bank-transfer-bni.json', 'va_bni', 'va'],
    ['charge-bank-transfer-bri.json', 'va_bri', 'va'],
    ['charge-bank-transfer-cimb.json', 'va_cimb', 'va'],
    ['charge-bank-transfer-permata.json', 'va_permata', 'va'],
    ['charge-echannel-mandiri-bill.json', 'mandiri_bill', 'bill'],
    ['charge-cstore-indomaret.json', 'indomaret', 'paycode'],
    ['charge-cstore-alfamart.json', 'alfamart', 'paycode'],
  ] as [string, GatewayMethod, string][])('%s', (file, method, kind) => {
    const tx = toGatewayTransaction(interpret(res(200, sample(file)), 'charge'), method);
    expect(tx.status).toBe('pending');
    expect(Number.isSafeInteger(tx.amount) && tx.amount > 0).toBe(true);
    expect(tx.action?.kind).toBe(kind);
    expect(tx.referenceNo).toBeTruthy();
    if (kind === 'va') expect(tx.virtualAccountNo).toMatch(/^\d+$/);
  });

  it('reads expire_time (sic) and expiry_time as WIB wall time', () => {
    const tx = toGatewayTransaction(interpret(res(200, sample('charge-qris-openapi-sandbox-http200.json')), 'charge'), 'qris');
    expect(tx.expiresAt).toBe('2023-01-05T04:01:39.000Z');
    const cimb = toGatewayTransaction(interpret(res(200, sample('charge-bank-transfer-cimb.json')), 'charge'), 'va_cimb');
    expect(cimb.expiresAt).toBe('2023-06-29T08:15:58.000Z');
  });

  it('maps permata_va_number and the Mandiri bill numbers', () => {
    const p = toGatewayTransaction(interpret(res(200, sample('charge-bank-transfer-permata.json')), 'charge'), 'va_permata');
    expect(p.action).toEqual({ kind: 'va', bank: 'permata', vaNumber: '850003072869607' });
    const m = toGatewayTransaction(interpret(res(200, sample('charge-echannel-mandiri-bill.json')), 'charge'), 'mandiri_bill');
    expect(m.action).toMatchObject({ kind: 'bill', billerCode: '70012' });
  });
});

describe('HTTP vs body status_code rules (reference §2)', () => {
  const kindOf = (status: number, file: string, op: 'charge' | 'refund' | 'cancel' = 'charge') => {
    try {
      interpret(res(status, sample(file)), op);
      return 'ok';
    } catch (e) {
      return (e as GatewayError).kind;
    }
  };

  it('classifies the published error bodies', () => {
    expect(kindOf(200, 'charge-duplicate-order-id-406-http200.json')).toBe('duplicate');
    expect(kindOf(400, 'charge-validation-error-400-http400.json')).toBe('rejected');
    expect(kindOf(200, 'charge-validation-error-400-http400.json')).toBe('rejected');
    expect(kindOf(401, 'error-unauthorized-401-http401.json')).toBe('auth');
    expect(kindOf(200, 'error-unauthorized-401-http401.json')).toBe('auth');
    expect(kindOf(429, 'error-rate-limit-http429.json')).toBe('unavailable');
    expect(kindOf(200, 'error-cannot-modify-412.json', 'cancel')).toBe('illegal');
    expect(kindOf(200, 'refund-error-invalid-amount-414.json', 'refund')).toBe('amount');
    expect(kindOf(200, 'refund-error-duplicate-refund-id-406.json', 'refund')).toBe('duplicate');
    expect(kindOf(200, 'status-not-found-404-http200.json')).toBe('not_found');
  });

  it('treats body 407 (expired) as success', () => {
    const tx = toGatewayTransaction(interpret(res(200, sample('expire-success-407-echannel.json')), 'expire'), 'mandiri_bill');
    expect(tx.status).toBe('expire');
  });

  it('amount validation errors map to AMOUNT_INVALID', () => {
    const body = JSON.stringify({ status_code: '400', validation_messages: ['transaction_details.gross_amount is not equal to the sum of item_details'] });
    const e = (() => { try { interpret(res(400, body), 'charge'); } catch (x) { return x as GatewayError; } })();
    expect(e?.kind).toBe('amount');
    expect(e?.code).toBe('AMOUNT_INVALID');
    expect(e?.delivery).toBe('answered');
  });

  it('5xx, HTML and HTTP 202 are transient and maybe processed', () => {
    for (const [status, text] of [[500, '{"status_code":"500"}'], [200, '{"status_code":"503","status_message":"x"}'], [502, '<html>bad gateway</html>'], [202, '{}']] as const) {
      try {
        interpret(res(status, text), 'charge');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(GatewayError);
        expect((e as GatewayError).kind).toBe('unavailable');
        expect((e as GatewayError).delivery).toBe('maybe_processed');
      }
    }
  });

  it('a 2xx body that does not parse is unreadable (ambiguous), not a crash', () => {
    expect(() => interpret(res(200, '{"status_code":"201"}'), 'charge')).toThrow(GatewayError);
    expect(() => interpret(res(200, 'not json'), 'charge')).toThrow(GatewayError);
  });
});

describe('CoreApiClient requests', () => {
  it('sends Basic auth, Idempotency-Key and X-Override-Notification on charge; same bytes on repeat', async () => {
    const t = new Scripted([res(200, sample('charge-qris-gopay-pos-production.json')), res(200, sample('charge-qris-gopay-pos-production.json'))]);
    const c = new CoreApiClient({ http: t, serverKey: 'SB-Mid-server-abc123cde456', logger: silentLogger });
    const req = charge('qris', { notificationUrls: ['https://a.example/n', 'https://b.example/n'] });
    await c.charge(req);
    await c.charge(req);
    const [a, b] = t.sent;
    expect(a!.headers.Authorization).toBe('Basic U0ItTWlkLXNlcnZlci1hYmMxMjNjZGU0NTY6');
    expect(a!.headers['Idempotency-Key']).toBe('idem-1');
    expect(a!.headers['X-Override-Notification']).toBe('https://a.example/n,https://b.example/n');
    expect(a!.path).toBe('/v2/charge');
    expect(b!.body).toBe(a!.body);
  });

  it('builds the documented body per method', () => {
    expect(buildCoreChargeBody(charge('va_bca'))).toMatchObject({ payment_type: 'bank_transfer', bank_transfer: { bank: 'bca' } });
    expect(buildCoreChargeBody(charge('mandiri_bill'))).toMatchObject({ payment_type: 'echannel', echannel: { bill_info1: 'Payment:' } });
    expect(buildCoreChargeBody(charge('alfamart'))).toMatchObject({ payment_type: 'cstore', cstore: { store: 'alfamart' } });
    expect(buildCoreChargeBody(charge('qris'))).toMatchObject({
      payment_type: 'qris',
      transaction_details: { order_id: 'KSR-20261126-0001', gross_amount: 44000 },
      item_details: [{ id: 'A', price: 22000, quantity: 2, name: 'Kopi' }],
    });
    expect(() => buildCoreChargeBody(charge('dana'))).toThrow(GatewayError);
  });

  it('status returns null on body 404 and uses the transaction id when known', async () => {
    const t = new Scripted([res(200, sample('status-not-found-404-http200.json'))]);
    const c = new CoreApiClient({ http: t, serverKey: 'k', logger: silentLogger });
    const ref: GatewayRef = { api: 'core_api', orderId: 'o-1', method: 'qris', externalId: 'x', referenceNo: 'tx/1' };
    expect(await c.status(ref)).toBeNull();
    expect(t.sent[0]!.path).toBe('/v2/tx%2F1/status');
  });

  it('refund sends refund_key and reads partial refunds', async () => {
    const t = new Scripted([res(200, sample('refund-partial-success-card.json'))]);
    const c = new CoreApiClient({ http: t, serverKey: 'k', logger: silentLogger });
    const tx = await c.refund({ ref: { api: 'core_api', orderId: 'vtcc05', method: 'qris', externalId: 'x' }, amount: 5000, refundKey: 'reference1' });
    expect(JSON.parse(t.sent[0]!.body!)).toMatchObject({ refund_key: 'reference1', amount: 5000 });
    expect(tx).toMatchObject({ status: 'partial_refund', amount: 10000, refundedAmount: 5000 });
  });

  it('error messages never contain the server key', async () => {
    const t = new Scripted([res(401, sample('error-unauthorized-401-http401.json'))]);
    const c = new CoreApiClient({ http: t, serverKey: 'SB-Mid-server-SECRET', logger: silentLogger });
    const e = await failure(c.charge(charge('qris')));
    expect(e.code).toBe('GATEWAY_AUTH');
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain('SECRET');
  });
});
