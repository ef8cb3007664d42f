/**
 * The `products` table (the merchant's catalogue) behind prepared statements.
 * Rows are never deleted (a schema trigger refuses it): "remove" clears
 * `active`, so past orders and the seed-once rule both stay sound. Each
 * write that changes a row appends its domain event through the LedgerWriter.
 *
 * `tax_class` is a vocabulary column (like those in vocabulary.ts): SQL only
 * checks its shape, and every value written and read is checked here against
 * pricing's TAX_CLASSES, so a class this Kasir does not know is a
 * LedgerValueError naming the column, never a product priced at a guess.
 *
 * `barcode` (v9) is what a scanner reads: unique when set (a partial unique
 * index), so the service checks `byBarcode` first and answers CONFLICT
 * before the index would refuse the write.
 */
import { TAX_CLASSES, type TaxClass } from '../../../../shared/domain/pricing/types';
import { LedgerWriter, type DomainEvent } from './domain-events';
import type { Database } from './open-ledger';
import { LedgerValueError, TILL_ACTOR_ID } from './vocabulary';

/** A `products` row, exactly the columns. */
export interface ProductRow {
  sku: string;
  name: string;
  /** Whole rupiah, ≥ 1. */
  price: number;
  category: string;
  active: 0 | 1;
  /** How it is taxed (v9; 'standard' for every product before). */
  tax_class: TaxClass;
  sort_order: number;
  /** What a barcode scanner reads (EAN-13, UPC, the shop's own); null when none (v9). */
  barcode: string | null;
  created_at: string;
  updated_at: string;
  /** Who last created or changed it (staff id or 'till'). */
  actor: string;
}

/** A product as inserted; the actor defaults to 'till', the tax class to 'standard' (the column's default), the barcode to none. */
export type NewProductRow = Omit<ProductRow, 'actor' | 'tax_class' | 'barcode'> & { actor?: string; tax_class?: TaxClass; barcode?: string | null };

/**
 * The columns a save may change; sku identifies the row. The actor defaults
 * to 'till'; without a tax class the product keeps the one it has.
 */
export type ProductWrite = Pick<ProductRow, 'sku' | 'name' | 'price' | 'category' | 'active' | 'updated_at'> & {
  actor?: string;
  tax_class?: TaxClass;
  /** Absent: the product keeps its barcode; null clears it. */
  barcode?: string | null;
};

/** Prepared statements over `products`. */
export class ProductRepository {
  private readonly ins;
  private readonly upd;
  private readonly setActiveStmt;
  private readonly selOne;
  private readonly selByBarcode;
  private readonly selActive;
  private readonly selAll;
  private readonly selCount;
  private readonly selNextOrder;

  constructor(
    db: Database,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.ins = db.prepare<[ProductRow]>(
      `INSERT INTO products (sku, name, price, category, active, tax_class, barcode, sort_order, created_at, updated_at, actor)
       VALUES (@sku, @name, @price, @category, @active, @tax_class, @barcode, @sort_order, @created_at, @updated_at, @actor)`,
    );
    this.upd = db.prepare<[Omit<ProductWrite, 'tax_class' | 'barcode'> & { actor: string; tax_class: TaxClass | null; barcode: string | null; keep_barcode: 0 | 1 }]>(
      `UPDATE products SET name = @name, price = @price, category = @category, active = @active,
         tax_class = COALESCE(@tax_class, tax_class),
         barcode = CASE WHEN @keep_barcode = 1 THEN barcode ELSE @barcode END,
         updated_at = @updated_at, actor = @actor
       WHERE sku = @sku`,
    );
    this.setActiveStmt = db.prepare<[{ sku: string; active: 0 | 1; updated_at: string; actor: string }]>(
      'UPDATE products SET active = @active, updated_at = @updated_at, actor = @actor WHERE sku = @sku',
    );
    this.selOne = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE sku = ?');
    this.selByBarcode = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE barcode = ?');
    this.selActive = db.prepare<[], ProductRow>('SELECT * FROM products WHERE active = 1 ORDER BY sort_order, sku');
    this.selAll = db.prepare<[], ProductRow>('SELECT * FROM products ORDER BY sort_order, sku');
    this.selCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM products');
    this.selNextOrder = db.prepare<[], { next: number }>('SELECT COALESCE(MAX(sort_order), 0) + 1 AS next FROM products');
  }

  /** Inserts a new product; throws SQLITE_CONSTRAINT_PRIMARYKEY if the sku exists. */
  insert(row: NewProductRow): void {
    const actor = row.actor ?? TILL_ACTOR_ID;
    const full = { ...row, actor, tax_class: row.tax_class ?? 'standard', barcode: row.barcode ?? null };
    checkTaxClass(full.tax_class, 'write');
    this.writer.write(
      () => this.ins.run(full),
      () => productEvent('product.created', { ...full, barcode: full.barcode ?? undefined }, row.created_at, actor),
    );
  }

  /** Updates an existing product's editable columns; false if no such sku. */
  update(row: ProductWrite): boolean {
    const actor = row.actor ?? TILL_ACTOR_ID;
    if (row.tax_class !== undefined) checkTaxClass(row.tax_class, 'write');
    return this.writer.write(
      () =>
        this.upd.run({ ...row, actor, tax_class: row.tax_class ?? null, barcode: row.barcode ?? null, keep_barcode: row.barcode === undefined ? 1 : 0 })
          .changes === 1,
      (changed) => (changed ? productEvent('product.updated', row, row.updated_at, actor) : null),
    );
  }

  /** Marks a product (in)active; false if no such sku. */
  setActive(sku: string, active: boolean, updatedAt: string, actor: string = TILL_ACTOR_ID): boolean {
    return this.writer.write(
      () => this.setActiveStmt.run({ sku, active: active ? 1 : 0, updated_at: updatedAt, actor }).changes === 1,
      (changed) => (changed ? { type: 'product.active_changed', aggregateId: sku, payload: { active }, at: updatedAt, actor } : null),
    );
  }

  bySku(sku: string): ProductRow | undefined {
    const row = this.selOne.get(sku);
    return row && checked(row);
  }

  /** The product (active or not) that carries `barcode`, exactly as stored. */
  byBarcode(barcode: string): ProductRow | undefined {
    const row = this.selByBarcode.get(barcode);
    return row && checked(row);
  }

  /** What the till sells: active products in sort order. */
  active(): ProductRow[] {
    return this.selActive.all().map(checked);
  }

  /** Every product, inactive ones included, in sort order (for the editor). */
  all(): ProductRow[] {
    return this.selAll.all().map(checked);
  }

  count(): number {
    return this.selCount.get()?.n ?? 0;
  }

  /** The sort order that places a new product after every existing one. */
  nextSortOrder(): number {
    return this.selNextOrder.get()?.next ?? 1;
  }
}

/** Throws LedgerValueError unless `value` is one of pricing's tax classes. */
function checkTaxClass(value: unknown, direction: 'read' | 'write'): void {
  if (typeof value !== 'string' || !(TAX_CLASSES as readonly string[]).includes(value)) {
    throw new LedgerValueError('products', 'tax_class', value, direction, TAX_CLASSES);
  }
}

function checked(row: ProductRow): ProductRow {
  checkTaxClass(row.tax_class, 'read');
  return row;
}

/** A product's created/updated event: what the till sells it as (`taxClass` when the write set it). */
function productEvent(
  type: 'product.created' | 'product.updated',
  row: Pick<ProductRow, 'sku' | 'name' | 'price' | 'category' | 'active'> & { tax_class?: TaxClass; barcode?: string | null },
  at: string,
  actor: string,
): DomainEvent {
  const payload = {
    name: row.name, price: row.price, category: row.category, active: row.active === 1,
    ...(row.tax_class && { taxClass: row.tax_class }),
    // Only when the write set one (or cleared it): a save that leaves the barcode alone says nothing about it.
    ...(row.barcode !== undefined && { barcode: row.barcode }),
  };
  return { type, aggregateId: row.sku, payload, at, actor };
}
