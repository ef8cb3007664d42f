/**
 * The Products tab: the merchant's own catalogue. List every product (inactive
 * ones too), add, edit name/price/category/tax class, and take a product off
 * the till or put it back. Each change refreshes the till's grid through the catalog store.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogProduct } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { call } from '../../api';
import { withApproval } from '../../stores/approval-store';
import { ErrorMessage } from '../../components/error-message';
import { useCatalog } from '../../stores/catalog-store';
import { ProductForm } from './product-form';
import './catalog.css';

/** What the form is open for: nothing, a new product, or one existing product. */
type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; product: CatalogProduct };

/** The catalogue editor. */
export function CatalogScreen() {
  const { t } = useTranslation();
  const reloadTill = useCatalog((s) => s.load);
  const [rows, setRows] = useState<CatalogProduct[]>([]);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [error, setError] = useState<Err | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call('catalog.all');
    if (res.ok) setRows(res.value);
    else setError(res);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const afterChange = async (p: CatalogProduct) => {
    setSaved(p.name);
    setError(null);
    await Promise.all([load(), reloadTill()]);
  };

  const toggle = async (p: CatalogProduct) => {
    // Catalogue changes are the owner's: a cashier is asked for the owner PIN.
    const res = await withApproval((approval) =>
      p.active
        ? call('catalog.remove', { sku: p.sku, ...approval })
        : call('catalog.save', { sku: p.sku, name: p.name, price: p.price, category: p.category, taxClass: p.taxClass, active: true, ...approval }),
    );
    if (res.ok) await afterChange(res.value);
    else setError(res);
  };

  const categories = [...new Set(rows.map((r) => r.category))].sort((a, b) => a.localeCompare(b, 'id'));

  return (
    <section className="catalog" data-testid="catalog">
      <header className="catalog-header">
        <h2>{t('catalog.title')}</h2>
        <button className="primary" data-testid="catalog-add" disabled={editing.kind === 'new'} onClick={() => setEditing({ kind: 'new' })}>
          {t('catalog.add')}
        </button>
      </header>
      <p className="muted">{t('catalog.intro')}</p>
      {editing.kind !== 'none' && (
        <ProductForm
          key={editing.kind === 'edit' ? editing.product.sku : '+new'}
          product={editing.kind === 'edit' ? editing.product : null}
          categories={categories}
          onCancel={() => setEditing({ kind: 'none' })}
          onSaved={(p) => {
            setEditing({ kind: 'none' });
            void afterChange(p);
          }}
        />
      )}
      {saved && editing.kind === 'none' && (
        <p className="muted" role="status" data-testid="catalog-saved">
          {t('catalog.saved', { name: saved })}
        </p>
      )}
      <ErrorMessage error={error} testId="catalog-error" />
      {rows.length === 0 ? (
        <p className="muted">{t('catalog.empty')}</p>
      ) : (
        <table className="catalog-table" data-testid="catalog-table">
          <thead>
            <tr>
              <th>{t('catalog.sku')}</th>
              <th>{t('catalog.name')}</th>
              <th>{t('catalog.category')}</th>
              <th>{t('catalog.price')}</th>
              <th>{t('catalog.taxClass')}</th>
              <th>{t('catalog.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.sku} className={p.active ? '' : 'inactive'} data-testid={`catalog-row-${p.sku}`} data-active={p.active}>
                <td>
                  {p.sku}
                  {p.barcode && <div className="muted catalog-barcode" data-testid={`catalog-barcode-${p.sku}`}>{p.barcode}</div>}
                </td>
                <td data-testid={`catalog-name-${p.sku}`}>{p.name}</td>
                <td>{p.category}</td>
                <td data-testid={`catalog-price-${p.sku}`}>{formatRupiah(p.price)}</td>
                <td data-testid={`catalog-tax-${p.sku}`} data-tax-class={p.taxClass}>
                  {t(`catalog.taxClassOption.${p.taxClass}`)}
                </td>
                <td data-testid={`catalog-status-${p.sku}`}>{p.active ? t('catalog.active') : t('catalog.inactive')}</td>
                <td className="catalog-actions">
                  <button data-testid={`catalog-edit-${p.sku}`} onClick={() => setEditing({ kind: 'edit', product: p })}>
                    {t('catalog.edit')}
                  </button>
                  <button data-testid={`catalog-toggle-${p.sku}`} onClick={() => void toggle(p)}>
                    {p.active ? t('catalog.deactivate') : t('catalog.activate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
