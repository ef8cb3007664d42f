/**
 * The owner enters Midtrans keys here. Values go one way, into the OS keychain
 * in the main process; the screen only ever gets back "configured, ends in …1234".
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import { PEM_SECRETS } from '../../../../shared/domain/gateway';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { withApproval } from '../../stores/approval-store';
import { ErrorMessage } from '../../components/error-message';

type Env = 'sandbox' | 'production';
type Row = ChannelOutput<'settings.secrets'>[number];

function SecretField({ env, row, onSaved }: { env: Env; row: Row; onSaved: (status: Row['status']) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<Err | null>(null);
  const pem = PEM_SECRETS.includes(row.name);
  const label = t(`settings.secret.${row.name}`);
  const { configured, hint } = row.status;
  // The value is the row's only field: a refused value marks its input (the message sits in the row).
  const valueRefused = error?.field === 'value';
  const save = async () => {
    const res = await withApproval((approval) => call('settings.setSecret', { env, name: row.name, value, ...approval }));
    setValue('');
    setError(res.ok ? null : res);
    if (res.ok) onSaved(res.value);
  };
  return (
    <li className="secret" data-testid={`secret-${row.name}`}>
      <span data-testid={`secret-label-${row.name}`}>{label}</span>
      <span className="muted" data-testid={`secret-status-${row.name}`} data-configured={configured}>
        {configured ? (hint ? t('settings.configuredHint', { hint }) : t('settings.configured')) : t('settings.notSet')}
      </span>
      {pem ? (
        <textarea
          aria-label={label}
          aria-invalid={valueRefused}
          data-testid={`secret-input-${row.name}`}
          rows={3}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <input
          aria-label={label}
          aria-invalid={valueRefused}
          data-testid={`secret-input-${row.name}`}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <button data-testid={`secret-save-${row.name}`} disabled={!value} onClick={() => void save()}>
        {t('settings.save')}
      </button>
      <ErrorMessage error={error} testId={`secret-error-${row.name}`} />
    </li>
  );
}

/** The Settings tab: one row per Midtrans secret, per environment. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const [env, setEnv] = useState<Env>('sandbox');
  const [rows, setRows] = useState<Row[]>([]);
  const load = useCallback(() => {
    // Keys are the owner's: a cashier is asked for the owner PIN, a till without an owner is led to create one.
    void withApproval((approval) => call('settings.secrets', { env, ...approval })).then((r) => r.ok && setRows(r.value));
  }, [env]);
  useEffect(load, [load]);
  return (
    <section className="settings" data-testid="settings">
      <h2>{t('settings.title')}</h2>
      <p className="muted">{t('settings.intro')}</p>
      <label>
        {t('settings.environment')}{' '}
        <select data-testid="secrets-env" value={env} onChange={(e) => setEnv(e.target.value as Env)}>
          <option value="sandbox">{t('settings.sandbox')}</option>
          <option value="production">{t('settings.production')}</option>
        </select>
      </label>
      <ul className="secrets">
        {rows.map((row) => (
          // The answer is the key's new status: no second read (which a cashier would have to approve again).
          <SecretField key={row.name} env={env} row={row} onSaved={(status) => setRows((all) => all.map((r) => (r.name === row.name ? { ...r, status } : r)))} />
        ))}
      </ul>
    </section>
  );
}
