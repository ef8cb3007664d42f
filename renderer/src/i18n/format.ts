/**
 * Dates and times for the screen: `Intl` in the shop's zone, in the locale of
 * the current language (id-ID or en-GB). Money is not here: it stays
 * `formatRupiah`, which is already id-ID style in both languages.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { DEFAULT_SHOP_ZONE, INTL_LOCALE, toLanguage } from './language';

interface ShopZoneState {
  zone: string;
  setZone(zone: string): void;
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The shop's IANA zone (from `app.info`), Asia/Jakarta until told otherwise. */
export const useShopZone = create<ShopZoneState>((set) => ({
  zone: DEFAULT_SHOP_ZONE,
  setZone: (zone) => set({ zone: isKnownZone(zone) ? zone : DEFAULT_SHOP_ZONE }),
}));

/** Formatters for the current language and shop zone. */
export interface Formatters {
  /** An ISO instant as a wall-clock time in the shop, e.g. "14.05.09" (id) or "14:05:09" (en). */
  time(iso: string): string;
  /** Date and time in the shop for a receipt, e.g. "05 Mar 2026 14.05" (id) or "05 Mar 2026, 14:05" (en). */
  dateTime(iso: string): string;
  /** The `Intl` locale of the current language (id-ID or en-GB). */
  locale: string;
  /** The zone's short name as Indonesians write it (WIB, WITA, WIT). */
  zoneName: string;
}

/** Hook: re-formats when the language or the shop zone changes. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const zone = useShopZone((s) => s.zone);
  const locale = INTL_LOCALE[toLanguage(i18n.resolvedLanguage ?? i18n.language)];
  return useMemo(() => {
    const timeFormat = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    const zonePart = new Intl.DateTimeFormat('id-ID', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      timeZone: zone, day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
    });
    return {
      time: (iso) => timeFormat.format(new Date(iso)),
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      locale,
      zoneName: zonePart?.value ?? zone,
    };
  }, [locale, zone]);
}
