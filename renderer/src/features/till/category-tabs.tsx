/**
 * Category tabs over the product grid: "Semua" and one tab per catalogue
 * category. Props only; which tab is chosen lives in the till screen, and
 * the grid gets the products of that tab. No tabs when the catalogue has
 * fewer than two categories (one tab is noise).
 */
import { useTranslation } from 'react-i18next';
import { ALL_CATEGORIES } from './categories';

export interface CategoryTabsProps {
  categories: readonly string[];
  chosen: string;
  onChoose(category: string): void;
}

/** The tab strip (it scrolls sideways when the categories do not fit). */
export function CategoryTabs({ categories, chosen, onChoose }: CategoryTabsProps) {
  const { t } = useTranslation();
  if (categories.length < 2) return null;
  const tabs = [ALL_CATEGORIES, ...categories];
  return (
    <div className="category-tabs" role="tablist" aria-label={t('categoryTabs.label')} data-testid="category-tabs">
      {tabs.map((c) => (
        <button
          key={c}
          type="button"
          role="tab"
          aria-selected={c === chosen}
          className={c === chosen ? 'active' : ''}
          data-testid={c === ALL_CATEGORIES ? 'category-all' : `category-${c}`}
          data-category={c}
          onClick={() => onChoose(c)}
        >
          {c === ALL_CATEGORIES ? t('categoryTabs.all') : c}
        </button>
      ))}
    </div>
  );
}
