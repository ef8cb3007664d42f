/**
 * The audit vocabulary: one name per kind of event, `area.verb`. The audit
 * screen words them from this list (both languages), so add a name here
 * before writing rows with it. Privileged actions the router guards are
 * recorded as `privileged.<action>` (see staff/README.md).
 */
export const AUDIT_ACTIONS = {
  ownerCreate: 'staff.owner_create',
  staffCreate: 'staff.create',
  staffUpdate: 'staff.update',
  staffUnlock: 'staff.unlock',
  pinChange: 'staff.pin_change',
  pinReset: 'staff.pin_reset',
  /** A wrong PIN (sign-in, switch or approval). */
  pinFailed: 'pin.failed',
  /** A PIN entered during an escalating delay: refused unchecked. */
  pinThrottled: 'pin.throttled',
  /** The wrong PIN that locked the account: the lockout itself. */
  pinLocked: 'pin.locked',
  /** A PIN entered on a locked or deactivated account. */
  pinRefused: 'pin.refused',
  recoveryUse: 'recovery.use',
  signIn: 'session.sign_in',
  signOut: 'session.sign_out',
  idleSignOut: 'session.idle_sign_out',
  switchStaff: 'session.switch',
  defaultSession: 'session.default_cashier',
  /** An owner approval given (ok) or refused for a privileged action. */
  approval: 'approval',
  settingsUpdate: 'settings.update',
  /** The cash drawer opened without a sale ("no sale"), with the reason. */
  drawerNoSale: 'drawer.no_sale',
  /** Prefix of a refused privileged call's row: `privileged.payments.refund`. */
  privilegedPrefix: 'privileged.',
} as const;

/** One of the audit action names above, or `privileged.<action>`. */
export type AuditAction =
  | Exclude<(typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS], 'privileged.'>
  | `privileged.${string}`;
