/**
 * Add or edit one product. The price is typed the Indonesian way ("9.000",
 * "Rp 9.000") and read by `parseRupiah`, so a fraction never reaches the
 * contract; everything else is checked again by the main process. The tax
 * class says how the shop's tax applies to it (ordinary, luxury, exempt).
 * The barcode is what the till's scanner reads (optional; one product per
 * barcode: a taken one is main's CONFLICT, shown next to the field). A
 * scanner ends with Enter: in the barcode field that moves on instead of
 * saving a half-filled form.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogProduct } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { TAX_CLASSES, type TaxClass } from '../../../../shared/domain/pricing/types';
import { call } from '../../api';
import { withApproval } from '../../stores/approval-store';
import { ErrorMessage } from '../../components/error-message';
import { errorFieldOf } from '../../components/error-text';
import { groupThousands, parseRupiah } from '../../components/rupiah-input';

/** The inputs an error from main can be about (its `field`); others show at the foot of the form. */
const FIELDS = ['sku', 'name', 'price', 'category', 'taxClass', 'barcode'] as const;
type Field = (typeof FIELDS)[number];

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
  const [taxClass, setTaxClass] = useState<TaxClass>(product?.taxClass ?? 'standard');
  const [barcode, setBarcode] = useState(product?.barcode ?? '');
  const [active, setActive] = useState(product?.active ?? true);
  const [priceInvalid, setPriceInvalid] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const [busy, setBusy] = useState(false);
  const errorField = errorFieldOf(error, FIELDS);
  /** The error when it belongs next to `field` (null: the foot of the form). */
  const errorAt = (field: Field | null) => (errorField === field ? error : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const rupiah = parseRupiah(price);
    setPriceInvalid(rupiah === null || rupiah < 1);
    if (rupiah === null || rupiah < 1) return;
    setBusy(true);
    const code = barcode.trim();
    const input = { sku, name, price: rupiah, category, taxClass, barcode: code === '' ? null : code, active, isNew: product === null };
    const res = await withApproval((approval) => call('catalog.save', { ...input, ...approval }));
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
          aria-invalid={errorField === 'sku'}
          onChange={(e) => setSku(e.target.value)}
        />
      </label>
      <ErrorMessage error={errorAt('sku')} testId="product-form-error" />
      <label>
        {t('catalog.name')}
        <input
          data-testid="product-form-name"
          value={name}
          maxLength={50}
          autoFocus={product !== null}
          aria-invalid={errorField === 'name'}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <ErrorMessage error={errorAt('name')} testId="product-form-error" />
      <label>
        {t('catalog.price')}
        <input
          data-testid="product-form-price"
          inputMode="numeric"
          value={price}
          placeholder={t('catalog.pricePlaceholder')}
          aria-invalid={priceInvalid || errorField === 'price'}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      {priceInvalid && (
        <p className="error" role="alert" data-testid="product-form-price-invalid">
          {t('catalog.priceInvalid')}
        </p>
      )}
      <ErrorMessage error={errorAt('price')} testId="product-form-error" />
      <label>
        {t('catalog.category')}
        <input
          data-testid="product-form-category"
          list="catalog-categories"
          value={category}
          maxLength={50}
          aria-invalid={errorField === 'category'}
          onChange={(e) => setCategory(e.target.value)}
        />
        <datalist id="catalog-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <ErrorMessage error={errorAt('category')} testId="product-form-error" />
      <label>
        {t('catalog.taxClass')}
        <select
          data-testid="product-form-tax-class"
          value={taxClass}
          aria-describedby="product-form-tax-hint"
          aria-invalid={errorField === 'taxClass'}
          onChange={(e) => setTaxClass(e.target.value as TaxClass)}
        >
          {TAX_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(`catalog.taxClassOption.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted product-form-hint" id="product-form-tax-hint">
        {t('catalog.taxClassHint')}
      </p>
      <ErrorMessage error={errorAt('taxClass')} testId="product-form-error" />
      <label>
        {t('barcode.label')}
        <input
          data-testid="product-form-barcode"
          value={barcode}
          maxLength={64}
          inputMode="text"
          autoComplete="off"
          placeholder={t('barcode.placeholder')}
          aria-describedby="product-form-barcode-hint"
          aria-invalid={errorField === 'barcode'}
          onChange={(e) => setBarcode(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            // A scanner's closing Enter: keep the form open, go on to the next field.
            e.preventDefault();
            e.currentTarget.form?.querySelector<HTMLInputElement>('[data-testid="product-form-active"]')?.focus();
          }}
        />
      </label>
      <p className="muted product-form-hint" id="product-form-barcode-hint">
        {t('barcode.hint')}
      </p>
      <ErrorMessage error={errorAt('barcode')} testId="product-form-error" />
      <label className="product-form-active">
        <input type="checkbox" data-testid="product-form-active" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('catalog.activeLabel')}
      </label>
      <ErrorMessage error={errorAt(null)} testId="product-form-error" />
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
