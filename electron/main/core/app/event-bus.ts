/**
 * Main → renderer events. Emitters are typed by the contract and payloads are
 * validated here, once, so neither shell can push something the contract does not name.
 */
import { events, type EventName, type EventPayload } from '../../../../shared/contract/events';
import type { Logger } from '../logger';

export type EventListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();
  constructor(private readonly logger: Logger) {}

  /** Validates and delivers one event to every subscriber (the shells). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      this.logger.error('event dropped: payload breaks the contract', { event: name });
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(name, parsed.data);
      } catch (e) {
        this.logger.warn('event listener failed', { event: name, error: e });
      }
    }
  }

  /** Subscribes; returns the unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
