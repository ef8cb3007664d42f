/**
 * The staff, session, owner-settings and audit values that cross the
 * renderer ↔ main boundary (issue 8). Nothing here carries a PIN hash or a
 * role the renderer could assert: who is calling is decided in main, from
 * the window or page the call came from.
 */
import { z } from 'zod';
import { shopDay } from './schemas';

/** A staff id as main hands it out (`STF-…`); only ever a lookup key, never trusted as "who I am". */
export const staffId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'staff id has invalid characters');

/** A PIN as typed: digits only, 1–12 (the length policy per role is main's, answered with PIN_WEAK). */
export const pin = z.string().regex(/^\d{1,12}$/, 'a PIN is 1 to 12 digits');

/** A staff name: 1–50 characters after trimming (control characters are refused in main). */
export const staffName = z.string().trim().min(1, 'name is required').max(50, 'name is at most 50 characters');

/**
 * A one-time owner approval carried by a privileged call: the owner's staff
 * id and PIN, checked in main (wrong PINs count toward the owner's lockout).
 * Never stored, never echoed.
 */
export const approval = z.strictObject({ staffId, pin });
export type Approval = z.infer<typeof approval>;

export const staffRole = z.enum(['owner', 'cashier']);
export type StaffRole = z.infer<typeof staffRole>;

/** Who is signed in, as the till shows it. */
export const sessionStaff = z.strictObject({ id: z.string(), name: z.string(), role: staffRole });
export type SessionStaff = z.infer<typeof sessionStaff>;

/**
 * The caller's session. Emulator mode without an owner: everyone is the
 * default cashier (`isDefault`). Real Midtrans without an owner: `staff` null
 * and `ownerSetupRequired` (the till shows owner setup first). Once the owner
 * exists: `staff` null until someone signs in on this window.
 */
export const sessionView = z.strictObject({
  staff: sessionStaff.nullable(),
  isDefault: z.boolean(),
  ownerExists: z.boolean(),
  ownerSetupRequired: z.boolean(),
  /** The owner-set idle sign-out time. */
  idleMinutes: z.number().int().min(1),
});
export type SessionView = z.infer<typeof sessionView>;

/** A staff member for the owner's staff screen (never a hash or a PIN). */
export const staffMember = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: staffRole,
  active: z.boolean(),
  locked: z.boolean(),
  /** Seconds until a PIN may be tried again after wrong PINs; null when there is no wait. */
  retryAfterSeconds: z.number().int().min(1).nullable(),
});
export type StaffMember = z.infer<typeof staffMember>;

/** The owner-set values (ledger `owner_settings`). */
export const ownerSettingsView = z.strictObject({
  idleMinutes: z.number().int().min(1).max(480),
  discountApprovalAbovePercent: z.number().int().min(0).max(100),
});
export type OwnerSettingsView = z.infer<typeof ownerSettingsView>;

export const auditOutcome = z.enum(['ok', 'refused', 'error']);
export type AuditOutcomeName = z.infer<typeof auditOutcome>;

/** One audit row as the owner's screen reads it (`details` are scrubbed of secrets in main). */
export const auditRow = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  outcome: auditOutcome,
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRowView = z.infer<typeof auditRow>;

/** A bound of the audit filter: a UTC instant (ISO with offset) or a shop day (YYYY-MM-DD, in the shop's zone). */
const auditBound = z.union([shopDay, z.iso.datetime({ offset: true })]);

/**
 * Filters of the audit screen. `action` is an exact name, or a prefix when it
 * ends with a dot (`pin.`, `privileged.`, `session.`). `from` is inclusive;
 * `to` is exclusive for an instant and includes the whole day for a shop day.
 */
export const auditFilterFields = {
  /** A staff id, or `till` for what the till did with nobody signed in. */
  actor: staffId.optional(),
  action: z.string().regex(/^[a-z][a-zA-Z0-9_.]{0,95}$/, 'not an audit action name').optional(),
  outcome: auditOutcome.optional(),
  from: auditBound.optional(),
  to: auditBound.optional(),
};
