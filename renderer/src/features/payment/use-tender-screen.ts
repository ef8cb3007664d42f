/**
 * The tender on screen: an electronic tender waiting for the customer, or
 * the one that just failed, expired or was cancelled (shown until the
 * cashier picks another method). Data and actions from the sale store.
 */
import { useShallow } from 'zustand/react/shallow';
import type { TenderView } from '../../../../shared/contract/sale-schemas';
import { useSale } from '../../stores/sale-store';
import { tillMode } from '../till/till-mode';

/** Hook for `PaymentScreen`. */
export function useTenderScreen() {
  const s = useSale(
    useShallow((st) => ({
      sale: st.sale,
      step: st.step,
      watching: st.watching,
      busy: st.busy,
      error: st.tenderError,
      cancelTender: st.cancelTender,
      acknowledge: st.acknowledge,
      newSale: st.newSale,
    })),
  );
  const mode = tillMode(s.sale, s.step, s.watching);
  const tender: TenderView | null = mode.kind === 'tender' || mode.kind === 'failed' ? mode.tender : null;
  const sale = s.sale;
  return {
    sale,
    tender,
    waiting: mode.kind === 'tender',
    /** Part of a split: the tender covers less than the whole sale, or others came before it. */
    split: sale !== null && tender !== null && (tender.applied !== sale.total || sale.tenders.some((t) => t.counts === 'paid')),
    /** Nothing paid yet: "Transaksi baru" may start over (the basket is emptied). */
    canStartOver: sale !== null && sale.paid === 0,
    busy: s.busy,
    error: s.error,
    cancel: () => void s.cancelTender(),
    retry: s.acknowledge,
    newSale: () => void s.newSale(),
  };
}
