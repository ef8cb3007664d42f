/** Draws a QRIS payload locally (no network) with the `qrcode` library. */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrImage({ payload, size = 280 }: { payload: string; size?: number }) {
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
    <img className="qr" data-testid="qr-image" src={src} width={size} height={size} alt="QRIS code to scan" />
  ) : (
    <div className="qr placeholder" style={{ width: size, height: size }} />
  );
}
