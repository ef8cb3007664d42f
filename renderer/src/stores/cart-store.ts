/** The cart on the counter: lines keyed by SKU, totals in integer rupiah. */
import { create } from 'zustand';
import type { CartItem, Product } from '../../../shared/contract/schemas';

interface CartState {
  lines: CartItem[];
  add(product: Product): void;
  setQuantity(sku: string, quantity: number): void;
  clear(): void;
  /** Re-prices lines from the current catalogue and drops products no longer sold. */
  syncWith(products: readonly Product[]): void;
}

export const useCart = create<CartState>((set) => ({
  lines: [],
  add: (p) =>
    set((s) => {
      const existing = s.lines.find((l) => l.sku === p.sku);
      if (existing) return { lines: s.lines.map((l) => (l.sku === p.sku ? { ...l, quantity: l.quantity + 1 } : l)) };
      return { lines: [...s.lines, { sku: p.sku, name: p.name, price: p.price, quantity: 1 }] };
    }),
  setQuantity: (sku, quantity) =>
    set((s) => ({
      lines: quantity <= 0 ? s.lines.filter((l) => l.sku !== sku) : s.lines.map((l) => (l.sku === sku ? { ...l, quantity } : l)),
    })),
  clear: () => set({ lines: [] }),
  syncWith: (products) =>
    set((s) => {
      const bySku = new Map(products.map((p) => [p.sku, p]));
      const lines = s.lines.flatMap((l) => {
        const p = bySku.get(l.sku);
        return p ? [{ ...l, name: p.name, price: p.price }] : [];
      });
      return { lines };
    }),
}));

/** Sum of price × quantity; integers in, integer out. */
export const cartTotal = (lines: readonly CartItem[]): number => lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
