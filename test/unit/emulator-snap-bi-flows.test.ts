/**
 * SNAP-BI front end, business flows with the fake context: QRIS, direct debit
 * (GoPay / ShopeePay / DANA) and VA (six banks) through create → pay → status →
 * cancel / refund, expiry on the test clock, and notifications that the
 * official Node client's verifier accepts.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createSnapBiRoutes } from '../../emulator/src/snap-bi/index';
import { crc16Ccitt } from '../../emulator/src/core-api/qris';
import type { OutgoingNotification, Transaction } from '../../emulator/src/types';
import { createFakeEmuContext, createSnapBiCaller, type FakeEmuContext } from '../fixtures/emu-context';

interface SnapBiModule {
  SnapBi: { notification(): NotificationVerifier };
  SnapBiConfig: { snapBiPublicKey: string | null };
}
interface NotificationVerifier {
  withNotificationPayload(p: unknown): NotificationVerifier;
  withSignature(s: string): NotificationVerifier;
  withTimeStamp(t: string): NotificationVerifier;
  withNotificationUrlPath(p: string): NotificationVerifier;
  isWebhookNotificationVerified(): boolean;
}
const { SnapBi, SnapBiConfig } = createRequire(import.meta.url)('midtrans-client') as SnapBiModule;

/** Top-level EMVCo TLVs of a QR payload (undefined if malformed). */
function parseTlv(payload: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (let i = 0; i < payload.length; ) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(len) || i + 4 + len > payload.length) return undefined;
    out.set(id, payload.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

/** Verifies with the official client, as a merchant would (parsed payload, SNAP path only). */
function verifiedByOfficialClient(ctx: FakeEmuContext, n: OutgoingNotification, snapPath: string): boolean {
  SnapBiConfig.snapBiPublicKey = ctx.credentials.snapBi.notificationPublicKeyPem;
  return SnapBi.notification()
    .withNotificationPayload(JSON.parse(n.body))
    .withSignature(n.headers['X-SIGNATURE'] ?? '')
    .withTimeStamp(n.headers['X-TIMESTAMP'] ?? '')
    .withNotificationUrlPath(snapPath)
    .isWebhookNotificationVerified();
}

function setup() {
  const ctx = createFakeEmuContext({ notificationUrls: ['https://merchant.test/hooks/', 'https://backup.test'] });
  const api = createSnapBiCaller(ctx, createSnapBiRoutes(ctx));
  return { ctx, api, mid: ctx.credentials.snapBi.merchantId };
}
const code = (r: { body: Record<string, unknown> }): unknown => r.body.responseCode;
const pay = (ctx: FakeEmuContext, id: string): Transaction => ctx.store.transition(ctx.store.find(id) as Transaction, 'settlement');

describe('QRIS MPM', () => {
  it('generate → pay → query → refund (partial, over, rest) with signed notifications', async () => {
    const { ctx, api, mid } = setup();
    const gen = await api.call('/v1.0/qr/qr-mpm-generate', {
      partnerReferenceNo: 'qr-1', amount: { value: '15000.00', currency: 'IDR' }, merchantId: mid,
    }, { externalId: 'qr-1' });
    expect(gen.status).toBe(200);
    expect(gen.body).toMatchObject({ responseCode: '2004700', partnerReferenceNo: 'qr-1', additionalInfo: { acquirer: 'gopay' } });
    const ref = gen.body.referenceNo as string;
    const qr = gen.body.qrContent as string;
    const tags = parseTlv(qr);
    expect(tags?.get('54')).toBe('15000.00');
    expect(parseTlv(tags?.get('62') ?? '')?.get('05')).toBe(ref); // the reference label is our referenceNo
    expect(ref).toHaveLength(25); // EMVCo limit for tag 62.05
    expect(crc16Ccitt('123456789')).toBe('29B1'); // CRC-16/CCITT-FALSE check value
    expect(qr.slice(-8, -4)).toBe('6304');
    expect(qr.slice(-4)).toBe(crc16Ccitt(qr.slice(0, -4)));
    expect(Buffer.from(gen.body.qrImage as string, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(gen.body.qrUrl).toBe(`${ctx.baseUrl}/snap-bi/qr/${ref}`);

    const tx = ctx.store.find(ref) as Transaction;
    expect(tx).toMatchObject({ source: 'snap', orderId: 'qr-1', paymentType: 'qris', grossAmount: 15000, status: 'pending', qrString: qr, acquirer: 'gopay' });
    expect(tx.snap).toMatchObject({ kind: 'qris', externalId: 'qr-1', partnerReferenceNo: 'qr-1' });
    expect(tx.expiresAt - tx.createdAt).toBe(15 * 60_000);
    expect(tx.notificationUrls).toEqual(['https://merchant.test/hooks/', 'https://backup.test']);
    expect(ctx.sent).toHaveLength(0); // creation is not announced

    pay(ctx, ref);
    expect(ctx.sent.map((n) => n.url)).toEqual([
      'https://merchant.test/hooks/v1.0/qr/qr-mpm-notify',
      'https://backup.test/v1.0/qr/qr-mpm-notify',
    ]);
    const n = ctx.sent[0] as OutgoingNotification;
    expect(verifiedByOfficialClient(ctx, n, '/v1.0/qr/qr-mpm-notify')).toBe(true);
    expect(verifiedByOfficialClient(ctx, n, '/hooks/v1.0/qr/qr-mpm-notify')).toBe(false);
    expect(n.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-PARTNER-ID': 'TEST-PARTNER', 'CHANNEL-ID': '12345' });
    expect(n.headers['X-TIMESTAMP']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(n.headers['X-EXTERNAL-ID']).toMatch(/^\d+$/);
    expect(JSON.parse(n.body)).toMatchObject({
      originalPartnerReferenceNo: 'qr-1', originalReferenceNo: ref, originalExternalId: 'qr-1', merchantId: mid,
      amount: { value: '15000.00', currency: 'IDR' }, latestTransactionStatus: '00', transactionStatusDesc: 'SUCCESS',
      additionalInfo: { qris: { acquirerName: 'gopay', transactionType: 'ON-US' }, refundHistory: [] },
    });
    expect(n.body).toBe(JSON.stringify(JSON.parse(n.body))); // compact

    const q = await api.call('/v1.0/qr/qr-mpm-query', { originalReferenceNo: ref, merchantId: mid, serviceCode: '47' });
    expect(q.body).toMatchObject({ responseCode: '2005100', latestTransactionStatus: '00', serviceCode: '47', amount: { value: '15000.00' } });
    expect(q.body.paidTime).toBeDefined();

    const cancelPaid = await api.call('/v1.0/qr/qr-mpm-cancel', { originalReferenceNo: ref, merchantId: mid, reason: 'x' });
    expect([cancelPaid.status, code(cancelPaid)]).toEqual([405, '4057701']);

    const refundBody = (no: string, value?: string) => ({
      merchantId: mid, originalReferenceNo: ref, partnerRefundNo: no, reason: 'retur',
      ...(value ? { refundAmount: { value, currency: 'IDR' } } : {}),
    });
    const r1 = await api.call('/v1.0/qr/qr-mpm-refund', refundBody('rf-1', '5000.00'));
    expect(r1.body).toMatchObject({ responseCode: '2007800', partnerRefundNo: 'rf-1', refundAmount: { value: '5000.00' } });
    expect(tx.status).toBe('partial_refund');
    const over = await api.call('/v1.0/qr/qr-mpm-refund', refundBody('rf-2', '10001.00'));
    expect([over.status, code(over)]).toEqual([404, '4047813']);
    const dupNo = await api.call('/v1.0/qr/qr-mpm-refund', refundBody('rf-1', '1.00'));
    expect([dupNo.status, code(dupNo)]).toEqual([409, '4097801']);
    const rest = await api.call('/v1.0/qr/qr-mpm-refund', refundBody('rf-3'));
    expect(rest.body).toMatchObject({ responseCode: '2007800', refundAmount: { value: '10000.00' } });
    expect(tx.status).toBe('refund');
    const q2 = await api.call('/v1.0/qr/qr-mpm-query', { originalPartnerReferenceNo: 'qr-1' });
    expect(q2.body.latestTransactionStatus).toBe('04');
    expect((q2.body.additionalInfo as { refundHistory: unknown[] }).refundHistory).toHaveLength(2);
    const last = ctx.sent[ctx.sent.length - 1] as OutgoingNotification;
    expect(JSON.parse(last.body).latestTransactionStatus).toBe('04');
    expect(verifiedByOfficialClient(ctx, last, '/v1.0/qr/qr-mpm-notify')).toBe(true);
  });

  it('cancel of a pending QR, refund of an unpaid one, expiry on the clock, lookups', async () => {
    const { ctx, api, mid } = setup();
    let n = 0;
    const mk = async (id: string, extra: Record<string, unknown> = {}) =>
      api.call('/v1.0/qr/qr-mpm-generate', { partnerReferenceNo: id, amount: { value: '1000.00', currency: 'IDR' }, merchantId: mid, ...extra }, { externalId: n++ === 0 ? `x-${id}` : `x-${id}-${n}` });
    const a = await mk('qa');
    const unpaidRefund = await api.call('/v1.0/qr/qr-mpm-refund', { merchantId: mid, originalExternalId: 'x-qa', partnerRefundNo: 'r' });
    expect([unpaidRefund.status, code(unpaidRefund)]).toEqual([405, '4057801']);
    const c = await api.call('/v1.0/qr/qr-mpm-cancel', { originalExternalId: 'x-qa', merchantId: mid, reason: 'customer left' });
    expect(c.body).toMatchObject({ responseCode: '2007700', originalReferenceNo: a.body.referenceNo, originalExternalId: 'x-qa' });
    expect(JSON.parse((ctx.sent.at(-1) as OutgoingNotification).body).latestTransactionStatus).toBe('05');
    expect(code(await mk('qa'))).toBe('2004700'); // a cancelled order id may be reused
    expect(code(await mk('qa'))).toBe('4094701'); // …but not while the new one is live

    const validity = new Date(ctx.clock.now() + 60_000).toISOString();
    const b = await mk('qb', { validityPeriod: validity, additionalInfo: { acquirer: 'AIRPAY SHOPEE' } });
    expect((ctx.store.find('qb') as Transaction).acquirer).toBe('airpay shopee');
    ctx.clock.advance(61);
    const q = await api.call('/v1.0/qr/qr-mpm-query', { originalReferenceNo: b.body.referenceNo });
    expect(q.body.latestTransactionStatus).toBe('08');

    expect(code(await mk('qc', { validityPeriod: '2020-01-01T00:00:00+07:00' }))).toBe('4004701');
    expect(code(await mk('qd', { merchantId: 'G999' }))).toBe('4044708');
    expect(code(await mk('qe', { amount: { value: '10000001.00', currency: 'IDR' } }))).toBe('4034702');
    expect(code(await mk('qf', { additionalInfo: { acquirer: 'ovo' } }))).toBe('4004701');
    expect(code(await mk('bad id!'))).toBe('4004701');
    const nf = await api.call('/v1.0/qr/qr-mpm-query', { originalReferenceNo: 'A1nope' });
    expect([nf.status, code(nf)]).toEqual([404, '4045101']);
    expect(code(await api.call('/v1.0/qr/qr-mpm-query', {}))).toBe('4005102');
  });
});

describe('direct debit', () => {
  it.each([
    ['GOPAY', 'gopay'],
    ['SHOPEEPAY', 'shopeepay'],
    ['DANA', 'dana'],
  ])('%s: create → pay → status → refund, notification on /v1.0/debit/notify', async (option, paymentType) => {
    const { ctx, api, mid } = setup();
    const id = `dd-${paymentType}`;
    const res = await api.call('/v1.0/debit/payment-host-to-host', {
      partnerReferenceNo: id, chargeToken: '', merchantId: mid,
      urlParams: [{ url: 'kasir://back', type: 'PAY_RETURN', isDeeplink: 'Y' }],
      validUpTo: '2030-07-20T20:34:15.452305Z',
      payOptionDetails: [{ payMethod: option, payOption: option, transAmount: { value: '25000.00', currency: 'IDR' } }],
    }, { externalId: `e-${id}` });
    expect(res.body).toMatchObject({ responseCode: '2005400', partnerReferenceNo: id, additionalInfo: { paymentType: option, grossAmount: { value: '25000.00' } } });
    const tx = ctx.store.find(id) as Transaction;
    const checkout = `${ctx.baseUrl}/simulator/checkout/${tx.transactionId}?callback_url=${encodeURIComponent('kasir://back')}`;
    expect([res.body.webRedirectUrl, res.body.appRedirectUrl, tx.deeplinkUrl]).toEqual([checkout, checkout, checkout]);
    expect(tx).toMatchObject({ paymentType, source: 'snap', snap: { kind: 'debit', externalId: `e-${id}` } });
    // validUpTo in 2030 is clamped to the wallet's maximum (DANA 1 d, ShopeePay 5 d, GoPay 180 d).
    const maxDays = { gopay: 180, shopeepay: 5, dana: 1 }[paymentType] ?? 0;
    expect(tx.expiresAt - tx.createdAt).toBe(maxDays * 86_400_000);

    pay(ctx, id);
    const n = ctx.sent[0] as OutgoingNotification;
    expect(n.url).toBe('https://merchant.test/hooks/v1.0/debit/notify');
    expect(verifiedByOfficialClient(ctx, n, '/v1.0/debit/notify')).toBe(true);
    expect(JSON.parse(n.body)).toMatchObject({ latestTransactionStatus: '00', additionalInfo: { userPaymentDetails: [{ payMethod: paymentType }] } });

    const st = await api.call('/v1.0/debit/status', { originalExternalId: `e-${id}`, serviceCode: '54' });
    expect(st.body).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00', transAmount: { value: '25000.00' }, originalReferenceNo: tx.transactionId });
    const cancel = await api.call('/v1.0/debit/cancel', { originalReferenceNo: tx.transactionId });
    expect([cancel.status, code(cancel)]).toEqual([405, '4055701']);
    // The Node README's refund body has no partnerRefundNo: X-EXTERNAL-ID stands in.
    const rf = await api.call('/v1.0/debit/refund', { originalReferenceNo: tx.transactionId, reason: 'refund reason' }, { externalId: 'rf-ext' });
    expect(rf.body).toMatchObject({ responseCode: '2005800', partnerRefundNo: 'rf-ext', refundAmount: { value: '25000.00' } });
    const st2 = await api.call('/v1.0/debit/status', { originalReferenceNo: tx.transactionId });
    expect(st2.body.latestTransactionStatus).toBe('04');
    expect(st2.body.refundHistory).toHaveLength(1);
  });

  it('cancels a pending charge and validates the body', async () => {
    const { api, mid } = setup();
    const body = (over: Record<string, unknown> = {}) => ({
      partnerReferenceNo: 'dd-x', merchantId: mid,
      payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY_WALLET', transAmount: { value: '1500.00', currency: 'IDR' } }],
      ...over,
    });
    const ok = await api.call('/v1.0/debit/payment-host-to-host', body());
    const c = await api.call('/v1.0/debit/cancel', { originalReferenceNo: ok.body.referenceNo });
    expect(c.body).toMatchObject({ responseCode: '2005700', originalPartnerReferenceNo: 'dd-x' });
    expect(c.body.cancelTime).toBeDefined();
    expect(code(await api.call('/v1.0/debit/payment-host-to-host', body({ payOptionDetails: [] })))).toBe('4005402');
    expect(code(await api.call('/v1.0/debit/payment-host-to-host', body({ payOptionDetails: [{ payOption: 'OVO', transAmount: { value: '1.00', currency: 'IDR' } }] })))).toBe('4005401');
    expect(code(await api.call('/v1.0/debit/payment-host-to-host', body({ payOptionDetails: [{ payOption: 'DANA', transAmount: { value: '1500', currency: 'IDR' } }] })))).toBe('4005401');
    expect(code(await api.call('/v1.0/debit/status', { originalReferenceNo: 'nope' }))).toBe('4045501');
  });
});

describe('virtual account', () => {
  it.each(['bca', 'bni', 'bri', 'permata', 'cimb', 'mandiri'])('%s: create → pay → status; delete refused once paid', async (bank) => {
    const { ctx, api, mid } = setup();
    const trxId = `va-${bank}`;
    const res = await api.call('/v1.0/transfer-va/create-va', {
      partnerServiceId: '   70012', customerNo: '', virtualAccountNo: '', virtualAccountName: 'Budi', trxId,
      totalAmount: { value: '50000.00', currency: 'IDR' },
      additionalInfo: { merchantId: mid, bank, flags: { shouldRandomizeVaNumber: true }, mandiri: { billInfo1: 'a', billInfo2: 'b' }, customField: { 1: 'c1' } },
    }, { externalId: trxId });
    expect(res.body.responseCode).toBe('2002700');
    const data = res.body.virtualAccountData as Record<string, string>;
    expect(data.partnerServiceId).toBe('   70012');
    expect(data.virtualAccountNo).toBe(data.partnerServiceId + data.customerNo);
    expect(data.customerNo).toMatch(bank === 'mandiri' ? /^\d{12}$/ : /^\d{10}$/);
    const tx = ctx.store.find(trxId) as Transaction;
    expect(tx).toMatchObject({ bank, vaNumber: `70012${data.customerNo}`, paymentType: bank === 'mandiri' ? 'echannel' : 'bank_transfer' });
    if (bank === 'mandiri') expect(tx).toMatchObject({ billerCode: '70012', billKey: data.customerNo });
    expect(tx.expiresAt - tx.createdAt).toBe(86_400_000);

    pay(ctx, trxId);
    const n = ctx.sent[0] as OutgoingNotification;
    expect(n.url).toBe('https://merchant.test/hooks/v1.0/transfer-va/payment');
    expect(verifiedByOfficialClient(ctx, n, '/v1.0/transfer-va/payment')).toBe(true);
    expect(JSON.parse(n.body)).toMatchObject({
      partnerServiceId: '   70012', customerNo: data.customerNo, trxId, paidAmount: { value: '50000.00' },
      additionalInfo: { bank, paymentFlagStatus: '00', merchantId: mid, customField: { 1: 'c1' } },
    });

    const st = await api.call('/v1.0/transfer-va/status', {
      partnerServiceId: data.partnerServiceId, customerNo: data.customerNo, virtualAccountNo: data.virtualAccountNo, inquiryRequestId: trxId,
      additionalInfo: { merchantId: mid },
    });
    expect(st.body).toMatchObject({ responseCode: '2002600', virtualAccountData: { paymentFlagStatus: '00', paidAmount: { value: '50000.00' } } });
    const del = await api.call('/v1.0/transfer-va/delete-va', { ...data, trxId, additionalInfo: { merchantId: mid } });
    expect([del.status, code(del)]).toEqual([405, '4053101']);
  });

  it('VA numbers are deterministic per trxId, unique, and validated', async () => {
    const { ctx, api, mid } = setup();
    const create = (trxId: string, over: Record<string, unknown> = {}, info: Record<string, unknown> = {}) =>
      api.call('/v1.0/transfer-va/create-va', {
        partnerServiceId: '    1234', customerNo: '5551234', virtualAccountNo: '    12345551234', virtualAccountName: 'Sari', trxId,
        totalAmount: { value: '10000.00', currency: 'IDR' }, additionalInfo: { merchantId: mid, bank: 'bca', ...info }, ...over,
      });
    const fixed = await create('v1');
    expect((fixed.body.virtualAccountData as Record<string, string>).virtualAccountNo).toBe('    12345551234');
    expect(code(await create('v2'))).toBe('4092701'); // same number while v1 is pending
    const r1 = await create('v3', { customerNo: undefined, virtualAccountNo: undefined });
    const other = createFakeEmuContext();
    const r1again = await createSnapBiCaller(other, createSnapBiRoutes(other)).call('/v1.0/transfer-va/create-va', {
      partnerServiceId: '    1234', virtualAccountName: 'Sari', trxId: 'v3', totalAmount: { value: '10000.00', currency: 'IDR' },
      additionalInfo: { merchantId: other.credentials.snapBi.merchantId, bank: 'bca' },
    });
    expect((r1again.body.virtualAccountData as Record<string, string>).customerNo).toBe((r1.body.virtualAccountData as Record<string, string>).customerNo);

    const del = await api.call('/v1.0/transfer-va/delete-va', { partnerServiceId: '    1234', customerNo: '5551234', virtualAccountNo: '    12345551234', trxId: 'v1', additionalInfo: { merchantId: mid } });
    expect(del.body).toMatchObject({ responseCode: '2003100', virtualAccountData: { trxId: 'v1' } });
    expect((ctx.store.find('v1') as Transaction).status).toBe('cancel');
    expect(ctx.sent).toHaveLength(0); // VA notifications are payments only

    expect(code(await create('v4', { partnerServiceId: '1234' }))).toBe('4002701');
    expect(code(await create('v5', { virtualAccountNo: '    1234999' }))).toBe('4002701');
    expect(code(await create('v6', {}, { bank: 'bjb' }))).toBe('4002701');
    expect(code(await create('v7', {}, { bank: 'mandiri' }))).toBe('4002702');
    expect(code(await create('v8', { virtualAccountName: undefined }))).toBe('4002702');
    expect(code(await create('v9', { additionalInfo: { bank: 'bca' } }))).toBe('4002702');
    expect(code(await create('v10', { totalAmount: { value: '10000.10', currency: 'IDR' } }))).toBe('4002701');
    const nf = await api.call('/v1.0/transfer-va/status', { virtualAccountNo: '    1234000', inquiryRequestId: 'nope' });
    expect([nf.status, code(nf)]).toEqual([404, '4042601']);
  });
});
