/**
 * "Cetak ke printer struk": sends a paid payment's receipt to the till's
 * ESC/POS printer through the main process (`receipts.print`). Offered only
 * when `app.info` says a printer is configured; the window.print receipt
 * stays as it is. The receipt is printed in the language on screen.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { ErrorMessage } from '../../components/error-message';
import { toLanguage } from '../../i18n/language';

interface Outcome {
  /** The payment this outcome belongs to: a result for the previous sale is never shown on the next. */
  forId: string;
  error: Err | null;
  printed: boolean;
}

/** State and action for printing one payment's receipt on the thermal printer. */
export function useThermalPrint(paymentId: string) {
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const print = useCallback(async () => {
    if (busy) return; // a double tap must not print two receipts
    setBusy(true);
    setOutcome(null);
    const res = await call('receipts.print', { id: paymentId, language: toLanguage(i18n.resolvedLanguage ?? i18n.language) });
    setOutcome({ forId: paymentId, error: res.ok ? null : res, printed: res.ok });
    setBusy(false);
  }, [busy, paymentId, i18n]);
  const current = outcome?.forId === paymentId ? outcome : null;
  return { print, busy, error: current?.error ?? null, printed: current?.printed ?? false };
}

/** The button; goes in the payment screen's footer. */
export function ThermalPrintButton({ busy, onPrint }: { busy: boolean; onPrint(): void }) {
  const { t } = useTranslation();
  return (
    <button data-testid="thermal-print" disabled={busy} onClick={onPrint}>
      {busy ? t('payment.thermalPrinting') : t('payment.thermalPrint')}
    </button>
  );
}

/** What happened to the last job: the contract error through ErrorMessage, or a short confirmation. */
export function ThermalPrintStatus({ error, printed }: { error: Err | null; printed: boolean }) {
  const { t } = useTranslation();
  if (printed) return <p className="muted" role="status" data-testid="thermal-print-done">{t('payment.thermalPrinted')}</p>;
  return <ErrorMessage error={error} testId="thermal-print-error" />;
}
