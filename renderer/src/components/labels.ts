/**
 * Human labels for methods, statuses and update sources, in one place for the
 * whole UI, translated through i18next (`status.*`, `source.*`, and each
 * method's `labelKey` from the method registry, `method.*`).
 * Components use `useLabels()`, which re-renders on a language switch.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PaymentMethod, PaymentStatus, UpdateSource } from '../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS, type PaymentMethodLabelKey } from '../../../shared/domain/payment-methods';

/** Label lookups bound to one language. */
export interface Labels {
  method(method: PaymentMethod): string;
  status(status: PaymentStatus): string;
  source(source: UpdateSource): string;
}

/** Labels for a given `t` (outside React, e.g. `labelsFor(i18n.t)`). */
export function labelsFor(t: TFunction): Labels {
  return {
    method: (m) => t(PAYMENT_METHOD_SPECS[m].labelKey as PaymentMethodLabelKey),
    status: (s) => t(`status.${s}`),
    source: (s) => t(`source.${s}`),
  };
}

/** Hook: labels in the current language. */
export function useLabels(): Labels {
  const { t } = useTranslation();
  return useMemo(() => labelsFor(t), [t]);
}
