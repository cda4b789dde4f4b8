import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { EmptyState, Loading } from '../../components/Status';
import { CreateShopForm } from './CreateShopForm';
import { SellerShopsQuery } from './operations';
import { Problem } from './Problem';

/** The seller's shops (`myShops`), each leading to its offers; opens a first shop when there is none. */
export function ShopsPage() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SellerShopsQuery });
  const [opening, setOpening] = useState(false);
  const navigate = useNavigate();

  if (error && !data) {
    return <Problem error={error} title="Your shops could not be loaded" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!data) return fetching ? <Loading label="Loading your shops…" /> : null;
  const shops = data.myShops;
  const created = (shop: { id: string }) => navigate(`/seller/shops/${shop.id}`);

  return (
    <section aria-labelledby="shops-heading">
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
        <h2 id="shops-heading" className="h4 mb-0">
          My shops
        </h2>
        {shops.length > 0 && !opening && (
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setOpening(true)}>
            Open another shop
          </button>
        )}
      </div>
      {shops.length === 0 && (
        <EmptyState title="You have no shop yet">
          <p className="mb-0">Open one to start selling: customers see its name, address and opening hours.</p>
        </EmptyState>
      )}
      {(shops.length === 0 || opening) && (
        <CreateShopForm onCreated={created} onCancel={shops.length > 0 ? () => setOpening(false) : undefined} />
      )}
      <ul className="list-unstyled row g-3" aria-label="My shops">
        {shops.map((shop) => {
          const active = shop.offers.filter((o) => o.active).length;
          return (
            <li key={shop.id} className="col-md-6 col-xl-4" data-testid="seller-shop">
              <div className="card h-100">
                <div className="card-body">
                  <h3 className="h5 card-title">{shop.name}</h3>
                  <p className="small text-secondary mb-1">{shop.address}</p>
                  <p className="small text-secondary mb-2">{shop.openingHours}</p>
                  <p className="mb-3">
                    {shop.offers.length} offer{shop.offers.length === 1 ? '' : 's'}
                    {active < shop.offers.length && <> ({shop.offers.length - active} paused)</>}
                  </p>
                  <Link className="btn btn-primary btn-sm" to={`/seller/shops/${shop.id}`} aria-label={`Offers and stock of ${shop.name}`}>
                    Offers and stock
                  </Link>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
