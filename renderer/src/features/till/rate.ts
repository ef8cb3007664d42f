/**
 * A rate in basis points as the cashier reads it, in the current language:
 * 1000 → "10%", 1250 → "12,5%" (id) / "12.5%" (en). Wording only, like
 * `useFormatters()`; rates stay integer basis points everywhere else.
 */
import { useCallback } from 'react';
import { useFormatters } from '../../i18n/format';

/** Hook: formats basis points as a percentage in the current locale. */
export function useRate(): (basisPoints: number) => string {
  const { locale } = useFormatters();
  return useCallback(
    (bp: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000).replace(/\s/g, ''),
    [locale],
  );
}
