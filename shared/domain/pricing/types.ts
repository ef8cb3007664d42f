/**
 * The pricing vocabulary: what a sale's lines, discounts and the shop's tax
 * settings look like going in, and the priced `Quote` coming out. Every
 * amount is whole rupiah; every rate is integer basis points (1% = 100 bp) so
 * no float ever touches money. The rules are in ./README.md.
 */

/** Basis points in 100%. */
export const FULL_BASIS_POINTS = 10_000;

/**
 * How a product is taxed. `standard`: ordinary goods (PPN 12% on a base of
 * 11/12 of the price, PMK 131/2024; PB1 at the shop's rate). `luxury`: PPN 12%
 * on the full price (PB1: same as standard). `exempt`: no tax of any kind.
 */
export const TAX_CLASSES = ['standard', 'luxury', 'exempt'] as const;
export type TaxClass = (typeof TAX_CLASSES)[number];

/** `inclusive`: shelf prices already contain the tax. `exclusive` ("++"): tax is added on top. */
export const PRICE_MODES = ['inclusive', 'exclusive'] as const;
export type PriceMode = (typeof PRICE_MODES)[number];

/** The shop's tax: none, the regional restaurant tax (PB1/PBJT, at most 10%), or PPN for PKP sellers. */
export type TaxSetting =
  | { kind: 'none' }
  | { kind: 'pb1'; rateBasisPoints: number }
  | { kind: 'ppn' };
export type TaxKind = TaxSetting['kind'];

/** Service charge: a rate on the pre-tax amount after discounts, itself taxed or not. */
export interface ServiceChargeSetting {
  rateBasisPoints: number;
  taxed: boolean;
}

/** Everything the shop decides about prices (from its settings; the same for every sale). */
export interface PricingSettings {
  priceMode: PriceMode;
  tax: TaxSetting;
  /** null: the shop charges no service. */
  serviceCharge: ServiceChargeSetting | null;
}

/** A discount as the cashier enters it: a percentage or a rupiah amount, always with a reason. */
export type Discount =
  | { kind: 'percent'; basisPoints: number; reason: string }
  | { kind: 'amount'; amount: number; reason: string };

/** One line of the sale as the cashier built it. `unitPrice` is the shelf price, in the shop's price mode. */
export interface PricingLine {
  /** Unique within the sale (the same SKU may be on two lines). */
  id: string;
  sku: string;
  name: string;
  unitPrice: number;
  /** Whole units. */
  quantity: number;
  taxClass: TaxClass;
  discount: Discount | null;
}

/** One priced line. `net` is in the shop's price mode (tax-inclusive when prices are). */
export interface QuoteLine {
  id: string;
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
  taxClass: TaxClass;
  /** unitPrice × quantity. */
  gross: number;
  /** Taken off by the line's own discount. */
  lineDiscount: number;
  /** This line's share of every sale-level discount (allocated by largest remainder). */
  saleDiscountShare: number;
  /** gross − lineDiscount − saleDiscountShare. */
  net: number;
}

/** One discount as applied: what it was measured against and how much it took off. */
export interface QuoteDiscount {
  scope: 'line' | 'sale';
  /** The line, for a line discount; null for a sale discount. */
  lineId: string | null;
  reason: string;
  kind: Discount['kind'];
  /** The entered percentage (percent discounts), else null. */
  basisPoints: number | null;
  /** Rupiah taken off. */
  amount: number;
  /** What it applied to: the line's gross, or the sale's amount left after the discounts before it. */
  appliedTo: number;
  /** Sale discounts: each line's share, in line order (sums exactly to `amount`). Line discounts: []. */
  shares: number[];
}

/** The service charge as applied. */
export interface QuoteService {
  rateBasisPoints: number;
  taxed: boolean;
  /** The pre-tax amount after every discount that the rate applied to. */
  base: number;
  amount: number;
}

/** The tax of one tax class in this sale (only taxed classes that have lines appear). */
export interface QuoteTax {
  taxClass: Exclude<TaxClass, 'exempt'>;
  kind: Exclude<TaxKind, 'none'>;
  /** The nominal rate printed on the receipt (PPN: 12%, on `dpp`). */
  rateBasisPoints: number;
  /** Pre-tax amount of the class's lines after discounts, plus its share of a taxed service charge. */
  base: number;
  /** The tax base the rate applies to: PPN standard 11/12 of `base`, otherwise `base`. */
  dpp: number;
  /** included + added. */
  tax: number;
  /** The part already inside the shelf prices (inclusive mode; 0 otherwise). */
  included: number;
  /** The part added on top of the prices (exclusive mode, and the tax on a taxed service charge). */
  added: number;
}

/** A priced sale: every component a receipt prints and a Z-report sums. Σ item_details = total. */
export interface Quote {
  priceMode: PriceMode;
  taxKind: TaxKind;
  lines: QuoteLine[];
  /** Σ gross (before any discount). */
  subtotal: number;
  /** Line discounts first, then sale discounts in the order given. */
  discounts: QuoteDiscount[];
  lineDiscountTotal: number;
  saleDiscountTotal: number;
  /** lineDiscountTotal + saleDiscountTotal. */
  discountTotal: number;
  /** Σ net = subtotal − discountTotal (tax-inclusive when prices are). */
  afterDiscounts: number;
  /** null when the shop charges no service. */
  service: QuoteService | null;
  /** Service charge in rupiah (0 without one). */
  serviceAmount: number;
  taxes: QuoteTax[];
  /** Σ dpp of the taxed classes. */
  taxBase: number;
  /** Σ tax. */
  taxTotal: number;
  taxIncluded: number;
  taxAdded: number;
  /** What the customer owes before any cash rounding: afterDiscounts + serviceAmount + taxAdded. */
  total: number;
}
