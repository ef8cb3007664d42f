/**
 * Channels only the owner may use: from an owner session, or with a one-time
 * owner `approval` in the input. Otherwise main answers PIN_REQUIRED (the UI
 * asks for the owner PIN and retries the same call with `approval`),
 * FORBIDDEN (the approval is not the owner's), or OWNER_REQUIRED while no
 * owner exists. Each is audited as `privileged.<channel>`.
 *
 * Names only, no schemas: the renderer words the audit log with this list,
 * and importing channels.ts for it built every channel's zod schema in the
 * till page as it loaded. channels.ts re-exports both lists and checks that
 * each name is a channel.
 */

/** Sales channels only the owner may use (part of PRIVILEGED_CHANNELS). */
export const PRIVILEGED_SALE_CHANNELS = ['sales.void', 'sales.refundToDrawer', 'sales.resolveLatePayment'] as const;

/** Every channel only the owner may use. */
export const PRIVILEGED_CHANNELS = [
  'catalog.save',
  'catalog.remove',
  'payments.refund',
  'reports.closeDay',
  'settings.secrets',
  'settings.setSecret',
  'settings.backupNow',
  'staff.list',
  'staff.create',
  'staff.update',
  'staff.unlock',
  'owner.updateSettings',
  'audit.list',
  'audit.exportCsv',
  ...PRIVILEGED_SALE_CHANNELS,
] as const;

export type PrivilegedChannel = (typeof PRIVILEGED_CHANNELS)[number];
