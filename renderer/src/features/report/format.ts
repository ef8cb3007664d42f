/** Small display helpers for the Today screen (times in the shop's zone, signed money). */
import { formatRupiah } from '../../../../shared/domain/money';

/** An ISO instant as HH:MM in `zone`, e.g. "21:05". */
export function shopTime(iso: string, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  } catch {
    return iso; // an unknown zone must never blank the report
  }
}

/** A drawer difference with its sign and meaning: "+Rp 500 (over)", "-Rp 500 (short)", "Rp 0 (exact)". */
export function drawerDifference(diff: number): string {
  if (diff === 0) return `${formatRupiah(0)} (exact)`;
  return diff > 0 ? `+${formatRupiah(diff)} (over)` : `${formatRupiah(diff)} (short)`;
}

/** "150.000", "Rp 150.000" or "150000" → 150000; empty → null; anything else → NaN. */
export function parseRupiahInput(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Indonesians group thousands with dots; there are no sen on a cash count.
  const digits = trimmed.replace(/^Rp\s*/i, '').replace(/[.\s]/g, '');
  return /^\d{1,12}$/.test(digits) ? Number(digits) : Number.NaN;
}
