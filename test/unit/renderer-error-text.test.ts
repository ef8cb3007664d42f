import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ERROR_CODES, type ErrorCode } from '../../shared/contract/result';
import { ERROR_VARIANTS, errorVariant, NOTICE_CODES } from '../../shared/contract/error-vocabulary';
import { errorFieldOf, errorText, noticeText, wordedParams, type Translate } from '../../renderer/src/components/error-text';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';

/** A real i18next instance over the bundled resources, as the renderer has. */
function translator(lng: 'id' | 'en'): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng,
    fallbackLng: 'id',
    initAsync: false,
    interpolation: { escapeValue: false }, // as the renderer: React escapes
  });
  return (key, values) => instance.t(key, values ?? {});
}

/** One value for every param any text may use. */
const SAMPLE = {
  amount: 5_500_000, min: 10_000, max: 5_000_000, total: 44_000, method: 'indomaret', status: 'settlement', env: 'sandbox',
  closedAt: '2026-11-26T14:05:00.000Z', day: '2026-11-26', today: '2026-11-25', id: 'P1', sku: 'ES-JERUK', count: 2,
  minimum: 1, maximum: 50, divisor: 1, target: '127.0.0.1:9100', seconds: 8, errno: 'EIO', retryAfterSeconds: 30, dir: '/media/usb/kasir-backups',
  attemptsLeft: 6, orderId: 'K-20261126-0001', gatewayMessage: 'transaction_details.gross_amount is required', minutes: 3, direction: 'ahead',
  barcode: '8991234567890', name: 'Es Jeruk', paid: 1, failed: 1, paymentId: 'P1', saleId: 'S1',
} as const;

type Variants = Record<string, { values: readonly string[]; param?: string }>;
const VARIANTS = ERROR_VARIANTS as unknown as Variants;

/** Params that make `errorVariant` pick `variant` of `code`. */
function paramsFor(code: ErrorCode, variant: string): Record<string, string | number> {
  const spec = VARIANTS[code]!;
  if (spec.param) return { ...SAMPLE, [spec.param]: variant };
  if (code === 'LOCKED') return variant === 'retry_later' ? { retryAfterSeconds: 30 } : {};
  if (code === 'PIN_INVALID') return variant === 'wait' ? { failedCount: 4, attemptsLeft: 6, retryAfterSeconds: 30 } : { failedCount: 1, attemptsLeft: 9, retryAfterSeconds: 0 };
  return { ...SAMPLE };
}

const everyVariant = (): [ErrorCode, string][] =>
  (Object.keys(VARIANTS) as ErrorCode[]).flatMap((code) => VARIANTS[code]!.values.map((variant): [ErrorCode, string] => [code, variant]));

describe('error messages for the cashier', () => {
  it('every ErrorCode has a non-empty Indonesian and English headline, and no extra ones', () => {
    expect(Object.keys(id.error).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(en.error).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      expect(id.error[code].trim(), `id ${code}`).not.toBe('');
      expect(en.error[code].trim(), `en ${code}`).not.toBe('');
      expect(id.error[code], `id ${code} is translated`).not.toBe(en.error[code]);
    }
  });

  it('every variant of every code (every reason, what, which, outcome, issue, rule) has its text in both languages, and no extra ones', () => {
    const wanted = Object.fromEntries(Object.entries(VARIANTS).map(([code, spec]) => [code, [...spec.values].sort()]));
    const keysOf = (tree: Record<string, Record<string, string>>) => Object.fromEntries(Object.entries(tree).map(([code, texts]) => [code, Object.keys(texts).sort()]));
    expect(keysOf(id.errorDetail)).toEqual(wanted);
    expect(keysOf(en.errorDetail)).toEqual(wanted);
    for (const lng of ['id', 'en'] as const) {
      const t = translator(lng);
      for (const [code, variant] of everyVariant()) {
        const text = t(`errorDetail.${code}.${variant}`, wordedParams(SAMPLE, t));
        expect(text.trim(), `${lng} ${code}.${variant}`).not.toBe('');
        expect(text, `${lng} ${code}.${variant} interpolates every placeholder`).not.toMatch(/\{\{|\}\}/);
      }
    }
    for (const [code, variant] of everyVariant()) {
      const idText = (id.errorDetail as Record<string, Record<string, string>>)[code]![variant];
      const enText = (en.errorDetail as Record<string, Record<string, string>>)[code]![variant];
      expect(idText, `${code}.${variant} is translated`).not.toBe(enText);
    }
  });

  it('every notice code has its text in both languages', () => {
    expect(Object.keys(id.notice).sort()).toEqual([...NOTICE_CODES].sort());
    expect(Object.keys(en.notice).sort()).toEqual([...NOTICE_CODES].sort());
    for (const lng of ['id', 'en'] as const) {
      for (const code of NOTICE_CODES) expect(noticeText({ code, params: SAMPLE }, translator(lng)), `${lng} ${code}`).not.toMatch(/\{\{|^$/);
    }
    expect(noticeText({ code: 'charge_found', params: { orderId: 'K-1', status: 'pending' } }, translator('id'))).toBe(
      'Tagihan K-1 ternyata sudah dibuat di Midtrans (Menunggu pembayaran). Jangan tagih lagi; lihat tab Pembayaran.',
    );
    expect(noticeText({ code: 'keys_not_configured', params: { env: 'production' } }, translator('en'))).toMatch(/^Midtrans keys for Production are not set up/);
  });

  it('maps each code to its headline in the current language', () => {
    for (const lng of ['id', 'en'] as const) {
      const t = translator(lng);
      const resources = lng === 'id' ? id : en;
      for (const code of ERROR_CODES) {
        expect(errorText({ code, message: 'x', params: {} }, t).headline, `${lng} ${code}`).toBe(resources.error[code]);
      }
    }
  });

  it('an Indonesian UI never shows the English main-process message', () => {
    const t = translator('id');
    const message = 'The day 2026-11-26 was already closed at 21:05.';
    for (const code of ERROR_CODES) {
      const shown = errorText({ code, message, params: {} }, t);
      expect(`${shown.headline} ${shown.detail ?? ''}`, code).not.toContain(message);
    }
    for (const [code, variant] of everyVariant()) {
      const params = { ...paramsFor(code, variant) };
      delete (params as { gatewayMessage?: string }).gatewayMessage;
      const shown = errorText({ code, message, params }, t);
      expect(errorVariant(code, params), `${code}.${variant} is picked`).toBe(variant);
      expect(shown.detail, `${code}.${variant}`).toBe(t(`errorDetail.${code}.${variant}`, wordedParams(params, t)));
      expect(`${shown.headline} ${shown.detail ?? ''}`, `${code}.${variant}`).not.toContain(message);
    }
  });

  it('uses the cashier wording for the common failures, and says whether a charge may exist', () => {
    const t = translator('id');
    expect(errorText({ code: 'GATEWAY_UNAVAILABLE', message: 'down', params: {} }, t).headline).toBe('Midtrans tidak dapat dihubungi.');
    expect(errorText({ code: 'GATEWAY_UNAVAILABLE', message: 'down', params: { outcome: 'not_sent' } }, t).detail).toMatch(/tidak ada tagihan .* Aman untuk dicoba lagi\.$/);
    expect(errorText({ code: 'GATEWAY_UNAVAILABLE', message: 'down', params: { outcome: 'maybe_processed' } }, t).detail).toMatch(/jangan ulangi dulu\.$/);
    expect(errorText({ code: 'GATEWAY_AUTH', message: 'bad key', params: {} }, t).headline).toMatch(/^Kunci Midtrans salah/);
  });

  it('words the specifics from params: rupiah, method and status labels, times', () => {
    const t = translator('id');
    const open = errorText({ code: 'OPEN_PAYMENTS', message: '2 payments are still waiting (Rp 44.000).', params: { count: 2, total: 44_000 } }, t);
    expect(open).toEqual({ code: 'OPEN_PAYMENTS', headline: id.error.OPEN_PAYMENTS, detail: '2 pembayaran masih menunggu (Rp 44.000).' });
    const refund = errorText({ code: 'AMOUNT_INVALID', message: 'x', params: { reason: 'refund_range', min: 1, max: 34_000 }, field: 'amount' }, t);
    expect(refund.detail).toBe('Jumlah pengembalian harus antara Rp 1 dan Rp 34.000.');
    const limit = errorText({ code: 'AMOUNT_INVALID', message: 'x', params: { reason: 'method_limit', method: 'indomaret', min: 10_000, max: 5_000_000, amount: 5_500_000 } }, t);
    expect(limit.detail).toBe('Indomaret menerima Rp 10.000 – Rp 5.000.000 per transaksi; penjualan ini Rp 5.500.000.');
    const cash = errorText({ code: 'ILLEGAL_TRANSITION', message: 'x', params: { reason: 'not_refundable', method: 'cash', status: 'settlement' } }, translator('en'));
    expect(cash.detail).toBe('A Cash payment that is “Paid” cannot be refunded.');
    const closed = errorText(
      { code: 'CONFLICT', message: 'x', params: { reason: 'already_closed', day: '2026-11-26', closedAt: '2026-11-26T14:05:00.000Z' } },
      t,
      { time: (iso) => `<${iso.slice(11, 16)}>` },
    );
    expect(closed.detail).toBe('Hari 2026-11-26 sudah ditutup pukul <14:05>. Hari yang sudah ditutup tidak bisa ditutup lagi.');
  });

  it("quotes Midtrans' own (English) message as Midtrans' to an English UI only: one language at a time", () => {
    const error = { code: 'GATEWAY_REJECTED', message: 'x', params: { gatewayMessage: 'Payment channel is not activated.' } } as const;
    expect(errorText(error, translator('en'), { language: 'en' }).detail).toBe('Midtrans said: “Payment channel is not activated.”');
    const shown = errorText(error, translator('id'), { language: 'id' });
    expect(shown.headline).toBe(id.error.GATEWAY_REJECTED);
    expect(`${shown.headline} ${shown.detail ?? ''}`).not.toContain('Payment channel is not activated.');
  });

  it('shows no detail where the params name none', () => {
    const t = translator('id');
    for (const code of ['INTERNAL', 'GATEWAY_AUTH', 'UNKNOWN_CHANNEL', 'FORBIDDEN', 'DUPLICATE_ORDER'] as const) {
      expect(errorText({ code, message: 'Something went wrong.', params: {} }, t).detail, code).toBeNull();
    }
    // An older main process without params: still the headline, never the English message.
    expect(errorText({ code: 'CONFLICT', message: 'The charge is still being created.' }, t)).toEqual({ code: 'CONFLICT', headline: id.error.CONFLICT, detail: null });
    expect(errorText({ code: 'CONFLICT', message: 'x', params: { reason: 'not_a_reason' } }, t).detail).toBeNull();
    // A variant whose params did not all come: no half-filled "{{closedAt}}", the headline says enough.
    expect(errorText({ code: 'CONFLICT', message: 'x', params: { reason: 'already_closed', day: '2026-11-26' } }, t).detail).toBeNull();
  });

  it('reads a code it does not know (a newer main process) as INTERNAL, keeping the message in English and the code otherwise', () => {
    const t = translator('en');
    const res = errorText({ code: 'SOMETHING_NEW' as ErrorCode, message: 'New failure.', params: {} }, t, { language: 'en' });
    expect(res).toEqual({ code: 'INTERNAL', headline: en.error.INTERNAL, detail: 'New failure.' });
    const inId = errorText({ code: 'SOMETHING_NEW' as ErrorCode, message: 'New failure.', params: {} }, translator('id'), { language: 'id' });
    expect(inId).toEqual({ code: 'INTERNAL', headline: id.error.INTERNAL, detail: 'Kode kesalahan: SOMETHING_NEW' });
  });

  it('puts an error next to the form field it names', () => {
    const fields = ['sku', 'name', 'price', 'category'] as const;
    expect(errorFieldOf({ field: 'price' }, fields)).toBe('price');
    expect(errorFieldOf({ field: 'items.0.price' }, ['items'] as const)).toBe('items');
    expect(errorFieldOf({ field: 'isNew' }, fields)).toBeNull();
    expect(errorFieldOf({}, fields)).toBeNull();
    expect(errorFieldOf(null, fields)).toBeNull();
  });
});
