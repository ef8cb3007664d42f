/**
 * The audit screen's data and actions: a page of rows newest first for the
 * applied filter, "load more" (keyset: the last page's `nextBeforeId`), the
 * filter form, and the CSV export of everything the filter matches. The log
 * is the owner's: every call goes through `withApproval`.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AuditRowView, SessionStaff } from '../../../../shared/contract/staff-schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { withApproval } from '../../stores/approval-store';
import { downloadText } from '../report/download';
import { auditQuery, EMPTY_AUDIT_FILTER, type AuditFilterForm } from './audit-filter';

/** Rows per page. */
const PAGE = 50;

/** Someone the actor filter offers. */
export interface ActorChoice {
  id: string;
  name: string;
}

/** Everything the audit screen shows, and what its controls do. */
export interface AuditScreenState {
  /** Null until the first page arrived. */
  rows: AuditRowView[] | null;
  hasMore: boolean;
  form: AuditFilterForm;
  /** Staff to filter by: who can sign in, plus anyone already seen in the rows. */
  actors: ActorChoice[];
  busy: boolean;
  error: Err | null;
  setField<K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]): void;
  apply(): Promise<void>;
  reset(): Promise<void>;
  loadMore(): Promise<void>;
  exportCsv(): Promise<void>;
}

/** Hook: the audit screen. */
export function useAudit(): AuditScreenState {
  const [rows, setRows] = useState<AuditRowView[] | null>(null);
  const [nextBeforeId, setNextBeforeId] = useState<number | null>(null);
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [applied, setApplied] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [roster, setRoster] = useState<SessionStaff[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Err | null>(null);

  /** Loads the first page for `filter` (replacing the rows) or the next one (appending). */
  const load = useCallback(async (filter: AuditFilterForm, beforeId: number | null) => {
    setBusy(true);
    const query = { ...auditQuery(filter), limit: PAGE, ...(beforeId !== null ? { beforeId } : {}) };
    const res = await withApproval((approval) => call('audit.list', { ...query, ...approval }));
    setBusy(false);
    setError(res.ok ? null : res);
    if (!res.ok) return;
    setRows((prev) => (beforeId !== null && prev ? [...prev, ...res.value.rows] : res.value.rows));
    setNextBeforeId(res.value.nextBeforeId);
  }, []);

  useEffect(() => {
    void load(EMPTY_AUDIT_FILTER, null);
    void call('session.roster').then((r) => r.ok && setRoster(r.value));
  }, [load]);

  const seen = new Map<string, string>(roster.map((s) => [s.id, s.name]));
  for (const r of rows ?? []) if (r.actorName && !seen.has(r.actorId)) seen.set(r.actorId, r.actorName);

  return {
    rows,
    hasMore: nextBeforeId !== null,
    form,
    actors: [...seen].map(([id, name]) => ({ id, name })),
    busy,
    error,
    setField: (key, value) => setForm((f) => ({ ...f, [key]: value })),
    async apply() {
      setApplied(form);
      await load(form, null);
    },
    async reset() {
      setForm(EMPTY_AUDIT_FILTER);
      setApplied(EMPTY_AUDIT_FILTER);
      await load(EMPTY_AUDIT_FILTER, null);
    },
    async loadMore() {
      if (nextBeforeId !== null) await load(applied, nextBeforeId);
    },
    async exportCsv() {
      setBusy(true);
      const query = auditQuery(applied);
      const res = await withApproval((approval) => call('audit.exportCsv', { ...query, ...approval }));
      setBusy(false);
      if (res.ok) downloadText(res.value.filename, res.value.csv);
      else setError(res);
    },
  };
}
