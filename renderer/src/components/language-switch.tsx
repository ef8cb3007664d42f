/** ID/EN toggle for the top bar; the choice is remembered across restarts. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, setLanguage } from '../i18n';

/** Two pressed-state buttons, one per language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = i18n.resolvedLanguage ? currentLanguage() : null;
  return (
    <div className="lang-switch" role="group" aria-label={t('language.switcher')} data-testid="language-switch">
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          lang={lng}
          className={active === lng ? 'active' : ''}
          aria-pressed={active === lng}
          title={t(`language.${lng}`)}
          data-testid={`lang-${lng}`}
          onClick={() => void setLanguage(lng)}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
