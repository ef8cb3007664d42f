/**
 * A sale's receipt on screen: the lines main laid out for the till's roll,
 * in a monospace block exactly as the printer prints them (centred lines
 * centred, bold lines bold, every space kept). Props only.
 */
import { useTranslation } from 'react-i18next';
import type { SaleReceipt } from '../../../../shared/contract/sale-schemas';
import type { Err } from '../../../../shared/contract/result';
import { ErrorMessage } from '../../components/error-message';
import './receipt.css';

export interface ReceiptViewProps {
  receipt: SaleReceipt | null;
  error: Err | null;
  testId?: string;
}

/** The roll; a placeholder while main lays it out. */
export function ReceiptView({ receipt, error, testId = 'receipt' }: ReceiptViewProps) {
  const { t } = useTranslation();
  if (error) return <ErrorMessage error={error} testId={`${testId}-error`} />;
  if (!receipt) return <p className="muted receipt-loading">{t('paid.receiptLoading')}</p>;
  return (
    <article
      className="receipt"
      data-testid={testId}
      data-sale-id={receipt.saleId}
      data-receipt-no={receipt.receiptNo}
      data-copy={receipt.copy}
      aria-label={t('paid.receiptLabel', { no: receipt.receiptNo })}
      // The roll's width in characters: the screen wraps nowhere the paper does not.
      style={{ width: `${receipt.columns + 2}ch` }}
    >
      {receipt.lines.map((line, i) => (
        <div key={i} className={`receipt-line align-${line.align}${line.bold ? ' bold' : ''}`} data-testid={`${testId}-line`}>
          {line.text === '' ? '\u00a0' : line.text}
        </div>
      ))}
    </article>
  );
}
