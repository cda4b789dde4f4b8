import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import type { CombinedError } from '@urql/core';
import { CheckoutDataQuery, CheckoutMutation } from '../api/operations';
import { isNetworkOnly } from '../api/errors';
import { useDeliveryQuote } from '../api/quote';
import { AddressForm } from '../components/AddressForm';
import { CardForm } from '../components/CardForm';
import { DeliveryQuotePanel } from '../components/DeliveryQuote';
import { EmptyCart } from '../components/EmptyCart';
import { OrderTotals } from '../components/OrderTotals';
import { Money } from '../components/Money';
import { TopUpForm } from '../components/TopUpForm';
import { ErrorAlert, Loading } from '../components/Status';
import type { PaymentMethod } from '../gql/graphql';
import { addressLine } from '../lib/address';
import { uuid } from '../lib/ids';
import { usePageTitle } from '../lib/title';
import { withVariant } from '../lib/variants';

export function CheckoutPage() {
  usePageTitle('Checkout');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CheckoutDataQuery, requestPolicy: 'cache-and-network' });
  const [checkoutState, checkout] = useMutation(CheckoutMutation);
  const navigate = useNavigate();

  const [addressId, setAddressId] = useState<string | null>(null);
  const [showAddressForm, setShowAddressForm] = useState(false);
  const [method, setMethod] = useState<PaymentMethod>('WALLET');
  const [cardId, setCardId] = useState<string | null>(null);
  const [showCardForm, setShowCardForm] = useState(false);
  const [note, setNote] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => uuid());
  const [checkoutError, setCheckoutError] = useState<CombinedError | null>(null);

  // The fee and promised time for the chosen address, asked again when it changes.
  const quoteState = useDeliveryQuote(addressId, { pause: !data || data.myCart.lines.length === 0 });
  const { quote } = quoteState;

  const refetch = () => reexecute({ requestPolicy: 'network-only' });

  // A new attempt (new key) whenever what would be sent changes; a retry of the same
  // attempt after a network failure keeps its key.
  useEffect(() => {
    setIdempotencyKey(uuid());
  }, [addressId, method, cardId, note]);

  const addresses = data?.me.addresses ?? [];
  const cards = data?.mySavedCards ?? [];
  useEffect(() => {
    if (!addressId && addresses.length) setAddressId((addresses.find((a) => a.isDefault) ?? addresses[0]).id);
  }, [addresses, addressId]);
  useEffect(() => {
    if (!cardId && cards.length) setCardId(cards[0].id);
  }, [cards, cardId]);

  if (error && !data) return <ErrorAlert error={error} title="Could not load checkout" onRetry={refetch} />;
  if (!data) return fetching ? <Loading label="Loading checkout…" /> : null;

  const cart = data.myCart;
  if (cart.lines.length === 0) {
    return <EmptyCart />;
  }
  const wallet = data.me.wallet;
  // What paying takes: the goods and the delivery, known once the address is quoted.
  const due = quote?.total ?? null;
  const shortfall = due ? due.amount - wallet.available.amount : 0;
  const blocking = cart.warnings.filter((w) => w.kind !== 'PROMO_NOT_APPLICABLE');
  const canPay =
    !!addressId &&
    !!quote &&
    blocking.length === 0 &&
    (method === 'WALLET' ? shortfall <= 0 : !!cardId) &&
    !checkoutState.fetching;

  const placeOrder = async () => {
    if (!addressId) return;
    setCheckoutError(null);
    const result = await checkout(
      {
        input: {
          idempotencyKey,
          deliveryAddressId: addressId,
          paymentMethod: method,
          cardId: method === 'CARD' ? cardId : null,
          note: note.trim() || null,
        },
      },
      // The order empties the cart: refetch the cart (and the navbar's count), which the
      // returned Order alone would not invalidate.
      { additionalTypenames: ['Cart'] },
    );
    if (result.data) {
      navigate(`/orders/${result.data.checkout.id}`);
      return;
    }
    setCheckoutError(result.error ?? null);
    // The server answered (declined, out of stock…): the next try is a new attempt.
    if (result.error && !isNetworkOnly(result.error)) {
      setIdempotencyKey(uuid());
      refetch();
      quoteState.refresh();
    }
  };

  const failedOrderId = checkoutError?.graphQLErrors
    .map((e) => e.extensions?.orderId)
    .find((v): v is string => typeof v === 'string');

  return (
    <div className="row g-4">
      <div className="col-lg-8">
        <h1 className="h3 mb-3">Checkout</h1>

        <section aria-labelledby="address-heading" className="mb-4">
          <h2 id="address-heading" className="h5">
            1. Delivery address
          </h2>
          {addresses.length === 0 && !showAddressForm && (
            <p className="text-secondary">You have no saved address yet.</p>
          )}
          {addresses.length > 0 && (
            <fieldset className="mb-2">
              <legend className="visually-hidden">Choose an address</legend>
              {addresses.map((a) => (
                <div className="form-check" key={a.id}>
                  <input
                    className="form-check-input"
                    type="radio"
                    name="address"
                    id={`address-${a.id}`}
                    checked={addressId === a.id}
                    onChange={() => setAddressId(a.id)}
                  />
                  <label className="form-check-label text-break" htmlFor={`address-${a.id}`}>
                    <strong>{a.label}</strong>: {addressLine(a)}
                    {a.isDefault && <span className="badge text-bg-light ms-2">default</span>}
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          {showAddressForm || addresses.length === 0 ? (
            <AddressForm
              onSaved={({ id }) => {
                setAddressId(id);
                setShowAddressForm(false);
                refetch();
              }}
              onCancel={addresses.length ? () => setShowAddressForm(false) : undefined}
            />
          ) : (
            <div className="d-flex flex-wrap align-items-center gap-3">
              <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setShowAddressForm(true)}>
                Add a new address
              </button>
              <Link to="/account" className="small">
                Manage addresses
              </Link>
            </div>
          )}
        </section>

        <section aria-labelledby="payment-heading" className="mb-4">
          <h2 id="payment-heading" className="h5">
            2. Payment
          </h2>
          <fieldset>
            <legend className="visually-hidden">Payment method</legend>
            <div className="form-check">
              <input className="form-check-input" type="radio" name="method" id="pay-wallet" checked={method === 'WALLET'} onChange={() => setMethod('WALLET')} />
              <label className="form-check-label" htmlFor="pay-wallet">
                Wallet (available <Money value={wallet.available} />)
              </label>
            </div>
            <div className="form-check">
              <input className="form-check-input" type="radio" name="method" id="pay-card" checked={method === 'CARD'} onChange={() => setMethod('CARD')} />
              <label className="form-check-label" htmlFor="pay-card">
                Card
              </label>
            </div>
          </fieldset>
          {method === 'WALLET' && shortfall > 0 && (
            <div className="alert alert-warning mt-2" role="status" data-testid="wallet-shortfall">
              <p className="mb-2">
                Your wallet is <Money value={{ amount: shortfall, currency: wallet.available.currency }} /> short. Top it up to pay.
              </p>
              {/* A new quote may change what is short: the suggestion follows. */}
              <TopUpForm key={shortfall} suggestedMinor={shortfall} onDone={refetch} />
            </div>
          )}
          {method === 'CARD' && (
            <div className="mt-2">
              {cards.length > 0 && (
                <div className="mb-2">
                  <label className="form-label" htmlFor="card-select">
                    Saved card
                  </label>
                  <select id="card-select" className="form-select" value={cardId ?? ''} onChange={(e) => setCardId(e.target.value)}>
                    {cards.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.brand} •••• {c.last4} (expires {String(c.expMonth).padStart(2, '0')}/{c.expYear})
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {showCardForm || cards.length === 0 ? (
                <CardForm
                  onAdded={(id) => {
                    setCardId(id);
                    setShowCardForm(false);
                    refetch();
                  }}
                  onCancel={cards.length ? () => setShowCardForm(false) : undefined}
                />
              ) : (
                <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setShowCardForm(true)}>
                  Add a card
                </button>
              )}
            </div>
          )}
        </section>

        <section aria-labelledby="note-heading" className="mb-4">
          <h2 id="note-heading" className="h5">
            3. Note (optional)
          </h2>
          <label htmlFor="order-note" className="form-label">
            Note for the kitchen and the courier
          </label>
          <textarea id="order-note" className="form-control" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </section>
      </div>

      <aside className="col-lg-4" aria-labelledby="order-summary-heading">
        <div className="card position-sticky" style={{ top: '4.5rem' }}>
          <div className="card-body">
            <h2 id="order-summary-heading" className="h5">
              Order summary
            </h2>
            <ul className="list-unstyled small">
              {cart.lines.map((l) => (
                <li key={l.offer.id} className="d-flex justify-content-between gap-2">
                  <span>
                    {l.quantity} × {withVariant(l.product.name, l.variant)}
                  </span>
                  <Money value={l.lineTotal} />
                </li>
              ))}
            </ul>
            <OrderTotals
              totals={{ ...cart, deliveryFee: quote?.deliveryFee ?? null, total: due }}
              className="row mb-2"
              totalTestId="checkout-total"
            />
            {addressId && <DeliveryQuotePanel state={quoteState} />}
            {blocking.length > 0 && (
              <div className="alert alert-warning small" role="alert">
                Your cart changed. <Link to="/cart">Review it</Link> before paying.
              </div>
            )}
            {checkoutError && (
              <>
                <ErrorAlert error={checkoutError} title="Checkout did not go through" />
                {failedOrderId && (
                  <p className="small">
                    <Link to={`/orders/${failedOrderId}`}>See the failed order</Link>
                  </p>
                )}
              </>
            )}
            <button type="button" className="btn btn-success w-100" disabled={!canPay} onClick={placeOrder}>
              {checkoutState.fetching ? 'Placing order…' : `Pay with ${method === 'WALLET' ? 'wallet' : 'card'}`}
            </button>
            {!addressId && <p className="small text-secondary mt-2 mb-0">Add a delivery address to continue.</p>}
          </div>
        </div>
      </aside>
    </div>
  );
}
