/**
 * The cash drawer's figures as table rows, the same on the Today screen and
 * in a Z-report: cash received − change = cash takings; − cash refunds (at
 * the gateway and from the drawer) = expected in the drawer. Rounding is
 * shown for information: it already lowered what the customers were asked.
 * Figures a closing written before v9 did not keep (null) are left out.
 */
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';

/** What the rows show; null = not recorded (a closing from before sales were counted apart). */
export interface DrawerFigures {
  cashReceived?: number | null;
  changeGiven?: number | null;
  roundingTotal?: number | null;
  cashTakings: number;
  cashRefunds: number;
  cashExpected: number;
}

/** `<tr>`s for a drawer table's body; test ids are `${testId}-cash-received`, `-change`, `-cash-takings`, `-rounding`, `-cash-refunds`, `-cash-expected`. */
export function CashDrawerRows({ figures: f, testId }: { figures: DrawerFigures; testId: string }) {
  const { t } = useTranslation();
  const row = (key: string, label: string, amount: number) => (
    <tr key={key}>
      <th>{label}</th>
      <td data-testid={`${testId}-${key}`} data-amount={amount}>{formatRupiah(amount)}</td>
    </tr>
  );
  return (
    <>
      {f.cashReceived != null && row('cash-received', t('zreport.cashReceived'), f.cashReceived)}
      {f.changeGiven != null && row('change', t('zreport.changeGiven'), f.changeGiven)}
      {row('cash-takings', t('zreport.cashTakings'), f.cashTakings)}
      {f.roundingTotal != null && row('rounding', t('zreport.roundingTotal'), f.roundingTotal)}
      {row('cash-refunds', t('zreport.cashRefunds'), f.cashRefunds)}
      {row('cash-expected', t('zreport.cashExpected'), f.cashExpected)}
    </>
  );
}
