/**
 * The discount form's state and actions: the fields, what is wrong with
 * them, and Apply / Remove through the sale store (main checks the owner's
 * threshold; a cashier is asked for the owner PIN, and a cancelled prompt is
 * shown here as the refusal).
 */
import { useRef, useState } from 'react';
import type { Discount } from '../../../../shared/domain/pricing';
import type { Err } from '../../../../shared/contract/result';
import { useSale } from '../../stores/sale-store';
import { discountFrom, fieldsOf, type DiscountFields } from './discount-input';
import type { DiscountTarget } from './use-cart-panel';

/** Hook for `DiscountEditor`. */
export function useDiscountEditor(target: DiscountTarget, current: Discount | null, onClose: () => void) {
  const setLineDiscount = useSale((s) => s.setLineDiscount);
  const setSaleDiscount = useSale((s) => s.setSaleDiscount);
  const [fields, setFields] = useState<DiscountFields>(() => fieldsOf(current));
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<Err | null>(null);
  const inFlight = useRef(false); // a fast double click sends once
  const parsed = discountFrom(fields);

  const send = async (discount: Discount | null) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setRefusal(null);
    const failure = target.scope === 'line' ? await setLineDiscount(target.lineId, discount) : await setSaleDiscount(discount);
    inFlight.current = false;
    setSending(false);
    if (failure) setRefusal(failure);
    else onClose();
  };

  return {
    fields,
    problem: touched && !parsed.ok ? parsed.problem : null,
    sending,
    refusal,
    canRemove: current !== null,
    setKind: (kind: DiscountFields['kind']) => setFields((f) => ({ ...f, kind })),
    setValue: (value: string) => setFields((f) => ({ ...f, value })),
    setReason: (reason: string) => setFields((f) => ({ ...f, reason })),
    apply: () => {
      setTouched(true);
      if (parsed.ok) void send(parsed.discount);
    },
    remove: () => void send(null),
  };
}
