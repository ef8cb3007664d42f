/**
 * Receipt lines → ESC/POS bytes, through the maintained
 * @point-of-sale/receipt-printer-encoder (no hand-written command tables):
 * initialize (ESC @), code page, alignment, bold, feed and a partial cut.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptLine } from './receipt-layout';

/** The encoder's code page names (its own type, so a typo is a compile error). */
export type Codepage = Parameters<ReceiptPrinterEncoder['codepage']>[0];

/** Options for one receipt. */
export interface EscPosOptions {
  /** Characters per line of the roll: 32 (58 mm) or 48 (80 mm). */
  columns: number;
  /** A code page name such as `cp858`; unset lets the encoder choose per character ("auto"). */
  codepage?: string;
}

/** True if the encoder knows this code page name (validates settings.json). */
export function isSupportedCodepage(name: string): boolean {
  try {
    new ReceiptPrinterEncoder().codepage(name as Codepage);
    return true;
  } catch {
    return false;
  }
}

/** Encodes laid-out receipt lines for an ESC/POS printer, ending with a cut. */
export function encodeReceipt(lines: readonly ReceiptLine[], opts: EscPosOptions): Uint8Array {
  // Four blank lines before the cut: the cutter sits above the print head, so the last line would be cut through.
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: opts.columns, feedBeforeCut: 4 });
  encoder.initialize().codepage((opts.codepage ?? 'auto') as Codepage);
  for (const line of lines) {
    encoder.align(line.align).bold(line.bold).line(line.text).bold(false);
  }
  return encoder.align('left').cut('partial').encode();
}
