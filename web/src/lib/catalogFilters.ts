import { parseMajorToMinor } from './money';
import type { ProductSort } from '../gql/graphql';

export interface CatalogFilters {
  q: string;
  category: string | null;
  /** Major units as typed (₸), validated into tiyn by `toSearchVariables`. */
  min: string;
  max: string;
  inStock: boolean;
  tags: string[];
  sort: ProductSort;
}

export const SORTS: Array<{ value: ProductSort; label: string }> = [
  { value: 'RELEVANCE', label: 'Relevance' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'NEWEST', label: 'Newest' },
];

export function filtersFromParams(params: URLSearchParams): CatalogFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    category: params.get('category'),
    min: params.get('min') ?? '',
    max: params.get('max') ?? '',
    inStock: params.get('inStock') === '1',
    tags: (params.get('tags') ?? '').split(',').filter(Boolean),
    sort: SORTS.some((s) => s.value === sort) ? (sort as ProductSort) : 'RELEVANCE',
  };
}

export function filtersToParams(f: CatalogFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.category) p.set('category', f.category);
  if (f.min.trim()) p.set('min', f.min.trim());
  if (f.max.trim()) p.set('max', f.max.trim());
  if (f.inStock) p.set('inStock', '1');
  if (f.tags.length) p.set('tags', f.tags.join(','));
  if (f.sort !== 'RELEVANCE') p.set('sort', f.sort);
  return p;
}

export interface PriceErrors {
  min?: string;
  max?: string;
}

export function priceErrors(f: Pick<CatalogFilters, 'min' | 'max'>): PriceErrors {
  const errors: PriceErrors = {};
  const min = f.min.trim() ? parseMajorToMinor(f.min) : null;
  const max = f.max.trim() ? parseMajorToMinor(f.max) : null;
  if (f.min.trim() && min === null) errors.min = 'Enter an amount like 5000 or 5000.50.';
  if (f.max.trim() && max === null) errors.max = 'Enter an amount like 20000.';
  if (min !== null && max !== null && min > max) errors.max = 'The maximum must not be below the minimum.';
  return errors;
}

export function toSearchVariables(f: CatalogFilters) {
  const min = f.min.trim() ? parseMajorToMinor(f.min) : null;
  const max = f.max.trim() ? parseMajorToMinor(f.max) : null;
  return {
    query: f.q.trim() || null,
    categoryId: f.category,
    minPrice: min,
    maxPrice: max,
    inStockOnly: f.inStock || null,
    tags: f.tags.length ? f.tags : null,
    sort: f.sort,
  };
}
