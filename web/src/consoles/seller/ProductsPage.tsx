import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { Money } from '../../components/Money';
import { ProductImage } from '../../components/ProductImage';
import { EmptyState, Loading } from '../../components/Status';
import type { SellerProductFieldsFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/time';
import { SellerArchiveProductMutation, SellerProductsQuery } from './operations';
import { Problem } from './Problem';

export const PRODUCTS_PAGE = 20;

/** The products the seller created (`myProducts`), archived ones on a toggle: create, change, archive. */
export function ProductsPage() {
  const location = useLocation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [offset, setOffset] = useState(0);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SellerProductsQuery,
    variables: { first: PRODUCTS_PAGE, offset, includeArchived },
  });
  const [notice, setNotice] = useState<string>((location.state as { notice?: string } | null)?.notice ?? '');
  const products = data?.myProducts ?? [];

  return (
    <section aria-labelledby="products-heading">
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h2 id="products-heading" className="h4 mb-0">
          My products
        </h2>
        <Link className="btn btn-primary btn-sm" to="/seller/products/new">
          New product
        </Link>
      </div>
      <p className="text-success" role="status" aria-live="polite" data-testid="products-notice">
        {notice}
      </p>
      <div className="form-check form-switch mb-3">
        <input
          className="form-check-input"
          type="checkbox"
          role="switch"
          id="show-archived"
          checked={includeArchived}
          onChange={(e) => {
            setIncludeArchived(e.target.checked);
            setOffset(0);
          }}
        />
        <label className="form-check-label" htmlFor="show-archived">
          Show archived products
        </label>
      </div>
      {error && !data && <Problem error={error} title="Your products could not be loaded" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading label="Loading your products…" />}
      {data && products.length === 0 && (
        <EmptyState title={offset > 0 ? 'No more products' : 'You have not created any products yet'}>
          <p className="mb-0">Products you create appear in the catalog; offer them in a shop to sell them.</p>
        </EmptyState>
      )}
      {products.length > 0 && (
        <ul className="list-group mb-3" aria-label="My products">
          {products.map((p) => (
            <ProductRow key={p.id} product={p} onArchived={(name) => setNotice(`Archived “${name}”: it no longer appears in the catalog.`)} />
          ))}
        </ul>
      )}
      {(offset > 0 || products.length === PRODUCTS_PAGE) && (
        <nav aria-label="Product pages" className="d-flex gap-2">
          <button type="button" className="btn btn-outline-secondary btn-sm" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PRODUCTS_PAGE))}>
            Previous
          </button>
          <button type="button" className="btn btn-outline-secondary btn-sm" disabled={products.length < PRODUCTS_PAGE} onClick={() => setOffset((o) => o + PRODUCTS_PAGE)}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}

function ProductRow({ product, onArchived }: { product: SellerProductFieldsFragment; onArchived: (name: string) => void }) {
  const [state, archive] = useMutation(SellerArchiveProductMutation);
  const doArchive = async () => {
    if (!window.confirm(`Archive “${product.name}”? It leaves the catalog and no shop can offer it any more; past orders keep it.`)) return;
    const result = await archive({ id: product.id });
    if (result.data?.archiveProduct) onArchived(product.name);
  };
  return (
    <li className="list-group-item" data-testid="seller-product" data-product-id={product.id} data-archived={product.archived}>
      <div className="d-flex flex-wrap justify-content-between gap-2">
        <ProductImage product={product} size="thumb" height={48} width={48} className="rounded flex-shrink-0" />
        <div className="seller-offer-name">
          <div className="fw-semibold text-break">
            {product.archived ? product.name : <Link to={`/products/${product.id}`}>{product.name}</Link>}
          </div>
          <div className="small text-secondary text-break">
            {product.category.name} · {product.slug} · created {formatDateTime(product.createdAt)}
          </div>
          <div className="d-flex flex-wrap gap-1 mt-1">
            {product.archived && <span className="badge text-bg-secondary">Archived</span>}
            {product.requiresPreparation && <span className="badge text-bg-warning">Made to order</span>}
            {product.variants.length > 0 && (
              <span className="badge text-bg-info" title={product.variants.map((v) => v.name).join(', ')}>
                {product.variants.length} variant{product.variants.length === 1 ? '' : 's'}
              </span>
            )}
            {product.tags.map((t) => (
              <span key={t} className="badge text-bg-light">
                {t}
              </span>
            ))}
          </div>
        </div>
        <div className="text-end">
          <Money value={product.price} className="fw-semibold" />
          <div className="small text-secondary">list price</div>
        </div>
      </div>
      {!product.archived && (
        <div className="d-flex flex-wrap gap-2 mt-2">
          <Link className="btn btn-outline-primary btn-sm" to={`/seller/products/${product.id}/edit`} aria-label={`Change ${product.name}`}>
            Change
          </Link>
          <button type="button" className="btn btn-outline-danger btn-sm" disabled={state.fetching} onClick={doArchive} aria-label={`Archive ${product.name}`}>
            Archive
          </button>
        </div>
      )}
      <Problem error={state.error} title={`“${product.name}” was not archived`} wording={{ FORBIDDEN: 'Sellers can archive only the products they created.' }} />
    </li>
  );
}
