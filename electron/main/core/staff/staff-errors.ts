/**
 * Every error this folder throws comes from one factory per kind, so the
 * contract's codes can be swapped in one place. Until the contract has its
 * own codes (PIN_REQUIRED, PIN_INVALID, PIN_RETRY_LATER, STAFF_LOCKED…),
 * each kind maps to the closest existing ErrorCode and carries a `reason`
 * and `params` the router and renderer can already switch on.
 *
 * No message or param ever contains a PIN, a hash or a recovery code.
 */
import { KasirError, type ErrorCode } from '../../../../shared/contract/result';

/** Why a staff operation was refused; the future ErrorCode in the comment. */
export type StaffErrorReason =
  | 'pin_required' // PIN_REQUIRED: a privileged call without an owner session or approval
  | 'pin_invalid' // PIN_INVALID: wrong PIN (or unknown staff id on a PIN check)
  | 'retry_later' // PIN_RETRY_LATER: inside an escalating delay; params.retryAfterSeconds
  | 'locked' // STAFF_LOCKED: too many wrong PINs; the owner (or the recovery code) unlocks
  | 'not_owner' // FORBIDDEN: the approver or session is not an owner
  | 'owner_required' // OWNER_REQUIRED: no owner account exists yet
  | 'sign_in_required' // SIGN_IN_REQUIRED: this caller has no session
  | 'inactive' // STAFF_INACTIVE: the account is deactivated
  | 'owner_exists' // CONFLICT: an owner was already created
  | 'pin_weak' // PIN_WEAK: fails the PIN policy; params.rule
  | 'recovery_invalid' // RECOVERY_CODE_INVALID
  | 'staff_not_found' // NOT_FOUND
  | 'owner_protected' // CONFLICT: the owner cannot be deactivated
  | 'name_invalid'; // INVALID_INPUT: a staff name that is empty, too long or has control characters

const CODE: Record<StaffErrorReason, ErrorCode> = {
  pin_required: 'FORBIDDEN',
  pin_invalid: 'FORBIDDEN',
  retry_later: 'FORBIDDEN',
  locked: 'FORBIDDEN',
  not_owner: 'FORBIDDEN',
  owner_required: 'FORBIDDEN',
  sign_in_required: 'FORBIDDEN',
  inactive: 'FORBIDDEN',
  owner_exists: 'CONFLICT',
  pin_weak: 'INVALID_INPUT',
  recovery_invalid: 'FORBIDDEN',
  staff_not_found: 'NOT_FOUND',
  owner_protected: 'CONFLICT',
  name_invalid: 'INVALID_INPUT',
};

/** Parameters a renderer can word an error with (numbers and rule names only). */
export type StaffErrorParams = Record<string, string | number>;

/** A KasirError with a machine-readable reason; the router passes `code` and `message` on. */
export class StaffError extends KasirError {
  constructor(
    readonly reason: StaffErrorReason,
    message: string,
    readonly params: StaffErrorParams = {},
    /** The input field a form should show it next to, if any. */
    readonly field?: string,
  ) {
    super(CODE[reason], message);
    this.name = 'StaffError';
  }
}

/** Type guard for a StaffError of a given reason (or any). */
export const isStaffError = (e: unknown, reason?: StaffErrorReason): e is StaffError =>
  e instanceof StaffError && (reason === undefined || e.reason === reason);

/** One constructor per kind: the only place messages are worded. */
export const staffErrors = {
  pinRequired: (action: string) =>
    new StaffError('pin_required', `${action} needs the owner: sign in as the owner or enter the owner PIN`, { action }),
  pinInvalid: (params: StaffErrorParams = {}) => new StaffError('pin_invalid', 'wrong PIN', params, 'pin'),
  retryLater: (retryAfterSeconds: number) =>
    new StaffError('retry_later', `too many wrong PINs: try again in ${retryAfterSeconds} s`, { retryAfterSeconds }),
  locked: () => new StaffError('locked', 'this account is locked after too many wrong PINs; the owner can unlock it'),
  notOwner: () => new StaffError('not_owner', 'only the owner can approve this'),
  ownerRequired: () => new StaffError('owner_required', 'create the owner account first'),
  signInRequired: () => new StaffError('sign_in_required', 'sign in first'),
  inactive: () => new StaffError('inactive', 'this staff account is deactivated'),
  ownerExists: () => new StaffError('owner_exists', 'the owner account already exists'),
  pinWeak: (rule: string, message: string, field = 'pin') => new StaffError('pin_weak', message, { rule }, field),
  recoveryInvalid: () => new StaffError('recovery_invalid', 'that recovery code is not right', {}, 'recoveryCode'),
  staffNotFound: (id: string) => new StaffError('staff_not_found', `no staff member ${id}`, { id }),
  ownerProtected: () => new StaffError('owner_protected', 'the owner account cannot be deactivated'),
  nameInvalid: () => new StaffError('name_invalid', 'a name has 1 to 50 characters', { min: 1, max: 50 }, 'name'),
} as const;
