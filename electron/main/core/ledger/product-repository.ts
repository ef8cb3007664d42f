/**
 * The `products` table (the merchant's catalogue) behind prepared statements.
 * Rows are never deleted (a schema trigger refuses it): "remove" clears
 * `active`, so past orders and the seed-once rule both stay sound. Each
 * write that changes a row appends its domain event through the LedgerWriter.
 */
import { LedgerWriter, type DomainEvent } from './domain-events';
import type { Database } from './open-ledger';
import { TILL_ACTOR_ID } from './vocabulary';

/** A `products` row, exactly the columns. */
export interface ProductRow {
  sku: string;
  name: string;
  /** Whole rupiah, ≥ 1. */
  price: number;
  category: string;
  active: 0 | 1;
  sort_order: number;
  created_at: string;
  updated_at: string;
  /** Who last created or changed it (staff id or 'till'). */
  actor: string;
}

/** A product as inserted; the actor defaults to 'till'. */
export type NewProductRow = Omit<ProductRow, 'actor'> & { actor?: string };

/** The columns a save may change; sku identifies the row. The actor defaults to 'till'. */
export type ProductWrite = Pick<ProductRow, 'sku' | 'name' | 'price' | 'category' | 'active' | 'updated_at'> & { actor?: string };

/** Prepared statements over `products`. */
export class ProductRepository {
  private readonly ins;
  private readonly upd;
  private readonly setActiveStmt;
  private readonly selOne;
  private readonly selActive;
  private readonly selAll;
  private readonly selCount;
  private readonly selNextOrder;

  constructor(
    db: Database,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.ins = db.prepare<[ProductRow]>(
      `INSERT INTO products (sku, name, price, category, active, sort_order, created_at, updated_at, actor)
       VALUES (@sku, @name, @price, @category, @active, @sort_order, @created_at, @updated_at, @actor)`,
    );
    this.upd = db.prepare<[ProductWrite & { actor: string }]>(
      `UPDATE products SET name = @name, price = @price, category = @category, active = @active, updated_at = @updated_at,
         actor = @actor
       WHERE sku = @sku`,
    );
    this.setActiveStmt = db.prepare<[{ sku: string; active: 0 | 1; updated_at: string; actor: string }]>(
      'UPDATE products SET active = @active, updated_at = @updated_at, actor = @actor WHERE sku = @sku',
    );
    this.selOne = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE sku = ?');
    this.selActive = db.prepare<[], ProductRow>('SELECT * FROM products WHERE active = 1 ORDER BY sort_order, sku');
    this.selAll = db.prepare<[], ProductRow>('SELECT * FROM products ORDER BY sort_order, sku');
    this.selCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM products');
    this.selNextOrder = db.prepare<[], { next: number }>('SELECT COALESCE(MAX(sort_order), 0) + 1 AS next FROM products');
  }

  /** Inserts a new product; throws SQLITE_CONSTRAINT_PRIMARYKEY if the sku exists. */
  insert(row: NewProductRow): void {
    const actor = row.actor ?? TILL_ACTOR_ID;
    this.writer.write(
      () => this.ins.run({ ...row, actor }),
      () => productEvent('product.created', row, row.created_at, actor),
    );
  }

  /** Updates an existing product's editable columns; false if no such sku. */
  update(row: ProductWrite): boolean {
    const actor = row.actor ?? TILL_ACTOR_ID;
    return this.writer.write(
      () => this.upd.run({ ...row, actor }).changes === 1,
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
    return this.selOne.get(sku);
  }

  /** What the till sells: active products in sort order. */
  active(): ProductRow[] {
    return this.selActive.all();
  }

  /** Every product, inactive ones included, in sort order (for the editor). */
  all(): ProductRow[] {
    return this.selAll.all();
  }

  count(): number {
    return this.selCount.get()?.n ?? 0;
  }

  /** The sort order that places a new product after every existing one. */
  nextSortOrder(): number {
    return this.selNextOrder.get()?.next ?? 1;
  }
}

/** A product's created/updated event: what the till sells it as. */
function productEvent(
  type: 'product.created' | 'product.updated',
  row: Pick<ProductRow, 'sku' | 'name' | 'price' | 'category' | 'active'>,
  at: string,
  actor: string,
): DomainEvent {
  return { type, aggregateId: row.sku, payload: { name: row.name, price: row.price, category: row.category, active: row.active === 1 }, at, actor };
}
