/**
 * What the till's sale store holds and what it does (stores/sale-store.ts
 * implements it): main's sale, the panel on screen and the in-flight flags,
 * and every action a cashier's tap becomes.
 */
import type { PaymentMethod } from '../../../shared/domain/payment';
import type { Discount } from '../../../shared/domain/pricing';
import type { SaleView } from '../../../shared/contract/sale-schemas';
import type { Err } from '../../../shared/contract/result';
import type { TenderStep } from '../features/till/till-mode';

/** The sale store's state and actions. */
export interface SaleState {
  /** Main's sale; null before the first tap (a sale is opened when the first product goes in). */
  sale: SaleView | null;
  /** The panel the cashier opened: cash received, or a part payment. */
  step: TenderStep;
  /** The electronic tender on screen (its failure is shown until `acknowledge`). */
  watching: string | null;
  /** The method chosen for the next tender; null = the first the till offers. */
  method: PaymentMethod | null;
  /** A basket edit is on its way to main. */
  syncing: boolean;
  /** A tender, cancel, void or new-sale call is in flight: a double tap must never charge twice. */
  busy: boolean;
  /** Why the last basket edit was refused (the basket shows main's last answer). */
  linesError: Err | null;
  /** Why the last tender, cancel or new-sale call failed. */
  tenderError: Err | null;
  /** A charge has been waiting for main's answer for SLOW_CHARGE_MS (sale-store.ts): "Berhenti menunggu" is offered. */
  slow: boolean;
  /** A `sales.abandonTender` call is in flight (the ways out of a tender wait for it, nothing else does). */
  leaving: boolean;
  /** Reads the till's open sale (start-up, a new session). */
  load(): Promise<void>;
  /** A pushed `sale.updated`. */
  receive(sale: SaleView): void;
  addProduct(sku: string): void;
  setQuantity(lineId: string, quantity: number): void;
  removeLine(lineId: string): void;
  /** Empties the basket (an open sale with nothing tendered). */
  clear(): Promise<Err | null>;
  /** A line discount (null removes it); above the owner's threshold a cashier is asked for the owner PIN. Resolves to the refusal, or null. */
  setLineDiscount(lineId: string, discount: Discount | null): Promise<Err | null>;
  /** The sale discount (null removes it); approval as for a line discount. */
  setSaleDiscount(discount: Discount | null): Promise<Err | null>;
  chooseMethod(method: PaymentMethod): void;
  /** Charge the rest with the chosen method: cash opens the amount-received panel, any other method starts its tender. */
  charge(method: PaymentMethod): Promise<void>;
  /** Opens "Bayar sebagian" for the chosen electronic method. */
  openPart(): void;
  /** Back from the cash or part panel to the basket. */
  back(): void;
  /** A cash tender: `received` handed over (null: exactly what is due). Less than due is a part payment in cash. */
  payCash(received: number | null): Promise<boolean>;
  /** An electronic tender of `amount` (part of the rest). */
  payPart(method: PaymentMethod, amount: number): Promise<boolean>;
  /** Cancels the open electronic tender at the gateway; the sale stays open for another method. */
  cancelTender(): Promise<void>;
  /**
   * Leaves the open tender (pending or still being created) without waiting for the gateway:
   * `then` = 'cart' back to the basket to pick another method, 'cash' straight to the cash panel.
   * Resolves to the refusal, or null.
   */
  leaveTender(then: 'cart' | 'cash'): Promise<Err | null>;
  /** "Berhenti menunggu": a charge that has not answered is left; its outcome is resolved in the background. */
  stopWaiting(): Promise<Err | null>;
  /** The failed tender has been read: back to the basket (or the split) for another method. */
  acknowledge(): void;
  /** Voids the open sale with a reason (the owner's: a cashier is asked for the PIN). Resolves to the refusal, or null. */
  voidSale(reason: string): Promise<Err | null>;
  /** "Transaksi baru": after a paid or voided sale a fresh one; on an open sale with nothing paid, an empty basket. */
  newSale(): Promise<void>;
}
