/** What the last scan did, large over the till (props only): added, unknown (it beeped) or refused while a payment is on screen. */
import { useTranslation } from 'react-i18next';
import type { ScanNotice as Notice } from './scanner-capture';

export function ScanNotice({ notice, onDismiss }: { notice: Notice | null; onDismiss(): void }) {
  const { t } = useTranslation();
  if (!notice) return null;
  const failed = notice.kind !== 'added';
  const kind = notice.kind === 'refused' ? notice.reason : notice.kind;
  const headline =
    notice.kind === 'added' ? t('scan.added', { name: notice.name })
      : notice.kind === 'unknown' ? t('scan.unknown', { code: notice.code })
        : notice.reason === 'payment' ? t('scan.payment') : t('scan.locked', { code: notice.code });
  const hint =
    notice.kind === 'unknown' ? t('scan.unknownHint')
      : notice.kind === 'refused' ? (notice.reason === 'payment' ? t('scan.paymentHint', { code: notice.code }) : t('scan.lockedHint'))
        : null;
  return (
    <div
      key={notice.seq}
      className={`scan-notice ${failed ? 'scan-notice-failed' : 'scan-notice-added'}`}
      data-testid="scan-notice"
      data-kind={kind}
      data-code={notice.code}
      data-seq={notice.seq}
      role={failed ? 'alert' : 'status'}
    >
      <strong data-testid="scan-notice-text">{headline}</strong>
      {hint && <span className="scan-notice-hint">{hint}</span>}
      <button type="button" className="link" data-testid="scan-notice-dismiss" tabIndex={-1} onClick={onDismiss}>
        {t('scan.dismiss')}
      </button>
    </div>
  );
}
