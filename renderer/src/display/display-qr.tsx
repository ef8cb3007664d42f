/** The payment QR, drawn locally (no network) with the `qrcode` library, large enough to scan across a counter. */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { displayWords } from './display-words';

/** The QR for `payload`, or a blank square of the same size while it draws. */
export function DisplayQr({ payload, size = 340 }: { payload: string; size?: number }) {
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
    <img className="display-qr" data-testid="display-qr" src={src} width={size} height={size} alt={displayWords.qrAlt} />
  ) : (
    <div className="display-qr placeholder" style={{ width: size, height: size }} />
  );
}
