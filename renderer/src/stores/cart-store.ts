/** The cart on the counter: lines keyed by SKU, totals in integer rupiah. */
import { create } from 'zustand';
import type { CartItem, Product } from '../../../shared/contract/schemas';

interface CartState {
  lines: CartItem[];
  add(product: Product): void;
  setQuantity(sku: string, quantity: number): void;
  clear(): void;
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
}));

/** Sum of price × quantity; integers in, integer out. */
export const cartTotal = (lines: readonly CartItem[]): number => lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
