/**
 * The paid sale on the till: its receipt from main, printing (the page's
 * own print dialog, and the thermal printer when there is one), and the
 * next sale — from the button or a bare Enter.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSale } from '../../stores/sale-store';
import { lastPaidTender } from '../till/till-mode';
import { useSaleReceipt } from './use-sale-receipt';
import { useThermalPrint } from './thermal-print';

/** Elements that already do something with Enter themselves; the shortcut must not fire twice. */
const HANDLES_ENTER = 'button, a[href], input, select, textarea, [contenteditable="true"]';

/** True for a plain Enter that no focused control is about to handle. */
function isBareEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.repeat || e.isComposing || e.defaultPrevented) return false;
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
  return !(e.target instanceof Element && e.target.closest(HANDLES_ENTER));
}

/** Hook for `SalePaid` (and the voided screen's "next sale"). */
export function usePaidSale() {
  const { sale, busy, error, newSale } = useSale(useShallow((s) => ({ sale: s.sale, busy: s.busy, error: s.tenderError, newSale: s.newSale })));
  const done = sale !== null && sale.status !== 'open';
  const { receipt, error: receiptError } = useSaleReceipt(sale?.status === 'paid' ? sale.id : null, false, sale?.updatedAt ?? null);
  const thermal = useThermalPrint(sale?.id ?? '');

  // Enter = next sale while the finished sale is on screen.
  useEffect(() => {
    if (!done) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isBareEnter(e)) return;
      e.preventDefault();
      void newSale();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [done, newSale]);

  return {
    sale,
    last: sale ? lastPaidTender(sale) : null,
    receipt,
    receiptError,
    thermal,
    busy,
    error,
    print: () => window.print(),
    newSale: () => void newSale(),
  };
}
