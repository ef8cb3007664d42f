/**
 * i18next for the renderer: resources are bundled modules (no HTTP backend, no
 * eval), the language starts from localStorage (default Indonesian), and
 * `<html lang>` follows every change. Import this once, before the app renders.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id, type Messages } from './id';
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_STORAGE_KEY, toLanguage, type Language } from './language';

export { LANGUAGES, type Language } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function storedLanguage(): Language {
  try {
    return toLanguage(window.localStorage.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    return DEFAULT_LANGUAGE; // storage unavailable: fall back, never crash the till
  }
}

function remember(lng: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Not remembered; the choice still applies for this session.
  }
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = toLanguage(lng);
});

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false, // resources are in the bundle: ready before the first render
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** The current language, narrowed to one the till speaks. */
export const currentLanguage = (): Language => toLanguage(i18n.resolvedLanguage ?? i18n.language);

/** Switches the whole UI (and `<html lang>`) and remembers the choice. */
export async function setLanguage(lng: Language): Promise<void> {
  remember(lng);
  await i18n.changeLanguage(lng);
}

export { i18n };
