/**
 * Runtime schemas for the values that cross the renderer ↔ main boundary.
 * Types are inferred from them, so the two can never disagree.
 */
import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATUSES, UPDATE_SOURCES } from '../domain/payment';
import { MAX_RUPIAH } from '../domain/money';
import { TAX_CLASSES } from '../domain/pricing/types';

export const rupiah = z.number().int().min(0).max(MAX_RUPIAH);
export const paymentMethod = z.enum(PAYMENT_METHODS);
export const paymentStatus = z.enum(PAYMENT_STATUSES);
export const updateSource = z.enum(UPDATE_SOURCES);
export const paymentId = z.string().regex(/^[A-Za-z0-9_~.-]{1,50}$/, 'payment id has invalid characters');

export const cartItem = z.strictObject({
  sku: z.string().min(1).max(50),
  name: z.string().trim().min(1).max(50),
  price: z.number().int().min(1).max(MAX_RUPIAH),
  quantity: z.number().int().min(1).max(9_999),
});
export type CartItem = z.infer<typeof cartItem>;

/** How a product is taxed (shared/domain/pricing: standard, luxury, exempt). */
export const taxClass = z.enum(TAX_CLASSES);

export const product = z.strictObject({
  sku: z.string(),
  name: z.string(),
  price: rupiah,
  category: z.string(),
  taxClass,
  /** What a barcode scanner reads; null when the product has none. */
  barcode: z.string().nullable(),
});
export type Product = z.infer<typeof product>;

/** A barcode as a scanner types it (EAN-13, UPC, Code 128…): 4–64 of letters, digits, ".", "_", "-"; kept as typed (exact match). */
export const productBarcode = z
  .string()
  .trim()
  .min(4, 'barcode is at least 4 characters')
  .max(64, 'barcode is at most 64 characters')
  .regex(/^[0-9A-Za-z._-]+$/, 'barcode may only contain letters, digits, ".", "_" and "-"');

/**
 * A product code as the merchant types it: trimmed and upper-cased (so "es-jeruk"
 * and "ES-JERUK" are one product), letters, digits and . _ - only, ≤ 50 like cart SKUs.
 */
export const productSku = z
  .string()
  .trim()
  .min(1, 'SKU is required')
  .max(50, 'SKU is at most 50 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'SKU may only contain letters, digits, ".", "_" and "-"')
  .transform((s) => s.toUpperCase());

/**
 * A line of text a person typed that ends up on screens, receipts and CSV:
 * trimmed, 1..max characters, no control characters (a NUL or an escape
 * would corrupt a receipt printer's stream and used to reach SQLite's CHECK
 * as an INTERNAL error).
 */
export const printableText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is at most ${max} characters`)
    .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), `${label} may not contain control characters`);

/** Create or update one catalogue product. `isNew` refuses to overwrite an existing SKU (CONFLICT). */
export const productInput = z.strictObject({
  sku: productSku,
  name: printableText('name', 50),
  price: z.number().int('price must be whole rupiah').min(1, 'price must be at least 1 rupiah').max(MAX_RUPIAH),
  category: printableText('category', 50),
  active: z.boolean(),
  isNew: z.boolean().optional(),
  /** Absent: a new product is `standard`, an existing one keeps its class. */
  taxClass: taxClass.optional(),
  /** Absent: a new product has none, an existing one keeps its own; null clears it. */
  barcode: productBarcode.nullable().optional(),
});
export type ProductInput = z.input<typeof productInput>;

/** A catalogue product as the editor sees it: inactive ones included. */
export const catalogProduct = z.strictObject({
  ...product.shape,
  active: z.boolean(),
  sortOrder: z.number().int(),
  updatedAt: z.string(),
});
export type CatalogProduct = z.infer<typeof catalogProduct>;

/** What the customer must do to pay: scan, transfer to a VA, or quote a code. */
export const paymentAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('qr'), qrString: z.string() }),
  z.strictObject({ kind: z.literal('deeplink'), url: z.string() }),
  z.strictObject({ kind: z.literal('va'), bank: z.string(), vaNumber: z.string() }),
  z.strictObject({ kind: z.literal('bill'), billerCode: z.string(), billKey: z.string() }),
  z.strictObject({ kind: z.literal('paycode'), store: z.string(), paymentCode: z.string() }),
  z.strictObject({ kind: z.literal('cash') }),
]);
export type PaymentAction = z.infer<typeof paymentAction>;

/** The renderer's read-only view of a payment. Never carries a secret or a raw gateway payload. */
export const paymentView = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  method: paymentMethod,
  status: paymentStatus,
  amount: rupiah,
  refundedAmount: rupiah,
  action: paymentAction.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string().nullable(),
  lastSource: updateSource,
  /** Midtrans transaction id / SNAP-BI referenceNo, for receipts and disputes (not a secret). */
  referenceNo: z.string().nullable(),
  items: z.array(cartItem),
  /** Who rang the sale up (staff name as it is now); null when the till did it with nobody signed in. */
  actorName: z.string().nullable().optional(),
  /**
   * Midtrans' clock minus this till's (ms) when the view was made; absent when
   * unmeasured or within a second or so. `expiresAt` is Midtrans' instant; on
   * the till's clock (what the cashier compares with) it is `expiresAt − clockOffsetMs`.
   */
  clockOffsetMs: z.number().int().optional(),
  /** A refund was asked for and Midtrans has not confirmed it yet ("diajukan, belum diproses"); absent = false. */
  refundQueued: z.boolean().optional(),
});
export type PaymentView = z.infer<typeof paymentView>;

/**
 * Whether Midtrans answers (`app.connection`, and the event of that name on
 * every change): any answer = online; a call that could not be delivered =
 * offline; unknown until the first call. `lastError` is the failure's code.
 */
export const connectionState = z.strictObject({
  state: z.enum(['online', 'offline', 'unknown']),
  since: z.string().nullable(),
  lastError: z.string().optional(),
});
export type ConnectionState = z.infer<typeof connectionState>;

export const secretStatus = z.strictObject({
  configured: z.boolean(),
  hint: z.string().nullable(),
});
export type SecretStatus = z.infer<typeof secretStatus>;

/**
 * The cash drawer over a day (reports/README.md): cash received from
 * customers − change given = cash takings; expected = takings − cash
 * refunds (cash refunded at the gateway + everything paid back from the drawer).
 */
export const dayDrawer = z.strictObject({
  cashReceived: rupiah,
  changeGiven: rupiah,
  /** Σ cash rounding of the day's tenders: ≤ 0, the customer paid that much less. */
  roundingTotal: z.number().int().min(-MAX_RUPIAH).max(0),
  cashTakings: rupiah,
  cashRefunds: rupiah,
  cashExpected: z.number().int().min(-MAX_RUPIAH).max(MAX_RUPIAH),
});
export type DayDrawer = z.infer<typeof dayDrawer>;

export const dayReport = z.strictObject({
  day: z.string(),
  zone: z.string(),
  /** Tenders (payments) paid in the day; the same number as `tenderCount`, kept for older readers. */
  paidCount: z.number().int(),
  /** Sales closed as paid in the day: a split sale counts once, a Rp 0 sale too. */
  saleCount: z.number().int().min(0),
  /** Tenders (payments) paid in the day. */
  tenderCount: z.number().int().min(0),
  paidTotal: rupiah,
  refundedTotal: rupiah,
  pendingCount: z.number().int(),
  failedCount: z.number().int(),
  byMethod: z.array(z.strictObject({ method: paymentMethod, count: z.number().int(), total: rupiah })),
  /**
   * Paid sales (gross) per wall-clock hour of the shop's zone, always 24
   * entries in hour order 0..23. A DST fall-back hour that happens twice adds
   * into one entry; a skipped spring-forward hour stays zero.
   */
  byHour: z
    .array(z.strictObject({ hour: z.number().int().min(0).max(23), count: z.number().int().min(0), total: rupiah }))
    .length(24)
    .refine((hours) => hours.every((h, i) => h.hour === i), 'byHour must list hours 0..23 in order'),
  drawer: dayDrawer,
});
export type DayReport = z.infer<typeof dayReport>;

/** Whole rupiah that may go below zero: a short drawer, or refunds of earlier days exceeding a day's takings. */
export const signedRupiah = z.number().int().min(-MAX_RUPIAH).max(MAX_RUPIAH);

/** A calendar day in the shop's zone, YYYY-MM-DD, that actually exists (no 2026-02-30). */
/** How many shop days (today included) `reports.unclosedDays` looks back over. */
export const UNCLOSED_LOOKBACK_DAYS = 7;

export const shopDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'day is not a calendar date');

/** One payment method's share of a closed day: paid (gross) and refunded in the day. */
export const closingMethodLine = z.strictObject({
  method: paymentMethod,
  count: z.number().int().min(0),
  total: rupiah,
  refunded: rupiah,
});

/** A payment still creating/pending when the day was closed by force. */
export const openPaymentLine = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  method: paymentMethod,
  status: paymentStatus,
  amount: rupiah,
  createdAt: z.string(),
});

/**
 * The Z-report: the immutable record of a closed shop day. Paid = reached
 * settlement/capture in the day (gross); refunds = refunds applied in the day
 * (at the gateway or paid from the drawer); cash expected in the drawer =
 * cash takings − cash refunds. The sale/tender/cash-flow fields are null for
 * a closing written before v9 (it did not count them) and may be absent in
 * older callers' data.
 */
export const dayClosing = z.strictObject({
  id: z.number().int(),
  day: z.string(),
  zone: z.string(),
  /** The day's UTC bounds [periodStart, periodEnd). */
  periodStart: z.string(),
  periodEnd: z.string(),
  /** When the owner closed it (UTC). */
  closedAt: z.string(),
  paidCount: z.number().int().min(0),
  paidTotal: rupiah,
  refundedTotal: rupiah,
  netTotal: signedRupiah,
  cashTakings: rupiah,
  cashRefunds: rupiah,
  cashExpected: signedRupiah,
  countedCash: rupiah.nullable(),
  /** counted − expected: negative is a short drawer. */
  cashDifference: signedRupiah.nullable(),
  openCount: z.number().int().min(0),
  openTotal: rupiah,
  failedCount: z.number().int().min(0),
  forced: z.boolean(),
  byMethod: z.array(closingMethodLine),
  openPayments: z.array(openPaymentLine),
  /** Sales closed as paid in the day (a split sale once). */
  saleCount: z.number().int().min(0).nullable().optional(),
  /** Tenders paid in the day (= paidCount). */
  tenderCount: z.number().int().min(0).nullable().optional(),
  /** Cash handed over by customers; cashReceived − changeGiven = cashTakings. */
  cashReceived: rupiah.nullable().optional(),
  changeGiven: rupiah.nullable().optional(),
  /** Σ cash rounding (≤ 0). */
  roundingTotal: z.number().int().min(-MAX_RUPIAH).max(0).nullable().optional(),
  /** Who closed the day (staff name as it is now); null for a closing by the till with nobody signed in. */
  closedByName: z.string().nullable().optional(),
});
export type DayClosing = z.infer<typeof dayClosing>;

/** The JSON kept in `day_closings.breakdown`. */
export const closingBreakdown = z.strictObject({
  byMethod: z.array(closingMethodLine),
  openPayments: z.array(openPaymentLine),
});
export type ClosingBreakdown = z.infer<typeof closingBreakdown>;

/** A day's payments, then its drawer movements, as CSV text, ready to save (`rows`: data rows of both). */
export const dayCsv = z.strictObject({
  day: z.string(),
  filename: z.string(),
  rows: z.number().int().min(0),
  csv: z.string(),
});
export type DayCsv = z.infer<typeof dayCsv>;
