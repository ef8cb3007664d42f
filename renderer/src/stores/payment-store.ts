/**
 * The recent payments, kept live by `payment.updated`: the Today tab reloads
 * its report when one changes, and Payments refunds a QRIS / e-wallet tender
 * through Midtrans from here. The sale on the till is `sale-store.ts`.
 */
import { create } from 'zustand';
import type { PaymentView } from '../../../shared/contract/schemas';
import type { Err } from '../../../shared/contract/result';
import { call } from '../api';
import { withApproval } from './approval-store';

interface PaymentState {
  recent: PaymentView[];
  /**
   * Refunds `amount` (default: all that is left); resolves to the error, or null when it went through.
   * A refund is the owner's: a cashier is asked for the owner PIN (`withApproval`).
   */
  refund(id: string, amount?: number, reason?: string): Promise<Err | null>;
  applyUpdate(payment: PaymentView): void;
  loadRecent(): Promise<void>;
}

export const usePayments = create<PaymentState>((set, get) => ({
  recent: [],
  async refund(id, amount, reason) {
    const trimmed = reason?.trim();
    const input = { id, ...(amount ? { amount } : {}), ...(trimmed ? { reason: trimmed } : {}) };
    const res = await withApproval((approval) => call('payments.refund', { ...input, ...approval }));
    // The form that asked shows a failure next to its fields.
    await get().loadRecent();
    return res.ok ? null : res;
  },
  applyUpdate(payment) {
    set({ recent: [payment, ...get().recent.filter((p) => p.id !== payment.id)].slice(0, 100) });
  },
  async loadRecent() {
    const res = await call('payments.list', { limit: 100 });
    if (res.ok) set({ recent: res.value });
  },
}));
