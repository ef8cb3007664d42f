/**
 * The Audit tab (the owner's): who did what and when, newest first, with
 * filters (who, action or group of actions, outcome, days), "load more" and
 * a CSV export of everything the filter matches. Presentational: its data
 * and actions come from one hook, `useAudit`.
 */
import { useTranslation } from 'react-i18next';
import type { AuditOutcomeName } from '../../../../shared/contract/staff-schemas';
import { AUDIT_ACTION_NAMES, useActionWords } from '../../components/action-words';
import { ErrorMessage } from '../../components/error-message';
import { useFormatters } from '../../i18n/format';
import { AUDIT_ACTION_GROUPS, detailsText } from './audit-filter';
import { useAudit } from './use-audit';
import './audit.css';

/** The actor id main writes when nobody was signed in (the ledger's TILL_ACTOR_ID). */
const TILL_ACTOR_ID = 'till';
const OUTCOMES: readonly AuditOutcomeName[] = ['ok', 'refused', 'error'];

/** The screen. */
export function AuditScreen() {
  const { t } = useTranslation();
  const words = useActionWords();
  const { dateTime } = useFormatters();
  const { rows, hasMore, form, actors, busy, error, setField, apply, reset, loadMore, exportCsv } = useAudit();
  const nameOf = (id: string | null, snapshot: string | null) =>
    id === TILL_ACTOR_ID ? t('audit.till') : (snapshot ?? actors.find((a) => a.id === id)?.name ?? id ?? '–');

  return (
    <section className="audit" data-testid="audit">
      <h2>{t('audit.title')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      <form
        className="audit-filter"
        data-testid="audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <label>
          {t('audit.actor')}
          <select data-testid="audit-filter-actor" value={form.actor} onChange={(e) => setField('actor', e.target.value)}>
            <option value="">{t('audit.anyone')}</option>
            <option value={TILL_ACTOR_ID}>{t('audit.till')}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}
          <select data-testid="audit-filter-action" value={form.action} onChange={(e) => setField('action', e.target.value)}>
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTION_GROUPS.map((g) => (
              <option key={g} value={g}>{t(`audit.group.${g.slice(0, -1) as 'pin' | 'session' | 'staff' | 'privileged'}`)}</option>
            ))}
            {AUDIT_ACTION_NAMES.map((a) => (
              <option key={a} value={a}>{words.action(a)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.outcome')}
          <select data-testid="audit-filter-outcome" value={form.outcome} onChange={(e) => setField('outcome', e.target.value as AuditOutcomeName | '')}>
            <option value="">{t('audit.anyOutcome')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>{t(`auditOutcome.${o}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')}
          <input type="date" data-testid="audit-filter-from" value={form.from} onChange={(e) => setField('from', e.target.value)} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" data-testid="audit-filter-to" value={form.to} onChange={(e) => setField('to', e.target.value)} />
        </label>
        <div className="audit-filter-actions">
          <button type="submit" className="primary" data-testid="audit-apply" disabled={busy}>{t('audit.apply')}</button>
          <button type="button" data-testid="audit-reset" disabled={busy} onClick={() => void reset()}>{t('audit.reset')}</button>
          <button type="button" data-testid="audit-export" disabled={busy} onClick={() => void exportCsv()}>{t('audit.exportCsv')}</button>
        </div>
      </form>
      <ErrorMessage error={error} testId="audit-error" />
      {rows === null ? (
        !error && <p className="muted">{t('audit.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="audit-empty">{t('audit.empty')}</p>
      ) : (
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('audit.time')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.outcome')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`audit-row-${r.id}`} data-action={r.action} data-outcome={r.outcome} data-actor={r.actorId} className={`outcome-${r.outcome}`}>
                <td className="audit-time">{dateTime(r.at)}</td>
                <td>{nameOf(r.actorId, r.actorName)}</td>
                <td>{words.action(r.action)}</td>
                <td className="audit-outcome">{t(`auditOutcome.${r.outcome}`)}</td>
                <td>{r.target === null ? '–' : nameOf(r.target, null)}</td>
                <td className="audit-details">{detailsText(r.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button data-testid="audit-more" disabled={busy} onClick={() => void loadMore()}>{t('audit.loadMore')}</button>
      )}
    </section>
  );
}
