/**
 * Packed text (ledger/packed-text.ts): lossless for any JSON text, refused
 * when written by a newer Kasir, the dictionary frozen, and worth it on the
 * values Kasir packs (a closed sale's quote, a settled SNAP-BI answer).
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPacked, packText, PackedTextError, registerPackedText, unpackText } from '../../electron/main/core/ledger/packed-text';
import { PACK_DICTIONARY_V1 } from '../../electron/main/core/ledger/packed-text-dictionary';

const QUOTE = `{"priceMode":"inclusive","taxKind":"none","lines":[{"id":"l1","sku":"NASI-GORENG","name":"Nasi Goreng","unitPrice":28000,"quantity":2,"taxClass":"standard","gross":56000,"lineDiscount":0,"saleDiscountShare":0,"net":56000},{"id":"l2","sku":"KOPI-SUSU","name":"Es Kopi Susu","unitPrice":18000,"quantity":1,"taxClass":"standard","gross":18000,"lineDiscount":0,"saleDiscountShare":0,"net":18000}],"subtotal":74000,"discounts":[],"lineDiscountTotal":0,"saleDiscountTotal":0,"discountTotal":0,"afterDiscounts":74000,"service":null,"serviceAmount":0,"taxes":[],"taxBase":0,"taxTotal":0,"taxIncluded":0,"taxAdded":0,"total":74000}`;
const SNAP_PAID = `{"settled":1,"responseCode":"2005100","originalReferenceNo":"A120261203195051eitvWdtID","originalPartnerReferenceNo":"KSR-20261203-H68AV77Y3A","latestTransactionStatus":"00","amount.value":"74000.00","amount.currency":"IDR","additionalInfo.acquirer":"gopay","originalExternalId":"KSR-20261203-H68AV77Y3A","paidTime":"2026-12-03T19:50:51+07:00"}`;

describe('packed text', () => {
  it('gives back exactly the text it packed, for any JSON object or array (non-ASCII included)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.object(), fc.array(fc.jsonValue())), (v) => {
        const text = JSON.stringify(v);
        const packed = packText(text);
        expect(isPacked(packed)).toBe(true);
        expect(JSON.parse(packed)).toEqual(expect.any(String)); // still valid JSON: the columns CHECK json_valid
        expect(unpackText(packed)).toBe(text);
      }),
      { numRuns: 300 },
    );
    expect(unpackText(packText('{"name":"Es Teh Manis — ½ gula 🍵"}'))).toBe('{"name":"Es Teh Manis — ½ gula 🍵"}');
  });

  it('leaves unpacked text, packed text and null as they are', () => {
    expect(unpackText(QUOTE)).toBe(QUOTE);
    expect(unpackText(null)).toBeNull();
    expect(packText(packText(QUOTE))).toBe(packText(QUOTE));
  });

  it('refuses a version it does not know and text that does not inflate, with a typed error', () => {
    const packed = packText(QUOTE);
    expect(() => unpackText(`"9${packed.slice(2)}`)).toThrow(PackedTextError);
    expect(() => unpackText(`"9${packed.slice(2)}`)).toThrow(/newer Kasir/);
    expect(() => unpackText('"1AAAA"')).toThrow(/does not inflate/);
  });

  it('packs what Kasir packs to a fraction of its text', () => {
    expect(packText(QUOTE).length).toBeLessThan(QUOTE.length * 0.3);
    expect(packText(SNAP_PAID).length).toBeLessThan(SNAP_PAID.length * 0.45);
  });

  it("version 1's dictionary is frozen (every till's packed values need exactly these bytes)", () => {
    expect(createHash('sha256').update(PACK_DICTIONARY_V1, 'utf8').digest('hex')).toBe('837dea6bbb2076903eebe4f02308540e2a66f7ba69b54977c6d85d67eff30807');
  });

  it('is the same in SQL: kasir_pack / kasir_text on a connection', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      registerPackedText(db);
      const packed = db.prepare('SELECT kasir_pack(?)').pluck().get(QUOTE) as string;
      expect(packed).toBe(packText(QUOTE));
      expect(db.prepare('SELECT json_valid(?), kasir_text(?), kasir_text(NULL), kasir_text(?)').raw().get(packed, packed, QUOTE)).toEqual([1, QUOTE, null, QUOTE]);
      expect(db.prepare(`SELECT json_extract(kasir_text(?), '$.total')`).pluck().get(packed)).toBe(74000);
    } finally {
      db.close();
    }
  });
});
