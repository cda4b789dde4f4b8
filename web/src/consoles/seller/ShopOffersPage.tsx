import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../api/hooks';
import { Money } from '../../components/Money';
import { EmptyState, Loading } from '../../components/Status';
import type { SellerOfferFieldsFragment } from '../../gql/graphql';
import { formatMoney } from '../../lib/money';
import { withVariant } from '../../lib/variants';
import { AddOfferForm, type AddedOffer } from './AddOfferForm';
import { EditOfferForm } from './EditOfferForm';
import { LiveStockBadge } from './LiveStockBadge';
import { SellerRemoveOfferMutation, SellerShopOffersQuery, SellerUpdateOfferMutation } from './operations';
import { Problem } from './Problem';
import { useLiveOfferStock } from './useLiveOfferStock';

/** Offers shown at once (each follows its stock live); "Show more" adds as many. */
export const OFFERS_PAGE = 20;

/** A shop's offers (`Shop.offers`, paused ones too): add, change, pause, remove; live stock. */
export function ShopOffersPage() {
  const { shopId = '' } = useParams();
  const session = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SellerShopOffersQuery, variables: { shopId } });
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(OFFERS_PAGE);
  const [notice, setNotice] = useState('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  // By name, a product's variants together ("Pizza Margherita · 25 cm", "… · 30 cm").
  const offers = useMemo(
    () => [...(data?.shop?.offers ?? [])].sort((a, b) => offerName(a).localeCompare(offerName(b))),
    [data],
  );
  const offered = useMemo(() => new Set(offers.filter((o) => !o.variant).map((o) => o.product.id)), [offers]);
  const offeredVariants = useMemo(() => new Set(offers.flatMap((o) => (o.variant ? [o.variant.id] : []))), [offers]);

  if (error && !data) return <Problem error={error} title="The shop could not be loaded" onRetry={refresh} />;
  if (!data) return fetching ? <Loading label="Loading the shop’s offers…" /> : null;
  const shop = data.shop;
  if (!shop) {
    return (
      <EmptyState title="No such shop">
        <Link to="/seller/shops">Back to my shops</Link>
      </EmptyState>
    );
  }

  const words = filter.trim().toLowerCase();
  const matching = words ? offers.filter((o) => offerName(o).toLowerCase().includes(words)) : offers;
  const shown = matching.slice(0, limit);
  const notMine = session && shop.ownerId !== session.customer.id && !session.customer.roles.includes('ADMIN');

  const added = (offer: AddedOffer, count: number) => {
    setAdding(false);
    setNotice(`Now selling “${withVariant(offer.product.name, offer.variant)}” at ${formatMoney(offer.price)}, ${count} unit${count === 1 ? '' : 's'} on hand.`);
    refresh();
  };

  return (
    <section aria-labelledby="shop-heading">
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb mb-1">
          <li className="breadcrumb-item">
            <Link to="/seller/shops">My shops</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {shop.name}
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-2">
        <div>
          <h2 id="shop-heading" className="h4 mb-0">
            {shop.name}
          </h2>
          <p className="small text-secondary mb-0">
            {shop.address} · {shop.openingHours}
          </p>
        </div>
        {!adding && (
          <button type="button" className="btn btn-primary btn-sm" onClick={() => setAdding(true)}>
            Add an offer
          </button>
        )}
      </div>
      {notMine && (
        <div className="alert alert-warning" role="alert">
          This shop belongs to another seller: you can look, but not change it.
        </div>
      )}
      <p className="text-success" role="status" aria-live="polite" data-testid="offers-notice">
        {notice}
      </p>
      {adding && (
        <AddOfferForm
          shopId={shop.id}
          offeredProductIds={offered}
          offeredVariantIds={offeredVariants}
          onAdded={added}
          onCancel={() => setAdding(false)}
        />
      )}

      <h3 className="h5">
        Offers <span className="badge text-bg-light">{offers.length}</span>
      </h3>
      {offers.length === 0 ? (
        <EmptyState title="This shop sells nothing yet">
          {!adding && (
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setAdding(true)}>
              Add the first offer
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <div className="mb-2" style={{ maxWidth: 360 }}>
            <label className="form-label small mb-1" htmlFor="offer-filter">
              Filter offers by product
            </label>
            <input
              id="offer-filter"
              type="search"
              className="form-control form-control-sm"
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                setLimit(OFFERS_PAGE);
              }}
            />
          </div>
          <p className="small text-secondary mb-2" aria-live="polite">
            Showing {shown.length} of {matching.length}
            {words && <> matching “{filter.trim()}”</>}; stock updates live.
          </p>
          <ul className="list-group mb-3" aria-label={`Offers of ${shop.name}`}>
            {shown.map((offer) => (
              <OfferRow key={offer.id} offer={offer} onRemoved={(name) => { setNotice(`Stopped selling “${name}”.`); refresh(); }} />
            ))}
          </ul>
          {matching.length > shown.length && (
            <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setLimit((n) => n + OFFERS_PAGE)}>
              Show more ({matching.length - shown.length} more)
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** An offer's product, with the variant it sells: "Pizza Margherita · 35 cm". */
export function offerName(offer: Pick<SellerOfferFieldsFragment, 'product' | 'variant'>): string {
  return withVariant(offer.product.name, offer.variant);
}

export function OfferRow({ offer, onRemoved }: { offer: SellerOfferFieldsFragment; onRemoved: (name: string) => void }) {
  const name = offerName(offer);
  const stock = useLiveOfferStock(offer.product.id, offer.id, offer);
  const [editing, setEditing] = useState(false);
  const [updateState, updateOffer] = useMutation(SellerUpdateOfferMutation);
  const [removeState, removeOffer] = useMutation(SellerRemoveOfferMutation);

  const toggle = () => void updateOffer({ offerId: offer.id, active: !offer.active });
  const remove = async () => {
    if (!window.confirm(`Stop selling “${name}” in this shop? It disappears from listings; orders already placed are not affected.`)) return;
    const result = await removeOffer({ offerId: offer.id });
    if (result.data?.removeOffer) onRemoved(name);
  };

  return (
    <li className="list-group-item" data-testid="seller-offer" data-offer-id={offer.id} data-product-id={offer.product.id} data-variant-id={offer.variant?.id} data-active={offer.active}>
      <div className="d-flex flex-wrap justify-content-between gap-2">
        <div className="seller-offer-name">
          <div className="fw-semibold text-break">{name}</div>
          <div className="d-flex flex-wrap gap-1 mt-1">
            {offer.active ? (
              <span className="badge text-bg-success">Selling</span>
            ) : (
              <span className="badge text-bg-secondary">Paused</span>
            )}
            {offer.product.archived && <span className="badge text-bg-warning">Product archived</span>}
          </div>
        </div>
        <div className="text-end">
          <Money value={offer.price} className="fw-semibold" />
          <div>
            <LiveStockBadge stock={stock} name={name} />
          </div>
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2 mt-2">
        <button type="button" className="btn btn-outline-primary btn-sm" aria-expanded={editing} onClick={() => setEditing((v) => !v)} aria-label={`Change price or count of ${name}`}>
          Change price or count
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" disabled={updateState.fetching} onClick={toggle} aria-label={`${offer.active ? 'Pause selling' : 'Resume selling'} ${name}`}>
          {offer.active ? 'Pause selling' : 'Resume selling'}
        </button>
        <Link className="btn btn-outline-secondary btn-sm" to={`/seller/offers/${offer.id}`} aria-label={`Stock and history of ${name}`}>
          Stock and history
        </Link>
        <button type="button" className="btn btn-outline-danger btn-sm" disabled={removeState.fetching} onClick={remove} aria-label={`Remove ${name}`}>
          Remove
        </button>
      </div>
      {editing && <EditOfferForm offer={offer} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      <Problem error={updateState.error} title={`“${name}” was not changed`} />
      <Problem error={removeState.error} title={`“${name}” was not removed`} />
      {stock.error && <Problem error={stock.error} title="Live stock updates stopped" />}
    </li>
  );
}
