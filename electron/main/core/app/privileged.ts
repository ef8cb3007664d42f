/**
 * How each privileged channel is audited (see access.ts). Its audit action is
 * `privileged.<channel>`; the target is what it was done to. Handlers add
 * what only they know (before/after, a new id) with `ctx.note`.
 */
import type { PrivilegedChannel } from '../../../../shared/contract/channels';
import type { PrivilegedSpec } from './access';

/** Every privileged channel's audit rule. */
export const PRIVILEGED_SPECS: { [C in PrivilegedChannel]: PrivilegedSpec<C> } = {
  'catalog.save': { audit: 'all', target: (input) => input.sku },
  'catalog.remove': { audit: 'all', target: (input) => input.sku },
  'payments.refund': { audit: 'all', target: (input) => input.id },
  'reports.closeDay': { audit: 'all', target: (input) => input?.day ?? null },
  'settings.secrets': { audit: 'refusals', target: (input) => input.env },
  // The key's name and environment only: the value never reaches the audit log.
  'settings.setSecret': { audit: 'all', target: (input) => `${input.env}:${input.name}` },
  'settings.backupNow': { audit: 'all', target: () => 'ledger' },
  'staff.list': { audit: 'refusals' },
  'staff.create': { audit: 'all' },
  'staff.update': { audit: 'all', target: (input) => input.id },
  'staff.unlock': { audit: 'all', target: (input) => input.id },
  'owner.updateSettings': { audit: 'all', target: () => 'owner_settings' },
  'audit.list': { audit: 'refusals' },
  // Taking the log off the till is itself worth a row.
  'audit.exportCsv': { audit: 'all' },
  // Money going back: the sale is the target; the handler notes the reason and amounts.
  'sales.void': { audit: 'all', target: (input) => input.saleId },
  'sales.refundToDrawer': { audit: 'all', target: (input) => input.saleId },
  // The owner's decision on an abandoned tender paid anyway: the payment is the target.
  'sales.resolveLatePayment': { audit: 'all', target: (input) => input.paymentId },
};
