/**
 * "No sale": the cashier opens the cash drawer without a sale, with a
 * reason. The drawer hangs off the receipt printer, so the kick goes first:
 * without a printer (or if it fails) nothing is recorded but the refused
 * attempt in the audit log. Once the drawer opened, a `no_sale` drawer
 * movement (amount 0) and an audit row are written in one transaction.
 */
import { KasirError } from '../../../../shared/contract/result';
import { AUDIT_ACTIONS, type AuditActor, type AuditLog } from '../audit';
import { isoUtc, type Clock } from '../clock';
import type { Database } from '../ledger/open-ledger';
import type { DrawerRepository } from '../ledger/drawer-repository';
import type { Logger } from '../logger';

/** What a no-sale opening is built from. */
export interface DrawerOpeningDeps {
  db: Database;
  clock: Clock;
  drawer: DrawerRepository;
  audit: Pick<AuditLog, 'append'>;
  tillId: string;
  /** Pulses the drawer (ReceiptService.kickDrawer): PRINTER_UNAVAILABLE without a printer. */
  kickDrawer: () => Promise<void>;
  logger: Logger;
}

/** Who asked, for the movement and the audit row. */
export interface DrawerCaller {
  actor: AuditActor;
  callerId: string | null;
}

/** Opens the drawer with a reason, audited. */
export class DrawerOpening {
  private readonly record;

  constructor(private readonly deps: DrawerOpeningDeps) {
    this.record = deps.db.transaction((reason: string, who: DrawerCaller): number => {
      const id = deps.drawer.insert({
        till_id: deps.tillId, kind: 'no_sale', sale_id: null, payment_id: null, amount: 0, reason, created_at: isoUtc(deps.clock.now()), actor: who.actor.id,
      });
      deps.audit.append({ action: AUDIT_ACTIONS.drawerNoSale, outcome: 'ok', actor: who.actor, target: String(id), details: { reason }, caller: who.callerId });
      return id;
    });
  }

  /** Kicks the drawer, then records the opening; a failed kick is audited as an error and rethrown. */
  async open(reason: string, who: DrawerCaller): Promise<{ opened: true }> {
    try {
      await this.deps.kickDrawer();
    } catch (e) {
      const code = e instanceof KasirError ? e.code : 'INTERNAL';
      this.deps.logger.warn('drawer did not open', { error: e });
      this.deps.audit.append({ action: AUDIT_ACTIONS.drawerNoSale, outcome: 'error', actor: who.actor, details: { reason, code }, caller: who.callerId });
      throw e;
    }
    this.record.immediate(reason, who);
    return { opened: true };
  }
}
