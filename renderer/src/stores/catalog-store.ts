/**
 * The till's products (active ones, in the merchant's order). One store so the
 * catalogue editor can refresh the till after a save without prop plumbing.
 * Prices shown on the tiles come from here; a sale's prices come from main,
 * which copies them from the catalogue when the lines are set.
 */
import { create } from 'zustand';
import type { Product } from '../../../shared/contract/schemas';
import { call } from '../api';

interface CatalogState {
  products: Product[];
  /** Re-reads `catalog.list`; keeps the last good list if the call fails. */
  load(): Promise<void>;
}

export const useCatalog = create<CatalogState>((set) => ({
  products: [],
  load: async () => {
    const res = await call('catalog.list');
    if (res.ok) set({ products: res.value });
  },
}));
