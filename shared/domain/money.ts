/**
 * Money is integer rupiah everywhere inside Kasir. Midtrans speaks in strings
 * with two decimals ("10000.00"); these helpers are the only place that crosses
 * between the two forms, so signatures can keep the gateway's exact string.
 */

/** Largest amount the till accepts for one sale (Midtrans' own per-method caps are lower). */
export const MAX_RUPIAH = 999_999_999_999;

/** True for a safe, non-negative whole number of rupiah. */
export function isRupiah(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_RUPIAH;
}

/** 10000 → "10000.00", the form Midtrans puts in bodies and signs. */
export function toGatewayAmount(rupiah: number): string {
  if (!isRupiah(rupiah)) throw new RangeError(`not an integer rupiah amount: ${rupiah}`);
  return `${rupiah}.00`;
}

/**
 * "10000.00" / "10000" / 10000 → 10000. Rejects fractions of a rupiah: IDR has
 * no minor unit and a non-zero fraction means the payload is not what we sent.
 */
export function fromGatewayAmount(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match || (match[2] !== undefined && Number(match[2]) !== 0)) {
    throw new RangeError(`not a whole rupiah amount: ${JSON.stringify(value)}`);
  }
  return Number(match[1]);
}

/** 1234567 → "Rp 1.234.567" for receipts and screens (id-ID grouping, no decimals). */
export function formatRupiah(rupiah: number): string {
  const sign = rupiah < 0 ? '-' : '';
  const digits = String(Math.abs(rupiah)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}Rp ${digits}`;
}
