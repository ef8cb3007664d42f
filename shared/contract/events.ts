/**
 * Every event main may push to the renderer, with its payload schema. The
 * renderer validates pushed payloads too: a shell bug must not corrupt state.
 */
import { z } from 'zod';
import { paymentView, updateSource } from './schemas';

export const events = {
  'payment.updated': z.strictObject({ payment: paymentView, source: updateSource }),
  'app.notice': z.strictObject({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
