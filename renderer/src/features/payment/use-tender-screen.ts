/**
 * The tender on screen: an electronic tender waiting for the customer, or
 * the one that just failed, expired or was cancelled (shown until the
 * cashier picks another method). Data and actions from the sale store.
 * Never locked: while it waits the cashier can always leave it — another
 * method keeping the sale, cash at once, the next customer, or a void —
 * and a charge still being created offers "Berhenti menunggu" after
 * {@link SLOW_CHARGE_MS}.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TenderView } from '../../../../shared/contract/sale-schemas';
import { SLOW_CHARGE_MS, useSale } from '../../stores/sale-store';
import { tillMode } from '../till/till-mode';

/** True once `paymentId` has been on screen, still creating, for {@link SLOW_CHARGE_MS}. */
function useSlowCreating(paymentId: string | null, creating: boolean): boolean {
  const [slowFor, setSlowFor] = useState<string | null>(null);
  useEffect(() => {
    if (!paymentId || !creating) return;
    const timer = setTimeout(() => setSlowFor(paymentId), SLOW_CHARGE_MS);
    return () => clearTimeout(timer);
  }, [paymentId, creating]);
  return creating && paymentId !== null && slowFor === paymentId;
}

/** Hook for `PaymentScreen`. */
export function useTenderScreen() {
  const s = useSale(
    useShallow((st) => ({
      sale: st.sale,
      step: st.step,
      watching: st.watching,
      busy: st.busy,
      leaving: st.leaving,
      error: st.tenderError,
      cancelTender: st.cancelTender,
      leaveTender: st.leaveTender,
      acknowledge: st.acknowledge,
      newSale: st.newSale,
    })),
  );
  const [voiding, setVoiding] = useState(false);
  const mode = tillMode(s.sale, s.step, s.watching);
  const tender: TenderView | null = mode.kind === 'tender' || mode.kind === 'failed' ? mode.tender : null;
  const sale = s.sale;
  const waiting = mode.kind === 'tender';
  const slow = useSlowCreating(waiting ? (tender?.paymentId ?? null) : null, tender?.payment.status === 'creating');
  return {
    sale,
    tender,
    waiting,
    /** Still being created after a while: "Berhenti menunggu". */
    slow,
    /** Part of a split: the tender covers less than the whole sale, or others came before it. */
    split: sale !== null && tender !== null && (tender.applied !== sale.total || sale.tenders.some((t) => t.counts === 'paid')),
    /** Nothing paid yet: "Transaksi baru" may start over (the basket is emptied). */
    canStartOver: sale !== null && sale.paid === 0,
    canVoid: sale !== null && sale.status === 'open' && !s.busy,
    voiding,
    busy: s.busy,
    /** The ways out wait only for a leave already on its way (never for a charge that hangs). */
    leaving: s.leaving,
    error: s.error,
    cancel: () => void s.cancelTender(),
    /** Another method for this part, the sale kept. */
    switchMethod: () => void s.leaveTender('cart'),
    /** Cash for this part at once (the cash panel, amount received focused). */
    payCash: () => void s.leaveTender('cash'),
    openVoid: (open: boolean) => setVoiding(open),
    retry: s.acknowledge,
    newSale: () => void s.newSale(),
  };
}
