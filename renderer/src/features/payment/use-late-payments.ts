/**
 * Payments the customer made on a tender the cashier had left
 * (`sales.latePayments`): shown to the owner as soon as main raises
 * `abandoned_tender_paid`, and whenever the till opens with some still
 * undecided. Keep or refund goes through `sales.resolveLatePayment` with the
 * owner's approval (a cashier is asked for the owner PIN).
 */
import { useCallback, useEffect, useState } from 'react';
import type { LatePayment } from '../../../../shared/contract/sale-schemas';
import type { Err } from '../../../../shared/contract/result';
import { call, subscribe } from '../../api';
import { withApproval } from '../../stores/approval-store';
import { useSale } from '../../stores/sale-store';

/** Hook for `LatePaymentsDialog`. */
export function useLatePayments() {
  const [items, setItems] = useState<LatePayment[]>([]);
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<Err | null>(null);
  const receive = useSale((s) => s.receive);

  const load = useCallback(async (show: boolean) => {
    const res = await call('sales.latePayments', {});
    if (!res.ok) return;
    setItems(res.value);
    if (show && res.value.length > 0) setOpen(true);
    if (res.value.length === 0) setOpen(false);
  }, []);

  useEffect(() => {
    void load(true);
    return subscribe('app.notice', (notice) => {
      if (notice.code === 'abandoned_tender_paid') void load(true);
    });
  }, [load]);

  const resolve = async (paymentId: string, decision: 'keep' | 'refund') => {
    if (working) return;
    setWorking(paymentId);
    setError(null);
    const res = await withApproval((approval) => call('sales.resolveLatePayment', { paymentId, decision, ...approval }));
    setWorking(null);
    if (!res.ok) {
      setError(res);
      return;
    }
    receive(res.value);
    await load(false);
  };

  return {
    items,
    open: open && items.length > 0,
    working,
    error,
    later: () => setOpen(false),
    keep: (paymentId: string) => void resolve(paymentId, 'keep'),
    refund: (paymentId: string) => void resolve(paymentId, 'refund'),
  };
}
