import { expect, test } from './fixtures';
import { paidQrisSale, takeCash, tenderPayment } from './sales';
import { createOwner } from './staff-helpers';

test.describe('refunds in Payments', () => {
  test('a paid QRIS sale is refunded in part, an over-large refund is refused in Indonesian, then the rest', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await createOwner(page); // refunds are the owner's: signed in as the owner, none asks for a PIN
    const order = await paidQrisSale(page, simulator);
    // A cash sale for contrast: cash goes back from the drawer, so it has no refund button.
    await page.getByTestId('product-KOPI-HITAM').click();
    await takeCash(page);
    const cashOrder = (await page.getByTestId('order-id').textContent()) ?? '';
    await page.getByTestId('new-sale').click();

    await page.getByTestId('tab-history').click();
    // Sales are listed; a sale's tenders (here one each) show when it is opened.
    const row = page.getByTestId(`history-${order}`);
    await expect(row).toHaveAttribute('data-status', 'paid');
    await expect(page.getByTestId(`history-${cashOrder}`)).toHaveAttribute('data-status', 'paid');
    await page.getByTestId(`history-open-${cashOrder}`).click();
    await expect(page.getByTestId(`tender-${cashOrder}-1`)).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId(`refund-${cashOrder}-1`)).toHaveCount(0);

    await page.getByTestId(`history-open-${order}`).click();
    const tender = `${order}-1`;
    const paid = page.getByTestId(`tender-${tender}`);
    await expect(paid).toHaveAttribute('data-status', 'settlement');

    // 1. Partial: 10.000 of 44.000, with a reason, through the confirm step.
    await page.getByTestId(`refund-${tender}`).click();
    const amount = page.getByTestId(`refund-amount-${tender}`);
    await expect(amount).toHaveValue('44.000'); // defaults to everything still refundable
    await amount.fill('10,5');
    await expect(page.getByTestId(`refund-amount-error-${tender}`)).toBeVisible();
    await expect(page.getByTestId(`refund-next-${tender}`)).toBeDisabled();
    await amount.fill('10.000');
    await page.getByTestId(`refund-reason-${tender}`).fill('Teh kurang satu');
    await page.getByTestId(`refund-next-${tender}`).click();
    await expect(page.getByTestId(`refund-confirm-text-${tender}`)).toHaveAttribute('data-amount', '10000');
    await expect(page.getByTestId(`refund-confirm-text-${tender}`)).toContainText('Kembalikan Rp 10.000');
    await page.getByTestId(`refund-confirm-${tender}`).click();
    await expect(paid).toHaveAttribute('data-status', 'partial_refund');
    await expect(paid).toHaveAttribute('data-refunded', '10000');
    await expect(page.getByTestId(`tender-status-${tender}`)).toHaveText('Dikembalikan sebagian');
    await expect(page.getByTestId(`refund-form-${tender}`)).toHaveCount(0);

    // 2. More than is left: the main process refuses; the cashier reads why in Indonesian, with the range.
    await page.getByTestId(`refund-${tender}`).click();
    await expect(amount).toHaveValue('34.000');
    await amount.fill('40.000');
    await page.getByTestId(`refund-next-${tender}`).click();
    await page.getByTestId(`refund-confirm-${tender}`).click();
    const error = page.getByTestId(`refund-error-${tender}`);
    await expect(error).toHaveAttribute('data-code', 'AMOUNT_INVALID');
    await expect(page.getByTestId(`refund-error-${tender}-headline`)).toHaveText('Jumlah tidak valid atau melebihi batas yang diizinkan.');
    await expect(error).toHaveAttribute('data-field', 'amount');
    await expect(page.getByTestId(`refund-error-${tender}-detail`)).toHaveText('Jumlah pengembalian harus antara Rp 1 dan Rp 34.000.');
    await expect(paid).toHaveAttribute('data-status', 'partial_refund');
    await expect(paid).toHaveAttribute('data-refunded', '10000');

    // 3. The rest: the payment is fully refunded and offers no more refunds.
    await amount.fill('34.000');
    await page.getByTestId(`refund-next-${tender}`).click();
    await page.getByTestId(`refund-confirm-${tender}`).click();
    await expect(paid).toHaveAttribute('data-status', 'refund');
    await expect(paid).toHaveAttribute('data-refunded', '44000');
    await expect(page.getByTestId(`tender-status-${tender}`)).toHaveText('Dana dikembalikan');
    await expect(page.getByTestId(`refund-${tender}`)).toHaveCount(0);

    const refunded = await tenderPayment(page, order);
    const listed = await page.evaluate(() => window.kasir.invoke('payments.list', { limit: 10 }));
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.value.find((p) => p.id === refunded.id)).toMatchObject({ status: 'refund', amount: 44_000, refundedAmount: 44_000 });

    await page.getByTestId('tab-today').click();
    await expect(page.getByTestId('report-refunded-total')).toHaveText('Rp 44.000');
  });

  test('a virtual-account payment offers no refund; asking anyway is explained, not swallowed', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await createOwner(page);
    await page.getByTestId('product-MATCHA').click();
    await page.getByTestId('method-va_bni').click();
    await page.getByTestId('charge').click();
    const va = (await page.getByTestId('va-number').textContent()) ?? '';
    await simulator.pay({ va_number: va });
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    const order = (await page.getByTestId('order-id').textContent()) ?? '';
    await page.keyboard.press('Enter'); // new sale from the keyboard
    await expect(page.getByTestId('payment-screen')).toHaveCount(0);

    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId(`history-${order}`)).toHaveAttribute('data-status', 'paid');
    await page.getByTestId(`history-open-${order}`).click();
    const tender = page.getByTestId(`tender-${order}-1`);
    await expect(tender).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId(`refund-${order}-1`)).toHaveCount(0);
    // Midtrans has no refund for VAs: the contract refuses before any network call.
    const { id } = await tenderPayment(page, order);
    const res = await page.evaluate((pid) => window.kasir.invoke('payments.refund', { id: pid }), id);
    expect(res).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    await expect(tender).toHaveAttribute('data-status', 'settlement');
  });
});
