/**
 * Voiding the sale on the till: a reason (required; it goes in the audit
 * log and on the record), then `sales.void` through the owner's approval.
 * Main cancels open electronic tenders and pays back the paid ones.
 */
import { useState } from 'react';
import type { Err } from '../../../../shared/contract/result';
import { useSale } from '../../stores/sale-store';

/** Hook for `VoidSale`. */
export function useVoidSale(onClose: () => void) {
  const voidSale = useSale((s) => s.voidSale);
  const busy = useSale((s) => s.busy);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<Err | null>(null);
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';
  return {
    reason,
    missing: touched && missing,
    busy,
    refusal,
    setReason,
    confirm: async () => {
      setTouched(true);
      if (missing || busy) return;
      setRefusal(null);
      const failure = await voidSale(reason);
      if (failure) setRefusal(failure);
      else onClose();
    },
  };
}
