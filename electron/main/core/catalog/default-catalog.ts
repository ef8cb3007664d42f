/**
 * The products a fresh ledger is seeded with (once, by CatalogService), so the
 * till works out of the box. After that the merchant's catalogue in the ledger
 * is the truth; editing this list never changes an existing till. All are
 * `standard` (ordinary goods): the shop's tax setting decides what that costs.
 */
import type { Product } from '../../../../shared/contract/schemas';

export const DEFAULT_CATALOG: readonly Product[] = [
  { sku: 'KOPI-SUSU', name: 'Es Kopi Susu', price: 18_000, category: 'Minuman', taxClass: 'standard' },
  { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, category: 'Minuman', taxClass: 'standard' },
  { sku: 'TEH-MANIS', name: 'Es Teh Manis', price: 8_000, category: 'Minuman', taxClass: 'standard' },
  { sku: 'MATCHA', name: 'Matcha Latte', price: 25_000, category: 'Minuman', taxClass: 'standard' },
  { sku: 'NASI-GORENG', name: 'Nasi Goreng', price: 28_000, category: 'Makanan', taxClass: 'standard' },
  { sku: 'MIE-AYAM', name: 'Mie Ayam', price: 22_000, category: 'Makanan', taxClass: 'standard' },
  { sku: 'ROTI-BAKAR', name: 'Roti Bakar', price: 15_000, category: 'Makanan', taxClass: 'standard' },
  { sku: 'PISANG-GRG', name: 'Pisang Goreng', price: 10_000, category: 'Camilan', taxClass: 'standard' },
  { sku: 'KUE-LAPIS', name: 'Kue Lapis', price: 7_500, category: 'Camilan', taxClass: 'standard' },
  { sku: 'AIR-MINERAL', name: 'Air Mineral', price: 5_000, category: 'Minuman', taxClass: 'standard' },
];
