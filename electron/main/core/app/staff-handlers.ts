/**
 * Handlers of the session, staff, owner-settings and audit channels. Who is
 * calling comes from the caller's session (access.ts), never from the
 * input; PINs go straight to the staff services and are never echoed.
 */
import type { Channel } from '../../../../shared/contract/channels';
import type { OwnerSettingsView, SessionView, StaffMember } from '../../../../shared/contract/staff-schemas';
import { zonedDay } from '../../../../shared/domain/zoned-time';
import { auditCsv, type AuditLog } from '../audit';
import type { Clock } from '../clock';
import type { OwnerSettings, SessionManager, Staff, StaffService } from '../staff';
import type { CallerAccess } from './access';
import { auditQuery } from './audit-query';
import { ownerOf, type AppHandlers } from './call-context';

/** What these handlers are built from. */
export interface StaffHandlerDeps {
  access: CallerAccess;
  sessions: SessionManager;
  staff: StaffService;
  ownerSettings: OwnerSettings;
  audit: AuditLog;
  clock: Clock;
  /** The shop's zone (audit filters by shop day; export file names). */
  zone: string;
  /** Tells every window that some session changed. */
  sessionChanged: () => void;
}

/** The channels these handlers answer. */
export type StaffChannel = Extract<Channel, `session.${string}` | `staff.${string}` | `owner.${string}` | `audit.${string}`>;

/** The staff/session handler table. */
export function createStaffHandlers(deps: StaffHandlerDeps): AppHandlers<StaffChannel> {
  const { access, sessions, staff, ownerSettings, audit } = deps;

  const sessionView = (callerId: string): SessionView => {
    const current = access.session(callerId);
    return {
      staff: current ? { id: current.staffId, name: current.name, role: current.role } : null,
      isDefault: current?.isDefault ?? false,
      ownerExists: staff.hasOwner(),
      ownerSetupRequired: access.ownerSetupRequired(),
      idleMinutes: ownerSettings.get().idleSignOutMinutes,
    };
  };
  const member = (s: Staff): StaffMember => ({
    id: s.id, name: s.name, role: s.role, active: s.active, locked: s.locked, retryAfterSeconds: staff.retryAfterSeconds(s.id),
  });
  const ownerSettingsView = (): OwnerSettingsView => {
    const v = ownerSettings.get();
    return { idleMinutes: v.idleSignOutMinutes, discountApprovalAbovePercent: v.discountApprovalAbovePercent };
  };

  return {
    'session.current': (_input, { callerId }) => sessionView(callerId),
    'session.roster': () =>
      staff.list().filter((s) => s.active && s.hasPin).map((s) => ({ id: s.id, name: s.name, role: s.role })),
    'session.signIn': async ({ staffId, pin }, { callerId }) => {
      await sessions.signIn(callerId, { staffId, pin });
      deps.sessionChanged();
      return sessionView(callerId);
    },
    // The access layer already touched the session (this channel is not sessionless).
    'session.touch': (_input, { callerId }) => sessionView(callerId),
    'session.signOut': (_input, { callerId }) => {
      sessions.signOut(callerId);
      return sessionView(callerId);
    },

    'staff.createOwner': async ({ name, pin }, { callerId }) => {
      const { recoveryCode } = await sessions.createOwner(callerId, { name, pin });
      deps.sessionChanged();
      return { session: sessionView(callerId), recoveryCode };
    },
    'staff.recoverOwner': async ({ recoveryCode, newPin }, { callerId }) => {
      const recovered = await staff.recoverOwner({ recoveryCode, newPin }, callerId);
      return { recoveryCode: recovered.recoveryCode };
    },
    'staff.list': () => staff.list().map(member),
    'staff.create': async ({ name, pin }, ctx) => {
      const created = await staff.createCashier(ownerOf(ctx), { name, pin }, ctx.callerId);
      ctx.note({ target: created.id });
      return member(created);
    },
    'staff.update': async ({ id, name, active, pin }, ctx) =>
      member(await staff.update(ownerOf(ctx), id, { name, active, pin }, ctx.callerId)),
    'staff.unlock': ({ id }, ctx) => member(staff.unlock(ownerOf(ctx), id, ctx.callerId)),

    'owner.settings': () => ownerSettingsView(),
    'owner.updateSettings': ({ idleMinutes, discountApprovalAbovePercent }, ctx) => {
      const patch = {
        ...(idleMinutes === undefined ? {} : { idleSignOutMinutes: idleMinutes }),
        ...(discountApprovalAbovePercent === undefined ? {} : { discountApprovalAbovePercent }),
      };
      const owner = ownerOf(ctx);
      ownerSettings.update({ id: owner.id, name: owner.name }, patch, ctx.callerId);
      return ownerSettingsView();
    },

    'audit.list': (input) => {
      const page = audit.list(auditQuery(input ?? {}, deps.zone), { beforeId: input?.beforeId, limit: input?.limit ?? 100 });
      return { rows: page.records.map(({ caller: _caller, ...row }) => row), nextBeforeId: page.nextBeforeId };
    },
    'audit.exportCsv': (input, ctx) => {
      const records = audit.all(auditQuery(input ?? {}, deps.zone));
      ctx.note({ details: { rows: records.length } });
      const today = zonedDay(deps.clock.now(), deps.zone).day;
      return { filename: `kasir-audit-${today}.csv`, csv: auditCsv(records) };
    },
  };
}
