/**
 * "Salin" beside a VA number, bill key or pay code: the cashier pastes it
 * into a chat for a customer paying from their phone. `navigator.clipboard`
 * only (no network, allowed by the CSP); the button says whether it worked.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Outcome = 'idle' | 'copied' | 'failed';

/** Copies `text`; `what` names it for screen readers ("Salin nomor VA"). */
export function CopyButton({ text, what, testId }: { text: string; what: string; testId: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 2500);
    return () => clearTimeout(timer);
  }, [outcome]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <button type="button" className={`copy-button ${outcome}`} data-testid={testId} data-outcome={outcome} aria-label={t('copyCode.copyLabel', { what })} onClick={() => void copy()}>
      {outcome === 'copied' ? t('copyCode.copied') : outcome === 'failed' ? t('copyCode.failed') : t('copyCode.copy')}
    </button>
  );
}
