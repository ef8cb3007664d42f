/**
 * Column helpers shared by the sale receipt's sections: a small builder that
 * collects laid-out lines and the "label … amount" line every money row uses.
 * Everything that goes through here is wrapped (and so stripped of control
 * characters by `wrapText`) to the roll's width.
 */
import { printable, wrapText, type ReceiptLine } from './receipt-layout';

/**
 * `label` on the left (indented by `indent`), `value` flush right on the
 * first line; a label too long for the room left of the value wraps under
 * itself. When the value leaves less than 6 characters for the label, the
 * label takes whole lines and the value goes below, right-aligned. Both are
 * stripped of control characters.
 */
export function amountLine(label: string, rawValue: string, columns: number, indent = 0): string[] {
  const value = printable(rawValue);
  const pad = ' '.repeat(indent);
  const room = columns - value.length - 1;
  if (room - indent < 6) {
    return [...wrapText(label, columns - indent).map((l) => pad + l), ...wrapText(value, columns).map((v) => v.padStart(columns))];
  }
  const [first = '', ...rest] = wrapText(label, room - indent, columns - indent);
  return [(pad + first).padEnd(room) + ' ' + value, ...rest.map((l) => pad + l)];
}

/** Collects receipt lines for one roll width. */
export class ReceiptBuilder {
  readonly lines: ReceiptLine[] = [];

  constructor(readonly columns: number) {}

  /** Wrapped text, centred by the printer. */
  center(text: string, bold = false): void {
    for (const line of wrapText(text, this.columns)) this.lines.push({ text: line, align: 'center', bold });
  }

  /** Wrapped text on the left, continuation lines indented like the first. */
  text(text: string, indent = 0, bold = false): void {
    const pad = ' '.repeat(indent);
    for (const line of wrapText(text, this.columns - indent)) this.lines.push({ text: pad + line, align: 'left', bold });
  }

  /** A money (or other right-aligned) row: see `amountLine`. */
  amount(label: string, value: string, opts: { indent?: number; bold?: boolean } = {}): void {
    for (const line of amountLine(label, value, this.columns, opts.indent ?? 0)) {
      this.lines.push({ text: line, align: 'left', bold: opts.bold ?? false });
    }
  }

  /** A dashed rule across the roll. */
  rule(): void {
    this.lines.push({ text: '-'.repeat(this.columns), align: 'left', bold: false });
  }
}
