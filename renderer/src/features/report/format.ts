/** Small display helpers for the Today screen (times in a closing's own zone). */

/**
 * An ISO instant as HH:MM in `zone` ("21.05" in id-ID, "21:05" in en-GB).
 * A closing keeps the zone it was closed in, which may differ from today's
 * shop zone, so this takes the zone instead of using `useFormatters()`.
 */
export function shopTime(iso: string, zone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  } catch {
    return iso; // an unknown zone must never blank the report
  }
}
