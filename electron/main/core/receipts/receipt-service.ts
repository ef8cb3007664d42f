/**
 * ReceiptService: the till's thermal printer. It prints one paid payment's
 * receipt (reading the payment through the engine, so NOT_FOUND is the
 * engine's, and refusing anything not paid), prints receipt lines laid out
 * elsewhere (a sale's receipt, `layoutSaleReceipt`), and kicks the cash
 * drawer wired to the printer. Jobs run one at a time, in the order asked: a
 * network printer serves one connection at a time, two receipts must never
 * interleave, and a drawer kick must not cut into a receipt.
 */
import type { PaymentView } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { Logger } from '../logger';
import { encodeDrawerKick, encodeReceipt } from './escpos-encoder';
import { DEFAULT_PRINTER_COLUMNS, type PrinterSettings } from './printer-settings';
import type { PrinterTransport } from './printer-transport';
import { layoutReceipt, RECEIPT_STATUSES, type ReceiptLanguage, type ReceiptLine } from './receipt-layout';

/** Constructor dependencies. */
export interface ReceiptServiceDeps {
  /** Where payments come from (PaymentService satisfies it). */
  payments: { get(id: string): PaymentView };
  shopName: string;
  /** IANA zone the receipt's time is printed in. */
  zone: string;
  /** Columns and code page come from here; the transport is built from it by the caller. */
  printer: Pick<PrinterSettings, 'columns' | 'codepage'>;
  /** Null when no printer is configured. */
  transport: PrinterTransport | null;
  logger: Logger;
}

/** What a successful print reports: how many bytes the printer took. */
export interface PrintResult {
  printed: true;
  bytes: number;
}

/** Prints receipts; one instance per till, built in the composition root. */
export class ReceiptService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ReceiptServiceDeps) {}

  /** Whether a printer is configured at all. */
  get configured(): boolean {
    return this.deps.transport !== null;
  }

  /** Characters per line of the roll; 32 (58 mm) when no printer is set up, for the on-screen receipt. */
  get columns(): number {
    return this.deps.transport ? this.deps.printer.columns : DEFAULT_PRINTER_COLUMNS;
  }

  /** Prints the receipt of payment `paymentId` in `language`. */
  print(paymentId: string, language: ReceiptLanguage): Promise<PrintResult> {
    return this.enqueue(() => {
      const transport = this.transportOrThrow();
      const payment = this.deps.payments.get(paymentId);
      if (!RECEIPT_STATUSES.includes(payment.status)) {
        throw new KasirError('ILLEGAL_TRANSITION', `Order ${payment.orderId} is not paid (${payment.status}), so it has no receipt to print.`, {
          params: { reason: 'not_paid', action: 'print', status: payment.status },
        });
      }
      const lines = layoutReceipt(this.deps.shopName, payment, this.deps.zone, language, this.deps.printer.columns);
      return this.printBytes(transport, this.encode(lines), { orderId: payment.orderId });
    });
  }

  /**
   * Prints lines laid out for this printer's `columns` (a sale's receipt),
   * queued with every other job. The lines are printed as given: the layout
   * has already stripped what a person typed of control characters.
   */
  printLines(lines: readonly ReceiptLine[]): Promise<PrintResult> {
    return this.enqueue(() => this.printBytes(this.transportOrThrow(), this.encode(lines), { lines: lines.length }));
  }

  /**
   * Opens the cash drawer wired to the printer's drawer port (ESC/POS pulse),
   * queued so it never lands inside a receipt. Nothing is printed or cut.
   * @throws KasirError PRINTER_UNAVAILABLE without a printer or when it cannot be reached.
   */
  kickDrawer(): Promise<void> {
    return this.enqueue(async () => {
      const transport = this.transportOrThrow();
      try {
        await transport.send(encodeDrawerKick());
      } catch (e) {
        this.deps.logger.warn('cash drawer not opened', { printer: transport.target, error: e });
        throw e;
      }
      this.deps.logger.info('cash drawer kicked', { printer: transport.target });
    });
  }

  /** Runs `job` after every job asked for before it; a failed job does not block the next one. */
  private enqueue<T>(job: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => {});
    return run;
  }

  private transportOrThrow(): PrinterTransport {
    const transport = this.deps.transport;
    if (!transport) {
      throw new KasirError('PRINTER_UNAVAILABLE', 'No receipt printer is set up for this till (settings.json, "printer").', { params: { reason: 'not_set_up' } });
    }
    return transport;
  }

  private encode(lines: readonly ReceiptLine[]): Uint8Array {
    return encodeReceipt(lines, { columns: this.deps.printer.columns, codepage: this.deps.printer.codepage });
  }

  private async printBytes(transport: PrinterTransport, bytes: Uint8Array, what: Record<string, string | number>): Promise<PrintResult> {
    try {
      await transport.send(bytes);
    } catch (e) {
      this.deps.logger.warn('receipt not printed', { ...what, printer: transport.target, error: e });
      throw e;
    }
    this.deps.logger.info('receipt printed', { ...what, printer: transport.target, bytes: bytes.length });
    return { printed: true, bytes: bytes.length };
  }
}
