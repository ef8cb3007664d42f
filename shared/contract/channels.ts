/**
 * Every call the renderer may make: channel name → input and output schema.
 * Adding a call means adding it here; both shells and the renderer pick it up.
 */
import { z } from 'zod';
import { SECRET_NAMES } from '../domain/gateway';
import {
  cartItem,
  catalogProduct,
  connectionState,
  dayClosing,
  dayCsv,
  dayReport,
  paymentId,
  paymentMethod,
  paymentView,
  product,
  productInput,
  productSku,
  rupiah,
  secretStatus,
  shopDay,
  UNCLOSED_LOOKBACK_DAYS,
} from './schemas';
import {
  approval,
  auditFilterFields,
  auditRow,
  ownerSettingsView,
  pin,
  sessionStaff,
  sessionView,
  staffId,
  staffMember,
  staffName,
} from './staff-schemas';
import { saleChannels } from './sale-channels';
import { PRIVILEGED_CHANNELS } from './privileged-channels';

const none = z.strictObject({}).optional();
/** The optional one-time owner approval of a privileged call (see PRIVILEGED_CHANNELS). */
const withApproval = { approval: approval.optional() };
/** An input with nothing but the optional approval. */
const onlyApproval = z.strictObject(withApproval).optional();

export const channels = {
  'app.info': {
    input: none,
    output: z.strictObject({
      version: z.string(),
      shell: z.enum(['electron', 'browser']),
      gateway: z.enum(['emulator', 'sandbox', 'production']),
      zone: z.string(),
      shopName: z.string(),
      methods: z.array(paymentMethod),
      /** Which receipt printer is set up (no address): the UI offers thermal printing unless 'none'. */
      printer: z.enum(['none', 'tcp', 'device']),
      /** The language the cashier last chose (main keeps it in `<dataDir>/ui.json`): the UI starts in it. */
      language: z.enum(['id', 'en']),
    }),
  },
  /** Remembers the UI language for this till (any caller, no session needed: the sign-in screen has the switch too). */
  'app.setLanguage': {
    input: z.strictObject({ language: z.enum(['id', 'en']) }),
    output: z.strictObject({ language: z.enum(['id', 'en']) }),
  },
  /** Whether Midtrans answers, from the outcomes of real calls plus a rare idle probe (event `app.connection` on every change). */
  'app.connection': {
    input: none,
    output: connectionState,
  },
  /** What the till sells: active products in the merchant's sort order. */
  'catalog.list': {
    input: none,
    output: z.array(product),
  },
  /** Every product, inactive ones included, for the catalogue editor. */
  'catalog.all': {
    input: none,
    output: z.array(catalogProduct),
  },
  /** Creates or updates a product (by SKU). CONFLICT when `isNew` and the SKU exists. Owner. */
  'catalog.save': {
    input: productInput.extend(withApproval),
    output: catalogProduct,
  },
  /** Takes a product off the till (soft: marks it inactive; past orders keep their own copies). Owner. */
  'catalog.remove': {
    input: z.strictObject({ sku: productSku, ...withApproval }),
    output: catalogProduct,
  },
  'payments.create': {
    input: z.strictObject({
      items: z.array(cartItem).min(1).max(200),
      method: paymentMethod,
    }),
    output: paymentView,
  },
  'payments.get': {
    input: z.strictObject({ id: paymentId }),
    output: paymentView,
  },
  'payments.list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }).optional(),
    output: z.array(paymentView),
  },
  'payments.cancel': {
    input: z.strictObject({ id: paymentId }),
    output: paymentView,
  },
  /** Owner: a cashier's refund carries the owner's approval. */
  'payments.refund': {
    input: z.strictObject({
      id: paymentId,
      amount: rupiah.min(1).optional(),
      reason: z.string().trim().max(255).optional(),
      ...withApproval,
    }),
    output: paymentView,
  },
  'reports.today': {
    input: none,
    output: dayReport,
  },
  /**
   * Closes a shop day (Z-report): `day`, or the current one when absent — a
   * shop closing after midnight closes yesterday. INVALID_INPUT for a future
   * day; CONFLICT if already closed; OPEN_PAYMENTS while payments are
   * creating/pending unless `force`. Owner.
   */
  'reports.closeDay': {
    input: z
      .strictObject({ day: shopDay.optional(), countedCash: rupiah.optional(), force: z.boolean().optional(), ...withApproval })
      .optional(),
    output: dayClosing,
  },
  /**
   * Shop days of the last week (today included), newest first, with at least
   * one payment of any status and no closing yet: the days still to close.
   */
  'reports.unclosedDays': {
    input: none,
    output: z.array(shopDay).max(UNCLOSED_LOOKBACK_DAYS),
  },
  /** Past closings, most recent day first. */
  'reports.closings': {
    input: z.strictObject({ limit: z.number().int().min(1).max(366).default(30) }).optional(),
    output: z.array(dayClosing),
  },
  /** One shop day's payments as CSV text (times in the shop's zone). */
  'reports.exportCsv': {
    input: z.strictObject({ day: shopDay }),
    output: dayCsv,
  },
  /**
   * Prints a paid payment's receipt on the till's ESC/POS printer. PRINTER_UNAVAILABLE
   * when none is set up or it is offline; ILLEGAL_TRANSITION when the payment is not paid.
   */
  'receipts.print': {
    input: z.strictObject({ id: paymentId, language: z.enum(['id', 'en']) }),
    output: z.strictObject({ printed: z.literal(true), bytes: z.number().int().min(1) }),
  },
  /** Which keys are configured per environment: status and a last-4 hint only, never a value. Owner. */
  'settings.secrets': {
    input: z.strictObject({ env: z.enum(['sandbox', 'production']), ...withApproval }),
    output: z.array(z.strictObject({ name: z.enum(SECRET_NAMES), status: secretStatus })),
  },
  /** Write-only: stores one merchant key in the OS keychain; the answer is its status, not the value. Owner. */
  'settings.setSecret': {
    input: z.strictObject({
      env: z.enum(['sandbox', 'production']),
      name: z.enum(SECRET_NAMES),
      value: z.string().min(1).max(16_384),
      ...withApproval,
    }),
    output: secretStatus,
  },
  /**
   * Takes a verified copy of the ledger now, to the backup folder the owner
   * set (settings.json "backup"). BACKUP_FAILED with `reason` when it cannot. Owner.
   */
  'settings.backupNow': {
    input: onlyApproval,
    output: z.strictObject({
      name: z.string(),
      dir: z.string(),
      takenAt: z.string(),
      schemaVersion: z.number().int(),
      bytes: z.number().int().min(0),
      pruned: z.number().int().min(0),
    }),
  },

  // Sessions: any caller (a window that is not signed in asks who may sign in).
  /** The caller's session (emulator mode without an owner: the default cashier). */
  'session.current': {
    input: none,
    output: sessionView,
  },
  /** Active staff who can sign in with a PIN, for the sign-in picker. */
  'session.roster': {
    input: none,
    output: z.array(sessionStaff),
  },
  /** Signs this window in (or switches cashier). PIN_INVALID / PIN_RETRY_LATER / STAFF_LOCKED / STAFF_INACTIVE. */
  'session.signIn': {
    input: z.strictObject({ staffId, pin }),
    output: sessionView,
  },
  /**
   * "Someone is working at this window": the renderer sends it (throttled) on
   * taps and keys, so tapping products without a call to main is not idleness.
   * Needs a session (SIGN_IN_REQUIRED after an idle sign-out); answers it.
   */
  'session.touch': {
    input: none,
    output: sessionView,
  },
  /** Signs this window out. */
  'session.signOut': {
    input: none,
    output: sessionView,
  },

  // Staff accounts.
  /** First run only: creates the owner and signs this window in as the owner; the recovery code is shown once. */
  'staff.createOwner': {
    input: z.strictObject({ name: staffName, pin }),
    output: z.strictObject({ session: sessionView, recoveryCode: z.string() }),
  },
  /** The owner's way back in: unlocks and sets a new owner PIN; answers with a new recovery code (shown once). */
  'staff.recoverOwner': {
    input: z.strictObject({ recoveryCode: z.string().min(1).max(64), newPin: pin }),
    output: z.strictObject({ recoveryCode: z.string() }),
  },
  /** Everyone, owner first. Owner. */
  'staff.list': {
    input: onlyApproval,
    output: z.array(staffMember),
  },
  /** Adds a cashier (PIN ≥ 4 digits, not a weak one: PIN_WEAK). Owner. */
  'staff.create': {
    input: z.strictObject({ name: staffName, pin, role: z.literal('cashier'), ...withApproval }),
    output: staffMember,
  },
  /** Renames, (de)activates or re-PINs an account (a new PIN also unlocks it). Owner. */
  'staff.update': {
    input: z.strictObject({ id: staffId, name: staffName.optional(), active: z.boolean().optional(), pin: pin.optional(), ...withApproval }),
    output: staffMember,
  },
  /** Lifts a wrong-PIN lock. Owner. */
  'staff.unlock': {
    input: z.strictObject({ id: staffId, ...withApproval }),
    output: staffMember,
  },

  // Owner settings.
  /** The owner-set values (any signed-in caller: the till needs the idle time and discount threshold). */
  'owner.settings': {
    input: none,
    output: ownerSettingsView,
  },
  /** Changes owner-set values (audited before/after). Owner. */
  'owner.updateSettings': {
    input: z.strictObject({ ...ownerSettingsView.partial().shape, ...withApproval }),
    output: ownerSettingsView,
  },

  // The audit log (append-only).
  /** A page of audit rows, newest first; pass `nextBeforeId` back as `beforeId` for older rows. Owner. */
  'audit.list': {
    input: z
      .strictObject({
        ...auditFilterFields,
        beforeId: z.number().int().min(1).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        ...withApproval,
      })
      .optional(),
    output: z.strictObject({ rows: z.array(auditRow), nextBeforeId: z.number().int().nullable() }),
  },
  /** Every audit row matching the filter as CSV (formula-safe cells). Owner. */
  'audit.exportCsv': {
    input: z.strictObject({ ...auditFilterFields, ...withApproval }).optional(),
    output: z.strictObject({ filename: z.string(), csv: z.string() }),
  },

  // The sale, owned by main (sale-channels.ts).
  ...saleChannels,
} as const;

export { PRIVILEGED_CHANNELS, type PrivilegedChannel } from './privileged-channels';
/** Every privileged name is a channel (privileged-channels.ts holds the names without the schemas). */
PRIVILEGED_CHANNELS satisfies readonly (keyof typeof channels)[];

/** Channels any caller may use without a session (everything else needs one: SIGN_IN_REQUIRED). */
export const SESSIONLESS_CHANNELS = [
  'app.info',
  'app.connection',
  'app.setLanguage',
  'session.current',
  'session.roster',
  'session.signIn',
  'session.signOut',
  'staff.createOwner',
  'staff.recoverOwner',
] as const satisfies readonly (keyof typeof channels)[];
export type SessionlessChannel = (typeof SESSIONLESS_CHANNELS)[number];

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

/** Type guard for channel names coming from an untrusted transport. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
