/** Staff accounts, PINs, lockout, sessions and the privileged-action rule (see README.md). */
export { StaffService, DEFAULT_CASHIER_ID, DEFAULT_CASHIER_NAME, type StaffEdit, type StaffServiceDeps } from './staff-service';
export { SessionManager, type SessionInfo, type SessionManagerDeps, type SignOutReason } from './sessions';
export { PrivilegeGuard, type Authorization, type PrivilegeGuardDeps } from './privilege';
export { PinGate, type PinCheckContext } from './pin-gate';
export { PinHasher, DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './pin-hash';
export { pinProblem, assertPinAllowed, MIN_PIN_LENGTH, MAX_PIN_LENGTH, COMMON_PINS, type PinRule } from './pin-policy';
export { FREE_ATTEMPTS, LOCK_AFTER, FIRST_DELAY_SECONDS, delayAfter, gate, afterFailure, type PinState } from './lockout';
export { newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_CHARS } from './recovery-code';
export {
  OwnerSettings,
  OWNER_SETTINGS_DEFAULTS,
  OWNER_SETTINGS_SCHEMA,
  OWNER_SETTINGS_PATCH,
  type OwnerSettingsValues,
  type OwnerSettingsPatch,
} from './owner-settings';
export { StaffError, staffErrors, isStaffError, type StaffErrorReason, type StaffErrorParams } from './staff-errors';
export { STAFF_ROLES, TILL_ACTOR, actorOf, type Staff, type StaffRole, type Actor, type Approval } from './types';
