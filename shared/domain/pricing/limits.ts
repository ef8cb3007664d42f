/** The bounds pricing accepts; the zod schemas and priceSale's own checks share them. */
export const PRICING_LIMITS = Object.freeze({
  /** Whole units per line (the cart's limit since the first till). */
  quantityMax: 9_999,
  /** Lines per sale: far past any basket, low enough to keep a quote cheap. */
  linesMax: 500,
  /** Sale-level discounts per sale (e.g. member discount + a voucher). */
  saleDiscountsMax: 5,
  /** Characters in a discount reason (printed on the receipt and in the audit log). */
  reasonMax: 100,
  /** Characters in a line id, SKU or name (Midtrans truncates item ids and names at 50). */
  textMax: 50,
  /** Service charge ceiling, 20%: a sanity bound that catches a typed 50 or 100. */
  serviceMaxBasisPoints: 2_000,
});
