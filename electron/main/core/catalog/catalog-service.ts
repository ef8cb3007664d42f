/**
 * The merchant's own catalogue, kept in the ledger. A fresh ledger is seeded
 * once with the default catalogue so a new till sells at once; after that the
 * merchant's edits are the truth and nothing re-seeds. Removing a product only
 * takes it off the till: past orders carry their own item copies.
 */
import { describeIssues, invalidInputDetail } from '../../../../shared/contract/input-issues';
import { KasirError } from '../../../../shared/contract/result';
import {
  productInput,
  productSku,
  type CatalogProduct,
  type Product,
  type ProductInput,
} from '../../../../shared/contract/schemas';
import { isoUtc, type Clock } from '../clock';
import { ProductRepository, type Database, type ProductRow } from '../ledger';
import { DEFAULT_CATALOG } from './default-catalog';

/** What CatalogService is built from (constructor injection). */
export interface CatalogServiceDeps {
  db: Database;
  clock: Clock;
  /** What a fresh ledger starts with; defaults to DEFAULT_CATALOG. */
  defaults?: readonly Product[];
}

const toProduct = (r: ProductRow): Product => ({
  sku: r.sku, name: r.name, price: r.price, category: r.category, taxClass: r.tax_class, barcode: r.barcode,
});

const toCatalogProduct = (r: ProductRow): CatalogProduct => ({
  ...toProduct(r),
  active: r.active === 1,
  sortOrder: r.sort_order,
  updatedAt: r.updated_at,
});

/** Catalogue reads and edits; every write is one SQLite transaction. */
export class CatalogService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly defaults: readonly Product[];
  private readonly repo: ProductRepository;

  constructor(deps: CatalogServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.defaults = deps.defaults ?? DEFAULT_CATALOG;
    this.repo = new ProductRepository(deps.db);
  }

  /**
   * Seeds the default catalogue into an empty `products` table; true if it did.
   * Products are never deleted (schema trigger), so "empty" means "never
   * seeded and never edited": a merchant's catalogue is never overwritten.
   */
  seedIfEmpty(): boolean {
    return this.db
      .transaction(() => {
        if (this.repo.count() > 0) return false;
        const at = isoUtc(this.clock.now());
        this.defaults.forEach((p, i) =>
          this.repo.insert({
            sku: p.sku, name: p.name, price: p.price, category: p.category, tax_class: p.taxClass, barcode: p.barcode,
            active: 1, sort_order: i + 1, created_at: at, updated_at: at,
          }),
        );
        return true;
      })
      .immediate();
  }

  /** Active products in sort order: what the till shows. */
  list(): Product[] {
    return this.repo.active().map(toProduct);
  }

  /** Every product, inactive ones included, in sort order. */
  all(): CatalogProduct[] {
    return this.repo.all().map(toCatalogProduct);
  }

  /**
   * Creates or updates a product by SKU. Validates here too (not only in the
   * router), so no caller can write a float price or an empty name. `actor`
   * (staff id) is recorded as who last wrote the product. Without a
   * `taxClass` a new product is `standard` and an existing one keeps its
   * class, so a caller that predates tax classes (re-activating a product by
   * saving it) never resets a luxury good to ordinary. The barcode likewise:
   * absent keeps the product's own, null clears it; one another product
   * carries (active or not: re-activating it must not make a scan ambiguous)
   * is a CONFLICT naming that product.
   * @throws KasirError INVALID_INPUT for a bad field, CONFLICT for `isNew` on an existing SKU or a barcode taken.
   */
  save(input: ProductInput, actor?: string): CatalogProduct {
    const parsed = productInput.safeParse(input);
    if (!parsed.success) throw new KasirError('INVALID_INPUT', describeIssues(parsed.error.issues), invalidInputDetail(parsed.error.issues));
    const { sku, name, price, category, active, isNew, taxClass, barcode } = parsed.data;
    return this.db
      .transaction(() => {
        const at = isoUtc(this.clock.now());
        const existing = this.repo.bySku(sku);
        if (existing && isNew) {
          throw new KasirError('CONFLICT', `A product with SKU ${sku} already exists.`, { params: { reason: 'sku_exists', sku }, field: 'sku' });
        }
        if (barcode) {
          const holder = this.repo.byBarcode(barcode);
          if (holder && holder.sku !== sku) {
            throw new KasirError('CONFLICT', `Barcode ${barcode} already belongs to ${holder.sku}.`, {
              params: { reason: 'barcode_exists', barcode, sku: holder.sku, name: holder.name },
              field: 'barcode',
            });
          }
        }
        const row = { sku, name, price, category, active: active ? 1 : 0, updated_at: at, actor } as const;
        // No class or barcode given: the row keeps its own (the repository leaves the column as it is).
        const kept = { ...row, ...(taxClass && { tax_class: taxClass }), ...(barcode !== undefined && { barcode }) };
        if (existing) this.repo.update(kept);
        else this.repo.insert({ ...kept, tax_class: taxClass ?? 'standard', sort_order: this.repo.nextSortOrder(), created_at: at });
        return this.mustGet(sku);
      })
      .immediate();
  }

  /**
   * Takes a product off the till. Soft: the row stays (inactive) and can be
   * re-activated by saving it; past orders are untouched. `actor` as for `save`.
   * @throws KasirError INVALID_INPUT for a malformed SKU, NOT_FOUND for an unknown one.
   */
  remove(skuInput: string, actor?: string): CatalogProduct {
    const parsed = productSku.safeParse(skuInput);
    if (!parsed.success) throw new KasirError('INVALID_INPUT', describeIssues(parsed.error.issues), invalidInputDetail(parsed.error.issues));
    const sku = parsed.data;
    return this.db
      .transaction(() => {
        const existing = this.repo.bySku(sku);
        if (!existing) throw new KasirError('NOT_FOUND', `No product with SKU ${sku}.`, { params: { what: 'product', sku }, field: 'sku' });
        // Removing twice is not an error: the till ends up the same.
        if (existing.active === 1) this.repo.setActive(sku, false, isoUtc(this.clock.now()), actor);
        return this.mustGet(sku);
      })
      .immediate();
  }

  private mustGet(sku: string): CatalogProduct {
    const row = this.repo.bySku(sku);
    if (!row) throw new Error(`product ${sku} vanished inside its own transaction`);
    return toCatalogProduct(row);
  }
}
