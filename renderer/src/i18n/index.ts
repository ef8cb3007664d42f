/**
 * i18next for the renderer: resources are bundled modules (no HTTP backend, no
 * eval) and `<html lang>` follows every change. The language is main's
 * (`app.info.language`, kept in `<dataDir>/ui.json`) so the choice survives a
 * restart in both shells — the browser shell's profile is fresh each launch;
 * localStorage is only the first guess until main answers, and the fallback
 * when it cannot. Import this once, before the app renders.
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

/** Set once the cashier chose in this window: main's stored answer, if it comes later, must not undo her tap. */
let chosenHere = false;

/**
 * Adopts the language main remembers (`app.info.language`), unless the
 * cashier already chose in this window. The app calls it with its own
 * `app.info` answer: a call made here at import would be the window's first
 * call, and main delivers its held start-up notices on the first call — before
 * the app subscribed to them.
 */
export async function adoptRememberedLanguage(language: string | undefined): Promise<void> {
  if (chosenHere || language === undefined) return;
  const lng = toLanguage(language);
  remember(lng);
  if (lng !== currentLanguage()) await i18n.changeLanguage(lng);
}

/** Switches the whole UI (and `<html lang>`) and remembers the choice: in main (both shells, across restarts) and locally. */
export async function setLanguage(lng: Language): Promise<void> {
  chosenHere = true;
  remember(lng);
  await i18n.changeLanguage(lng);
  try {
    // Any caller may: the sign-in screen has the switch too. A refusal leaves the local copy as the fallback.
    await window.kasir.invoke('app.setLanguage', { language: lng });
  } catch {
    // Not stored by main; this window still speaks the chosen language.
  }
}

export { i18n };
