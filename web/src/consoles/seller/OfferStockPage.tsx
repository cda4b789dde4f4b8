import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { useSession } from '../../api/hooks';
import { Money } from '../../components/Money';
import { EmptyState, Loading } from '../../components/Status';
import type { SellerOfferQuery as OfferData } from '../../gql/graphql';
import { formatDateTime } from '../../lib/time';
import { withVariant } from '../../lib/variants';
import { AdjustStockForm } from './AdjustStockForm';
import { LiveStockBadge } from './LiveStockBadge';
import { SellerOfferQuery, SellerStockMovementsQuery } from './operations';
import { Problem } from './Problem';
import { useLiveOfferStock } from './useLiveOfferStock';

export const MOVEMENTS_SHOWN = 50;

/** Who made a stock movement, in words. */
export function actorLabel(actor: string, me: string | undefined): string {
  if (actor === me) return 'You';
  if (actor === 'seed') return 'Opening stock';
  if (actor === 'expiry') return 'Unpaid order expired';
  if (actor.startsWith('cus')) return 'Staff';
  return 'Vitrine (orders)';
}

/** One offer: live units, stock adjustments with a reason, and the movement history. */
export function OfferStockPage() {
  const { offerId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SellerOfferQuery, variables: { id: offerId } });
  const offer = data?.offer;
  if (error && !data) return <Problem error={error} title="The offer could not be loaded" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading label="Loading the offer…" /> : null;
  if (!offer) {
    return (
      <EmptyState title="No such offer (it may have been removed)">
        <Link to="/seller/shops">Back to my shops</Link>
      </EmptyState>
    );
  }
  return <OfferStock offer={offer} />;
}

function OfferStock({ offer }: { offer: NonNullable<OfferData['offer']> }) {
  const session = useSession();
  const stock = useLiveOfferStock(offer.product.id, offer.id, offer);
  const [history, reexecuteHistory] = useQuery({
    query: SellerStockMovementsQuery,
    variables: { offerId: offer.id, first: MOVEMENTS_SHOWN },
  });
  const [notice, setNotice] = useState('');
  const movements = history.data?.stockMovements ?? [];

  const adjusted = (delta: number) => {
    setNotice(delta > 0 ? `Added ${delta} unit${delta === 1 ? '' : 's'}.` : `Took away ${-delta} unit${delta === -1 ? '' : 's'}.`);
    reexecuteHistory({ requestPolicy: 'network-only' });
  };

  return (
    <section aria-labelledby="offer-heading">
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb mb-1">
          <li className="breadcrumb-item">
            <Link to="/seller/shops">My shops</Link>
          </li>
          <li className="breadcrumb-item">
            <Link to={`/seller/shops/${offer.shop.id}`}>{offer.shop.name}</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Stock
          </li>
        </ol>
      </nav>
      <h2 id="offer-heading" className="h4 text-break">
        {withVariant(offer.product.name, offer.variant)}
      </h2>
      <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
        <Money value={offer.price} className="fs-5 fw-semibold" />
        {offer.active ? <span className="badge text-bg-success">Selling</span> : <span className="badge text-bg-secondary">Paused</span>}
        <span className="fs-5">
          <LiveStockBadge stock={stock} name={withVariant(offer.product.name, offer.variant)} />
        </span>
      </div>
      {stock.error && <Problem error={stock.error} title="Live stock updates stopped" />}
      <p className="text-success" role="status" aria-live="polite" data-testid="stock-notice">
        {notice}
      </p>
      <AdjustStockForm offerId={offer.id} onAdjusted={adjusted} />

      <h3 className="h5">History</h3>
      <Problem error={history.error} title="The stock history could not be loaded" onRetry={() => reexecuteHistory({ requestPolicy: 'network-only' })} />
      {history.fetching && !history.data && <Loading label="Loading the history…" />}
      {history.data && movements.length === 0 && <EmptyState title="No stock movements yet" />}
      {movements.length > 0 && (
        <ol className="list-group mb-3" aria-label="Stock history, newest first" data-testid="stock-history">
          {movements.map((m, i) => (
            <li key={`${m.createdAt}-${i}`} className="list-group-item d-flex flex-wrap justify-content-between gap-2" data-testid="stock-movement" data-delta={m.delta}>
              <div className="seller-offer-name">
                <div className="text-break">{m.reason}</div>
                <div className="small text-secondary">
                  {formatDateTime(m.createdAt)} · {actorLabel(m.actor, session?.customer.id)}
                </div>
              </div>
              <span className={`fw-semibold ${m.delta > 0 ? 'text-success' : 'text-danger'}`}>
                {m.delta > 0 ? `+${m.delta}` : `−${-m.delta}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
