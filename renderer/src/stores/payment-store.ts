/**
 * The payment on screen and the recent ones, kept live by `payment.updated`.
 * An event for a payment the cashier is looking at flips the screen at once.
 */
import { create } from 'zustand';
import type { PaymentMethod } from '../../../shared/domain/payment';
import type { CartItem, PaymentView } from '../../../shared/contract/schemas';
import type { UpdateSource } from '../../../shared/domain/payment';
import type { Err } from '../../../shared/contract/result';
import { call } from '../api';
import { useCatalog } from './catalog-store';
import { withApproval } from './approval-store';

interface PaymentState {
  current: PaymentView | null;
  lastSource: UpdateSource | null;
  recent: PaymentView[];
  busy: boolean;
  /** The last charge/cancel failure, kept whole so the UI can translate it by code. */
  error: Err | null;
  charge(items: CartItem[], method: PaymentMethod): Promise<boolean>;
  cancel(): Promise<void>;
  /**
   * Refunds `amount` (default: all that is left); resolves to the error, or null when it went through.
   * A refund is the owner's: a cashier is asked for the owner PIN (`withApproval`).
   */
  refund(id: string, amount?: number, reason?: string): Promise<Err | null>;
  dismiss(): void;
  applyUpdate(payment: PaymentView, source: UpdateSource): void;
  loadRecent(): Promise<void>;
}

export const usePayments = create<PaymentState>((set, get) => ({
  current: null,
  lastSource: null,
  recent: [],
  busy: false,
  error: null,
  async charge(items, method) {
    if (get().busy) return false; // a double tap must never create a second charge
    set({ busy: true, error: null });
    const res = await call('payments.create', { items, method });
    if (res.ok) set({ current: res.value, lastSource: res.value.lastSource, busy: false });
    else set({ error: res, busy: false });
    // The catalogue changed under the cart (the main process refused the old prices): refresh it.
    if (!res.ok && res.code === 'CONFLICT') await useCatalog.getState().load();
    return res.ok;
  },
  async cancel() {
    const cur = get().current;
    if (!cur) return;
    set({ busy: true, error: null });
    const res = await call('payments.cancel', { id: cur.id });
    set(res.ok ? { current: res.value, busy: false } : { error: res, busy: false });
  },
  async refund(id, amount, reason) {
    set({ busy: true });
    const trimmed = reason?.trim();
    const input = { id, ...(amount ? { amount } : {}), ...(trimmed ? { reason: trimmed } : {}) };
    const res = await withApproval((approval) => call('payments.refund', { ...input, ...approval }));
    set({ busy: false });
    // The form that asked shows a failure next to its fields; the store's `error` is the till's.
    await get().loadRecent();
    return res.ok ? null : res;
  },
  dismiss: () => set({ current: null, lastSource: null, error: null }),
  applyUpdate(payment, source) {
    const cur = get().current;
    set({
      current: cur && cur.id === payment.id ? payment : cur,
      lastSource: cur && cur.id === payment.id ? source : get().lastSource,
      recent: [payment, ...get().recent.filter((p) => p.id !== payment.id)].slice(0, 100),
    });
  },
  async loadRecent() {
    const res = await call('payments.list', { limit: 100 });
    if (res.ok) set({ recent: res.value });
  },
}));
