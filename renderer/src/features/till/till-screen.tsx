/**
 * The Till tab: the category tabs, the product grid and the cart while the
 * sale is built (and while a split sale waits for its next tender), the
 * tender screen while an electronic tender waits or after it failed, the
 * paid receipt, the voided sale. Which one is `tillMode` of main's sale.
 * The whole tab fits the window (no page scroll at 1024×768): the grid and
 * the cart's lines scroll inside their own panels. A payment made on a
 * tender the cashier left raises the owner's dialog over any of them.
 */
import { useState } from 'react';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import type { Product } from '../../../../shared/contract/schemas';
import { useSale } from '../../stores/sale-store';
import { PaymentScreen } from '../payment/payment-screen';
import { SalePaid } from '../payment/sale-paid';
import { SaleVoided } from '../payment/sale-voided';
import { LatePaymentsDialog } from '../payment/late-payments-dialog';
import { CartPanel } from './cart-panel';
import { ProductGrid } from './product-grid';
import { KeyboardLayer } from './keyboard-layer';
import { CategoryTabs } from './category-tabs';
import { ALL_CATEGORIES, categoriesOf, effectiveCategory, productsInCategory } from './categories';
import { tillMode } from './till-mode';
import './till.css';
import '../payment/payment.css';

export interface TillScreenProps {
  products: Product[];
  methods: PaymentMethod[];
  printer: 'none' | 'tcp' | 'device';
}

/** The screen for the sale's mode. */
function TillBody({ products, methods, printer }: TillScreenProps) {
  const kind = useSale((s) => tillMode(s.sale, s.step, s.watching).kind);
  const [chosen, setChosen] = useState(ALL_CATEGORIES);
  const categories = categoriesOf(products);
  const category = effectiveCategory(categories, chosen);
  switch (kind) {
    case 'tender':
    case 'failed':
      return <PaymentScreen />;
    case 'paid':
      return <SalePaid printer={printer} />;
    case 'voided':
      return <SaleVoided />;
    default:
      return (
        <div className="till" data-testid="till">
          <div className="till-products">
            <CategoryTabs categories={categories} chosen={category} onChoose={setChosen} />
            <ProductGrid products={productsInCategory(products, category)} allProducts={products} />
          </div>
          <CartPanel methods={methods} />
        </div>
      );
  }
}

/** The till for the sale on screen. */
export function TillScreen(props: TillScreenProps) {
  return (
    <div className="till-frame" data-testid="till-frame">
      {/* Scanner + F-key shortcuts (H3): first, so a scan is taken before anything on the till sees it. */}
      <KeyboardLayer products={props.products} methods={props.methods} />
      <TillBody {...props} />
      <LatePaymentsDialog />
    </div>
  );
}
