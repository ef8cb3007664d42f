/**
 * Tap-to-add product tiles with a search box (type a name, SKU or barcode;
 * ↑/↓ choose a result, Enter adds the highlighted one). A tap sends the line
 * to main (`sales.setLines` via the sale store); once a tender is paid or
 * open the basket is fixed, so the tiles rest. A barcode scan never goes
 * through here: `scanner-capture.ts` takes it first, wherever focus is.
 */
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useProductSearch } from './use-product-search';

/**
 * One tile per product of the chosen category (names and prices come from the
 * catalogue, not the copy); a search looks through `allProducts`.
 */
export function ProductGrid({ products, allProducts }: { products: Product[]; allProducts: Product[] }) {
  const { t } = useTranslation();
  const { query, setQuery, shown, highlighted, locked, add, onKeyDown, empty } = useProductSearch(products, allProducts);

  return (
    <div className="products">
      <input
        className="product-search"
        type="search"
        data-testid="product-search"
        aria-label={t('till.search')}
        aria-keyshortcuts="F2"
        placeholder={t('shortcuts.searchPlaceholder')}
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
        {shown.map((p, i) => (
          <button
            key={p.sku}
            // The result Enter adds (tiles stay buttons: a tap adds, as before).
            aria-current={i === highlighted ? 'true' : undefined}
            className={`tile${i === highlighted ? ' highlighted' : ''}`}
            data-testid={`product-${p.sku}`}
            data-highlighted={i === highlighted}
            disabled={locked}
            onClick={() => add(p)}
          >
            <span className="tile-name">{p.name}</span>
            <span className="tile-price">{formatRupiah(p.price)}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 && (
        <p className="muted" data-testid="product-search-empty">
          {empty ? t('till.noProducts') : t('till.noMatch', { query: query.trim() })}
        </p>
      )}
    </div>
  );
}
