/**
 * The cash panel's state: what is due in cash (main's `sale.cash`, already
 * rounded to the shop's step when this tender settles the rest), the amount
 * received as typed or tapped, the change (or what is still short, which
 * makes it a part payment in cash) and Confirm.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { changeDue, type CashChange } from '../../../../shared/domain/pricing';
import { groupThousands, parseRupiah } from '../../components/rupiah-input';
import { useSale } from '../../stores/sale-store';

/** Hook for `CashTender`. */
export function useCashTender() {
  const s = useSale(useShallow((st) => ({ sale: st.sale, busy: st.busy, error: st.tenderError, payCash: st.payCash, back: st.back })));
  const [text, setText] = useState('');
  const cash = s.sale?.cash ?? null;
  const due = cash?.due ?? 0;
  // Empty means "exactly what is due" (the Enter-Enter path for an exact payment).
  const typed = text.trim() === '' ? null : parseRupiah(text);
  const invalid = text.trim() !== '' && (typed === null || typed === 0);
  const received = typed ?? due;
  const result: CashChange | null = invalid ? null : changeDue(received, due);

  return {
    due,
    exact: cash?.exact ?? 0,
    rounding: cash?.rounding ?? 0,
    quickNotes: cash?.quickNotes ?? [],
    text,
    invalid,
    received,
    result,
    busy: s.busy,
    error: s.error,
    setText,
    pickNote: (amount: number) => setText(groupThousands(amount)),
    confirm: () => {
      if (invalid || s.busy) return;
      void s.payCash(typed);
    },
    back: s.back,
  };
}
