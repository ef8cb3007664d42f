/**
 * A sale's receipt as main lays it out (`sales.receipt`), in the language
 * on screen: re-read when the language changes or the sale does (a late
 * tender update, a refund). An answer for another sale is never shown.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleReceipt } from '../../../../shared/contract/sale-schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { toLanguage } from '../../i18n/language';

/** `version`: anything that changes when the sale does (its `updatedAt`). */
export function useSaleReceipt(saleId: string | null, copy: boolean, version: string | null) {
  const { i18n } = useTranslation();
  const language = toLanguage(i18n.resolvedLanguage ?? i18n.language);
  const [state, setState] = useState<{ key: string; receipt: SaleReceipt | null; error: Err | null } | null>(null);
  const key = `${saleId}|${language}|${copy}|${version}`;
  useEffect(() => {
    if (!saleId) return;
    let live = true;
    void call('sales.receipt', { saleId, language, copy }).then((res) => {
      if (live) setState({ key, receipt: res.ok ? res.value : null, error: res.ok ? null : res });
    });
    return () => {
      live = false;
    };
  }, [saleId, language, copy, key]);
  // Keep the last receipt of the same sale while a fresh one loads (no flicker on a language switch).
  const same = state && saleId && state.key.startsWith(`${saleId}|`) ? state : null;
  return { receipt: same?.receipt ?? null, error: same?.error ?? null };
}
