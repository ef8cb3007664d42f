/** The counted-minus-expected cash of a closing, in words an owner uses: "Kurang Rp 1.000", "Lebih Rp 500", "Pas". */
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';

/** `data-difference` carries the signed rupiah, so tests need not parse the copy. */
export function DrawerDifference({ diff, testId }: { diff: number; testId?: string }) {
  const { t } = useTranslation();
  const amount = formatRupiah(Math.abs(diff));
  const text = diff === 0 ? t('zreport.exact', { amount }) : diff < 0 ? t('zreport.short', { amount }) : t('zreport.over', { amount });
  const direction = diff === 0 ? 'exact' : diff < 0 ? 'short' : 'over';
  return (
    <span data-testid={testId} data-difference={diff} data-direction={direction}>
      {text}
    </span>
  );
}
