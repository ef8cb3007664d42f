/**
 * The Till tab: the product grid and the cart while the sale is built (and
 * while a split sale waits for its next tender), the tender screen while an
 * electronic tender waits or after it failed, the paid receipt, the voided
 * sale. Which one is `tillMode` of main's sale.
 */
import type { PaymentMethod } from '../../../../shared/domain/payment';
import type { Product } from '../../../../shared/contract/schemas';
import { useSale } from '../../stores/sale-store';
import { PaymentScreen } from '../payment/payment-screen';
import { SalePaid } from '../payment/sale-paid';
import { SaleVoided } from '../payment/sale-voided';
import { CartPanel } from './cart-panel';
import { ProductGrid } from './product-grid';
import { tillMode } from './till-mode';
import './till.css';
import '../payment/payment.css';

export interface TillScreenProps {
  products: Product[];
  methods: PaymentMethod[];
  printer: 'none' | 'tcp' | 'device';
}

/** The till for the sale on screen. */
export function TillScreen({ products, methods, printer }: TillScreenProps) {
  const kind = useSale((s) => tillMode(s.sale, s.step, s.watching).kind);
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
          <ProductGrid products={products} />
          <CartPanel methods={methods} />
        </div>
      );
  }
}
