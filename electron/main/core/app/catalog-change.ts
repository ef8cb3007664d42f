/**
 * Before/after of a catalogue edit for its audit row: only the fields that
 * changed (a price override reads as `{ before: { price: 12000 }, after: { price: 9000 } }`).
 */
import type { CatalogProduct } from '../../../../shared/contract/schemas';

const AUDITED_FIELDS = ['name', 'price', 'category', 'active', 'taxClass'] as const;
type AuditedField = (typeof AUDITED_FIELDS)[number];
type Fields = Partial<Pick<CatalogProduct, AuditedField>>;

const pick = (p: CatalogProduct, fields: readonly AuditedField[]): Fields =>
  Object.fromEntries(fields.map((f) => [f, p[f]])) as Fields;

/** The changed fields of a product, before and after; `before` is null for a new product. */
export function catalogChange(before: CatalogProduct | null, after: CatalogProduct): { before: Fields | null; after: Fields } {
  if (!before) return { before: null, after: pick(after, AUDITED_FIELDS) };
  const changed = AUDITED_FIELDS.filter((f) => before[f] !== after[f]);
  return { before: pick(before, changed), after: pick(after, changed) };
}
