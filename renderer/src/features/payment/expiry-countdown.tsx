/**
 * How long the customer still has to pay: a large "14:32" and "valid until
 * 21.05.00 WIB" — with the date when that is not today (a VA valid until
 * tomorrow). Props only; the expiry is already on the till's clock.
 */
import { useTranslation } from 'react-i18next';
import { useFormatters, useShopZone } from '../../i18n/format';
import { useCountdown } from './use-countdown';

/** The countdown block; nothing when the tender has no expiry. */
export function ExpiryCountdown({ until }: { until: string | null }) {
  const { t } = useTranslation();
  const { time, locale, zoneName } = useFormatters();
  const zone = useShopZone((s) => s.zone);
  const c = useCountdown(until);
  if (!until || !c) return null;
  const date = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(until));
  const at = time(until);
  return (
    <div className="countdown" data-testid="countdown" data-seconds={c.seconds} data-with-date={c.withDate}>
      <span className={`countdown-left${c.left ? '' : ' over'}`} data-testid="countdown-left" aria-live="off">
        {c.left ? t('countdown.left', { left: c.left }) : t('countdown.over')}
      </span>
      <span className="muted" data-testid="valid-until">
        {c.withDate ? t('countdown.untilDate', { date, time: at, zone: zoneName }) : t('countdown.until', { time: at, zone: zoneName })}
      </span>
    </div>
  );
}
