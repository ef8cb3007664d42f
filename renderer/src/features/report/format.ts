/** Small display helpers for the Today screen (times in a closing's own zone). */
import { formatLocalTime } from '../../../../shared/domain/zoned-time';

/**
 * An ISO instant as HH:MM in `zone` ("21.05" in id-ID, "21:05" in en-GB).
 * A closing keeps the zone it was closed in, which may differ from today's
 * shop zone, so this takes the zone instead of using `useFormatters()`.
 */
export function shopTime(iso: string, zone: string, locale: string): string {
  try {
    return formatLocalTime(iso, zone, locale);
  } catch {
    return iso; // an unknown zone must never blank the report
  }
}
