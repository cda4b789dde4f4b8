import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import type { CombinedError } from '@urql/core';
import { useCartScope } from '../api/cart';
import {
  AcceptCartChangesMutation,
  ApplyPromoCodeMutation,
  MyCartQuery,
  RemoveFromCartMutation,
  RemovePromoCodeMutation,
  SetCartLineQuantityMutation,
} from '../api/operations';
import { DefaultAddressQuote } from '../components/DeliveryQuote';
import { EmptyCart } from '../components/EmptyCart';
import { Money } from '../components/Money';
import { ProductImage } from '../components/ProductImage';
import { PromoCodeForm } from '../components/PromoCodeForm';
import { ErrorAlert, Loading } from '../components/Status';
import type { CartFieldsFragment } from '../gql/graphql';
import { usePageTitle } from '../lib/title';
import { productPath, withVariant } from '../lib/variants';

type Line = CartFieldsFragment['lines'][number];

function LineRow({
  line,
  busy,
  onQuantity,
  onRemove,
}: {
  line: Line;
  busy: boolean;
  onQuantity: (q: number) => void;
  onRemove: () => void;
}) {
  const qtyId = `cart-qty-${line.offer.id}`;
  const name = withVariant(line.product.name, line.variant);
  return (
    <li className="list-group-item" data-testid="cart-line">
      <div className="d-flex gap-3">
        <div style={{ width: 72, flex: '0 0 72px' }}>
          <ProductImage product={line.product} size="thumb" height={72} className="rounded" />
        </div>
        <div className="flex-grow-1">
          <div className="d-flex justify-content-between flex-wrap gap-2">
            <div>
              <Link to={productPath(line.product.id, line.variant)} className="fw-semibold" data-testid="cart-line-name">
                {name}
              </Link>
              <div className="small text-secondary">from {line.offer.shop.name}</div>
              <div className="small">
                <Money value={line.unitPrice} /> each
              </div>
            </div>
            <Money value={line.lineTotal} className="fw-semibold" />
          </div>
          <div className="d-flex align-items-end gap-2 mt-2">
            <div style={{ width: 90 }}>
              <label className="form-label small mb-0" htmlFor={qtyId}>
                Quantity
              </label>
              <select
                id={qtyId}
                className="form-select form-select-sm"
                value={line.quantity}
                disabled={busy}
                onChange={(e) => onQuantity(Number.parseInt(e.target.value, 10))}
              >
                {Array.from({ length: Math.max(line.quantity, Math.min(99, Math.max(1, line.available))) }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="btn btn-sm btn-outline-danger"
              onClick={onRemove}
              disabled={busy}
              aria-label={`Remove ${name} from the cart`}
            >
              Remove
            </button>
            {line.available < line.quantity && (
              <span className="small text-danger">Only {line.available} left</span>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}

export function CartView({ cart, guestToken, signedIn }: { cart: CartFieldsFragment; guestToken: string | null; signedIn: boolean }) {
  const [setQtyState, setQty] = useMutation(SetCartLineQuantityMutation);
  const [removeState, remove] = useMutation(RemoveFromCartMutation);
  const [promoState, applyPromo] = useMutation(ApplyPromoCodeMutation);
  const [removePromoState, removePromo] = useMutation(RemovePromoCodeMutation);
  const [acceptState, accept] = useMutation(AcceptCartChangesMutation);
  const [promoError, setPromoError] = useState<CombinedError | null>(null);
  const navigate = useNavigate();
  const busy = setQtyState.fetching || removeState.fetching || promoState.fetching || removePromoState.fetching || acceptState.fetching;
  const blocking = cart.warnings.filter((w) => w.kind !== 'PROMO_NOT_APPLICABLE');
  const lineError = setQtyState.error ?? removeState.error ?? acceptState.error ?? removePromoState.error;

  if (cart.lines.length === 0) {
    return <EmptyCart />;
  }

  return (
    <div className="row g-4">
      <div className="col-lg-8">
        {cart.status === 'CHECKING_OUT' && (
          <div className="alert alert-info" role="status">
            This cart is being checked out.
          </div>
        )}
        {cart.warnings.length > 0 && (
          <div className={`alert ${blocking.length ? 'alert-warning' : 'alert-info'}`} role="alert">
            <p className="fw-semibold mb-1">Your cart changed</p>
            <ul className="mb-2">
              {cart.warnings.map((w, i) => (
                <li key={i}>
                  {w.message}
                  {w.kind === 'PRICE_CHANGED' && w.previousPrice && w.currentPrice && (
                    <>
                      {' '}
                      (<Money value={w.previousPrice} /> → <Money value={w.currentPrice} />)
                    </>
                  )}
                </li>
              ))}
            </ul>
            {blocking.length > 0 && (
              <button type="button" className="btn btn-sm btn-warning" disabled={busy} onClick={() => accept({ guestToken })}>
                Accept changes
              </button>
            )}
          </div>
        )}
        <ErrorAlert error={lineError} />
        <ul className="list-group" aria-label="Cart lines">
          {cart.lines.map((line) => (
            <LineRow
              key={line.offer.id}
              line={line}
              busy={busy}
              onQuantity={(quantity) => setQty({ offerId: line.offer.id, quantity, guestToken })}
              onRemove={() => remove({ offerId: line.offer.id, guestToken })}
            />
          ))}
        </ul>
      </div>
      <aside className="col-lg-4" aria-labelledby="summary-heading">
        <div className="card">
          <div className="card-body">
            <h2 id="summary-heading" className="h5">
              Summary
            </h2>
            <PromoCodeForm
              current={cart.promoCode}
              busy={busy}
              error={promoError}
              onApply={async (code) => {
                const r = await applyPromo({ code, guestToken });
                setPromoError(r.error ?? null);
              }}
              onRemove={async () => {
                setPromoError(null);
                await removePromo({ guestToken });
              }}
            />
            <dl className="row mb-0">
              <dt className="col-7 fw-normal">Items ({cart.itemCount})</dt>
              <dd className="col-5 text-end" data-testid="cart-subtotal">
                <Money value={cart.subtotal} />
              </dd>
              <dt className="col-7 fw-normal">Discount</dt>
              <dd className="col-5 text-end text-success" data-testid="cart-discount">
                {cart.discount.amount > 0 ? <>−<Money value={cart.discount} /></> : <Money value={cart.discount} />}
              </dd>
              <dt className="col-7">Total</dt>
              <dd className="col-5 text-end fw-bold" data-testid="cart-total">
                <Money value={cart.total} />
              </dd>
            </dl>
            {signedIn && <DefaultAddressQuote />}
            {signedIn ? (
              <button
                type="button"
                className="btn btn-success w-100 mt-3"
                disabled={busy || blocking.length > 0 || cart.status !== 'ACTIVE'}
                onClick={() => navigate('/checkout')}
              >
                Go to checkout
              </button>
            ) : (
              <Link className="btn btn-success w-100 mt-3" to="/signin?next=%2Fcheckout">
                Sign in to check out
              </Link>
            )}
          </div>
        </div>
      </aside>
    </div>
  );
}

export function CartPage() {
  usePageTitle('Cart');
  const { guestToken, signedIn } = useCartScope();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MyCartQuery,
    variables: { guestToken },
    pause: !signedIn && !guestToken,
  });

  return (
    <>
      <h1 className="h3 mb-3">Cart</h1>
      {!signedIn && !guestToken ? (
        <EmptyCart />
      ) : error && !data ? (
        <ErrorAlert error={error} title="Could not load the cart" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        fetching ? <Loading label="Loading the cart…" /> : null
      ) : (
        <CartView cart={data.myCart} guestToken={guestToken} signedIn={signedIn} />
      )}
    </>
  );
}
