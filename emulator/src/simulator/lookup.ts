/** Finds the transaction a simulator request means, whichever API created it. */
import type { Transaction, TxStore } from '../types';
import { isRecord } from '../server/body';
import { qrisTransactionId } from '../core-api/qris';
import { numberKey, qrKey } from '../store/tx-keys';

const digitsOnly = (s: string): string => s.replace(/\s+/g, '');

/**
 * Accepts `{order_id}`, `{transaction_id}`, `{qr_string}` or `{va_number}`;
 * a VA number also matches a Mandiri bill key, a cstore payment code and a
 * SNAP-BI virtualAccountNo (whose partnerServiceId is space-padded).
 * The newest matching transaction wins.
 */
export function findForSimulator(store: TxStore, body: unknown): Transaction | undefined | 'no-selector' {
  if (!isRecord(body)) return 'no-selector';
  const str = (k: string): string | undefined => {
    const v = body[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
  };
  const orderId = str('order_id') ?? str('transaction_id');
  if (orderId) return store.find(orderId);
  const qr = str('qr_string');
  if (qr) {
    const id = qrisTransactionId(qr);
    const byId = id === undefined ? undefined : store.find(id);
    if (byId?.qrString === qr) return byId;
    // Charges stored before QR strings were found by their id are keyed by the whole string.
    return store.findBy((tx) => tx.qrString === qr, [qrKey(qr)]);
  }
  const va = str('va_number') ?? str('bill_key') ?? str('payment_code');
  if (va) {
    const wanted = digitsOnly(va);
    return store.findBy(
      (tx) =>
        tx.vaNumber === wanted ||
        tx.billKey === wanted ||
        tx.paymentCode === wanted ||
        (tx.snap?.virtualAccountNo !== undefined && digitsOnly(tx.snap.virtualAccountNo) === wanted) ||
        (tx.billerCode !== undefined && `${tx.billerCode}${tx.billKey}` === wanted),
      [numberKey(wanted)],
    );
  }
  return 'no-selector';
}
