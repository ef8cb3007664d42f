/**
 * The cart panel's data and actions: main's sale from the sale store, the
 * method buttons (which work now, and why not: `method-buttons.ts`), which
 * discount editor is open, what the Charge button asks for (cash: the
 * cash-rounded due; otherwise the rest, to the rupiah), clearing the basket,
 * and "Berhenti menunggu" for a charge that has not answered.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { useSale } from '../../stores/sale-store';
import { useConnection } from '../connection/connection-store';
import { cancellingTenders, tillMode } from './till-mode';
import { effectiveMethod, methodButtons } from './method-buttons';

/** Which discount editor is open: one line's, or the sale's. */
export type DiscountTarget = { scope: 'line'; lineId: string } | { scope: 'sale' };

/** Hook for `CartPanel`; `methods` are the ones main offers (`app.info.methods`). */
export function useCartPanel(methods: readonly PaymentMethod[]) {
  const s = useSale(
    useShallow((st) => ({
      sale: st.sale,
      step: st.step,
      watching: st.watching,
      chosen: st.method,
      syncing: st.syncing,
      busy: st.busy,
      slow: st.slow,
      linesError: st.linesError,
      tenderError: st.tenderError,
      setQuantity: st.setQuantity,
      removeLine: st.removeLine,
      clear: st.clear,
      chooseMethod: st.chooseMethod,
      charge: st.charge,
      openPart: st.openPart,
      stopWaiting: st.stopWaiting,
    })),
  );
  const connection = useConnection((c) => c.connection.state);
  const startConnection = useConnection((c) => c.start);
  useEffect(() => startConnection(), [startConnection]);
  const [editing, setEditing] = useState<DiscountTarget | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [clearing, setClearing] = useState(false);
  const sale = s.sale;
  const mode = tillMode(sale, s.step, s.watching);
  const method = effectiveMethod(s.chosen, methods, connection);
  const cash = PAYMENT_METHOD_SPECS[method].family === 'cash';
  const lines = sale?.quote.lines ?? [];
  const editable = sale === null || (sale.status === 'open' && sale.editable);
  const tendered = sale !== null && sale.tenders.some((t) => t.counts !== 'no');
  const cancelling = sale !== null && cancellingTenders(sale).length > 0;
  /** What Charge asks for now. */
  const chargeAmount = sale ? (cash ? (sale.cash?.due ?? sale.remaining) : sale.remaining) : 0;
  // A Rp 0 sale (100% discount) is completed by a cash tender of nothing; an electronic one cannot carry it.
  const canCharge = sale !== null && lines.length > 0 && !s.syncing && !s.busy && (chargeAmount > 0 || cash);

  return {
    sale,
    lines,
    mode,
    method,
    buttons: methodButtons(methods, connection),
    cash,
    editable,
    tendered,
    /** The tender list shows: something paid or open, or a left tender still being cancelled. */
    showTenders: tendered || cancelling,
    chargeAmount,
    canCharge,
    // A part payment needs something left after it: at least Rp 2 to split.
    canPart: canCharge && !cash && sale !== null && sale.remaining >= 2,
    canVoid: sale !== null && sale.status === 'open' && (lines.length > 0 || tendered) && !s.busy,
    canClear: editable && lines.length > 0 && !s.busy && mode.kind === 'cart',
    clearing,
    syncing: s.syncing,
    busy: s.busy,
    /** The charge has not answered for a while: offer to stop waiting. */
    slow: s.slow,
    linesError: s.linesError,
    tenderError: mode.kind === 'cart' ? s.tenderError : null,
    editing,
    voiding,
    openDiscount: (target: DiscountTarget | null) => setEditing(target),
    openVoid: (open: boolean) => setVoiding(open),
    askClear: (open: boolean) => setClearing(open),
    clear: () => {
      setClearing(false);
      setEditing(null);
      void s.clear();
    },
    setQuantity: s.setQuantity,
    remove: (lineId: string) => s.removeLine(lineId),
    chooseMethod: s.chooseMethod,
    charge: () => void s.charge(method),
    openPart: s.openPart,
    stopWaiting: () => void s.stopWaiting(),
  };
}
