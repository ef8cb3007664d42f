/**
 * The shortcut list (F1), drawn from the one table in `keyboard-shortcuts.ts`.
 * Not a blocking modal: the scanner and the shortcuts keep working under it
 * (`data-keyboard-help` tells them this dialog is not one to stand down for);
 * F1 or Esc closes it.
 */
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from './keyboard-shortcuts';

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const keyName = (key: string) => (key === 'Escape' ? t('shortcuts.key.Escape') : key);
  return (
    <div className="keyboard-help" role="dialog" aria-modal="false" aria-labelledby="keyboard-help-title" data-keyboard-help data-testid="keyboard-help">
      <h2 id="keyboard-help-title">{t('shortcuts.title')}</h2>
      <p className="muted">{t('shortcuts.intro')}</p>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.key} className="keyboard-help-row" data-testid={`keyboard-help-${s.action}`} data-key={s.key}>
            <dt><kbd>{keyName(s.key)}</kbd></dt>
            <dd>{t(`shortcuts.action.${s.action}`)}</dd>
          </div>
        ))}
        <div className="keyboard-help-row">
          <dt><kbd>{t('shortcuts.arrows')}</kbd></dt>
          <dd>{t('shortcuts.arrowsHint')}</dd>
        </div>
        <div className="keyboard-help-row">
          <dt>{t('shortcuts.scanner')}</dt>
          <dd>{t('shortcuts.scannerHint')}</dd>
        </div>
      </dl>
      <button type="button" data-testid="keyboard-help-close" onClick={onClose}>{t('shortcuts.close')}</button>
    </div>
  );
}
