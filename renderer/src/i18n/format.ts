/**
 * Dates and times for the screen: the shared zone helpers
 * (`shared/domain/zoned-time`, the same ones the main process prints receipts
 * and reports with) in the shop's zone and the locale of the current language
 * (id-ID or en-GB). Money is not here: it stays `formatRupiah`, which is
 * already id-ID style in both languages.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { DEFAULT_SHOP_ZONE, formatLocalTime, formatShopDateTime, isTimeZone, zoneShortName } from '../../../shared/domain/zoned-time';
import { INTL_LOCALE, toLanguage } from './language';

interface ShopZoneState {
  zone: string;
  setZone(zone: string): void;
}

/** The shop's IANA zone (from `app.info`), {@link DEFAULT_SHOP_ZONE} until told otherwise or told a zone this runtime does not know. */
export const useShopZone = create<ShopZoneState>((set) => ({
  zone: DEFAULT_SHOP_ZONE,
  setZone: (zone) => set({ zone: isTimeZone(zone) ? zone : DEFAULT_SHOP_ZONE }),
}));

/** Formatters for the current language and shop zone. */
export interface Formatters {
  /** An ISO instant as a wall-clock time in the shop, e.g. "14.05.09" (id) or "14:05:09" (en). */
  time(iso: string): string;
  /** Date, time and zone in the shop for a receipt, e.g. "05 Mar 2026, 14.05 WIB" (id) or "05 Mar 2026, 14:05 WIB" (en). */
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
  return useMemo<Formatters>(
    () => ({
      time: (iso) => formatLocalTime(iso, zone, locale, 'second'),
      dateTime: (iso) => formatShopDateTime(iso, zone, locale),
      locale,
      zoneName: zoneShortName(zone),
    }),
    [locale, zone],
  );
}
