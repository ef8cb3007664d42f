/**
 * Tap-to-add product tiles with a search box (type a name or SKU, Enter
 * adds). A tap sends the line to main (`sales.setLines` via the sale store);
 * once a tender is paid or open the basket is fixed, so the tiles rest.
 */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useSale } from '../../stores/sale-store';
import { filterProducts, pickForEnter } from './product-search';

/** One tile per catalogue product (names and prices come from the catalogue, not the copy). */
export function ProductGrid({ products }: { products: Product[] }) {
  const { t } = useTranslation();
  const addProduct = useSale((s) => s.addProduct);
  // No sale yet counts as editable: the first tap opens one.
  const locked = useSale((s) => s.sale !== null && !(s.sale.status === 'open' && s.sale.editable));
  const add = (p: Product) => {
    if (!locked) addProduct(p.sku);
  };
  const [query, setQuery] = useState('');
  const shown = filterProducts(products, query);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setQuery('');
      return;
    }
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const pick = pickForEnter(products, query);
    if (!pick) return;
    add(pick);
    // Cleared for the next item (or the next scan from a barcode reader).
    setQuery('');
  };

  return (
    <div className="products">
      <input
        className="product-search"
        type="search"
        data-testid="product-search"
        aria-label={t('till.search')}
        placeholder={t('till.searchPlaceholder')}
        autoComplete="off"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {locked && (
        <p className="muted basket-locked" data-testid="basket-locked">
          {t('sale.locked')}
        </p>
      )}
      <div className="grid" data-testid="product-grid">
        {shown.map((p) => (
          <button key={p.sku} className="tile" data-testid={`product-${p.sku}`} disabled={locked} onClick={() => add(p)}>
            <span className="tile-name">{p.name}</span>
            <span className="tile-price">{formatRupiah(p.price)}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 && (
        <p className="muted" data-testid="product-search-empty">
          {products.length === 0 ? t('till.noProducts') : t('till.noMatch', { query: query.trim() })}
        </p>
      )}
    </div>
  );
}
