/**
 * The product grid's state: the search query, what it shows, the highlighted
 * result (arrow keys move it) and what Enter does (`product-search.ts`:
 * adds only the highlighted result, never a fuzzy first match). A tap or an
 * Enter sends the line to main through the sale store; once a tender is paid
 * or open the basket is fixed, so nothing is added.
 */
import { useState, type KeyboardEvent } from 'react';
import type { Product } from '../../../../shared/contract/schemas';
import { useSale } from '../../stores/sale-store';
import { enterAction, filterProducts, initialHighlight, moveHighlight } from './product-search';

/**
 * Hook for `ProductGrid`. `products` is what the chosen category tab shows;
 * a search looks through `all` of them (a cashier typing "nasi" on the
 * drinks tab still finds it).
 */
export function useProductSearch(products: readonly Product[], all: readonly Product[] = products) {
  const addProduct = useSale((s) => s.addProduct);
  // No sale yet counts as editable: the first tap opens one.
  const locked = useSale((s) => s.sale !== null && !(s.sale.status === 'open' && s.sale.editable));
  const [query, setQueryState] = useState('');
  const shown = query.trim() === '' ? filterProducts(products, query) : filterProducts(all, query);
  // null = "as the query suggests" (initialHighlight); a number once the cashier moved it.
  const [moved, setMoved] = useState<number | null>(null);
  const highlighted = moved !== null && moved < shown.length ? moved : initialHighlight(shown, query);

  const setQuery = (q: string) => {
    setQueryState(q);
    setMoved(null);
  };
  const add = (p: Product) => {
    if (!locked) addProduct(p.sku);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      if (query) e.stopPropagation(); // only clears the box; the till's Escape is for the next press
      setQuery('');
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault(); // the caret stays where it is
      setMoved(moveHighlight(highlighted, e.key === 'ArrowDown' ? 1 : -1, shown.length));
      return;
    }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = enterAction(shown, query, highlighted);
    if (next.kind === 'highlight') setMoved(next.index);
    if (next.kind !== 'add') return;
    add(next.product);
    // Cleared for the next item.
    setQuery('');
  };

  return { query, setQuery, shown, highlighted, locked, add, onKeyDown, empty: products.length === 0 };
}
