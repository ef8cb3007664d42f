/**
 * The renderer's only door to the app: a typed wrapper over `window.kasir`.
 * Pushed events are validated against the contract before anyone sees them.
 */
import type { KasirClient } from '../../shared/contract/client';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract/channels';
import { events, type EventName, type EventPayload } from '../../shared/contract/events';
import { err, type Result } from '../../shared/contract/result';
import { i18n } from './i18n';
import { takeStartCall, takeStartEvents } from './start-calls';

declare global {
  interface Window {
    kasir: KasirClient;
  }
}

/**
 * Calls one contract method; never throws for a gateway or validation problem.
 * The first ask for one of the start's early reads gets the answer already on its way (start-calls.ts).
 */
export async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    return await ((input === undefined ? takeStartCall(channel) : null) ?? window.kasir.invoke(channel, input));
  } catch {
    return err('INTERNAL', i18n.t('app.notResponding'));
  }
}

/**
 * Subscribes to a pushed event, dropping payloads that do not match the contract.
 * What came of it since the start's early reads went out (start-calls.ts) is delivered first.
 */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const deliver = (payload: unknown): void => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  };
  const off = window.kasir.on(event, deliver);
  for (const payload of takeStartEvents(event)) deliver(payload);
  return off;
}
