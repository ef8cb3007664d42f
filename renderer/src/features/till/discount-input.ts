/**
 * A discount as the cashier types it: a percentage ("10", "12,5") or a
 * rupiah amount ("5.000"), with a reason. Pure (no DOM, no i18next) so it is
 * unit-tested in plain Node. Main decides whether it is allowed (the owner's
 * threshold) and how much it takes off; this only reads the keyboard.
 */
import { basisPointsFromPercent, PRICING_LIMITS, type Discount } from '../../../../shared/domain/pricing';
import { groupThousands, parseRupiah } from '../../components/rupiah-input';

export type DiscountKind = Discount['kind'];

/** What the discount form holds while the cashier types. */
export interface DiscountFields {
  kind: DiscountKind;
  value: string;
  reason: string;
}

/** Why the fields are not a discount yet (each worded by the form). */
export type DiscountProblem = 'value' | 'reason';

// "10", "12,5", "12.5", "7,25 %": at most two decimals, comma or dot.
const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/;

/** "12,5" → 1250 basis points; null unless 0 < p ≤ 100 with at most two decimals. */
export function parsePercent(text: string): number | null {
  const m = PERCENT.exec(text.trim());
  if (!m?.[1]) return null;
  const bp = basisPointsFromPercent(Number(`${m[1]}.${m[2] ?? '0'}`));
  return bp !== null && bp > 0 ? bp : null;
}

/** The discount the fields describe, or what is wrong with them. */
export function discountFrom(fields: DiscountFields): { ok: true; discount: Discount } | { ok: false; problem: DiscountProblem } {
  const reason = fields.reason.trim();
  if (fields.kind === 'percent') {
    const basisPoints = parsePercent(fields.value);
    if (basisPoints === null) return { ok: false, problem: 'value' };
    if (!reason || reason.length > PRICING_LIMITS.reasonMax) return { ok: false, problem: 'reason' };
    return { ok: true, discount: { kind: 'percent', basisPoints, reason } };
  }
  const amount = parseRupiah(fields.value);
  if (amount === null || amount < 1) return { ok: false, problem: 'value' };
  if (!reason || reason.length > PRICING_LIMITS.reasonMax) return { ok: false, problem: 'reason' };
  return { ok: true, discount: { kind: 'amount', amount, reason } };
}

/** The fields for an existing discount (to edit it), or empty ones. */
export function fieldsOf(discount: Discount | null): DiscountFields {
  if (!discount) return { kind: 'percent', value: '', reason: '' };
  if (discount.kind === 'percent') {
    return { kind: 'percent', value: String(discount.basisPoints / 100).replace('.', ','), reason: discount.reason };
  }
  return { kind: 'amount', value: groupThousands(discount.amount), reason: discount.reason };
}
