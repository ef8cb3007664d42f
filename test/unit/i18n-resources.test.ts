import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';
import { DEFAULT_LANGUAGE, INTL_LOCALE, LANGUAGES, toLanguage } from '../../renderer/src/i18n/language';
import { PAYMENT_METHODS, PAYMENT_STATUSES, UPDATE_SOURCES } from '../../shared/domain/payment';
import { SECRET_NAMES } from '../../shared/domain/gateway';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('i18n resources', () => {
  const idKeys = flatten(id);
  const enKeys = flatten(en);

  it('id and en have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...idKeys.keys()].sort());
  });

  it('every text is non-empty and uses the same {{placeholders}} in both languages', () => {
    for (const [key, text] of idKeys) {
      expect(text.trim(), `id:${key}`).not.toBe('');
      expect(enKeys.get(key)?.trim(), `en:${key}`).not.toBe('');
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('covers every payment method, status, update source and secret the contract knows', () => {
    for (const m of PAYMENT_METHODS) expect(idKeys.has(`method.${m}`), m).toBe(true);
    for (const s of PAYMENT_STATUSES) expect(idKeys.has(`status.${s}`), s).toBe(true);
    for (const s of UPDATE_SOURCES) expect(idKeys.has(`source.${s}`), s).toBe(true);
    for (const s of SECRET_NAMES) expect(idKeys.has(`settings.secret.${s}`), s).toBe(true);
  });

  it('speaks Indonesian by default and narrows unknown stored values to it', () => {
    expect(DEFAULT_LANGUAGE).toBe('id');
    expect(LANGUAGES[0]).toBe('id');
    expect(toLanguage('en')).toBe('en');
    for (const junk of [null, undefined, '', 'EN', 'fr', 42]) expect(toLanguage(junk)).toBe('id');
    expect(INTL_LOCALE).toEqual({ id: 'id-ID', en: 'en-GB' });
  });

  it('uses the cashier vocabulary for the key states', () => {
    expect(id.status.settlement).toBe('Lunas');
    expect(id.status.pending).toBe('Menunggu pembayaran');
    expect(id.status.expire).toBe('Kedaluwarsa');
    expect(id.status.cancel).toBe('Dibatalkan');
    expect(en.status.settlement).toBe('Paid');
  });
});
