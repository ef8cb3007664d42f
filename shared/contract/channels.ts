/**
 * Every call the renderer may make: channel name → input and output schema.
 * Adding a call means adding it here; both shells and the renderer pick it up.
 */
import { z } from 'zod';
import { SECRET_NAMES } from '../domain/gateway';
import {
  cartItem,
  dayClosing,
  dayCsv,
  dayReport,
  paymentId,
  paymentMethod,
  paymentView,
  product,
  rupiah,
  secretStatus,
  shopDay,
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
    }),
  },
  'catalog.list': {
    input: none,
    output: z.array(product),
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
   * Closes the shop's current day (Z-report). CONFLICT if already closed;
   * OPEN_PAYMENTS while payments are creating/pending unless `force`.
   */
  'reports.closeDay': {
    input: z.strictObject({ countedCash: rupiah.optional(), force: z.boolean().optional() }).optional(),
    output: dayClosing,
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
