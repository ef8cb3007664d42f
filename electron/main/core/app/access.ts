/**
 * Who may make which call: the one place the router's caller turns into a
 * session. Every channel is one of three kinds (shared/contract/channels.ts):
 *
 * - sessionless (`SESSIONLESS_CHANNELS`: app.info, session.*, owner setup
 *   and recovery): any caller; the handler sees who is signed in, if anyone;
 * - privileged (`PRIVILEGED_CHANNELS`): PrivilegeGuard decides, with the
 *   input's optional one-time `approval` (stripped before the handler runs),
 *   and audits refusals — and, except for reads, the outcome;
 * - everything else: a signed-in caller (SIGN_IN_REQUIRED, or
 *   OWNER_REQUIRED while a till on real Midtrans has no owner yet).
 *
 * Every such call touches the session, so idle sign-out counts from the
 * caller's last call (sessionless calls do not: a window asking who is
 * signed in is not someone working the till). On a first run in emulator mode (no owner yet) each
 * caller gets the pinless default cashier session, so a fresh till sells at
 * once; with real Midtrans there is no default session.
 */
import {
  PRIVILEGED_CHANNELS,
  SESSIONLESS_CHANNELS,
  type Channel,
  type ChannelParsedInput,
  type PrivilegedChannel,
} from '../../../../shared/contract/channels';
import type { HandlerContext, Handlers } from '../../../../shared/contract/router';
import type { Approval, PrivilegeGuard, SessionInfo, SessionManager, Staff, StaffService } from '../staff';
import { staffErrors } from '../staff';
import type { AppHandlers, AuditNote, CallContext } from './call-context';

/** What CallerAccess is built from. */
export interface CallerAccessDeps {
  sessions: SessionManager;
  staff: StaffService;
  guard: PrivilegeGuard;
  /** True in emulator mode: while no owner exists, every caller gets the default cashier session. */
  defaultSessions: boolean;
}

/** Resolves a caller to its session. */
export class CallerAccess {
  constructor(private readonly deps: CallerAccessDeps) {}

  /** The caller's session without refreshing it, opening the first-run default session where that applies. */
  session(callerId: string): SessionInfo | null {
    const { sessions, staff, defaultSessions } = this.deps;
    const current = sessions.current(callerId);
    if (current || !defaultSessions || staff.hasOwner()) return current;
    return sessions.openDefault(callerId);
  }

  /** Who is signed in on the caller (no refresh), or null. */
  signedIn(callerId: string): Staff | null {
    const s = this.session(callerId);
    return s ? this.deps.staff.get(s.staffId) : null;
  }

  /** The caller's staff member, refreshed (the idle time starts again); refused without a session. */
  require(callerId: string): Staff {
    if (!this.session(callerId)) {
      throw this.deps.staff.hasOwner() ? staffErrors.signInRequired() : staffErrors.ownerRequired();
    }
    return this.deps.sessions.require(callerId);
  }

  /** True while a till on real Midtrans has no owner: it shows owner setup before anything else. */
  ownerSetupRequired(): boolean {
    return !this.deps.defaultSessions && !this.deps.staff.hasOwner();
  }

  /** The guard privileged channels go through. */
  get guard(): PrivilegeGuard {
    return this.deps.guard;
  }
}

/** How a privileged channel is audited and what it is done to. */
export interface PrivilegedSpec<C extends PrivilegedChannel> {
  /**
   * 'refusals' for reads (listing staff, reading the audit log, key status):
   * opening a screen writes no row. 'all' also records ok / error.
   */
  audit: 'all' | 'refusals';
  /** The audit row's target, from the input (handlers may add one with `ctx.note`). */
  target?: (input: ChannelParsedInput<C>) => string | null;
}

const sessionless = new Set<Channel>(SESSIONLESS_CHANNELS);
const privileged = new Set<Channel>(PRIVILEGED_CHANNELS);

const noNote = (): void => {};

/** The input without its approval, so no service ever sees a PIN. */
function withoutApproval(input: unknown): { input: unknown; approval: Approval | undefined } {
  if (input === null || typeof input !== 'object' || !('approval' in input)) return { input, approval: undefined };
  const { approval, ...rest } = input as { approval?: Approval };
  return { input: rest, approval };
}

/**
 * Wraps a complete app handler table into the router's table, applying the
 * access rule of each channel. `specs` says how each privileged channel is audited.
 */
export function secureHandlers(
  app: AppHandlers,
  access: CallerAccess,
  specs: { [C in PrivilegedChannel]: PrivilegedSpec<C> },
): Handlers {
  const wrap = (channel: Channel) => {
    const handler = app[channel] as (input: unknown, ctx: CallContext) => unknown;
    if (sessionless.has(channel)) {
      return (input: unknown, { callerId }: HandlerContext) =>
        handler(input, { callerId, staff: access.signedIn(callerId), auth: null, note: noNote });
    }
    if (!privileged.has(channel)) {
      return (input: unknown, { callerId }: HandlerContext) =>
        handler(input, { callerId, staff: access.require(callerId), auth: null, note: noNote });
    }
    const spec = specs[channel as PrivilegedChannel] as PrivilegedSpec<PrivilegedChannel>;
    return async (raw: unknown, { callerId }: HandlerContext) => {
      access.session(callerId); // a first-run caller gets its default session, so the refusal names it
      const { input, approval } = withoutApproval(raw);
      const target = spec.target?.(raw as never) ?? null;
      if (spec.audit === 'refusals') {
        const auth = await access.guard.authorize(callerId, channel, approval);
        return handler(input, { callerId, staff: auth.session, auth, note: noNote });
      }
      const noted: Required<AuditNote> = { target, details: {} };
      const note = (entry: AuditNote): void => {
        if (entry.target !== undefined) noted.target = entry.target;
        Object.assign(noted.details, entry.details);
      };
      return access.guard.run(
        callerId,
        channel,
        approval,
        (auth) => handler(input, { callerId, staff: auth.session, auth, note }),
        target,
        () => noted,
      );
    };
  };
  return Object.fromEntries(Object.keys(app).map((c) => [c, wrap(c as Channel)])) as unknown as Handlers;
}
