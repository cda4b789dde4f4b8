import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { CategoriesQuery, SearchProductsQuery } from '../api/operations';
import { CategoryNav } from '../components/CategoryNav';
import { ProductCard } from '../components/ProductCard';
import { SearchFilters } from '../components/SearchFilters';
import { EmptyState, ErrorAlert, Loading } from '../components/Status';
import { usePageTitle } from '../lib/title';
import { filtersFromParams, filtersToParams, toSearchVariables, type CatalogFilters } from '../lib/catalogFilters';
import { categoryCounts } from '../lib/searchFacets';

export const PAGE_SIZE = 12;

type SearchVars = ReturnType<typeof toSearchVariables>;

/**
 * One page's request. The first also asks for the facets: the filters read them from the
 * same request (urql sends it once for both), later pages leave them out.
 */
export function pageVariables(variables: SearchVars, after: string | null) {
  return after === null
    ? { ...variables, first: PAGE_SIZE, after, withFacets: true }
    : { ...variables, first: PAGE_SIZE, after };
}

/** One page of results; the last page offers "Load more" with its end cursor. */
function ResultsPage({
  variables,
  after,
  isLast,
  onLoadMore,
}: {
  variables: SearchVars;
  after: string | null;
  isLast: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SearchProductsQuery,
    variables: pageVariables(variables, after),
  });
  if (error && !data) return <ErrorAlert error={error} title="Could not load products" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading label="Loading products…" /> : null;
  const { edges, pageInfo, totalCount } = data.searchProducts;
  if (after === null && edges.length === 0) {
    return (
      <EmptyState title="No products found">
        <p className="mb-0">Try other words, another category, or fewer filters.</p>
      </EmptyState>
    );
  }
  return (
    <>
      {after === null && (
        <p className="text-secondary small" role="status" data-testid="result-count">
          {totalCount} product{totalCount === 1 ? '' : 's'}
        </p>
      )}
      <div className="row row-cols-2 row-cols-md-3 row-cols-xl-4 g-3 mb-3">
        {edges.map(({ node }) => (
          <div className="col" key={node.id}>
            <ProductCard product={node} />
          </div>
        ))}
      </div>
      {isLast && pageInfo.hasNextPage && pageInfo.endCursor && (
        <div className="text-center mb-4">
          <button type="button" className="btn btn-outline-primary" onClick={() => onLoadMore(pageInfo.endCursor!)}>
            Load more products
          </button>
        </div>
      )}
    </>
  );
}

function Results({ variables }: { variables: SearchVars }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <>
      {cursors.map((after, i) => (
        <ResultsPage
          key={after ?? 'first'}
          variables={variables}
          after={after}
          isLast={i === cursors.length - 1}
          onLoadMore={(c) => setCursors((cs) => [...cs, c])}
        />
      ))}
    </>
  );
}

export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [categories] = useQuery({ query: CategoriesQuery, requestPolicy: 'cache-first' });
  const [showFilters, setShowFilters] = useState(false);
  const variables = useMemo(() => toSearchVariables(filters), [filters]);
  // The first page of results, for its facets. While the next filters' search runs, urql
  // keeps the last answer, so the counts stay until the new ones come.
  const [firstPage] = useQuery({ query: SearchProductsQuery, variables: pageVariables(variables, null) });
  const facets = firstPage.data?.searchProducts.facets ?? null;
  const counts = useMemo(() => (facets ? categoryCounts(facets) : null), [facets]);

  const update = (next: CatalogFilters) => setParams(filtersToParams(next));
  const all = categories.data?.categories ?? [];
  const selected = all.find((c) => c.id === filters.category);
  const heading = selected ? selected.name : filters.q ? `Results for “${filters.q}”` : 'Catalog';
  usePageTitle(heading);

  const activeFilters =
    (filters.category ? 1 : 0) +
    (filters.min.trim() || filters.max.trim() ? 1 : 0) +
    (filters.inStock ? 1 : 0) +
    filters.tags.length +
    (filters.sort !== 'RELEVANCE' ? 1 : 0);
  // Phones: the filters wait behind a button, so the first products show without scrolling.
  const panel = showFilters ? '' : 'd-none d-md-block';

  return (
    <div className="row">
      <aside className="col-md-3 col-lg-2">
        <button
          type="button"
          className="btn btn-sm btn-outline-secondary d-md-none mb-2"
          aria-expanded={showFilters}
          aria-controls="catalog-categories catalog-filters"
          onClick={() => setShowFilters((v) => !v)}
          data-testid="filters-toggle"
        >
          Filters{activeFilters > 0 && <span className="badge text-bg-secondary ms-1">{activeFilters}</span>}
        </button>
        <div id="catalog-categories" className={panel}>
          {categories.error && <ErrorAlert error={categories.error} title="Could not load categories" />}
          {categories.fetching && !categories.data && <Loading label="Loading categories…" />}
          {categories.data && (
            <CategoryNav
              categories={all}
              selected={filters.category}
              counts={counts}
              onSelect={(id) => update({ ...filters, category: id, tags: [] })}
            />
          )}
        </div>
      </aside>
      <section className="col-md-9 col-lg-10" aria-labelledby="catalog-heading">
        <div className="d-flex flex-wrap align-items-baseline gap-2 mb-3">
          <h1 id="catalog-heading" className="h3 mb-0">
            {heading}
          </h1>
          {filters.q && (
            <button type="button" className="btn btn-sm btn-link p-0" onClick={() => update({ ...filters, q: '' })}>
              Clear search
            </button>
          )}
        </div>
        <div id="catalog-filters" className={panel}>
          <SearchFilters filters={filters} facets={facets} onChange={update} />
        </div>
        <Results key={JSON.stringify(variables)} variables={variables} />
      </section>
    </div>
  );
}
