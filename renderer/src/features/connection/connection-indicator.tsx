/**
 * The connection to Midtrans in the top bar: a dot and a word, green when
 * Midtrans answers, red (with since when) when it does not — cash works
 * either way. Reads the connection store, which it starts.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { useConnection } from './connection-store';
import './connection.css';

/** The indicator. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { time } = useFormatters();
  const connection = useConnection((s) => s.connection);
  const start = useConnection((s) => s.start);
  useEffect(() => start(), [start]);
  const { state, since } = connection;
  const text =
    state === 'online' ? t('connection.online') : state === 'offline' ? (since ? t('connection.offlineSince', { time: time(since) }) : t('connection.offline')) : t('connection.unknown');
  return (
    <span
      className={`connection connection-${state}`}
      data-testid="connection"
      data-state={state}
      role="status"
      title={state === 'offline' ? t('connection.cashWorks') : undefined}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-text">{text}</span>
    </span>
  );
}
