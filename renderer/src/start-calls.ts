/**
 * The reads every start of the till makes, sent the moment the bundle starts
 * to run — imported first by main.tsx, so before React, i18next and the
 * contract's schemas are evaluated and long before the first render's
 * effects ask (in the browser shell that wait was ~100 ms of the page's
 * start, measured) — and each handed to the first `call` that asks for it.
 *
 * Only reads a window may make before anyone signs in: `app.info`,
 * `session.current`, and `session.roster` (what the sign-in screen lists).
 * Main decides every answer as it would later; an answer is used once, by
 * the first asker, and what nobody asked for by the time the first session
 * answer is on screen is dropped (`dropStartCalls`), so no early answer is
 * ever shown late.
 *
 * Main holds its start-up notices until a window's first call is answered
 * (core/app/notice-board.ts: by then the window listens). The early reads
 * are now that first call, sent before app.tsx subscribes, so the events
 * that may come meanwhile (START_EVENTS) are heard from here, before the
 * reads go out, and handed to the app's own subscription (api.ts).
 */
import type { Channel, ChannelOutput } from '../../shared/contract/channels';
import type { KasirClient } from '../../shared/contract/client';
import type { EventName } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';

/** The early reads, in the order the till needs them. */
export const START_CALLS = ['session.current', 'app.info', 'session.roster'] as const satisfies readonly Channel[];

/** Events that may come between the early reads and app.tsx's subscriptions: kept until it subscribes. */
export const START_EVENTS = ['app.notice', 'session.changed'] as const satisfies readonly EventName[];
/** More than a start ever posts (main holds at most a few notices); beyond it the oldest go. */
const MAX_HEARD = 16;

// Module state, like the stores: one page, one start.
const early = new Map<Channel, Promise<Result<unknown>>>();
const heard = new Map<EventName, { payloads: unknown[]; off: () => void }>();

/** Sends the early reads (once per page); nothing where there is no bridge (a unit test's DOM). */
function sendStartCalls(): void {
  // The bridge's window.kasir, read through globalThis (the page's window) so this file needs no DOM types.
  const client = (globalThis as { kasir?: KasirClient }).kasir;
  if (!client || early.size > 0) return;
  for (const event of START_EVENTS) {
    const payloads: unknown[] = [];
    const off = client.on(event, (payload: unknown) => {
      payloads.push(payload);
      if (payloads.length > MAX_HEARD) payloads.shift();
    });
    heard.set(event, { payloads, off });
  }
  for (const channel of START_CALLS) {
    const answer = client.invoke(channel);
    // A failed early call is the asker's to handle (api.ts turns it into INTERNAL); unasked, it is no error.
    answer.catch(() => {});
    early.set(channel, answer);
  }
}

/** The early answer to `channel`, once; null when there is none (not an early read, already taken or dropped). */
export function takeStartCall<C extends Channel>(channel: C): Promise<Result<ChannelOutput<C>>> | null {
  const answer = early.get(channel);
  if (!answer) return null;
  early.delete(channel);
  return answer as Promise<Result<ChannelOutput<C>>>;
}

/**
 * Drops the early answers nobody took (the roster, when the first screen is the till or owner setup):
 * a later ask goes to main. app.tsx calls it in an effect once the first session answer is rendered —
 * after the effects of that render's children (React runs a parent's effects last), so a sign-in
 * screen mounted by it has taken the roster first.
 */
export function dropStartCalls(): void {
  early.clear();
  for (const { off } of heard.values()) off();
  heard.clear();
}

/** What was heard of `event` before the app subscribed to it, once; from then on the app's own listener hears it. */
export function takeStartEvents(event: EventName): unknown[] {
  const kept = heard.get(event);
  if (!kept) return [];
  heard.delete(event);
  kept.off();
  return kept.payloads;
}

sendStartCalls();
