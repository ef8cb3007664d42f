/**
 * Every event main may push to the renderer, with its payload schema. The
 * renderer validates pushed payloads too: a shell bug must not corrupt state.
 */
import { z } from 'zod';
import { errorParams, NOTICE_CODES } from './error-vocabulary';
import { connectionState, paymentView, updateSource } from './schemas';
import { saleView } from './sale-schemas';

/** Something the till tells the cashier unasked, worded by the renderer from `code` + `params` (`notice.<code>`). */
export const appNotice = z.strictObject({
  level: z.enum(['info', 'warning', 'error']),
  code: z.enum(NOTICE_CODES),
  params: errorParams,
});
export type AppNotice = z.infer<typeof appNotice>;

export const events = {
  'payment.updated': z.strictObject({ payment: paymentView, source: updateSource }),
  /** Some session changed (sign-in, sign-out, idle sign-out, owner created): each window asks `session.current`. */
  'session.changed': z.strictObject({}),
  'app.notice': appNotice,
  /** The sale changed (lines, a tender, a tender's payment, paid, voided): the till and the customer display render it. */
  'sale.updated': z.strictObject({ sale: saleView }),
  /**
   * What the customer-facing display shows: the till's sale (null: none yet) and whether it is demo money.
   * Shells deliver it to display callers only, and nothing else to them.
   */
  'display.updated': z.strictObject({ sale: saleView.nullable(), demo: z.boolean() }),
  /** Midtrans became reachable or unreachable (same payload as `app.connection`). */
  'app.connection': connectionState,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
