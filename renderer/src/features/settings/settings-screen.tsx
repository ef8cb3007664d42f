/**
 * The owner enters Midtrans keys here. Values go one way, into the OS keychain
 * in the main process; the screen only ever gets back "configured, ends in …1234".
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import { PEM_SECRETS, type SecretName } from '../../../../shared/domain/gateway';
import { call } from '../../api';

type Env = 'sandbox' | 'production';
type Row = ChannelOutput<'settings.secrets'>[number];

const LABEL: Record<SecretName, string> = {
  coreServerKey: 'Core API server key',
  coreClientKey: 'Core API client key',
  snapClientId: 'SNAP-BI client ID',
  snapClientSecret: 'SNAP-BI client secret',
  snapPartnerId: 'SNAP-BI partner ID',
  snapChannelId: 'SNAP-BI channel ID',
  snapPrivateKey: 'SNAP-BI merchant private key (PEM)',
  snapNotificationPublicKey: 'Midtrans notification public key (PEM)',
};

function SecretField({ env, row, onSaved }: { env: Env; row: Row; onSaved: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pem = PEM_SECRETS.includes(row.name);
  const save = async () => {
    const res = await call('settings.setSecret', { env, name: row.name, value });
    setValue('');
    setError(res.ok ? null : res.message);
    if (res.ok) onSaved();
  };
  return (
    <li className="secret" data-testid={`secret-${row.name}`}>
      <span>{LABEL[row.name]}</span>
      <span className="muted" data-testid={`secret-status-${row.name}`}>
        {row.status.configured ? `Configured${row.status.hint ? ` (${row.status.hint})` : ''}` : 'Not set'}
      </span>
      {pem ? (
        <textarea aria-label={LABEL[row.name]} rows={3} value={value} onChange={(e) => setValue(e.target.value)} />
      ) : (
        <input aria-label={LABEL[row.name]} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      )}
      <button disabled={!value} onClick={() => void save()}>Save</button>
      {error && <span className="error" role="alert">{error}</span>}
    </li>
  );
}

export function SettingsScreen() {
  const [env, setEnv] = useState<Env>('sandbox');
  const [rows, setRows] = useState<Row[]>([]);
  const load = useCallback(() => {
    void call('settings.secrets', { env }).then((r) => r.ok && setRows(r.value));
  }, [env]);
  useEffect(load, [load]);
  return (
    <section className="settings" data-testid="settings">
      <h2>Midtrans keys</h2>
      <p className="muted">Stored in this computer's keychain. Kasir never shows a saved key again.</p>
      <label>
        Environment{' '}
        <select data-testid="secrets-env" value={env} onChange={(e) => setEnv(e.target.value as Env)}>
          <option value="sandbox">Sandbox</option>
          <option value="production">Production</option>
        </select>
      </label>
      <ul className="secrets">
        {rows.map((row) => (
          <SecretField key={row.name} env={env} row={row} onSaved={load} />
        ))}
      </ul>
    </section>
  );
}
