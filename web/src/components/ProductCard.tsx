import { Link } from 'react-router-dom';
import type { SearchProductsQuery } from '../gql/graphql';
import { variantsHint } from '../lib/variants';
import { Money } from './Money';
import { ProductImage } from './ProductImage';

type Product = SearchProductsQuery['searchProducts']['edges'][number]['node'];

export function ProductCard({ product }: { product: Product }) {
  const offerPrice = product.cheapestOffer?.price ?? product.price;
  // A product with variants starts at its cheapest offer of any of them ("from ₸2 792"); its
  // list price is the default variant's, so it is not set against that.
  const hint = variantsHint(product.options, product.variants.length);
  return (
    <article className="card h-100 product-card" data-testid="product-card">
      <ProductImage product={product} size="card" className="card-img-top" height={140} />
      <div className="card-body d-flex flex-column">
        <h2 className="h6 card-title">
          <Link className="stretched-link text-decoration-none" to={`/products/${product.id}`}>
            {product.name}
          </Link>
        </h2>
        <p className="small text-secondary mb-2">{product.category.name}</p>
        <div className="mt-auto d-flex flex-wrap justify-content-between align-items-end gap-1">
          <div>
            {hint && <span className="small text-secondary">from </span>}
            <Money value={offerPrice} className="fw-semibold" />
            {hint && (
              <div className="small text-secondary" data-testid="variants-hint">
                {hint}
              </div>
            )}
            {!hint && product.cheapestOffer && product.cheapestOffer.price.amount !== product.price.amount && (
              <div className="small text-secondary">
                list <Money value={product.price} />
              </div>
            )}
          </div>
          {product.inStock ? (
            <span className="badge text-bg-success">In stock</span>
          ) : (
            <span className="badge text-bg-secondary">Out of stock</span>
          )}
        </div>
      </div>
    </article>
  );
}
