/**
 * Lookup keys of a transaction: the values front ends search by besides ids
 * (a payment number, a SNAP-BI X-EXTERNAL-ID). A durable store indexes them
 * so `findBy(predicate, keys)` reads a few rows, not every charge; the
 * predicate still decides. QR strings are not keyed any more: each carries its
 * transaction id (core-api/qris.ts `qrisTransactionId`), and a ~200-byte key
 * per charge was most of what a QRIS charge wrote to the state file.
 */
import type { Transaction } from '../types';

/** Key for a QR string: only rows stored before QR strings were found by their id carry it. */
export const qrKey = (qr: string): string => `qr:${qr}`;
/** Key for a payment number (VA number, bill key, payment code, biller code + bill key). */
export const numberKey = (n: string): string => `num:${n}`;
/** Key for a SNAP-BI X-EXTERNAL-ID of the create call. */
export const externalIdKey = (id: string): string => `ext:${id}`;

/** Every lookup key of `tx` (set at insert: these fields never change afterwards). */
export function lookupKeys(tx: Transaction): string[] {
  const keys: string[] = [];
  for (const n of [tx.vaNumber, tx.billKey, tx.paymentCode]) if (n) keys.push(numberKey(n));
  if (tx.billerCode !== undefined && tx.billKey !== undefined) keys.push(numberKey(`${tx.billerCode}${tx.billKey}`));
  if (tx.snap?.virtualAccountNo !== undefined) keys.push(numberKey(tx.snap.virtualAccountNo.replace(/\s+/g, '')));
  if (tx.snap?.externalId) keys.push(externalIdKey(tx.snap.externalId));
  // Most charges (QRIS, e-wallets) have no key and a VA one key: no Set to build for those.
  return keys.length < 2 ? keys : [...new Set(keys)];
}
