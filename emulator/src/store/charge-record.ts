/**
 * What Midtrans keeps of a charge beyond its amount, read back from the
 * request the transaction was created with: the items and the merchant's own
 * reference. The simulator's transaction summary shows them so a test can
 * compare what "Midtrans" recorded with the till's receipt.
 */
import { parseRupiah } from '../core-api/validate';
import { isRecord } from '../server/body';
import type { Transaction } from '../types';

/** One recorded item. Core API prices are validated integers; SNAP-BI ones are read as sent (null when unreadable). */
export interface RecordedItem {
  id: string;
  name: string;
  price: number | null;
  quantity: number | null;
}

/**
 * The items of a charge, in the order sent: Core API `item_details`
 * (`price` may be negative: discount lines), SNAP-BI `additionalInfo.items`
 * (`price.value` strings such as `"1500.00"`). [] when none were sent.
 */
export function recordedItems(tx: Transaction): RecordedItem[] {
  const req = tx.request;
  const raw = tx.source === 'core' ? req.item_details : isRecord(req.additionalInfo) ? req.additionalInfo.items : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.map((entry: unknown): RecordedItem => {
    const it = isRecord(entry) ? entry : {};
    const price = tx.source === 'core' ? parseRupiah(it.price) : snapValue(isRecord(it.price) ? it.price.value : it.price);
    return {
      id: typeof it.id === 'string' || typeof it.id === 'number' ? String(it.id) : '',
      name: typeof it.name === 'string' ? it.name : '',
      price: price ?? null,
      quantity: parseRupiah(it.quantity) ?? null,
    };
  });
}

/**
 * The merchant's reference for the sale a charge belongs to, where the
 * merchant can put one: Core API `custom_field1`; SNAP-BI
 * `additionalInfo.customField["1"]` (documented for VA) or
 * `additionalInfo.metadata.saleRef` (QRIS / direct debit). null when absent.
 */
export function recordedSaleRef(tx: Transaction): string | null {
  const req = tx.request;
  if (tx.source === 'core') return typeof req.custom_field1 === 'string' ? req.custom_field1 : null;
  const info = isRecord(req.additionalInfo) ? req.additionalInfo : {};
  const custom = isRecord(info.customField) ? info.customField['1'] : undefined;
  if (typeof custom === 'string') return custom;
  const meta = isRecord(info.metadata) ? info.metadata.saleRef : undefined;
  return typeof meta === 'string' ? meta : null;
}

/** A SNAP money string ("1500.00", "-500.00") or number as a number; undefined when it is neither. */
function snapValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d{1,16}(\.\d{1,2})?$/.test(v.trim())) return Number(v.trim());
  return undefined;
}
