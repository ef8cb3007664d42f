/**
 * Indonesian tax per tax class (../../../../shared/reference/midtrans-pos-facts.md):
 * PB1/PBJT at the shop's rate (at most 10%) on restaurant sales; PPN for PKP
 * sellers, nominally 12%, on a tax base (DPP) of 11/12 of the price for
 * ordinary goods (effectively 11%) and on the full price for luxury goods
 * (PMK 131/2024). Each function rounds half up, once per step.
 */
import { mulDivHalfUp, percentOf } from './arithmetic';
import { FULL_BASIS_POINTS, type TaxClass, type TaxSetting } from './types';

/** The highest PB1/PBJT rate a regency may set (UU HKPD: at most 10%). */
export const PB1_MAX_BASIS_POINTS = 1_000;
/** PPN's nominal rate, printed on the receipt. */
export const PPN_BASIS_POINTS = 1_200;
/** PPN's tax base for ordinary goods: 11/12 of the price ("DPP nilai lain"). */
export const PPN_STANDARD_DPP = { num: 11, den: 12 } as const;

/** How one class is taxed under the shop's setting; null: not taxed. */
export interface ClassTaxRule {
  kind: 'pb1' | 'ppn';
  /** Nominal rate on the DPP. */
  rateBasisPoints: number;
  /** DPP as a fraction of the base. */
  dpp: { num: number; den: number };
}

/** The rule for a class, or null when the class pays no tax under this setting. */
export function classTaxRule(setting: TaxSetting, taxClass: TaxClass): ClassTaxRule | null {
  if (setting.kind === 'none' || taxClass === 'exempt') return null;
  if (setting.kind === 'pb1') {
    // PB1 knows no luxury class: every taxable line pays the shop's rate on its full price.
    return setting.rateBasisPoints === 0 ? null : { kind: 'pb1', rateBasisPoints: setting.rateBasisPoints, dpp: { num: 1, den: 1 } };
  }
  return { kind: 'ppn', rateBasisPoints: PPN_BASIS_POINTS, dpp: taxClass === 'luxury' ? { num: 1, den: 1 } : PPN_STANDARD_DPP };
}

/** The DPP of a pre-tax base: round(base × dpp fraction). */
export function dppOf(rule: ClassTaxRule, base: number): number {
  return mulDivHalfUp(base, rule.dpp.num, rule.dpp.den);
}

/** Tax added on top of a pre-tax base: round(rate × round(dpp × base)). */
export function taxOn(rule: ClassTaxRule, base: number): number {
  return percentOf(dppOf(rule, base), rule.rateBasisPoints);
}

/**
 * Splits a tax-inclusive amount into its pre-tax part, round(P / (1 + effective
 * rate)), where the effective rate is rate × dpp fraction (PPN standard:
 * 12% × 11/12 = 11%). The tax inside P is whatever remains, so the two always
 * add back to P exactly.
 */
export function preTaxOf(rule: ClassTaxRule, inclusive: number): number {
  // P / (1 + r·n/d) = P·d·10000 / (d·10000 + r·n)
  const den = rule.dpp.den * FULL_BASIS_POINTS + rule.rateBasisPoints * rule.dpp.num;
  return mulDivHalfUp(inclusive, rule.dpp.den * FULL_BASIS_POINTS, den);
}
