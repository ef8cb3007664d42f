/**
 * Staff accounts: the one owner (created once, with a recovery code shown
 * once), cashiers the owner adds, edits and deactivates, PIN changes, owner
 * unlocks and the recovery-code reset. Methods that change someone else's
 * account take `by`, the owner the router has already authorized (see
 * privilege.ts); they re-check it anyway. Every change writes its audit row
 * in the same transaction. PINs and codes are hashed before any write and
 * never logged, stored or echoed.
 */
import { isoUtc, type Clock } from '../clock';
import type { Database } from '../ledger';
import { silentLogger, type Logger } from '../logger';
import { randomCode } from '../payments/ids';
import { AUDIT_ACTIONS, type AuditLog } from '../audit';
import { gate } from './lockout';
import { PinGate } from './pin-gate';
import { PinHasher } from './pin-hash';
import { assertPinAllowed } from './pin-policy';
import { looksLikeRecoveryCode, newRecoveryCode, normalizeRecoveryCode } from './recovery-code';
import { staffErrors } from './staff-errors';
import { StaffRepository } from './staff-repository';
import { actorOf, TILL_ACTOR, type Actor, type Staff } from './types';

/** The id of the pinless cashier a first-run till sells as. */
export const DEFAULT_CASHIER_ID = 'STF-DEFAULT';
/** Its name in the ledger (the UI may word it per language). */
export const DEFAULT_CASHIER_NAME = 'Kasir';

/** What StaffService is built from. */
export interface StaffServiceDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  /** Defaults to scrypt with DEFAULT_SCRYPT_PARAMS; tests pass cheaper parameters. */
  hasher?: PinHasher;
  logger?: Logger;
  /** New staff ids; defaults to `STF-` + 16 random Crockford characters. */
  newId?: () => string;
}

/** Edits the owner may make to an account. */
export interface StaffEdit {
  name?: string;
  active?: boolean;
  /** A new PIN (checked against the policy for the account's role); clears any lock. */
  pin?: string;
}

/** Trimmed name, or a name_invalid error. */
function cleanName(name: string): string {
  const n = name.trim();
  if (n.length < 1 || n.length > 50 || /[\u0000-\u001f\u007f]/.test(n)) throw staffErrors.nameInvalid();
  return n;
}

/** Staff accounts over the ledger. */
export class StaffService {
  /** The PIN checker every sign-in and approval goes through. */
  readonly pins: PinGate;
  private readonly repo: StaffRepository;
  private readonly hasher: PinHasher;
  private readonly log: Logger;
  private readonly newId: () => string;

  constructor(private readonly deps: StaffServiceDeps) {
    this.repo = new StaffRepository(deps.db);
    this.hasher = deps.hasher ?? new PinHasher();
    this.log = (deps.logger ?? silentLogger).scope('staff');
    this.newId = deps.newId ?? (() => `STF-${randomCode(16)}`);
    this.pins = new PinGate({ ...deps, repo: this.repo, hasher: this.hasher, logger: deps.logger });
  }

  /** True once the owner account exists; until then privileged calls are refused. */
  hasOwner(): boolean {
    return this.repo.owner() !== null;
  }

  /** The owner, or null on a first run. */
  owner(): Staff | null {
    return this.repo.owner();
  }

  /** Everyone, owner first. */
  list(): Staff[] {
    return this.repo.list();
  }

  /** One staff member, or null. */
  get(id: string): Staff | null {
    return this.repo.get(id);
  }

  /** Seconds before `id` may try a PIN again after wrong PINs; null when there is no wait (a lock is `locked`). */
  retryAfterSeconds(id: string): number | null {
    const now = gate(this.repo.pinState(id), this.deps.clock.now());
    return now.kind === 'wait' ? now.retryAfterSeconds : null;
  }

  /**
   * Creates the owner: only while none exists. Returns the recovery code,
   * which is stored only as a hash and must be shown to the owner now.
   */
  async createOwner(input: { name: string; pin: string }, callerId?: string): Promise<{ owner: Staff; recoveryCode: string }> {
    const name = cleanName(input.name);
    assertPinAllowed(input.pin, 'owner');
    if (this.hasOwner()) throw staffErrors.ownerExists();
    const recoveryCode = newRecoveryCode();
    const [pinHash, recoveryHash] = await Promise.all([
      this.hasher.hash(input.pin),
      this.hasher.hash(normalizeRecoveryCode(recoveryCode)),
    ]);
    const id = this.newId();
    const owner = this.write(() => {
      // Checked again after the hashing: two windows may race; the unique index backs this up.
      if (this.hasOwner()) throw staffErrors.ownerExists();
      this.repo.insert({ id, name, role: 'owner', created_at: this.now() }, pinHash, recoveryHash);
      const created = this.repo.get(id)!;
      this.audit(AUDIT_ACTIONS.ownerCreate, actorOf(created), id, { name }, callerId);
      return created;
    });
    this.log.info('owner account created', { staffId: id });
    return { owner, recoveryCode };
  }

  /** Adds a cashier with a PIN (≥ 4 digits, policy-checked). */
  async createCashier(by: Staff, input: { name: string; pin: string }, callerId?: string): Promise<Staff> {
    this.assertOwner(by);
    const name = cleanName(input.name);
    assertPinAllowed(input.pin, 'cashier');
    const pinHash = await this.hasher.hash(input.pin);
    const id = this.newId();
    return this.write(() => {
      this.repo.insert({ id, name, role: 'cashier', created_at: this.now() }, pinHash);
      this.audit(AUDIT_ACTIONS.staffCreate, actorOf(by), id, { name, role: 'cashier' }, callerId);
      return this.repo.get(id)!;
    });
  }

  /**
   * Renames, (de)activates or sets a new PIN for an account. The owner
   * cannot be deactivated (there would be no one to approve anything).
   */
  async update(by: Staff, id: string, edit: StaffEdit, callerId?: string): Promise<Staff> {
    this.assertOwner(by);
    const current = this.repo.get(id);
    if (!current) throw staffErrors.staffNotFound(id);
    const name = edit.name === undefined ? current.name : cleanName(edit.name);
    const active = edit.active ?? current.active;
    if (current.role === 'owner' && !active) throw staffErrors.ownerProtected();
    if (edit.pin !== undefined) assertPinAllowed(edit.pin, current.role);
    const pinHash = edit.pin === undefined ? null : await this.hasher.hash(edit.pin);
    return this.write(() => {
      const at = this.now();
      this.repo.updateProfile(id, name, active, at);
      if (pinHash) {
        this.repo.setPinHash(id, pinHash, at);
        this.pins.clear(id);
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (name !== current.name) [before.name, after.name] = [current.name, name];
      if (active !== current.active) [before.active, after.active] = [current.active, active];
      this.audit(AUDIT_ACTIONS.staffUpdate, actorOf(by), id, { before, after, newPinSet: pinHash !== null }, callerId);
      return this.repo.get(id)!;
    });
  }

  /** Lifts a lock and forgets wrong PINs (the owner, for a cashier or after checking who tried). */
  unlock(by: Staff, id: string, callerId?: string): Staff {
    this.assertOwner(by);
    if (!this.repo.get(id)) throw staffErrors.staffNotFound(id);
    return this.write(() => {
      this.pins.clear(id);
      this.audit(AUDIT_ACTIONS.staffUnlock, actorOf(by), id, {}, callerId);
      return this.repo.get(id)!;
    });
  }

  /** Changes one's own PIN, proving the current one (which counts toward the lockout). */
  async changeOwnPin(staffId: string, currentPin: string, newPin: string, callerId?: string): Promise<Staff> {
    const staff = await this.pins.verify(staffId, currentPin, { purpose: 'pin_change', callerId });
    assertPinAllowed(newPin, staff.role, 'newPin');
    const hash = await this.hasher.hash(newPin);
    return this.write(() => {
      this.repo.setPinHash(staffId, hash, this.now());
      this.audit(AUDIT_ACTIONS.pinChange, actorOf(staff), staffId, {}, callerId);
      return this.repo.get(staffId)!;
    });
  }

  /**
   * The owner's way back in: a right recovery code unlocks the owner, sets
   * `newPin` and returns a new recovery code (the old one stops working).
   * A wrong code is refused and audited; the code has 100 bits, so it needs
   * no lockout of its own.
   */
  async recoverOwner(input: { recoveryCode: string; newPin: string }, callerId?: string): Promise<{ owner: Staff; recoveryCode: string }> {
    const owner = this.repo.owner();
    if (!owner) throw staffErrors.ownerRequired();
    assertPinAllowed(input.newPin, 'owner', 'newPin');
    const stored = this.repo.recoveryHash(owner.id);
    const code = normalizeRecoveryCode(input.recoveryCode);
    const right = stored !== null && looksLikeRecoveryCode(code) && (await this.hasher.verify(code, stored));
    if (!right) {
      this.audit(AUDIT_ACTIONS.recoveryUse, TILL_ACTOR, owner.id, {}, callerId, 'refused');
      this.log.warn('wrong recovery code', { staffId: owner.id });
      throw staffErrors.recoveryInvalid();
    }
    const recoveryCode = newRecoveryCode();
    const [pinHash, recoveryHash] = await Promise.all([
      this.hasher.hash(input.newPin),
      this.hasher.hash(normalizeRecoveryCode(recoveryCode)),
    ]);
    const updated = this.write(() => {
      const at = this.now();
      this.repo.setPinHash(owner.id, pinHash, at);
      this.repo.setRecoveryHash(owner.id, recoveryHash, at);
      this.pins.clear(owner.id);
      this.audit(AUDIT_ACTIONS.recoveryUse, actorOf(owner), owner.id, { unlocked: owner.locked, codeRotated: true }, callerId);
      return this.repo.get(owner.id)!;
    });
    this.log.info('owner recovered with the recovery code; code rotated', { staffId: owner.id });
    return { owner: updated, recoveryCode };
  }

  /**
   * First run: while no owner exists, returns the pinless default cashier
   * (creating it once) for the composition root to open sessions with in
   * emulator mode. Null once an owner exists: from then on everyone signs in.
   */
  ensureDefaultCashier(): Staff | null {
    return this.write(() => {
      if (this.hasOwner()) return null;
      const existing = this.repo.get(DEFAULT_CASHIER_ID);
      if (existing) return existing.active ? existing : null;
      this.repo.insert({ id: DEFAULT_CASHIER_ID, name: DEFAULT_CASHIER_NAME, role: 'cashier', created_at: this.now() }, null);
      return this.repo.get(DEFAULT_CASHIER_ID)!;
    });
  }

  /** Throws unless `by` is, right now, the active owner in the ledger. */
  private assertOwner(by: Staff): void {
    const fresh = this.repo.get(by.id);
    if (!fresh || fresh.role !== 'owner') throw staffErrors.notOwner();
    if (!fresh.active) throw staffErrors.inactive();
  }

  private audit(
    action: string,
    actor: Actor,
    target: string,
    details: Record<string, unknown>,
    callerId: string | undefined,
    outcome: 'ok' | 'refused' = 'ok',
  ): void {
    this.deps.audit.append({ action, outcome, actor, target, details, caller: callerId ?? null });
  }

  private write<T>(fn: () => T): T {
    return this.deps.db.transaction(fn).immediate();
  }

  private now(): string {
    return isoUtc(this.deps.clock.now());
  }
}
