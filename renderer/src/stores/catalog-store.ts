/**
 * The till's products (active ones, in the merchant's order). One store so the
 * catalogue editor can refresh the till after a save without prop plumbing.
 */
import { create } from 'zustand';
import type { Product } from '../../../shared/contract/schemas';
import { call } from '../api';
import { useCart } from './cart-store';

interface CatalogState {
  products: Product[];
  /** Re-reads `catalog.list`; keeps the last good list if the call fails. */
  load(): Promise<void>;
}

export const useCatalog = create<CatalogState>((set) => ({
  products: [],
  load: async () => {
    const res = await call('catalog.list');
    if (!res.ok) return;
    set({ products: res.value });
    // The main process prices every sale from the catalogue: keep the cart on the same prices.
    useCart.getState().syncWith(res.value);
  },
}));

