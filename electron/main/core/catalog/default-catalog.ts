/**
 * The products a fresh ledger is seeded with (once, by CatalogService), so the
 * till works out of the box. After that the merchant's catalogue in the ledger
 * is the truth; editing this list never changes an existing till. All are
 * `standard` (ordinary goods): the shop's tax setting decides what that costs.
 * The packaged ones carry an EAN-13 barcode (GS1 Indonesia's 899 prefix, a
 * valid check digit) so a scanner works on a fresh till; the rest are sold by tile.
 */
import type { Product } from '../../../../shared/contract/schemas';

const standard = 'standard' as const;

export const DEFAULT_CATALOG: readonly Product[] = [
  { sku: 'KOPI-SUSU', name: 'Es Kopi Susu', price: 18_000, category: 'Minuman', taxClass: standard, barcode: null },
  { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, category: 'Minuman', taxClass: standard, barcode: null },
  { sku: 'TEH-MANIS', name: 'Es Teh Manis', price: 8_000, category: 'Minuman', taxClass: standard, barcode: '8991001000019' },
  { sku: 'MATCHA', name: 'Matcha Latte', price: 25_000, category: 'Minuman', taxClass: standard, barcode: null },
  { sku: 'NASI-GORENG', name: 'Nasi Goreng', price: 28_000, category: 'Makanan', taxClass: standard, barcode: null },
  { sku: 'MIE-AYAM', name: 'Mie Ayam', price: 22_000, category: 'Makanan', taxClass: standard, barcode: null },
  { sku: 'ROTI-BAKAR', name: 'Roti Bakar', price: 15_000, category: 'Makanan', taxClass: standard, barcode: '8991001000026' },
  { sku: 'PISANG-GRG', name: 'Pisang Goreng', price: 10_000, category: 'Camilan', taxClass: standard, barcode: '8991001000033' },
  { sku: 'KUE-LAPIS', name: 'Kue Lapis', price: 7_500, category: 'Camilan', taxClass: standard, barcode: '8991001000040' },
  { sku: 'AIR-MINERAL', name: 'Air Mineral', price: 5_000, category: 'Minuman', taxClass: standard, barcode: '8991001000057' },
];
