/**
 * priceSale's own guards. The zod schemas refuse the same inputs at the
 * boundary; these make the pure function safe to call from anywhere (a test, a
 * replay of the ledger) without trusting that it went through the schema.
 */
import { isRupiah } from '../money';
import { PricingError } from './errors';
import { PRICING_LIMITS } from './limits';
import { PB1_MAX_BASIS_POINTS } from './tax';
import { FULL_BASIS_POINTS, TAX_CLASSES, type Discount, type PricingLine, type PricingSettings } from './types';

/** Throws PricingError unless the settings are within bounds. */
export function checkSettings(s: PricingSettings): void {
  if (s.priceMode !== 'inclusive' && s.priceMode !== 'exclusive') throw new PricingError('unknown price mode', ['priceMode']);
  if (s.tax.kind === 'pb1' && !isBasisPoints(s.tax.rateBasisPoints, PB1_MAX_BASIS_POINTS)) {
    throw new PricingError('PB1 rate must be 0..10%', ['tax', 'rateBasisPoints']);
  }
  if (s.tax.kind !== 'none' && s.tax.kind !== 'pb1' && s.tax.kind !== 'ppn') throw new PricingError('unknown tax', ['tax', 'kind']);
  if (s.serviceCharge && !isBasisPoints(s.serviceCharge.rateBasisPoints, PRICING_LIMITS.serviceMaxBasisPoints)) {
    throw new PricingError('service charge must be 0..20%', ['serviceCharge', 'rateBasisPoints']);
  }
}

/** Throws PricingError unless the line (and its discount) is within bounds. */
export function checkLine(line: PricingLine, i: number): void {
  const at = (...rest: (string | number)[]) => ['lines', i, ...rest];
  if (!isRupiah(line.unitPrice)) throw new PricingError('unit price must be whole rupiah', at('unitPrice'));
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > PRICING_LIMITS.quantityMax) {
    throw new PricingError(`quantity must be a whole number 1..${PRICING_LIMITS.quantityMax}`, at('quantity'));
  }
  if (!TAX_CLASSES.includes(line.taxClass)) throw new PricingError('unknown tax class', at('taxClass'));
  if (line.discount) checkDiscount(line.discount, line.unitPrice * line.quantity, at('discount'));
}

/** Throws PricingError unless sale discount k fits what is left of the sale (`left`). */
export function checkSaleDiscount(discount: Discount, left: number, k: number): void {
  checkDiscount(discount, left, ['saleDiscounts', k]);
}

function checkDiscount(d: Discount, appliesTo: number, path: (string | number)[]): void {
  const reason = typeof d.reason === 'string' ? d.reason.trim() : '';
  if (reason.length === 0 || reason.length > PRICING_LIMITS.reasonMax) {
    throw new PricingError(`a discount needs a reason of 1..${PRICING_LIMITS.reasonMax} characters`, [...path, 'reason']);
  }
  if (d.kind === 'percent') {
    if (!isBasisPoints(d.basisPoints, FULL_BASIS_POINTS)) throw new PricingError('a percentage must be 0..100%', [...path, 'basisPoints']);
  } else if (!isRupiah(d.amount) || d.amount > appliesTo) {
    throw new PricingError(`a discount of Rp ${d.amount} is more than the Rp ${appliesTo} it applies to`, [...path, 'amount']);
  }
}

function isBasisPoints(v: number, max: number): boolean {
  return Number.isSafeInteger(v) && v >= 0 && v <= max;
}
