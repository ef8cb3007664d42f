/** Core API amounts and the notification / status `signature_key` (reference §8.3). */
import { createHash } from 'node:crypto';

/** Integer rupiah as Midtrans writes it on the wire: `10000` → `"10000.00"`. */
export const formatAmount = (rupiah: number): string => `${rupiah}.00`;

/**
 * `signature_key` = lower-case hex SHA-512 of order_id + status_code +
 * gross_amount + server key, with status_code and gross_amount exactly as the
 * strings in the body (`"200"`, `"789000.00"`).
 */
export function coreSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512').update(`${orderId}${statusCode}${grossAmount}${serverKey}`, 'utf8').digest('hex');
}
