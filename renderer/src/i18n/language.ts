/**
 * The till's languages and what each one means for formatting. Pure: no DOM,
 * no i18next, so it is unit-testable in plain Node.
 */

/** Languages the till speaks; the first is the default. */
export const LANGUAGES = ['id', 'en'] as const;

/** One of the till's languages. */
export type Language = (typeof LANGUAGES)[number];

/** Indonesian unless the cashier chose otherwise. */
export const DEFAULT_LANGUAGE: Language = 'id';

/** Where the cashier's choice is remembered (not a secret, so localStorage is fine). */
export const LANGUAGE_STORAGE_KEY = 'kasir.language';

/** `Intl` locale per language for dates and times (money stays `formatRupiah`). */
export const INTL_LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/** Narrows anything (a stored value, i18next's `language`) to a supported language. */
export function toLanguage(value: unknown): Language {
  return LANGUAGES.find((l) => l === value) ?? DEFAULT_LANGUAGE;
}
