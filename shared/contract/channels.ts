/**
 * Every call the renderer may make: channel name → input and output schema.
 * Adding a call means adding it here; both shells and the renderer pick it up.
 */
import { z } from 'zod';
import { SECRET_NAMES } from '../domain/gateway';
import {
  cartItem,
  catalogProduct,
  dayClosing,
  dayCsv,
  dayReport,
  paymentId,
  paymentMethod,
  paymentView,
  product,
  productInput,
  productSku,
  rupiah,
  secretStatus,
  shopDay,
  UNCLOSED_LOOKBACK_DAYS,
} from './schemas';

const none = z.strictObject({}).optional();

export const channels = {
  'app.info': {
    input: none,
    output: z.strictObject({
      version: z.string(),
      shell: z.enum(['electron', 'browser']),
      gateway: z.enum(['emulator', 'sandbox', 'production']),
      zone: z.string(),
      shopName: z.string(),
      methods: z.array(paymentMethod),
      /** Which receipt printer is set up (no address): the UI offers thermal printing unless 'none'. */
      printer: z.enum(['none', 'tcp', 'device']),
    }),
  },
  /** What the till sells: active products in the merchant's sort order. */
  'catalog.list': {
    input: none,
    output: z.array(product),
  },
  /** Every product, inactive ones included, for the catalogue editor. */
  'catalog.all': {
    input: none,
    output: z.array(catalogProduct),
  },
  /** Creates or updates a product (by SKU). CONFLICT when `isNew` and the SKU exists. */
  'catalog.save': {
    input: productInput,
    output: catalogProduct,
  },
  /** Takes a product off the till (soft: marks it inactive; past orders keep their own copies). */
  'catalog.remove': {
    input: z.strictObject({ sku: productSku }),
    output: catalogProduct,
  },
  'payments.create': {
    input: z.strictObject({
      items: z.array(cartItem).min(1).max(200),
      method: paymentMethod,
    }),
    output: paymentView,
  },
  'payments.get': {
    input: z.strictObject({ id: paymentId }),
    output: paymentView,
  },
  'payments.list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }).optional(),
    output: z.array(paymentView),
  },
  'payments.cancel': {
    input: z.strictObject({ id: paymentId }),
    output: paymentView,
  },
  'payments.refund': {
    input: z.strictObject({
      id: paymentId,
      amount: rupiah.min(1).optional(),
      reason: z.string().trim().max(255).optional(),
    }),
    output: paymentView,
  },
  'reports.today': {
    input: none,
    output: dayReport,
  },
  /**
   * Closes a shop day (Z-report): `day`, or the current one when absent — a
   * shop closing after midnight closes yesterday. INVALID_INPUT for a future
   * day; CONFLICT if already closed; OPEN_PAYMENTS while payments are
   * creating/pending unless `force`.
   */
  'reports.closeDay': {
    input: z.strictObject({ day: shopDay.optional(), countedCash: rupiah.optional(), force: z.boolean().optional() }).optional(),
    output: dayClosing,
  },
  /**
   * Shop days of the last week (today included), newest first, with at least
   * one payment of any status and no closing yet: the days still to close.
   */
  'reports.unclosedDays': {
    input: none,
    output: z.array(shopDay).max(UNCLOSED_LOOKBACK_DAYS),
  },
  /** Past closings, most recent day first. */
  'reports.closings': {
    input: z.strictObject({ limit: z.number().int().min(1).max(366).default(30) }).optional(),
    output: z.array(dayClosing),
  },
  /** One shop day's payments as CSV text (times in the shop's zone). */
  'reports.exportCsv': {
    input: z.strictObject({ day: shopDay }),
    output: dayCsv,
  },
  /**
   * Prints a paid payment's receipt on the till's ESC/POS printer. PRINTER_UNAVAILABLE
   * when none is set up or it is offline; ILLEGAL_TRANSITION when the payment is not paid.
   */
  'receipts.print': {
    input: z.strictObject({ id: paymentId, language: z.enum(['id', 'en']) }),
    output: z.strictObject({ printed: z.literal(true), bytes: z.number().int().min(1) }),
  },
  /** Which keys are configured per environment: status and a last-4 hint only, never a value. */
  'settings.secrets': {
    input: z.strictObject({ env: z.enum(['sandbox', 'production']) }),
    output: z.array(z.strictObject({ name: z.enum(SECRET_NAMES), status: secretStatus })),
  },
  /** Write-only: stores one merchant key in the OS keychain; the answer is its status, not the value. */
  'settings.setSecret': {
    input: z.strictObject({
      env: z.enum(['sandbox', 'production']),
      name: z.enum(SECRET_NAMES),
      value: z.string().min(1).max(16_384),
    }),
    output: secretStatus,
  },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

/** Type guard for channel names coming from an untrusted transport. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
