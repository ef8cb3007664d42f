/**
 * What a verified notification carries on (its meaning: known fields,
 * bounded), what makes two of them one claim, and the SNAP-BI delivery key
 * and X-TIMESTAMP window (issue 9, item 7).
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { coreNotificationSignature, signSnapBiNotification } from '../../electron/main/core/gateway/signatures';
import { deliveryKey, isFresh, SNAP_TIMESTAMP_WINDOW_MS } from '../../electron/main/core/webhook/freshness';
import { claimKeyOf } from '../../electron/main/core/webhook/notification-meaning';
import type { VerifiedNotification } from '../../electron/main/core/webhook/types';
import { NotificationVerifier } from '../../electron/main/core/webhook/verifier';

const KEY = 'SB-Mid-server-meaning-test';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUB = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const NOW = Date.parse('2026-11-26T03:00:00Z');
const verifier = new NotificationVerifier({ coreServerKey: KEY, snapNotificationPublicKeyPem: PUB, freshness: { gatewayNow: () => NOW } });

function core(fields: Record<string, unknown>): VerifiedNotification {
  const signed = { order_id: 'KSR-1', status_code: '200', gross_amount: '10000.00' };
  const body = { ...signed, transaction_status: 'settlement', transaction_id: 'tx-1', ...fields, signature_key: coreNotificationSignature(signed, KEY) };
  const r = verifier.verifyCore(Buffer.from(JSON.stringify(body)));
  if (!r.ok) throw new Error(r.reason);
  return r.notification;
}

const QRIS = '/v1.0/qr/qr-mpm-notify';
function snap(body: Record<string, unknown>, opts: { at?: number; externalId?: string; text?: string } = {}): VerifiedNotification {
  const raw = Buffer.from(opts.text ?? JSON.stringify(body));
  const timestamp = new Date((opts.at ?? NOW) + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';
  const signature = signSnapBiNotification({ path: QRIS, body: JSON.stringify(body), timestamp }, privateKey);
  const r = verifier.verifySnapBi({ kind: 'qris', snapPath: QRIS, raw, timestamp, signature, externalId: opts.externalId ?? '777' });
  if (!r.ok) throw new Error(r.reason);
  return r.notification;
}
const QRIS_PAID = { originalPartnerReferenceNo: 'KSR-2', originalReferenceNo: 'A1', latestTransactionStatus: '00', amount: { value: '10000.00', currency: 'IDR' } };

describe('the meaning of a notification', () => {
  it('keeps known fields only: a 60 kB junk field, the signature and unknown fields are not carried on', () => {
    const n = core({ _pad: 'x'.repeat(60_000), custom_field1: 'hello', acquirer: 'gopay' });
    const text = JSON.stringify(n.raw);
    expect(n.raw).toMatchObject({ order_id: 'KSR-1', transaction_status: 'settlement', gross_amount: '10000.00', acquirer: 'gopay' });
    expect(text).not.toContain('_pad');
    expect(text).not.toContain('signature_key');
    expect(text).not.toContain('custom_field1');
    expect(text.length).toBeLessThan(300);
  });

  it('bounds every known field: an overlong or mistyped one is dropped, the notification still verifies', () => {
    const n = core({ transaction_time: 'y'.repeat(10_000), va_numbers: 'not a list', refunds: Array.from({ length: 500 }, (_, i) => ({ refund_key: `k${i}`, refund_amount: '1.00' })) });
    const m = n.raw as { transaction_time?: string; va_numbers?: unknown; refunds: { refund_key: string }[] };
    expect(m.transaction_time).toBeUndefined();
    expect(m.va_numbers).toBeUndefined();
    expect(m.refunds).toHaveLength(20);
    expect(m.refunds.at(-1)!.refund_key).toBe('k499');
    expect(JSON.stringify(n.raw).length).toBeLessThan(2_000);
  });

  it('SNAP-BI: the padded body is carried on without its pad', () => {
    const n = snap({ ...QRIS_PAID, _pad: 'x'.repeat(1000) });
    expect(n.raw).toEqual({ ...QRIS_PAID });
  });
});

describe('one claim', () => {
  const refund = (extra: Record<string, unknown> = {}) => ({ refund_key: 'r1', refund_amount: '4000.00', refund_chargeback_id: 9, created_at: '2026-11-26 10:00:00', ...extra });

  it('the same claim whatever else changes: padding, descriptive fields, bank_confirmed_at of a refund', () => {
    const a = core({ transaction_status: 'partial_refund', refund_amount: '4000.00', refunds: [refund()] });
    const b = core({ transaction_status: 'partial_refund', refund_amount: '4000.00', refunds: [refund({ bank_confirmed_at: '2026-11-26 10:00:05' })], _pad: 'x'.repeat(100), settlement_time: '2026-11-26 09:00:00' });
    expect(claimKeyOf(b)).toBe(claimKeyOf(a));
  });

  it('a new claim when the status, a refund or the transaction differs', () => {
    const base = core({ transaction_status: 'partial_refund', refund_amount: '4000.00', refunds: [refund()] });
    const more = core({ transaction_status: 'partial_refund', refund_amount: '6000.00', refunds: [refund(), refund({ refund_key: 'r2', refund_amount: '2000.00' })] });
    const refunded = core({ transaction_status: 'refund', refund_amount: '4000.00', refunds: [refund()] });
    const other = core({ transaction_status: 'partial_refund', transaction_id: 'tx-2', refund_amount: '4000.00', refunds: [refund()] });
    const keys = new Set([base, more, refunded, other].map(claimKeyOf));
    expect(keys.size).toBe(4);
  });

  it('SNAP-BI: a refund in the history makes a new claim, a different delivery of the same content does not', () => {
    const paid = snap(QRIS_PAID);
    const again = snap(QRIS_PAID, { externalId: '778' });
    const refunded = snap({ ...QRIS_PAID, latestTransactionStatus: '04', additionalInfo: { refundHistory: [{ refundNo: 'R1', partnerReferenceNo: 'k1', refundAmount: { value: '10000.00', currency: 'IDR' }, refundStatus: '00' }] } });
    expect(claimKeyOf(again)).toBe(claimKeyOf(paid));
    expect(again.delivery!.key).not.toBe(paid.delivery!.key);
    expect(claimKeyOf(refunded)).not.toBe(claimKeyOf(paid));
  });

  it('without an identity (built by hand) only identical meanings are one claim', () => {
    const n = { api: 'core_api' as const, claimedStatus: 'settlement', referenceNo: null };
    expect(claimKeyOf({ ...n, raw: { a: 1 } })).toBe(claimKeyOf({ ...n, raw: { a: 1 } }));
    expect(claimKeyOf({ ...n, raw: { a: 1 } })).not.toBe(claimKeyOf({ ...n, raw: { a: 2 } }));
  });
});

describe('SNAP-BI delivery key and X-TIMESTAMP window', () => {
  it('±5 min of the gateway time, bounds included; unreadable is not fresh', () => {
    const w = { gatewayNow: () => NOW };
    const wib = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';
    expect(SNAP_TIMESTAMP_WINDOW_MS).toBe(300_000);
    expect(isFresh(wib(NOW - 300_000), w)).toBe(true);
    expect(isFresh(wib(NOW + 300_000), w)).toBe(true);
    expect(isFresh(wib(NOW - 301_000), w)).toBe(false);
    expect(isFresh(wib(NOW + 301_000), w)).toBe(false);
    expect(isFresh(new Date(NOW).toISOString(), w)).toBe(true);
    // Without an offset a wall time is read as WIB, Midtrans' zone (gateway/time.ts).
    expect(isFresh('2026-11-26T10:00:00', w)).toBe(true);
    for (const bad of ['', 'yesterday', '2026-11-26T10:00', '9999999999']) expect(isFresh(bad, w)).toBe(false);
  });

  it('the verifier marks a delivery stale, not refused: whether it was recorded decides', () => {
    expect(snap(QRIS_PAID, { at: NOW - 6 * 60_000 }).delivery!.fresh).toBe(false);
    expect(snap(QRIS_PAID, { at: NOW - 4 * 60_000 }).delivery!.fresh).toBe(true);
  });

  it('whitespace or a repeated key (both still verify) do not make a new delivery; another X-EXTERNAL-ID does', () => {
    const compact = JSON.stringify(QRIS_PAID);
    const a = snap(QRIS_PAID);
    const pretty = snap(QRIS_PAID, { text: JSON.stringify(QRIS_PAID, null, 2) });
    const repeated = snap(QRIS_PAID, { text: `${compact.slice(0, -1)},"latestTransactionStatus":"00"}` });
    expect(pretty.delivery!.key).toBe(a.delivery!.key);
    expect(repeated.delivery!.key).toBe(a.delivery!.key);
    expect(deliveryKey('1', QRIS_PAID)).not.toBe(deliveryKey('2', QRIS_PAID));
    expect(deliveryKey(undefined, QRIS_PAID)).toBe(deliveryKey('', QRIS_PAID));
  });

  it('Core API notifications carry no delivery (no X-EXTERNAL-ID, no time in their signature)', () => {
    expect(core({}).delivery).toBeUndefined();
  });
});
