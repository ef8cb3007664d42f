/** Draws a QRIS payload locally (no network): the till's QR. */
import { useTranslation } from 'react-i18next';
import { useQrDataUrl } from './use-qr-data-url';

/** The QR image for `payload`, or a blank square of the same size while it draws. */
export function QrImage({ payload, size = 280 }: { payload: string; size?: number }) {
  const { t } = useTranslation();
  const src = useQrDataUrl(payload, size);
  return src ? (
    <img className="qr" data-testid="qr-image" src={src} width={size} height={size} alt={t('pay.qrAlt')} />
  ) : (
    <div className="qr placeholder" style={{ width: size, height: size }} />
  );
}
