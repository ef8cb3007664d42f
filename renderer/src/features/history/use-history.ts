/**
 * The Payments tab's data and actions: the recent sales (`sales.list`), the
 * one opened (`sales.get`) with its receipt marked as a copy, reprinting it,
 * and refunding a QRIS / e-wallet tender through Midtrans. Re-reads when a
 * payment changes (`payment.updated` keeps `usePayments.recent` live) or the
 * sale on the till does.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaleSummary, SaleView } from '../../../../shared/contract/sale-schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { usePayments } from '../../stores/payment-store';
import { useSale } from '../../stores/sale-store';
import { useSaleReceipt } from '../payment/use-sale-receipt';
import { useThermalPrint } from '../payment/thermal-print';

/** How many sales the tab lists. */
const LIST_LIMIT = 100;

/** Hook for `HistoryScreen`. */
export function useHistory() {
  const recent = usePayments((s) => s.recent);
  const loadRecent = usePayments((s) => s.loadRecent);
  const refundPayment = usePayments((s) => s.refund);
  const tillSale = useSale((s) => s.sale?.updatedAt ?? null);
  const [sales, setSales] = useState<SaleSummary[] | null>(null);
  const [listError, setListError] = useState<Err | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [detail, setDetail] = useState<SaleView | null>(null);
  const [detailError, setDetailError] = useState<Err | null>(null);
  const [refunding, setRefunding] = useState<string | null>(null);
  // The sale open now, for answers that arrive after the cashier opened another.
  const openRef = useRef<string | null>(null);
  openRef.current = openId;

  const reloadList = useCallback(async () => {
    const res = await call('sales.list', { limit: LIST_LIMIT });
    if (res.ok) {
      setSales(res.value);
      setListError(null);
    } else setListError(res);
  }, []);

  const reloadDetail = useCallback(async (id: string) => {
    const res = await call('sales.get', { saleId: id });
    if (openRef.current !== id) return; // only the sale still open below its row takes the answer
    setDetail(res.ok ? res.value : null);
    setDetailError(res.ok ? null : res);
  }, []);

  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  useEffect(() => {
    void reloadList();
    if (openId) void reloadDetail(openId);
  }, [recent, tillSale, openId, reloadList, reloadDetail]);

  const receipt = useSaleReceipt(detail?.status === 'paid' ? detail.id : null, true, detail?.updatedAt ?? null);
  const thermal = useThermalPrint(detail?.id ?? '');

  return {
    sales,
    listError,
    openId,
    detail: detail && detail.id === openId ? detail : null,
    detailError,
    receipt: receipt.receipt,
    receiptError: receipt.error,
    thermal,
    refunding,
    /** Opens a sale below its row (again: closes it). */
    toggle: (id: string) => {
      setRefunding(null);
      setDetail(null);
      setDetailError(null);
      setOpenId((cur) => (cur === id ? null : id));
    },
    setRefunding,
    print: () => window.print(),
    /** Refunds a tender's payment; resolves to the refusal, or null (the sale is re-read either way). */
    refund: async (paymentId: string, amount?: number, reason?: string): Promise<Err | null> => {
      const failure = await refundPayment(paymentId, amount, reason);
      if (openId) await reloadDetail(openId);
      return failure;
    },
  };
}
