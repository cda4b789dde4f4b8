import type { CategoriesQuery } from '../gql/graphql';

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

export function CategoryNav({
  categories,
  selected,
  onSelect,
}: {
  categories: ReadonlyArray<Category>;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const tree = buildTree(categories);
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
          <option value="">All categories</option>
          {tree.map(({ category, children }) => (
            <optgroup key={category.id} label={category.name}>
              <option value={category.id}>All {category.name}</option>
              {children.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
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
