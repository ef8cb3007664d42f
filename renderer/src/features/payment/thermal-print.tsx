/**
 * "Cetak ke printer struk": sends a paid sale's receipt to the till's
 * ESC/POS printer through main (`sales.printReceipt`). Offered only when
 * `app.info` says a printer is configured. Main marks every print after the
 * first as a copy; the receipt is printed in the language on screen.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { ErrorMessage } from '../../components/error-message';
import { toLanguage } from '../../i18n/language';

interface Outcome {
  /** The sale this outcome belongs to: a result for the previous sale is never shown on the next. */
  forId: string;
  error: Err | null;
  printed: boolean;
  copy: boolean;
}

/** State and action for printing one sale's receipt on the thermal printer. */
export function useThermalPrint(saleId: string) {
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const print = useCallback(async () => {
    if (busy) return; // a double tap must not print two receipts
    setBusy(true);
    setOutcome(null);
    const res = await call('sales.printReceipt', { saleId, language: toLanguage(i18n.resolvedLanguage ?? i18n.language) });
    setOutcome({ forId: saleId, error: res.ok ? null : res, printed: res.ok, copy: res.ok && res.value.copy });
    setBusy(false);
  }, [busy, saleId, i18n]);
  const current = outcome?.forId === saleId ? outcome : null;
  return { print, busy, error: current?.error ?? null, printed: current?.printed ?? false, copy: current?.copy ?? false };
}

/** The button. */
export function ThermalPrintButton({ busy, onPrint, testId = 'thermal-print' }: { busy: boolean; onPrint(): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <button data-testid={testId} disabled={busy} onClick={onPrint}>
      {busy ? t('payment.thermalPrinting') : t('payment.thermalPrint')}
    </button>
  );
}

/** What happened to the last job: the contract error through ErrorMessage, or a short confirmation. */
export function ThermalPrintStatus({ error, printed, copy, testId = 'thermal-print' }: { error: Err | null; printed: boolean; copy: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (printed) {
    return (
      <p className="muted" role="status" data-testid={`${testId}-done`} data-copy={copy}>
        {copy ? t('paid.printedCopy') : t('payment.thermalPrinted')}
      </p>
    );
  }
  return <ErrorMessage error={error} testId={`${testId}-error`} />;
}
