import type { CategoriesQuery } from '../gql/graphql';
import { FacetCount } from './FacetCount';

type Category = CategoriesQuery['categories'][number];

export interface CategoryTree {
  category: Category;
  children: Category[];
}

export function buildTree(categories: ReadonlyArray<Category>): CategoryTree[] {
  const roots = categories.filter((c) => !c.parent);
  return roots
    .map((root) => ({
      category: root,
      children: categories.filter((c) => c.parent?.id === root.id).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.category.name.localeCompare(b.category.name));
}

/**
 * The categories to choose from: a select on phones, a list on wider screens. With `counts`
 * (matches per category id as if no category were chosen, a parent counting its
 * subcategories'; one left out has none), each says how many the search finds there:
 * "Pizza (5)", and "All categories" the sum of the roots.
 */
export function CategoryNav({
  categories,
  selected,
  onSelect,
  counts = null,
}: {
  categories: ReadonlyArray<Category>;
  selected: string | null;
  onSelect: (id: string | null) => void;
  counts?: ReadonlyMap<string, number> | null;
}) {
  const tree = buildTree(categories);
  const countOf = (id: string) => counts?.get(id) ?? 0;
  const allCount = tree.reduce((sum, { category }) => sum + countOf(category.id), 0);
  /** " (5)" for an option's text, which holds no markup. */
  const inText = (n: number) => (counts ? ` (${n})` : '');
  const badge = (n: number) => counts && <FacetCount count={n} />;
  return (
    <nav aria-label="Categories">
      {/* Phones: a select. */}
      <div className="d-md-none mb-3">
        <label className="form-label" htmlFor="category-select">
          Category
        </label>
        <select
          id="category-select"
          className="form-select"
          value={selected ?? ''}
          onChange={(e) => onSelect(e.target.value || null)}
        >
          <option value="">All categories{inText(allCount)}</option>
          {tree.map(({ category, children }) => (
            <optgroup key={category.id} label={category.name}>
              <option value={category.id}>
                All {category.name}
                {inText(countOf(category.id))}
              </option>
              {children.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {inText(countOf(c.id))}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {/* Wider screens: a list. */}
      <div className="d-none d-md-block">
        <h2 className="h6 text-uppercase text-secondary">Categories</h2>
        <ul className="list-unstyled category-list">
          <li>
            <button
              type="button"
              className={`btn btn-link p-0 text-start ${selected === null ? 'fw-bold' : ''}`}
              aria-current={selected === null ? 'true' : undefined}
              onClick={() => onSelect(null)}
            >
              All categories
              {badge(allCount)}
            </button>
          </li>
          {tree.map(({ category, children }) => (
            <li key={category.id} className="mt-2">
              <button
                type="button"
                className={`btn btn-link p-0 text-start ${selected === category.id ? 'fw-bold' : ''}`}
                aria-current={selected === category.id ? 'true' : undefined}
                onClick={() => onSelect(category.id)}
              >
                {category.name}
                {badge(countOf(category.id))}
              </button>
              {children.length > 0 && (
                <ul className="list-unstyled ms-3">
                  {children.map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        className={`btn btn-link btn-sm p-0 text-start ${selected === c.id ? 'fw-bold' : ''}`}
                        aria-current={selected === c.id ? 'true' : undefined}
                        onClick={() => onSelect(c.id)}
                      >
                        {c.name}
                        {badge(countOf(c.id))}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
