/**
 * ReceiptService: prints one paid payment's receipt on the till's thermal
 * printer. It reads the payment through the engine (so NOT_FOUND is the
 * engine's), refuses anything not paid, lays out and encodes the receipt and
 * hands the bytes to the transport. Jobs run one at a time: a network printer
 * serves one connection at a time, and two receipts must never interleave.
 */
import type { PaymentView } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { Logger } from '../logger';
import { encodeReceipt } from './escpos-encoder';
import type { PrinterSettings } from './printer-settings';
import type { PrinterTransport } from './printer-transport';
import { layoutReceipt, RECEIPT_STATUSES, type ReceiptLanguage } from './receipt-layout';

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

  /** Prints the receipt of payment `paymentId` in `language`. */
  print(paymentId: string, language: ReceiptLanguage): Promise<PrintResult> {
    const job = this.queue.then(() => this.printNow(paymentId, language));
    this.queue = job.catch(() => {}); // a failed job must not block the next one
    return job;
  }

  private async printNow(paymentId: string, language: ReceiptLanguage): Promise<PrintResult> {
    const transport = this.deps.transport;
    if (!transport) {
      throw new KasirError('PRINTER_UNAVAILABLE', 'No receipt printer is set up for this till (settings.json, "printer").', { params: { reason: 'not_set_up' } });
    }
    const payment = this.deps.payments.get(paymentId);
    if (!RECEIPT_STATUSES.includes(payment.status)) {
      throw new KasirError('ILLEGAL_TRANSITION', `Order ${payment.orderId} is not paid (${payment.status}), so it has no receipt to print.`, {
        params: { reason: 'not_paid', action: 'print', status: payment.status },
      });
    }
    const lines = layoutReceipt(this.deps.shopName, payment, this.deps.zone, language, this.deps.printer.columns);
    const bytes = encodeReceipt(lines, { columns: this.deps.printer.columns, codepage: this.deps.printer.codepage });
    try {
      await transport.send(bytes);
    } catch (e) {
      this.deps.logger.warn('receipt not printed', { orderId: payment.orderId, printer: transport.target, error: e });
      throw e;
    }
    this.deps.logger.info('receipt printed', { orderId: payment.orderId, printer: transport.target, bytes: bytes.length });
    return { printed: true, bytes: bytes.length };
  }
}
