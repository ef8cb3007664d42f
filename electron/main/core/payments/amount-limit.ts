/**
 * The main process's one refusal of an amount a payment method cannot carry
 * (Midtrans' per-transaction limits, from the method registry). Called while
 * the intent is built, so nothing is written and nothing is sent.
 */
import { KasirError } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { amountLimitViolation, PAYMENT_METHOD_SPECS, type PaymentMethod } from '../../../../shared/domain/payment-methods';

/**
 * Throws AMOUNT_INVALID naming the limit when `amount` is outside what
 * `method` accepts, e.g. "Indomaret accepts Rp 10.000 – Rp 5.000.000 per
 * transaction". The violation ({method, min, max}) is the data the renderer's
 * own check (`amountLimitViolation`) words the same way.
 */
export function refuseAmountOutsideLimits(method: PaymentMethod, amount: number): void {
  const violation = amountLimitViolation(method, amount);
  if (!violation) return;
  const name = PAYMENT_METHOD_SPECS[method].name;
  const range =
    violation.max === null
      ? `at least ${formatRupiah(violation.min)}`
      : `${formatRupiah(violation.min)} – ${formatRupiah(violation.max)}`;
  throw new KasirError('AMOUNT_INVALID', `${name} accepts ${range} per transaction; this sale is ${formatRupiah(amount)}.`, {
    params:
      violation.max === null
        ? { reason: 'method_minimum', method, min: violation.min, amount }
        : { reason: 'method_limit', method, min: violation.min, max: violation.max, amount },
  });
}
