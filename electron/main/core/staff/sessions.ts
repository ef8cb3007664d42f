/**
 * Who is signed in, per caller. A caller id is the opaque name the shell
 * gives a window or page; inputs never carry a staff id or role that main
 * would trust — the session for the caller the shell names is the truth.
 *
 * - `signIn` / `switchTo` take a staff id and PIN (through PinGate, so the
 *   lockout applies); `signOut` ends a session.
 * - `touch` (on every call) keeps a session alive; after the owner-set idle
 *   time without one it ends, lazily on the next look and eagerly from a
 *   timer on the injected clock, which tells `onSignedOut` listeners so the
 *   shell can show the sign-in screen. The first-run default session does
 *   not idle out (there is nobody to sign in) and ends once an owner exists.
 * - `approve` checks a one-time `{staffId, pin}` from an owner.
 * Sessions live in memory: restarting the app signs everyone out.
 */
import { isoUtc, type Cancel, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { AUDIT_ACTIONS, type AuditLog } from '../audit';
import type { OwnerSettings } from './owner-settings';
import { staffErrors } from './staff-errors';
import type { StaffService } from './staff-service';
import { actorOf, TILL_ACTOR, type Approval, type Staff } from './types';

/** Why a session ended, as `onSignedOut` reports it. */
export type SignOutReason = 'signed_out' | 'idle' | 'switched' | 'inactive' | 'owner_created' | 'closed';

/** A session as the shell and renderer see it. */
export interface SessionInfo {
  callerId: string;
  staffId: string;
  name: string;
  role: Staff['role'];
  signedInAt: string;
  /** When it ends if nothing happens; null for the first-run default session. */
  idleSignOutAt: string | null;
  isDefault: boolean;
}

interface Session {
  staffId: string;
  signedInAt: number;
  lastSeenAt: number;
  isDefault: boolean;
  cancelTimer: Cancel | null;
}

/** What SessionManager is built from. */
export interface SessionManagerDeps {
  staff: StaffService;
  settings: OwnerSettings;
  audit: AuditLog;
  clock: Clock;
  logger?: Logger;
}

/** Sessions keyed by caller id. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<(callerId: string, reason: SignOutReason) => void>();
  private readonly log: Logger;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: SessionManagerDeps) {
    this.log = (deps.logger ?? silentLogger).scope('sessions');
    // A shorter idle time applies to running sessions at once.
    this.unsubscribe = deps.settings.onChange(() => {
      for (const callerId of [...this.sessions.keys()]) this.check(callerId);
    });
  }

  /** Signs `callerId` in (replacing any session it had) after checking the PIN. */
  async signIn(callerId: string, credentials: Approval): Promise<SessionInfo> {
    const previous = this.current(callerId);
    const staff = await this.deps.staff.pins.verify(credentials.staffId, credentials.pin, {
      purpose: previous ? 'switch' : 'sign_in',
      actor: previous ? { id: previous.staffId, name: previous.name } : TILL_ACTOR,
      callerId,
    });
    if (previous) this.end(callerId, 'switched', false);
    this.start(callerId, staff, false);
    const details = previous ? { from: previous.staffId } : {};
    const action = previous ? AUDIT_ACTIONS.switchStaff : AUDIT_ACTIONS.signIn;
    this.deps.audit.append({ action, outcome: 'ok', actor: actorOf(staff), target: staff.id, details, caller: callerId });
    return this.current(callerId)!;
  }

  /** Switching cashier is a sign-in over the current session; the old one stays if the PIN is wrong. */
  switchTo(callerId: string, credentials: Approval): Promise<SessionInfo> {
    return this.signIn(callerId, credentials);
  }

  /**
   * First run only: signs `callerId` in as the pinless default cashier.
   * Refused once an owner exists (then everyone signs in with a PIN).
   */
  openDefault(callerId: string): SessionInfo {
    const cashier = this.deps.staff.ensureDefaultCashier();
    if (!cashier) throw staffErrors.signInRequired();
    const existing = this.current(callerId);
    if (existing?.isDefault) return existing;
    if (existing) this.end(callerId, 'switched', false);
    this.start(callerId, cashier, true);
    this.deps.audit.append({
      action: AUDIT_ACTIONS.defaultSession, outcome: 'ok', actor: actorOf(cashier), target: cashier.id, caller: callerId,
    });
    return this.current(callerId)!;
  }

  /**
   * Creates the owner from a first-run till and signs `callerId` in as the
   * owner; every default-cashier session ends. Returns the recovery code to show once.
   */
  async createOwner(callerId: string, input: { name: string; pin: string }): Promise<{ session: SessionInfo; recoveryCode: string }> {
    const { owner, recoveryCode } = await this.deps.staff.createOwner(input, callerId);
    this.end(callerId, 'switched', false); // this caller goes straight on as the owner
    for (const id of [...this.sessions.keys()]) this.check(id);
    this.start(callerId, owner, false);
    this.deps.audit.append({ action: AUDIT_ACTIONS.signIn, outcome: 'ok', actor: actorOf(owner), target: owner.id, caller: callerId });
    return { session: this.current(callerId)!, recoveryCode };
  }

  /** Ends `callerId`'s session, if any. `reason` 'closed' is for a window or page that went away. */
  signOut(callerId: string, reason: 'signed_out' | 'closed' = 'signed_out'): void {
    if (this.sessions.has(callerId)) this.end(callerId, reason, true);
  }

  /** The caller's session without refreshing it; null if none (or it just timed out). */
  current(callerId: string): SessionInfo | null {
    return this.check(callerId) ? this.info(callerId) : null;
  }

  /** Refreshes the caller's session (call on every request); null if there is none. */
  touch(callerId: string): SessionInfo | null {
    if (!this.check(callerId)) return null;
    this.sessions.get(callerId)!.lastSeenAt = this.deps.clock.now();
    return this.info(callerId);
  }

  /** The signed-in staff member for a call, refreshed; throws sign_in_required otherwise. */
  require(callerId: string): Staff {
    const s = this.touch(callerId);
    const staff = s && this.deps.staff.get(s.staffId);
    if (!staff) throw staffErrors.signInRequired();
    return staff;
  }

  /**
   * A one-time owner approval: resolves with the approver if `staffId` is an
   * active owner and `pin` is theirs. A non-owner is refused before the PIN
   * is checked (approval is no oracle for cashier PINs); a wrong owner PIN
   * counts toward the owner's lockout. Every outcome is audited.
   */
  async approve(approval: Approval, ctx: { callerId: string; action: string }): Promise<Staff> {
    const at = this.current(ctx.callerId);
    const actor = at ? { id: at.staffId, name: at.name } : TILL_ACTOR;
    const refuse = (reason: string): void => {
      this.deps.audit.append({
        action: AUDIT_ACTIONS.approval, outcome: 'refused', actor, target: approval.staffId,
        details: { for: ctx.action, reason }, caller: ctx.callerId,
      });
    };
    const candidate = this.deps.staff.get(approval.staffId);
    if (!candidate || candidate.role !== 'owner') {
      refuse(candidate ? 'not_owner' : 'unknown_staff');
      throw staffErrors.notOwner();
    }
    if (!candidate.active) {
      refuse('inactive');
      throw staffErrors.inactive();
    }
    const owner = await this.deps.staff.pins.verify(approval.staffId, approval.pin, {
      purpose: 'approval', actor, callerId: ctx.callerId, action: ctx.action,
    });
    this.deps.audit.append({
      action: AUDIT_ACTIONS.approval, outcome: 'ok', actor, target: owner.id,
      details: { for: ctx.action, approverName: owner.name }, caller: ctx.callerId,
    });
    return owner;
  }

  /** Calls `listener` whenever a session ends by itself or is ended; returns an unsubscribe function. */
  onSignedOut(listener: (callerId: string, reason: SignOutReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels timers and forgets every session (shutdown). */
  close(): void {
    this.unsubscribe();
    for (const s of this.sessions.values()) s.cancelTimer?.();
    this.sessions.clear();
  }

  private start(callerId: string, staff: Staff, isDefault: boolean): void {
    const now = this.deps.clock.now();
    this.sessions.set(callerId, { staffId: staff.id, signedInAt: now, lastSeenAt: now, isDefault, cancelTimer: null });
    this.arm(callerId);
    this.log.info('signed in', { callerId, staffId: staff.id, role: staff.role, isDefault });
  }

  private idleMs(): number {
    return this.deps.settings.get().idleSignOutMinutes * 60_000;
  }

  /** Schedules the next idle check for a session at its deadline. */
  private arm(callerId: string): void {
    const s = this.sessions.get(callerId);
    if (!s || s.isDefault) return;
    s.cancelTimer?.();
    const wait = s.lastSeenAt + this.idleMs() - this.deps.clock.now();
    s.cancelTimer = this.deps.clock.setTimeout(() => {
      const live = this.sessions.get(callerId);
      if (live !== s) return;
      live.cancelTimer = null;
      if (this.check(callerId)) this.arm(callerId); // touched meanwhile: wait for the new deadline
    }, Math.max(0, wait));
  }

  /** True if the caller's session is still valid; ends it (and says why) if not. */
  private check(callerId: string): boolean {
    const s = this.sessions.get(callerId);
    if (!s) return false;
    const staff = this.deps.staff.get(s.staffId);
    if (!staff || !staff.active || staff.locked) return this.end(callerId, 'inactive', true);
    if (s.isDefault) return this.deps.staff.hasOwner() ? this.end(callerId, 'owner_created', true) : true;
    if (this.deps.clock.now() - s.lastSeenAt >= this.idleMs()) return this.end(callerId, 'idle', true);
    return true;
  }

  /** Ends a session; always false (so `check` can return it). */
  private end(callerId: string, reason: SignOutReason, audit: boolean): false {
    const s = this.sessions.get(callerId);
    if (!s) return false;
    s.cancelTimer?.();
    this.sessions.delete(callerId);
    if (audit) {
      const staff = this.deps.staff.get(s.staffId);
      this.deps.audit.append({
        action: reason === 'idle' ? AUDIT_ACTIONS.idleSignOut : AUDIT_ACTIONS.signOut,
        outcome: 'ok',
        actor: staff ? actorOf(staff) : { id: s.staffId, name: null },
        target: s.staffId,
        details: { reason },
        caller: callerId,
      });
    }
    this.log.info('signed out', { callerId, staffId: s.staffId, reason });
    // A switch is followed at once by the new session: nothing for the shell to show.
    if (reason !== 'switched') for (const l of this.listeners) l(callerId, reason);
    return false;
  }

  private info(callerId: string): SessionInfo {
    const s = this.sessions.get(callerId)!;
    const staff = this.deps.staff.get(s.staffId)!;
    return {
      callerId,
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      signedInAt: isoUtc(s.signedInAt),
      idleSignOutAt: s.isDefault ? null : isoUtc(s.lastSeenAt + this.idleMs()),
      isDefault: s.isDefault,
    };
  }
}
