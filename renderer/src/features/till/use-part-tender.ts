/**
 * "Bayar sebagian": how much of what is left the next electronic tender
 * charges (the customer pays part by QRIS, the rest another way). Main is
 * the authority on the amount (the method's limits, QRIS's Rp 10.000.000);
 * this only reads a whole-rupiah amount up to what is left.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { errorFieldOf } from '../../components/error-text';
import { parseRupiah } from '../../components/rupiah-input';
import { useSale } from '../../stores/sale-store';

/** Hook for `PartTender`. */
export function usePartTender(method: PaymentMethod) {
  const s = useSale(useShallow((st) => ({ sale: st.sale, busy: st.busy, error: st.tenderError, payPart: st.payPart, back: st.back })));
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const remaining = s.sale?.remaining ?? 0;
  const amount = parseRupiah(text);
  const invalid = amount === null || amount < 1 || amount > remaining;
  return {
    method,
    remaining,
    text,
    amount,
    invalid: touched && invalid,
    amountRefused: errorFieldOf(s.error, ['amount'] as const) === 'amount',
    busy: s.busy,
    error: s.error,
    setText,
    confirm: () => {
      setTouched(true);
      if (!invalid && amount !== null && !s.busy) void s.payPart(method, amount);
    },
    back: s.back,
  };
}
