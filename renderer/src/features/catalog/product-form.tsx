/**
 * Add or edit one product. The price is typed the Indonesian way ("9.000",
 * "Rp 9.000") and read by `parseRupiah`, so a fraction never reaches the
 * contract; everything else is checked again by the main process.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogProduct } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { ErrorMessage } from '../../components/error-message';
import { groupThousands, parseRupiah } from '../../components/rupiah-input';

export interface ProductFormProps {
  /** The product being edited, or null for a new one. */
  product: CatalogProduct | null;
  /** Existing categories, offered as suggestions. */
  categories: readonly string[];
  onSaved(product: CatalogProduct): void;
  onCancel(): void;
}

/** The editor's form; SKU is fixed once a product exists (it identifies past sales' lines). */
export function ProductForm({ product, categories, onSaved, onCancel }: ProductFormProps) {
  const { t } = useTranslation();
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [price, setPrice] = useState(product ? groupThousands(product.price) : '');
  const [category, setCategory] = useState(product?.category ?? '');
  const [active, setActive] = useState(product?.active ?? true);
  const [priceInvalid, setPriceInvalid] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const rupiah = parseRupiah(price);
    setPriceInvalid(rupiah === null || rupiah < 1);
    if (rupiah === null || rupiah < 1) return;
    setBusy(true);
    const res = await call('catalog.save', { sku, name, price: rupiah, category, active, isNew: product === null });
    setBusy(false);
    setError(res.ok ? null : res);
    if (res.ok) onSaved(res.value);
  };

  return (
    <form className="product-form" data-testid="product-form" onSubmit={(e) => void submit(e)}>
      <h3>{product ? t('catalog.editTitle', { name: product.name }) : t('catalog.newTitle')}</h3>
      <label>
        {t('catalog.sku')}
        <input
          data-testid="product-form-sku"
          value={sku}
          maxLength={50}
          readOnly={product !== null}
          placeholder={t('catalog.skuPlaceholder')}
          autoFocus={product === null}
          onChange={(e) => setSku(e.target.value)}
        />
      </label>
      <label>
        {t('catalog.name')}
        <input data-testid="product-form-name" value={name} maxLength={50} autoFocus={product !== null} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('catalog.price')}
        <input
          data-testid="product-form-price"
          inputMode="numeric"
          value={price}
          placeholder={t('catalog.pricePlaceholder')}
          aria-invalid={priceInvalid}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <label>
        {t('catalog.category')}
        <input data-testid="product-form-category" list="catalog-categories" value={category} maxLength={50} onChange={(e) => setCategory(e.target.value)} />
        <datalist id="catalog-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <label className="product-form-active">
        <input type="checkbox" data-testid="product-form-active" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('catalog.activeLabel')}
      </label>
      {priceInvalid && (
        <p className="error" role="alert" data-testid="product-form-price-invalid">
          {t('catalog.priceInvalid')}
        </p>
      )}
      <ErrorMessage error={error} testId="product-form-error" />
      <div className="product-form-actions">
        <button type="submit" className="primary" data-testid="product-form-save" disabled={busy}>
          {busy ? t('catalog.saving') : t('catalog.save')}
        </button>
        <button type="button" data-testid="product-form-cancel" onClick={onCancel}>
          {t('catalog.cancel')}
        </button>
      </div>
    </form>
  );
}
