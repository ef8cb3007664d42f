/**
 * The rule for privileged actions (refunds, voids, discounts above the
 * owner's threshold, price overrides, keys and settings, closing the day,
 * staff management), in one place for the router to call:
 *
 * 1. until an owner exists, every privileged call is refused (owner_required);
 * 2. the caller must have a session (a window nobody signed in on gets nothing);
 * 3. a one-time `{staffId, pin}` approval from the active owner allows it;
 * 4. otherwise an owner session allows it;
 * 5. otherwise it is refused with pin_required (the UI then asks for the owner PIN).
 *
 * Every refusal writes a `privileged.<action>` audit row; approvals write
 * their own rows (sessions.ts). The resolved owner is who the change is done
 * `by` (e.g. StaffService.createCashier(by, …)); the session's staff member
 * stays the actor of the till write itself.
 */
import { KasirError } from '../../../../shared/contract/result';
import { AUDIT_ACTIONS, type AuditLog } from '../audit';
import type { SessionManager } from './sessions';
import { isStaffError, staffErrors } from './staff-errors';
import type { StaffService } from './staff-service';
import { actorOf, TILL_ACTOR, type Approval, type Staff } from './types';

/** What a privileged call resolved to. */
export interface Authorization {
  /** Who is signed in on the caller (the actor of the write). */
  session: Staff;
  /** The owner who allowed it: the session itself, or the approver. */
  owner: Staff;
  via: 'owner_session' | 'approval';
}

/** What PrivilegeGuard is built from. */
export interface PrivilegeGuardDeps {
  sessions: SessionManager;
  staff: StaffService;
  audit: AuditLog;
}

/** Decides privileged calls. */
export class PrivilegeGuard {
  constructor(private readonly deps: PrivilegeGuardDeps) {}

  /**
   * Resolves if `callerId` may do `action` now (with `approval` if the call
   * carried one); throws a StaffError (sign_in_required, owner_required,
   * pin_required, not_owner, pin_invalid, retry_later, locked, inactive) if not.
   * `action` is a stable name such as `payments.refund`.
   */
  async authorize(callerId: string, action: string, approval?: Approval | null): Promise<Authorization> {
    const { sessions, staff } = this.deps;
    if (!staff.hasOwner()) {
      // First: a till with real keys and no owner has no session to name, and the answer leads to owner setup.
      const current = sessions.current(callerId);
      this.refused(callerId, action, current ? staff.get(current.staffId) : null, 'owner_required');
      throw staffErrors.ownerRequired();
    }
    let session: Staff;
    try {
      session = sessions.require(callerId);
    } catch (e) {
      this.refused(callerId, action, null, 'sign_in_required');
      throw e;
    }
    if (approval) {
      try {
        const owner = await sessions.approve(approval, { callerId, action });
        return { session, owner, via: 'approval' };
      } catch (e) {
        this.refused(callerId, action, session, isStaffError(e) ? e.reason : 'error');
        throw e;
      }
    }
    if (session.role === 'owner') return { session, owner: session, via: 'owner_session' };
    this.refused(callerId, action, session, 'pin_required');
    throw staffErrors.pinRequired(action);
  }

  /**
   * Authorizes, then runs `fn` and records the privileged action's result as
   * a `privileged.<action>` row (ok, or error with the error's code). The
   * thing done should also say who in its own rows (the actor column).
   * `describe` adds what only the result knows (a new id, an amount) to the ok row.
   */
  async run<T>(
    callerId: string,
    action: string,
    approval: Approval | null | undefined,
    fn: (auth: Authorization) => T | Promise<T>,
    target: string | null = null,
    describe?: (value: T) => { target?: string | null; details?: Record<string, unknown> },
  ): Promise<T> {
    const auth = await this.authorize(callerId, action, approval);
    const row = (outcome: 'ok' | 'error', details: Record<string, unknown>, rowTarget = target) =>
      this.deps.audit.append({
        action: `${AUDIT_ACTIONS.privilegedPrefix}${action}`,
        outcome,
        actor: actorOf(auth.session),
        target: rowTarget,
        details: { via: auth.via, approvedBy: auth.owner.id, ...details },
        caller: callerId,
      });
    let value: T;
    try {
      value = await fn(auth);
    } catch (e) {
      row('error', { code: e instanceof KasirError ? e.code : 'INTERNAL' });
      throw e;
    }
    const extra = describe?.(value) ?? {};
    row('ok', extra.details ?? {}, extra.target === undefined ? target : extra.target);
    return value;
  }

  /** True if a privileged call from this caller would need an owner approval right now (for the UI to ask up front). */
  needsApproval(callerId: string): boolean {
    const s = this.deps.sessions.current(callerId);
    return !s || s.role !== 'owner';
  }

  private refused(callerId: string, action: string, session: Staff | null, reason: string): void {
    this.deps.audit.append({
      action: `${AUDIT_ACTIONS.privilegedPrefix}${action}`,
      outcome: 'refused',
      actor: session ? actorOf(session) : TILL_ACTOR,
      target: null,
      details: { reason },
      caller: callerId,
    });
  }
}
