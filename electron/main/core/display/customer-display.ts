/**
 * The customer-facing display's feed: which sale the customer sees. It follows
 * the till's own sale (the one `sales.current` answers) and that sale's last
 * change after it left the till (paid → "Lunas", voided → blank); a change to
 * any other sale (a refund from history, a quick sale) is not shown.
 * Shells push `display.updated` to display callers only (never to the till).
 */
import type { EventPayload } from '../../../../shared/contract/events';
import type { SaleView } from '../../../../shared/contract/sale-schemas';

export type DisplayPayload = EventPayload<'display.updated'>;

export interface CustomerDisplayDeps {
  /** The till's open sale, or null. */
  current(): SaleView | null;
  /** Emulator mode: everything shown is demo money. */
  demo: boolean;
  emit(payload: DisplayPayload): void;
}

/** Decides what the display shows; stateless apart from the sale last shown. */
export class CustomerDisplay {
  private shown: SaleView | null = null;

  constructor(private readonly deps: CustomerDisplayDeps) {}

  /** A sale changed (`sale.updated`): pushed when it is the till's sale or the one on the display. */
  saleChanged(sale: SaleView): void {
    if (sale.id !== this.shown?.id && sale.id !== this.deps.current()?.id) return;
    this.shown = sale;
    this.deps.emit(this.now());
  }

  /** What a display that opens now shows: the till's sale, else the last one shown (e.g. just paid). */
  now(): DisplayPayload {
    const current = this.deps.current();
    if (current) this.shown = current;
    return { sale: this.shown, demo: this.deps.demo };
  }
}
