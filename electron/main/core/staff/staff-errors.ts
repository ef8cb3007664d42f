/**
 * Every error this folder throws comes from one factory per kind. Each kind
 * has its contract ErrorCode (CODE below) and, where the code alone is not
 * specific, the variant param the renderer words it by (VARIANT below, from
 * shared/contract/error-vocabulary.ts). `reason` stays on the error for
 * audit rows and tests.
 *
 * No message or param ever contains a PIN, a hash or a recovery code.
 */
import { KasirError, type ErrorCode } from '../../../../shared/contract/result';

/** Why a staff operation was refused; its ErrorCode is in CODE. */
export type StaffErrorReason =
  | 'pin_required' // a privileged call without an owner session or approval
  | 'pin_invalid' // wrong PIN (or unknown staff id on a PIN check)
  | 'retry_later' // inside an escalating delay; params.retryAfterSeconds
  | 'locked' // too many wrong PINs; the owner (or the recovery code) unlocks
  | 'not_owner' // the approver or session is not an owner
  | 'owner_required' // no owner account exists yet
  | 'sign_in_required' // this caller has no session
  | 'inactive' // the account is deactivated
  | 'owner_exists' // an owner was already created
  | 'pin_weak' // fails the PIN policy; params.rule
  | 'recovery_invalid' // the recovery code is wrong
  | 'staff_not_found'
  | 'owner_protected' // the owner cannot be deactivated
  | 'name_invalid'; // a staff name that is empty, too long or has control characters

const CODE: Record<StaffErrorReason, ErrorCode> = {
  pin_required: 'PIN_REQUIRED',
  pin_invalid: 'PIN_INVALID',
  retry_later: 'LOCKED',
  locked: 'LOCKED',
  not_owner: 'FORBIDDEN',
  owner_required: 'OWNER_REQUIRED',
  sign_in_required: 'SIGN_IN_REQUIRED',
  inactive: 'FORBIDDEN',
  owner_exists: 'CONFLICT',
  pin_weak: 'PIN_WEAK',
  recovery_invalid: 'RECOVERY_CODE_INVALID',
  staff_not_found: 'NOT_FOUND',
  owner_protected: 'CONFLICT',
  name_invalid: 'INVALID_INPUT',
};

/** The contract variant param of kinds whose code is shared with other errors. */
const VARIANT: Partial<Record<StaffErrorReason, Record<string, string>>> = {
  not_owner: { reason: 'not_owner' },
  inactive: { reason: 'staff_inactive' },
  owner_exists: { reason: 'owner_exists' },
  owner_protected: { reason: 'owner_protected' },
  staff_not_found: { what: 'staff' },
  name_invalid: { issue: 'name_invalid' },
};

/** Parameters a renderer can word an error with (numbers and rule names only). */
export type StaffErrorParams = Record<string, string | number>;

/** A KasirError with a machine-readable reason; the router passes code, message, params and field on. */
export class StaffError extends KasirError {
  constructor(
    readonly reason: StaffErrorReason,
    message: string,
    params: StaffErrorParams = {},
    /** The input field a form should show it next to, if any. */
    field?: string,
  ) {
    super(CODE[reason], message, { params: { ...VARIANT[reason], ...params }, ...(field !== undefined ? { field } : {}) });
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
  nameInvalid: () => new StaffError('name_invalid', 'a name has 1 to 50 characters', { minimum: 1, maximum: 50 }, 'name'),
} as const;
