/**
 * Human labels for methods, statuses and update sources, in one place for the
 * whole UI, translated through i18next (`method.*`, `status.*`, `source.*`).
 * Components use `useLabels()`, which re-renders on a language switch.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { PAYMENT_METHODS, PAYMENT_STATUSES, UPDATE_SOURCES, type PaymentMethod, type PaymentStatus, type UpdateSource } from '../../../shared/domain/payment';
import { i18n } from '../i18n';

/** Label lookups bound to one language. */
export interface Labels {
  method(method: PaymentMethod): string;
  status(status: PaymentStatus): string;
  source(source: UpdateSource): string;
}

/** Labels for a given `t` (outside React, e.g. `labelsFor(i18n.t)`). */
export function labelsFor(t: TFunction): Labels {
  return {
    method: (m) => t(`method.${m}`),
    status: (s) => t(`status.${s}`),
    source: (s) => t(`source.${s}`),
  };
}

/** Hook: labels in the current language. */
export function useLabels(): Labels {
  const { t } = useTranslation();
  return useMemo(() => labelsFor(t), [t]);
}

/** A record whose values are read from i18next at access time (always the current language). */
function liveRecord<K extends string>(keys: readonly K[], lookup: (key: K) => string): Readonly<Record<K, string>> {
  const record = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(record, key, { enumerable: true, get: () => lookup(key) });
  return record;
}

const live = labelsFor(i18n.t.bind(i18n) as TFunction);

/**
 * @deprecated Use `useLabels().method(m)`. Kept, translated at access time,
 * for code that indexes the old record (features/report until its rewrite).
 */
export const METHOD_LABEL = liveRecord<PaymentMethod>(PAYMENT_METHODS, live.method);

/** @deprecated Use `useLabels().status(s)`; translated at access time. */
export const STATUS_LABEL = liveRecord<PaymentStatus>(PAYMENT_STATUSES, live.status);

/** @deprecated Use `useLabels().source(s)`; translated at access time. */
export const SOURCE_LABEL = liveRecord<UpdateSource>(UPDATE_SOURCES, live.source);
