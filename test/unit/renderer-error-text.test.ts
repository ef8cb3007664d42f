import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ERROR_CODES, type ErrorCode } from '../../shared/contract/result';
import { errorText, SHOW_DETAIL } from '../../renderer/src/components/error-text';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';

/** A real i18next instance over the bundled resources, as the renderer has. */
function translator(lng: 'id' | 'en') {
  const instance = i18next.createInstance();
  void instance.init({ resources: { id: { translation: id }, en: { translation: en } }, lng, fallbackLng: 'id', initAsync: false });
  return (key: string) => instance.t(key);
}

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

  it('every ErrorCode has a detail policy', () => {
    expect(Object.keys(SHOW_DETAIL).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('maps each code to its headline in the current language', () => {
    for (const lng of ['id', 'en'] as const) {
      const t = translator(lng);
      const resources = lng === 'id' ? id : en;
      for (const code of ERROR_CODES) {
        expect(errorText({ code, message: 'x' }, t).headline, `${lng} ${code}`).toBe(resources.error[code]);
      }
    }
  });

  it('uses the cashier wording for the common failures', () => {
    const t = translator('id');
    expect(errorText({ code: 'GATEWAY_UNAVAILABLE', message: 'down' }, t).headline).toBe('Midtrans tidak dapat dihubungi. Coba lagi.');
    expect(errorText({ code: 'GATEWAY_AUTH', message: 'bad key' }, t).headline).toMatch(/^Kunci Midtrans salah/);
  });

  it('keeps the main-process specifics under the headline where they matter', () => {
    const t = translator('id');
    const open = errorText({ code: 'OPEN_PAYMENTS', message: '2 payments are still waiting (Rp 44.000).' }, t);
    expect(open).toEqual({ code: 'OPEN_PAYMENTS', headline: id.error.OPEN_PAYMENTS, detail: '2 payments are still waiting (Rp 44.000).' });
    const amount = errorText({ code: 'AMOUNT_INVALID', message: 'Refund must be a whole amount between 1 and 34000 rupiah.' }, t);
    expect(amount.detail).toContain('34000');
  });

  it('hides messages that add nothing (generic, fixed or already translated)', () => {
    const t = translator('id');
    const quiet: ErrorCode[] = ['INTERNAL', 'GATEWAY_AUTH', 'UNKNOWN_CHANNEL', 'FORBIDDEN'];
    for (const code of quiet) expect(errorText({ code, message: 'Something went wrong.' }, t).detail, code).toBeNull();
    expect(errorText({ code: 'CONFLICT', message: '   ' }, t).detail).toBeNull();
    // The renderer's own translated "not responding" must not repeat the headline.
    expect(errorText({ code: 'INVALID_INPUT', message: id.error.INVALID_INPUT }, t).detail).toBeNull();
  });

  it('reads a code it does not know (a newer main process) as INTERNAL, keeping the message', () => {
    const t = translator('en');
    const res = errorText({ code: 'SOMETHING_NEW' as ErrorCode, message: 'New failure.' }, t);
    expect(res).toEqual({ code: 'INTERNAL', headline: en.error.INTERNAL, detail: 'New failure.' });
  });
});
