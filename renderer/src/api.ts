/**
 * The renderer's only door to the app: a typed wrapper over `window.kasir`.
 * Pushed events are validated against the contract before anyone sees them.
 */
import type { KasirClient } from '../../shared/contract/client';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract/channels';
import { events, type EventName, type EventPayload } from '../../shared/contract/events';
import { err, type Result } from '../../shared/contract/result';
import { i18n } from './i18n';

declare global {
  interface Window {
    kasir: KasirClient;
  }
}

/** Calls one contract method; never throws for a gateway or validation problem. */
export async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    return await window.kasir.invoke(channel, input);
  } catch {
    return err('INTERNAL', i18n.t('app.notResponding'));
  }
}

/** Subscribes to a pushed event, dropping payloads that do not match the contract. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.kasir.on(event, (payload: unknown) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}
