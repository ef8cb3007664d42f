/** The payment QR on the customer display, large enough to scan across a counter (drawn locally, no network). */
import { useQrDataUrl } from '../components/use-qr-data-url';
import { displayWords } from './display-words';

/** The QR for `payload`, or a blank square of the same size while it draws. */
export function DisplayQr({ payload, size = 340 }: { payload: string; size?: number }) {
  const src = useQrDataUrl(payload, size);
  return src ? (
    <img className="display-qr" data-testid="display-qr" src={src} width={size} height={size} alt={displayWords.qrAlt} />
  ) : (
    <div className="display-qr placeholder" style={{ width: size, height: size }} />
  );
}
