/**
 * What an app handler knows about a call besides its input: which caller
 * (window or page) it came from and who is signed in there — decided in main
 * by access.ts, never read from the input.
 */
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../../../shared/contract/channels';
import { TILL_ACTOR_ID } from '../ledger/vocabulary';
import type { Authorization, Staff } from '../staff';

/** The context every app handler gets. */
export interface CallContext {
  /** The shell's id of the window or page the call came from. */
  callerId: string;
  /** Who is signed in on the caller (the actor of writes); null on a sessionless channel with nobody signed in. */
  staff: Staff | null;
  /** For privileged channels: the session and the owner who allowed the call. */
  auth: Authorization | null;
  /**
   * Adds what only the handler knows (a new id, before/after) to the call's
   * `privileged.<channel>` audit row; does nothing on other channels.
   */
  note(entry: AuditNote): void;
}

/** Extra target/details for a privileged call's audit row (never a secret value). */
export interface AuditNote {
  target?: string | null;
  details?: Record<string, unknown>;
}

/** One app handler: the router's handler plus the session main resolved. */
export type AppHandler<C extends Channel> = (
  input: ChannelParsedInput<C>,
  ctx: CallContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

/** A table of app handlers for some channels. */
export type AppHandlers<C extends Channel = Channel> = { [K in C]: AppHandler<K> };

/** The value for `actor` columns: the signed-in staff id, or the till's when nobody is. */
export const actorIdOf = (ctx: CallContext): string => ctx.staff?.id ?? TILL_ACTOR_ID;

/** The owner a management change is done `by` (privileged channels only). */
export function ownerOf(ctx: CallContext): Staff {
  if (!ctx.auth) throw new Error('ownerOf called outside a privileged channel');
  return ctx.auth.owner;
}
