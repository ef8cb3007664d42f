/** Tap-to-add product tiles, grouped by category. */
import type { Product } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useCart } from '../../stores/cart-store';

/** One tile per catalogue product (names and prices come from the catalogue, not the copy). */
export function ProductGrid({ products }: { products: Product[] }) {
  const add = useCart((s) => s.add);
  return (
    <div className="grid" data-testid="product-grid">
      {products.map((p) => (
        <button key={p.sku} className="tile" data-testid={`product-${p.sku}`} onClick={() => add(p)}>
          <span className="tile-name">{p.name}</span>
          <span className="tile-price">{formatRupiah(p.price)}</span>
        </button>
      ))}
    </div>
  );
}
