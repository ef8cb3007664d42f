/**
 * Inline refund of one QRIS / e-wallet tender of a sale in the Payments list: amount (default: all
 * that is still refundable), optional reason, then an explicit confirm step,
 * because a refund sends money back and cannot be undone. The main process
 * is the authority on what may be refunded (the list can be a moment stale),
 * so an over-large amount is sent and its AMOUNT_INVALID shown, not guessed at here.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { ErrorMessage } from '../../components/error-message';
import { errorFieldOf } from '../../components/error-text';
import { useLabels } from '../../components/labels';
import { groupThousands, parseRupiah } from '../../components/rupiah-input';

export interface RefundFormProps {
  payment: PaymentView;
  /** What the form's test ids end in: the sale and the tender's number ("<sale>-1"). */
  formKey: string;
  /** Sends the refund (through the owner's approval); resolves to the refusal, or null. */
  onRefund(paymentId: string, amount: number, reason: string): Promise<Err | null>;
  /** Closes the form (after success, or when the cashier cancels). */
  onDone(): void;
}

type Step = 'edit' | 'confirm';

/** Refundable = amount − already refunded; never below zero. */
export function refundableOf(p: Pick<PaymentView, 'amount' | 'refundedAmount'>): number {
  return Math.max(0, p.amount - p.refundedAmount);
}

/** The form, rendered in a table row under its payment. */
export function RefundForm({ payment, formKey, onRefund, onDone }: RefundFormProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const remaining = refundableOf(payment);
  const [amountText, setAmountText] = useState(() => groupThousands(remaining));
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<Step>('edit');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Err | null>(null);
  // State updates are async: a ref stops a fast double click from sending two refunds.
  const inFlight = useRef(false);

  const amount = parseRupiah(amountText);
  const amountInvalid = amount === null || amount < 1;
  const key = formKey;
  // A refused amount (e.g. more than is left) is shown under the amount; anything else at the foot.
  const amountRefused = errorFieldOf(problem, ['amount'] as const) === 'amount';

  const submit = async () => {
    if (amountInvalid || inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setProblem(null);
    const failure = await onRefund(payment.id, amount, reason);
    inFlight.current = false;
    setSending(false);
    if (!failure) return onDone();
    setProblem(failure);
    setStep('edit'); // back to the fields, so the amount can be corrected next to the reason it failed
  };

  return (
    <div className="refund-form" data-testid={`refund-form-${key}`} data-step={step} data-remaining={remaining}>
      <strong>{t('refund.title', { order: payment.orderId })}</strong>
      {step === 'edit' ? (
        <form
          className="refund-fields"
          onSubmit={(e) => {
            e.preventDefault(); // no navigation: the form only moves to the confirm step
            if (!amountInvalid) setStep('confirm');
          }}
        >
          <label>
            {t('refund.amount', { remaining: formatRupiah(remaining) })}
            <input
              data-testid={`refund-amount-${key}`}
              inputMode="numeric"
              autoComplete="off"
              value={amountText}
              aria-invalid={amountInvalid || amountRefused}
              disabled={sending}
              onChange={(e) => setAmountText(e.target.value)}
            />
          </label>
          <ErrorMessage error={amountRefused ? problem : null} testId={`refund-error-${key}`} />
          <label>
            {t('refund.reason')}
            <input
              data-testid={`refund-reason-${key}`}
              maxLength={255}
              placeholder={t('refund.reasonPlaceholder')}
              value={reason}
              disabled={sending}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" data-testid={`refund-next-${key}`} disabled={amountInvalid || sending}>
            {t('refund.next')}
          </button>
          <button type="button" data-testid={`refund-cancel-${key}`} disabled={sending} onClick={onDone}>
            {t('refund.cancel')}
          </button>
          {amountInvalid && <p className="error" data-testid={`refund-amount-error-${key}`}>{t('refund.amountInvalid')}</p>}
        </form>
      ) : (
        <div className="refund-fields">
          <span data-testid={`refund-confirm-text-${key}`} data-amount={amount ?? undefined}>
            {t('refund.confirmText', { amount: formatRupiah(amount ?? 0), method: labels.method(payment.method) })}
          </span>
          <button className="primary" data-testid={`refund-confirm-${key}`} disabled={sending} onClick={() => void submit()}>
            {sending ? t('refund.working') : t('refund.confirm')}
          </button>
          <button data-testid={`refund-back-${key}`} disabled={sending} onClick={() => setStep('edit')}>
            {t('refund.back')}
          </button>
        </div>
      )}
      <ErrorMessage error={amountRefused ? null : problem} testId={`refund-error-${key}`} />
    </div>
  );
}
