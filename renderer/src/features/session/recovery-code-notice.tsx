/**
 * The recovery code, shown once (after owner setup or a recovery): large,
 * grouped, with "write it down" and a checkbox the owner must tick before
 * the screen lets it go. Props only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface RecoveryCodeNoticeProps {
  code: string;
  /** Said above the code (e.g. "the new PIN is saved"), if anything. */
  lead?: string;
  onDone(): void;
}

/** Presentational. */
export function RecoveryCodeNotice({ code, lead, onDone }: RecoveryCodeNoticeProps) {
  const { t } = useTranslation();
  const [written, setWritten] = useState(false);
  return (
    <div className="recovery-code" data-testid="recovery-code-notice">
      {lead && <p>{lead}</p>}
      <h3>{t('recoveryCode.title')}</h3>
      <p className="recovery-code-value" data-testid="recovery-code">{code}</p>
      <p className="recovery-code-warning" role="alert">{t('recoveryCode.writeDown')}</p>
      <p className="muted">{t('recoveryCode.purpose')}</p>
      <label className="recovery-code-confirm">
        <input type="checkbox" data-testid="recovery-code-written" checked={written} onChange={(e) => setWritten(e.target.checked)} />
        {t('recoveryCode.confirm')}
      </label>
      <div className="modal-actions">
        <button className="primary" data-testid="recovery-code-done" disabled={!written} onClick={onDone}>
          {t('recoveryCode.done')}
        </button>
      </div>
    </div>
  );
}
