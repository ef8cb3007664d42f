/**
 * The cart panel's data and actions: main's sale from the sale store, the
 * method offered first, which discount editor is open, and what the Charge
 * button asks for (cash: the cash-rounded due; otherwise the rest, to the rupiah).
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { useSale } from '../../stores/sale-store';
import { tillMode } from './till-mode';

/** Which discount editor is open: one line's, or the sale's. */
export type DiscountTarget = { scope: 'line'; lineId: string } | { scope: 'sale' };

/** Hook for `CartPanel`. */
export function useCartPanel(methods: readonly PaymentMethod[]) {
  const s = useSale(
    useShallow((st) => ({
      sale: st.sale,
      step: st.step,
      watching: st.watching,
      chosen: st.method,
      syncing: st.syncing,
      busy: st.busy,
      linesError: st.linesError,
      tenderError: st.tenderError,
      setQuantity: st.setQuantity,
      removeLine: st.removeLine,
      chooseMethod: st.chooseMethod,
      charge: st.charge,
      openPart: st.openPart,
    })),
  );
  const [editing, setEditing] = useState<DiscountTarget | null>(null);
  const [voiding, setVoiding] = useState(false);
  const sale = s.sale;
  const mode = tillMode(sale, s.step, s.watching);
  const method: PaymentMethod = s.chosen && methods.includes(s.chosen) ? s.chosen : (methods[0] ?? 'qris');
  const cash = PAYMENT_METHOD_SPECS[method].family === 'cash';
  const lines = sale?.quote.lines ?? [];
  const editable = sale === null || (sale.status === 'open' && sale.editable);
  const tendered = sale !== null && sale.tenders.some((t) => t.counts !== 'no');
  /** What Charge asks for now. */
  const chargeAmount = sale ? (cash ? (sale.cash?.due ?? sale.remaining) : sale.remaining) : 0;
  // A Rp 0 sale (100% discount) is completed by a cash tender of nothing; an electronic one cannot carry it.
  const canCharge = sale !== null && lines.length > 0 && !s.syncing && !s.busy && (chargeAmount > 0 || cash);

  return {
    sale,
    lines,
    mode,
    method,
    cash,
    editable,
    tendered,
    chargeAmount,
    canCharge,
    // A part payment needs something left after it: at least Rp 2 to split.
    canPart: canCharge && !cash && sale !== null && sale.remaining >= 2,
    canVoid: sale !== null && sale.status === 'open' && (lines.length > 0 || tendered) && !s.busy,
    syncing: s.syncing,
    busy: s.busy,
    linesError: s.linesError,
    tenderError: mode.kind === 'cart' ? s.tenderError : null,
    editing,
    voiding,
    openDiscount: (target: DiscountTarget | null) => setEditing(target),
    openVoid: (open: boolean) => setVoiding(open),
    setQuantity: s.setQuantity,
    remove: (lineId: string) => s.removeLine(lineId),
    chooseMethod: s.chooseMethod,
    charge: () => void s.charge(method),
    openPart: s.openPart,
  };
}
