/**
 * Receipt lines → ESC/POS bytes, through the maintained
 * @point-of-sale/receipt-printer-encoder (no hand-written command tables):
 * initialize (ESC @), code page, alignment, bold, feed and a partial cut;
 * and the cash drawer pulse (ESC p).
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

/**
 * Typographic characters the receipt words use, and the ASCII each prints as
 * on a fixed code page (cp858 and friends have no dashes or curly quotes and
 * would print "?"). One character for one, so the column math still holds.
 * With "auto" the encoder switches to a code page that has them.
 */
const ASCII_FALLBACK: Readonly<Record<string, string>> = { '\u2014': '-', '\u2013': '-', '\u2212': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };
const FALLBACK_CHARS = new RegExp(`[${Object.keys(ASCII_FALLBACK).join('')}]`, 'g');

function forCodepage(text: string, codepage: string | undefined): string {
  return codepage ? text.replace(FALLBACK_CHARS, (c) => ASCII_FALLBACK[c] ?? c) : text;
}

/** Encodes laid-out receipt lines for an ESC/POS printer, ending with a cut. */
export function encodeReceipt(lines: readonly ReceiptLine[], opts: EscPosOptions): Uint8Array {
  // Four blank lines before the cut: the cutter sits above the print head, so the last line would be cut through.
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: opts.columns, feedBeforeCut: 4 });
  encoder.initialize().codepage((opts.codepage ?? 'auto') as Codepage);
  for (const line of lines) {
    encoder.align(line.align).bold(line.bold).line(forCodepage(line.text, opts.codepage)).bold(false);
  }
  return encoder.align('left').cut('partial').encode();
}

/**
 * The cash drawer kick: initialize, then one pulse on the drawer connector's
 * pin 2 (ESC p 0 t1 t2; the encoder's default 100 ms on, 500 ms off). No
 * text, no feed and no cut, so opening the drawer wastes no paper.
 */
export function encodeDrawerKick(): Uint8Array {
  return new ReceiptPrinterEncoder({ language: 'esc-pos' }).initialize().pulse().encode();
}
