/**
 * The one place a PIN is checked. Every check (sign-in, switch, approval,
 * PIN change) goes through `verify`, which applies the lockout (lockout.ts)
 * from state kept in the ledger — so a restart neither forgives nor forgets —
 * and writes an audit row for every wrong PIN, every refused check and every
 * lockout. Checks of one account run one at a time, so two windows typing at
 * once cannot both use the same free attempt.
 */
import { isoUtc, type Clock } from '../clock';
import type { Database } from '../ledger';
import { silentLogger, type Logger } from '../logger';
import { AUDIT_ACTIONS, type AuditLog } from '../audit';
import { afterFailure, CLEAN_PIN_STATE, delayAfter, gate, LOCK_AFTER } from './lockout';
import type { PinHasher } from './pin-hash';
import { staffErrors } from './staff-errors';
import type { StaffRepository } from './staff-repository';
import { TILL_ACTOR, type Actor, type Staff } from './types';

/** Why a PIN is being checked, and from where: goes into the audit row. */
export interface PinCheckContext {
  purpose: 'sign_in' | 'switch' | 'approval' | 'pin_change';
  /** Who is at the till (the caller's session), or TILL_ACTOR. */
  actor?: Actor;
  /** The window or page the call came from. */
  callerId?: string;
  /** For approvals: the privileged action being approved. */
  action?: string;
}

/** What PinGate is built from. */
export interface PinGateDeps {
  db: Database;
  clock: Clock;
  repo: StaffRepository;
  hasher: PinHasher;
  audit: AuditLog;
  logger?: Logger;
}

/** Checks PINs under the lockout rules. */
export class PinGate {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly log: Logger;

  constructor(private readonly deps: PinGateDeps) {
    this.log = (deps.logger ?? silentLogger).scope('pins');
  }

  /**
   * Resolves with the staff member if `pin` is theirs and they may use it
   * now; otherwise throws a StaffError: pin_invalid (params: failedCount,
   * attemptsLeft, retryAfterSeconds), retry_later, locked or inactive.
   */
  verify(staffId: string, pin: string, ctx: PinCheckContext): Promise<Staff> {
    const prev = this.queues.get(staffId) ?? Promise.resolve();
    const run = prev.then(
      () => this.verifyNow(staffId, pin, ctx),
      () => this.verifyNow(staffId, pin, ctx),
    );
    this.queues.set(staffId, run);
    const done = (): void => {
      if (this.queues.get(staffId) === run) this.queues.delete(staffId);
    };
    run.then(done, done);
    return run;
  }

  /** Clears the wrong-PIN state (after an owner unlock, a PIN reset or a recovery). Call inside a transaction. */
  clear(staffId: string): void {
    this.deps.repo.savePinState(staffId, CLEAN_PIN_STATE, isoUtc(this.deps.clock.now()));
  }

  private async verifyNow(staffId: string, pin: string, ctx: PinCheckContext): Promise<Staff> {
    const { repo, clock, audit, db, hasher } = this.deps;
    const row = (action: string, details: Record<string, unknown>) => ({
      action,
      outcome: 'refused' as const,
      actor: ctx.actor ?? TILL_ACTOR,
      target: staffId,
      caller: ctx.callerId ?? null,
      details: { purpose: ctx.purpose, ...(ctx.action ? { for: ctx.action } : {}), ...details },
    });
    const staff = repo.get(staffId);
    const hash = staff ? repo.pinHash(staffId) : null;
    if (!staff || !hash) {
      // Unknown id or the pinless default cashier: no account to throttle.
      audit.append(row(AUDIT_ACTIONS.pinFailed, { reason: staff ? 'no_pin' : 'unknown_staff' }));
      throw staffErrors.pinInvalid();
    }
    if (!staff.active) {
      audit.append(row(AUDIT_ACTIONS.pinRefused, { reason: 'inactive' }));
      throw staffErrors.inactive();
    }
    const before = gate(repo.pinState(staffId), clock.now());
    if (before.kind === 'locked') {
      audit.append(row(AUDIT_ACTIONS.pinRefused, { reason: 'locked' }));
      throw staffErrors.locked();
    }
    if (before.kind === 'wait') {
      audit.append(row(AUDIT_ACTIONS.pinThrottled, { retryAfterSeconds: before.retryAfterSeconds }));
      throw staffErrors.retryLater(before.retryAfterSeconds);
    }

    const matches = await hasher.verify(pin, hash);
    const now = clock.now();
    const at = isoUtc(now);
    if (matches) {
      if (repo.pinState(staffId).failedCount > 0) repo.savePinState(staffId, CLEAN_PIN_STATE, at);
      if (hasher.needsRehash(hash)) await this.rehash(staffId, pin, hash);
      return staff;
    }

    const next = db
      .transaction(() => {
        const state = afterFailure(repo.pinState(staffId), now);
        repo.savePinState(staffId, state, at);
        const retryAfterSeconds = delayAfter(state.failedCount);
        audit.append(row(AUDIT_ACTIONS.pinFailed, { failedCount: state.failedCount, retryAfterSeconds }));
        if (state.locked) audit.append(row(AUDIT_ACTIONS.pinLocked, { failedCount: state.failedCount }));
        return state;
      })
      .immediate();
    if (next.locked) {
      this.log.warn('account locked after wrong PINs', { staffId, failedCount: next.failedCount });
      throw staffErrors.locked();
    }
    throw staffErrors.pinInvalid({
      failedCount: next.failedCount,
      attemptsLeft: LOCK_AFTER - next.failedCount,
      retryAfterSeconds: delayAfter(next.failedCount),
    });
  }

  /** Stores a hash with today's parameters after a successful check with older ones. */
  private async rehash(staffId: string, pin: string, oldHash: string): Promise<void> {
    const fresh = await this.deps.hasher.hash(pin);
    // Only if nobody changed the PIN meanwhile.
    if (this.deps.repo.pinHash(staffId) === oldHash) {
      this.deps.repo.setPinHash(staffId, fresh, isoUtc(this.deps.clock.now()));
      this.log.info('PIN hash upgraded to current parameters', { staffId });
    }
  }
}
