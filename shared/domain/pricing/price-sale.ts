/**
 * priceSale: the one place a sale's money is computed. Order of operations
 * (README.md): line discounts → sale discounts, each allocated across lines by
 * largest remainder → (inclusive prices) the pre-tax part per tax class →
 * service charge on the pre-tax amount → tax per tax class, rounded once per
 * class for the whole sale. Every step rounds half up to the whole rupiah.
 */
import { MAX_RUPIAH } from '../money';
import { allocateLargestRemainder, percentOf } from './arithmetic';
import { PricingError } from './errors';
import { checkLine, checkSaleDiscount, checkSettings } from './input-checks';
import { classTaxRule, dppOf, preTaxOf, taxOn } from './tax';
import {
  TAX_CLASSES,
  type Discount,
  type PricingLine,
  type PricingSettings,
  type Quote,
  type QuoteDiscount,
  type QuoteLine,
  type QuoteService,
  type QuoteTax,
} from './types';

/** Prices a sale. Throws PricingError when an input is out of bounds (the zod schemas refuse the same). */
export function priceSale(lines: readonly PricingLine[], saleDiscounts: readonly Discount[], settings: PricingSettings): Quote {
  checkSettings(settings);
  const ids = new Set<string>();
  lines.forEach((line, i) => {
    checkLine(line, i);
    if (ids.has(line.id)) throw new PricingError(`line id ${line.id} appears twice`, ['lines', i, 'id']);
    ids.add(line.id);
  });

  // 1. Line discounts, each on its own line's gross.
  const discounts: QuoteDiscount[] = [];
  const gross = lines.map((l) => l.unitPrice * l.quantity);
  const subtotal = sum(gross);
  if (subtotal > MAX_RUPIAH) throw new PricingError(`subtotal ${subtotal} exceeds the till's maximum`, ['lines']);
  const lineDiscount = lines.map((line, i) => {
    if (!line.discount) return 0;
    const amount = discountAmount(line.discount, gross[i]!);
    discounts.push(applied('line', line.id, line.discount, amount, gross[i]!, []));
    return amount;
  });

  // 2. Sale discounts in the order given, each on what is left, split across lines by largest remainder.
  const running = gross.map((g, i) => g - lineDiscount[i]!);
  const saleShare = lines.map(() => 0);
  saleDiscounts.forEach((discount, k) => {
    const left = sum(running);
    checkSaleDiscount(discount, left, k);
    const amount = discountAmount(discount, left);
    const shares = allocateLargestRemainder(amount, running);
    shares.forEach((s, i) => {
      running[i]! -= s;
      saleShare[i]! += s;
    });
    discounts.push(applied('sale', null, discount, amount, left, shares));
  });

  const quoteLines: QuoteLine[] = lines.map((l, i) => ({
    id: l.id,
    sku: l.sku,
    name: l.name,
    unitPrice: l.unitPrice,
    quantity: l.quantity,
    taxClass: l.taxClass,
    gross: gross[i]!,
    lineDiscount: lineDiscount[i]!,
    saleDiscountShare: saleShare[i]!,
    net: running[i]!,
  }));
  const afterDiscounts = sum(running);

  // 3. Per tax class: the amount after discounts and, with inclusive prices, the pre-tax part of it.
  const inclusive = settings.priceMode === 'inclusive';
  const groups = TAX_CLASSES.map((taxClass) => {
    const rule = classTaxRule(settings.tax, taxClass);
    const amount = sum(quoteLines.filter((l) => l.taxClass === taxClass).map((l) => l.net));
    const hasLines = quoteLines.some((l) => l.taxClass === taxClass);
    const preTax = inclusive && rule ? preTaxOf(rule, amount) : amount;
    return { taxClass, rule, amount, hasLines, preTax };
  });

  // 4. Service charge on the pre-tax amount of the whole sale, split across classes so a taxed one follows each class's tax.
  const preTaxTotal = sum(groups.map((g) => g.preTax));
  const sc = settings.serviceCharge;
  const service: QuoteService | null = sc
    ? { rateBasisPoints: sc.rateBasisPoints, taxed: sc.taxed, base: preTaxTotal, amount: percentOf(preTaxTotal, sc.rateBasisPoints) }
    : null;
  const serviceAmount = service?.amount ?? 0;
  const serviceShares = allocateLargestRemainder(serviceAmount, groups.map((g) => g.preTax));

  // 5. Tax per class, on the class's summed base: never per line.
  const taxes: QuoteTax[] = [];
  groups.forEach((g, i) => {
    if (!g.rule || !g.hasLines || g.taxClass === 'exempt') return;
    const taxedService = sc?.taxed ? serviceShares[i]! : 0;
    const base = g.preTax + taxedService;
    const included = g.amount - g.preTax;
    // Exclusive: one rounding on lines + taxed service. Inclusive: the lines' tax is what is left inside
    // their prices; only a taxed service charge adds tax on top, rounded once.
    const added = taxOn(g.rule, inclusive ? taxedService : base);
    taxes.push({
      taxClass: g.taxClass,
      kind: g.rule.kind,
      rateBasisPoints: g.rule.rateBasisPoints,
      base,
      dpp: dppOf(g.rule, base),
      tax: included + added,
      included,
      added,
    });
  });

  const lineDiscountTotal = sum(lineDiscount);
  const saleDiscountTotal = sum(saleShare);
  const taxAdded = sum(taxes.map((t) => t.added));
  const total = afterDiscounts + serviceAmount + taxAdded;
  if (total > MAX_RUPIAH) throw new PricingError(`total ${total} exceeds the till's maximum`, ['lines']);
  return {
    priceMode: settings.priceMode,
    taxKind: settings.tax.kind,
    lines: quoteLines,
    subtotal,
    discounts,
    lineDiscountTotal,
    saleDiscountTotal,
    discountTotal: lineDiscountTotal + saleDiscountTotal,
    afterDiscounts,
    service,
    serviceAmount,
    taxes,
    taxBase: sum(taxes.map((t) => t.dpp)),
    taxTotal: sum(taxes.map((t) => t.tax)),
    taxIncluded: sum(taxes.map((t) => t.included)),
    taxAdded,
    total,
  };
}

/** Rupiah a discount takes off `appliedTo` (a percentage rounds half up; an amount is taken as entered). */
function discountAmount(discount: Discount, appliedTo: number): number {
  return discount.kind === 'percent' ? percentOf(appliedTo, discount.basisPoints) : discount.amount;
}

function applied(
  scope: QuoteDiscount['scope'],
  lineId: string | null,
  discount: Discount,
  amount: number,
  appliedTo: number,
  shares: number[],
): QuoteDiscount {
  const basisPoints = discount.kind === 'percent' ? discount.basisPoints : null;
  return { scope, lineId, reason: discount.reason, kind: discount.kind, basisPoints, amount, appliedTo, shares };
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
