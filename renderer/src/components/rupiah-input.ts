/**
 * Typed rupiah from a cashier's keyboard. Pure (no DOM, no i18next) so it is
 * unit-tested in plain Node. Indonesians group thousands with dots and often
 * write "Rp 10.000,-"; IDR has no sen at the till, so a fraction is refused
 * rather than rounded.
 */
import { MAX_RUPIAH } from '../../../shared/domain/money';

// Either plain digits or correctly grouped thousands: "10.00" is a typo for a
// decimal, not ten hundred, and must not silently become 1.000.
const AMOUNT = /^(?:rp\.?\s*)?(\d+|\d{1,3}(?:\.\d{3})+)(?:,(?:0{1,2}|-))?$/i;

/**
 * "10.000", "Rp 10.000", "Rp10.000,-", "10.000,00" or "10000" → 10000.
 * Returns null for empty or anything that is not a whole rupiah amount
 * (fractions, commas as grouping, letters, negative, above MAX_RUPIAH).
 */
export function parseRupiah(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (!match?.[1]) return null;
  const digits = match[1].replace(/\./g, '');
  if (digits.length > String(MAX_RUPIAH).length) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) && value <= MAX_RUPIAH ? value : null;
}

/** 34000 → "34.000": the form `parseRupiah` reads back, to prefill an input. */
export function groupThousands(rupiah: number): string {
  const sign = rupiah < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(rupiah))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
