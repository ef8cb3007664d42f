/** Draws a QRIS payload locally (no network) with the `qrcode` library. */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';

/** The QR image for `payload`, or a blank square of the same size while it draws. */
export function QrImage({ payload, size = 280 }: { payload: string; size?: number }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: size })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [payload, size]);
  return src ? (
    <img className="qr" data-testid="qr-image" src={src} width={size} height={size} alt={t('pay.qrAlt')} />
  ) : (
    <div className="qr placeholder" style={{ width: size, height: size }} />
  );
}
