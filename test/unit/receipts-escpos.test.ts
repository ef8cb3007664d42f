import { describe, expect, it } from 'vitest';
import { encodeReceipt, isSupportedCodepage } from '../../electron/main/core/receipts/escpos-encoder';
import type { ReceiptLine } from '../../electron/main/core/receipts/receipt-layout';

const ESC = 0x1b;
const GS = 0x1d;
const lines: ReceiptLine[] = [
  { text: 'Warung Kopi Senja', align: 'center', bold: true },
  { text: 'No. pesanan ORD-0123456789ABCDEF', align: 'left', bold: false },
  { text: 'TOTAL                  Rp 44.000', align: 'left', bold: true },
  { text: 'Terima kasih!', align: 'center', bold: false },
];

/** Index of `needle` in `bytes`, or -1. */
function indexOf(bytes: Uint8Array, needle: number[], from = 0): number {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

describe('ESC/POS encoding', () => {
  const bytes = encodeReceipt(lines, { columns: 32 });
  const text = Buffer.from(bytes).toString('latin1');

  it('starts with ESC @ (initialize)', () => {
    expect([...bytes.slice(0, 2)]).toEqual([ESC, 0x40]);
  });

  it('contains every line of text', () => {
    for (const line of lines) expect(text).toContain(line.text);
  });

  it('prints the total in bold (ESC E 1 … ESC E 0)', () => {
    const boldOn = indexOf(bytes, [ESC, 0x45, 1, ...ascii('TOTAL')]);
    expect(boldOn).toBeGreaterThan(0);
    expect(indexOf(bytes, [ESC, 0x45, 0], boldOn)).toBeGreaterThan(boldOn);
  });

  it('centres the shop name to the column width', () => {
    expect(text).toContain(' '.repeat(7) + '\u001bE\u0001');
  });

  it('ends with a cut (GS V) after the last text, followed by nothing but line feeds', () => {
    const cut = indexOf(bytes, [GS, 0x56]);
    expect(cut).toBeGreaterThan(text.lastIndexOf('Terima kasih!'));
    expect(text.slice(cut + 3)).toMatch(/^[\r\n]*$/);
    // Feeds paper before cutting so the last line clears the cutter.
    expect(text.slice(text.lastIndexOf('Terima kasih!'), cut)).toMatch(/(\n\r?){4,}/);
  });

  it('selects the configured code page (ESC t n) and knows which names exist', () => {
    const cp = encodeReceipt(lines, { columns: 32, codepage: 'cp858' });
    expect(indexOf(cp, [ESC, 0x74])).toBeGreaterThan(0);
    expect(isSupportedCodepage('cp858')).toBe(true);
    expect(isSupportedCodepage('cp9999')).toBe(false);
  });
});
