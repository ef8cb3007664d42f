/**
 * The till's keyboard: the barcode scanner and the F-key shortcuts, mounted
 * once over every screen of the till (basket, cash, a tender waiting, paid),
 * with what they show: the last scan's message, the "F1 Bantuan" chip and the
 * shortcut list. The scanner registers first, so a scan's Enter is taken
 * before any shortcut or focused control sees it.
 */
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import type { Product } from '../../../../shared/contract/schemas';
import { KeyboardHelp } from './keyboard-help';
import { useTillShortcuts } from './keyboard-capture';
import { useScannerCapture } from './scanner-capture';
import { ScanNotice } from './scanner-notice';
import './keyboard.css';

export function KeyboardLayer({ products, methods }: { products: readonly Product[]; methods: readonly PaymentMethod[] }) {
  const { t } = useTranslation();
  const scan = useScannerCapture(products);
  const keys = useTillShortcuts(methods);
  return (
    <>
      <ScanNotice notice={scan.notice} onDismiss={scan.dismiss} />
      <button
        type="button"
        className="keyboard-help-open"
        data-testid="keyboard-help-open"
        aria-keyshortcuts="F1"
        aria-label={t('shortcuts.openLabel')}
        aria-expanded={keys.helpOpen}
        tabIndex={-1}
        onClick={() => keys.setHelpOpen(!keys.helpOpen)}
      >
        {t('shortcuts.open')}
      </button>
      {keys.helpOpen && <KeyboardHelp onClose={() => keys.setHelpOpen(false)} />}
    </>
  );
}
