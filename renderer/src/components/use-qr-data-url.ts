/** A QR payload drawn locally (no network) with the `qrcode` library, as an image data URL. */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The data URL of the QR for `payload` at `size` pixels, or null while it draws (or if it cannot). */
export function useQrDataUrl(payload: string, size: number): string | null {
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
  return src;
}
