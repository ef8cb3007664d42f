/**
 * The staff vocabulary shared by the services in this folder. Nothing here
 * carries a PIN, a hash or a recovery code: those never leave the folder's
 * repository and hasher.
 */
import { TILL_ACTOR_ID } from '../ledger/vocabulary';

/** The two roles. The owner may do everything; a cashier sells. */
export const STAFF_ROLES = ['owner', 'cashier'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A staff member as the rest of the app sees them. */
export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  /** False for the pinless default cashier of a first run: it can never sign in by PIN. */
  hasPin: boolean;
  /** True once the account is locked by wrong PINs (only the owner, or the recovery code, unlocks it). */
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Who did something, as written into `actor` columns and audit rows: a staff
 * id, or `TILL_ACTOR` when nobody was signed in (the ledger's convention for
 * writes made before staff accounts existed).
 */
export interface Actor {
  id: string;
  /** The name at the time of the action (a snapshot: renaming later does not rewrite history). */
  name: string | null;
}

/** The `actor` value for "no one signed in / the till itself" (the ledger's TILL_ACTOR_ID). */
export const TILL_ACTOR: Actor = { id: TILL_ACTOR_ID, name: null };

/** The actor snapshot of a staff member. */
export const actorOf = (s: Pick<Staff, 'id' | 'name'>): Actor => ({ id: s.id, name: s.name });

/** A one-time owner approval, carried by a privileged call and checked in main. */
export interface Approval {
  staffId: string;
  pin: string;
}
