/**
 * The `staff` and `staff_pins` tables behind prepared statements. Profiles
 * (`staff`) and secrets (`staff_pins`: hashes and the wrong-PIN state) are
 * separate tables, so listing staff can never pull a hash along. Staff are
 * deactivated, never deleted (a schema trigger refuses DELETE): past sales
 * and audit rows name them.
 */
import type { Database } from '../ledger';
import type { PinState } from './lockout';
import { STAFF_ROLES, type Staff, type StaffRole } from './types';

/** A `staff` row plus the two facts the staff screen shows from `staff_pins`. */
interface StaffViewRow {
  id: string;
  name: string;
  role: string;
  active: 0 | 1;
  created_at: string;
  updated_at: string;
  has_pin: 0 | 1;
  locked: 0 | 1;
}

/** A new staff member's profile columns. */
export interface StaffInsert {
  id: string;
  name: string;
  role: StaffRole;
  created_at: string;
}

interface PinStateRow {
  failed_count: number;
  next_attempt_at: string | null;
  locked: 0 | 1;
}

const isRole = (r: string): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r);

function toStaff(r: StaffViewRow): Staff {
  // Roles are validated in code, not by a CHECK list; an unknown one (a newer
  // Kasir's) is treated as the least privileged.
  const role: StaffRole = isRole(r.role) ? r.role : 'cashier';
  return {
    id: r.id,
    name: r.name,
    role,
    active: r.active === 1,
    hasPin: r.has_pin === 1,
    locked: r.locked === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const VIEW = `SELECT s.id, s.name, s.role, s.active, s.created_at, s.updated_at,
    (p.pin_hash IS NOT NULL) AS has_pin, COALESCE(p.locked, 0) AS locked
  FROM staff s LEFT JOIN staff_pins p ON p.staff_id = s.id`;

/** Prepared statements over `staff` and `staff_pins`. */
export class StaffRepository {
  private readonly insStaff;
  private readonly insPins;
  private readonly updProfile;
  private readonly selOne;
  private readonly selAll;
  private readonly selOwner;
  private readonly selPinHash;
  private readonly selRecoveryHash;
  private readonly updPinHash;
  private readonly updRecoveryHash;
  private readonly selPinState;
  private readonly updPinState;

  constructor(db: Database) {
    this.insStaff = db.prepare<[StaffInsert]>(
      `INSERT INTO staff (id, name, role, active, created_at, updated_at)
       VALUES (@id, @name, @role, 1, @created_at, @created_at)`,
    );
    this.insPins = db.prepare<[{ staff_id: string; pin_hash: string | null; recovery_hash: string | null; at: string }]>(
      `INSERT INTO staff_pins (staff_id, pin_hash, recovery_hash, failed_count, next_attempt_at, locked, updated_at)
       VALUES (@staff_id, @pin_hash, @recovery_hash, 0, NULL, 0, @at)`,
    );
    this.updProfile = db.prepare<[{ id: string; name: string; active: 0 | 1; at: string }]>(
      'UPDATE staff SET name = @name, active = @active, updated_at = @at WHERE id = @id',
    );
    this.selOne = db.prepare<[string], StaffViewRow>(`${VIEW} WHERE s.id = ?`);
    this.selAll = db.prepare<[], StaffViewRow>(`${VIEW} ORDER BY s.role = 'owner' DESC, s.name, s.id`);
    this.selOwner = db.prepare<[], StaffViewRow>(`${VIEW} WHERE s.role = 'owner' LIMIT 1`);
    this.selPinHash = db.prepare<[string], string | null>('SELECT pin_hash FROM staff_pins WHERE staff_id = ?').pluck();
    this.selRecoveryHash = db
      .prepare<[string], string | null>('SELECT recovery_hash FROM staff_pins WHERE staff_id = ?')
      .pluck();
    this.updPinHash = db.prepare<[{ id: string; hash: string; at: string }]>(
      'UPDATE staff_pins SET pin_hash = @hash, updated_at = @at WHERE staff_id = @id',
    );
    this.updRecoveryHash = db.prepare<[{ id: string; hash: string; at: string }]>(
      'UPDATE staff_pins SET recovery_hash = @hash, updated_at = @at WHERE staff_id = @id',
    );
    this.selPinState = db.prepare<[string], PinStateRow>(
      'SELECT failed_count, next_attempt_at, locked FROM staff_pins WHERE staff_id = ?',
    );
    this.updPinState = db.prepare<
      [{ id: string; failed_count: number; next_attempt_at: string | null; locked: 0 | 1; at: string }]
    >(
      `UPDATE staff_pins SET failed_count = @failed_count, next_attempt_at = @next_attempt_at, locked = @locked,
         locked_at = CASE WHEN @locked = 1 THEN COALESCE(locked_at, @at) ELSE NULL END, updated_at = @at
       WHERE staff_id = @id`,
    );
  }

  /** Inserts a staff member and their (possibly empty) secrets row. Call inside a transaction. */
  insert(row: StaffInsert, pinHash: string | null, recoveryHash: string | null = null): void {
    this.insStaff.run(row);
    this.insPins.run({ staff_id: row.id, pin_hash: pinHash, recovery_hash: recoveryHash, at: row.created_at });
  }

  /** Changes name and active flag; false if no such id. */
  updateProfile(id: string, name: string, active: boolean, at: string): boolean {
    return this.updProfile.run({ id, name, active: active ? 1 : 0, at }).changes === 1;
  }

  /** One staff member, or null. */
  get(id: string): Staff | null {
    const r = this.selOne.get(id);
    return r ? toStaff(r) : null;
  }

  /** Everyone, owner first, then by name. */
  list(): Staff[] {
    return this.selAll.all().map(toStaff);
  }

  /** The owner account (active or not), or null before one was created. */
  owner(): Staff | null {
    const r = this.selOwner.get();
    return r ? toStaff(r) : null;
  }

  /** The stored PIN hash, or null (no PIN set / no such staff). */
  pinHash(id: string): string | null {
    return this.selPinHash.get(id) ?? null;
  }

  /** The stored recovery-code hash (owner only), or null. */
  recoveryHash(id: string): string | null {
    return this.selRecoveryHash.get(id) ?? null;
  }

  /** Replaces the PIN hash. */
  setPinHash(id: string, hash: string, at: string): void {
    this.updPinHash.run({ id, hash, at });
  }

  /** Replaces the recovery-code hash. */
  setRecoveryHash(id: string, hash: string, at: string): void {
    this.updRecoveryHash.run({ id, hash, at });
  }

  /** The wrong-PIN state (clean if the row is missing). */
  pinState(id: string): PinState {
    const r = this.selPinState.get(id);
    if (!r) return { failedCount: 0, nextAttemptAt: null, locked: false };
    return {
      failedCount: r.failed_count,
      nextAttemptAt: r.next_attempt_at === null ? null : Date.parse(r.next_attempt_at),
      locked: r.locked === 1,
    };
  }

  /** Stores the wrong-PIN state; `locked_at` keeps the moment the lock first fell. */
  savePinState(id: string, state: PinState, at: string): void {
    this.updPinState.run({
      id,
      failed_count: state.failedCount,
      next_attempt_at: state.nextAttemptAt === null ? null : new Date(state.nextAttemptAt).toISOString(),
      locked: state.locked ? 1 : 0,
      at,
    });
  }
}
