import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery, useSubscription } from 'urql';
import { ProductQuery, StockChangedSubscription } from '../api/operations';
import { useAddToCart } from '../api/cart';
import { Money } from '../components/Money';
import { OptionPicker } from '../components/OptionPicker';
import { ProductImage } from '../components/ProductImage';
import { EmptyState, ErrorAlert, Loading } from '../components/Status';
import type { ProductQuery as ProductQueryType } from '../gql/graphql';
import { usePageTitle } from '../lib/title';
import { initialVariant } from '../lib/variants';

type Product = NonNullable<ProductQueryType['product']>;
type Offer = Product['offers'][number];

/**
 * The product's main picture, whole; with several, a strip of thumbnails under it picks which
 * one shows.
 */
function ProductPictures({ product }: { product: Product }) {
  const [shown, setShown] = useState(0);
  const images = product.images;
  return (
    <>
      <ProductImage product={product} picture={images[shown]} size="full" fit="contain" loading="eager" className="rounded w-100" height={300} />
      {images.length > 1 && (
        <ul className="product-thumbs list-unstyled d-flex flex-wrap gap-2 mt-2 mb-0" aria-label="Pictures">
          {images.map((image, i) => (
            <li key={`${i}-${image.thumb}`}>
              <button
                type="button"
                className="btn btn-outline-secondary"
                aria-pressed={i === shown}
                aria-label={`Picture ${i + 1} of ${images.length}: ${image.alt}`}
                onClick={() => setShown(i)}
              >
                <ProductImage product={{ name: product.name, images: [image] }} size="thumb" height={56} width={56} className="rounded" decorative />
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function OfferRow({
  offer,
  stock,
  inStock,
}: {
  offer: Offer;
  stock: number;
  inStock: boolean;
}) {
  const [quantity, setQuantity] = useState('1');
  const { addToCart, fetching, error } = useAddToCart();
  const [added, setAdded] = useState(false);
  const qtyId = `qty-${offer.id}`;
  const qty = Number.parseInt(quantity, 10);
  const valid = Number.isInteger(qty) && qty >= 1 && qty <= 99;

  const add = async () => {
    setAdded(false);
    const result = await addToCart(offer.id, qty);
    if (result && 'data' in result && result.data && !result.error) setAdded(true);
  };

  return (
    <li className="list-group-item" data-testid="offer" data-offer-id={offer.id}>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2">
        <div>
          <div className="fw-semibold">{offer.shop.name}</div>
          <div className="small text-secondary">{offer.shop.address}</div>
          <div className="small text-secondary">{offer.shop.openingHours}</div>
        </div>
        <div className="text-end">
          <Money value={offer.price} className="fs-5 fw-semibold" />
          <div className="small" data-testid="offer-stock">
            {inStock ? (
              <span className="text-success">{stock} in stock</span>
            ) : (
              <span className="text-danger">Out of stock</span>
            )}
          </div>
        </div>
      </div>
      <div className="d-flex align-items-end gap-2 mt-2">
        <div style={{ width: 90 }}>
          <label className="form-label small mb-0" htmlFor={qtyId}>
            Quantity
          </label>
          <input
            id={qtyId}
            type="number"
            min={1}
            max={Math.max(1, Math.min(99, stock))}
            className={`form-control form-control-sm ${valid ? '' : 'is-invalid'}`}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={!inStock || !offer.active || !valid || fetching}
          onClick={add}
          aria-label={`Add to cart from ${offer.shop.name}`}
        >
          {fetching ? 'Adding…' : 'Add to cart'}
        </button>
        {added && (
          <span className="small text-success" role="status">
            Added. <Link to="/cart">View cart</Link>
          </span>
        )}
      </div>
      {error && (
        <div className="mt-2">
          <ErrorAlert error={error} title="Could not add to cart" />
        </div>
      )}
    </li>
  );
}

export function ProductPage() {
  const { id = '' } = useParams();
  // The chosen variant is in the address (`?variant=<id>`): it can be linked and survives a
  // reload. Without one (or with one the product does not have), the first variant.
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ProductQuery, variables: { id } });
  const [live] = useSubscription({ query: StockChangedSubscription, variables: { productId: id } });
  usePageTitle(data?.product?.name);

  if (error && !data) return <ErrorAlert error={error} title="Could not load the product" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading label="Loading product…" /> : null;
  const product = data.product;
  if (!product) {
    return (
      <EmptyState title="Product not found">
        <Link to="/">Back to the catalog</Link>
      </EmptyState>
    );
  }

  const liveProduct = live.data?.stockChanged;
  const liveOffers = new Map(liveProduct?.offers.map((o) => [o.id, o]) ?? []);
  const variant = initialVariant(product.variants, params.get('variant'));
  // A product with variants: the chosen one's offers, price and stock.
  const offers = variant ? product.offers.filter((o) => o.variant?.id === variant.id) : product.offers;
  const variantStock = offers.reduce((n, o) => n + (o.active ? Math.max(0, liveOffers.get(o.id)?.stock ?? o.stock) : 0), 0);
  const stock = variant ? variantStock : (liveProduct?.stock ?? product.stock);
  const inStock = variant ? variantStock > 0 : (liveProduct?.inStock ?? product.inStock);
  const selectVariant = (next: { id: string }) => {
    const search = new URLSearchParams(params);
    search.set('variant', next.id);
    setParams(search, { replace: true, preventScrollReset: true });
  };

  return (
    <article className="row g-4">
      <nav aria-label="Breadcrumb" className="col-12">
        <ol className="breadcrumb mb-0">
          <li className="breadcrumb-item">
            <Link to="/">Catalog</Link>
          </li>
          {product.category.parent && (
            <li className="breadcrumb-item">
              <Link to={`/?category=${product.category.parent.id}`}>{product.category.parent.name}</Link>
            </li>
          )}
          <li className="breadcrumb-item">
            <Link to={`/?category=${product.category.id}`}>{product.category.name}</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {product.name}
          </li>
        </ol>
      </nav>
      <div className="col-md-5">
        <ProductPictures key={product.id} product={product} />
      </div>
      <div className="col-md-7">
        <h1 className="h3">{product.name}</h1>
        {variant && <OptionPicker options={product.options} variants={product.variants} selected={variant} onSelect={selectVariant} />}
        <p className="fs-5" data-testid="product-price" data-variant-id={variant?.id}>
          <Money value={variant?.price ?? product.price} />{' '}
          <span className="small text-secondary">list price{variant && <> of {variant.name}</>}</span>
        </p>
        {variant && (
          <p className="visually-hidden" aria-live="polite" data-testid="selected-variant">
            Selected {variant.name}
          </p>
        )}
        <div className="mb-2 d-flex flex-wrap gap-1">
          {product.requiresPreparation && <span className="badge text-bg-warning">Made to order</span>}
          {product.tags.map((t) => (
            <Link key={t} className="badge text-bg-light text-decoration-none" to={`/?tags=${encodeURIComponent(t)}&category=${product.category.id}`}>
              {t}
            </Link>
          ))}
        </div>
        <p>{product.description}</p>
        <p aria-live="polite" data-testid="live-stock" className="d-flex align-items-center gap-2">
          <span className={`live-dot ${live.data ? 'on' : ''}`} aria-hidden="true" />
          {inStock ? (
            <span>
              <strong>{stock}</strong> unit{stock === 1 ? '' : 's'} available {variant && <>in {variant.name} </>}across all shops
            </span>
          ) : (
            <span className="text-danger">{variant ? `${variant.name}: out` : 'Out'} of stock everywhere</span>
          )}
          {live.data && <span className="visually-hidden"> (live)</span>}
        </p>
        {live.error && <ErrorAlert error={live.error} title="Live stock updates stopped" />}
        <h2 className="h5 mt-4">Offers</h2>
        {offers.length === 0 ? (
          <EmptyState title={variant ? `No shop sells ${variant.name} right now` : 'No shop sells this right now'} />
        ) : (
          <ul className="list-group" aria-label={variant ? `Offers of ${variant.name} from shops` : 'Offers from shops'}>
            {offers.map((offer) => {
              const lo = liveOffers.get(offer.id);
              return <OfferRow key={offer.id} offer={offer} stock={lo?.stock ?? offer.stock} inStock={lo?.inStock ?? offer.inStock} />;
            })}
          </ul>
        )}
      </div>
    </article>
  );
}
