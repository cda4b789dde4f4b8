import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { useSession } from '../../api/hooks';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import { EmptyState, Loading } from '../../components/Status';
import type { SellerLowStockQuery as LowStockData } from '../../gql/graphql';
import { withVariant } from '../../lib/variants';
import { parseCount } from './forms';
import { SellerLowStockQuery } from './operations';
import { Problem } from './Problem';

/** lowStockOffers reads at most this many (the API's cap), every seller's, scarcest first. */
export const LOW_STOCK_SCAN = 100;
export const DEFAULT_THRESHOLD = 5;

type LowOffer = LowStockData['lowStockOffers'][number];

/** The offers `me` may restock: a seller's own shops' (an ADMIN sees every shop's). */
export function ownOffers(offers: readonly LowOffer[], me: string | undefined, admin: boolean): LowOffer[] {
  return admin ? [...offers] : offers.filter((o) => o.shop.ownerId === me);
}

/** A restocking list: this seller's offers at or under a threshold (`lowStockOffers`, filtered here). */
export function LowStockPage() {
  const session = useSession();
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const [typed, setTyped] = useState(String(DEFAULT_THRESHOLD));
  const [typedError, setTypedError] = useState<string | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SellerLowStockQuery,
    variables: { threshold, first: LOW_STOCK_SCAN },
    requestPolicy: 'cache-and-network',
  });
  const admin = session?.customer.roles.includes('ADMIN') ?? false;
  const offers = ownOffers(data?.lowStockOffers ?? [], session?.customer.id, admin);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseCount(typed);
    const error = parsed.error ?? (parsed.value !== null && parsed.value > 1_000_000 ? 'At most 1 000 000.' : null);
    setTypedError(error ? 'Enter a whole number of units, 0 or more, e.g. 5.' : null);
    if (!error && parsed.value !== null) {
      if (parsed.value === threshold) reexecute({ requestPolicy: 'network-only' });
      setThreshold(parsed.value);
    }
  };

  return (
    <section aria-labelledby="low-heading">
      <h2 id="low-heading" className="h4">
        Low stock
      </h2>
      <p className="text-secondary small">Offers that are selling but have few units left, scarcest first: what to restock.</p>
      <form onSubmit={submit} noValidate aria-label="Low stock threshold" className="d-flex flex-wrap align-items-start gap-2 mb-3">
        <Field
          label="At most (units)"
          className="mb-0"
          inputMode="numeric"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={typedError}
          style={{ maxWidth: 140 }}
        />
        <button type="submit" className="btn btn-outline-primary align-self-end">
          Show
        </button>
      </form>
      {error && !data && <Problem error={error} title="The low-stock list could not be loaded" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading label="Looking for low stock…" />}
      {data && offers.length === 0 && <EmptyState title={`No offer of yours has ${threshold} or fewer units`} />}
      {offers.length > 0 && (
        <ul className="list-group" aria-label="Low stock offers" aria-live="polite">
          {offers.map((o) => (
            <li key={o.id} className="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2" data-testid="low-stock-offer" data-offer-id={o.id}>
              <div className="seller-offer-name">
                <div className="fw-semibold text-break">{withVariant(o.product.name, o.variant)}</div>
                <div className="small text-secondary">
                  {o.shop.name} · <Money value={o.price} />
                </div>
              </div>
              <div className="d-flex align-items-center gap-2">
                <span className={`badge ${o.stock === 0 ? 'text-bg-danger' : 'text-bg-warning'}`} data-testid="low-stock-count">
                  {o.stock === 0 ? 'Sold out' : `${o.stock} left`}
                </span>
                <Link className="btn btn-outline-primary btn-sm" to={`/seller/offers/${o.id}`} aria-label={`Restock ${withVariant(o.product.name, o.variant)}`}>
                  Restock
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && data.lowStockOffers.length === LOW_STOCK_SCAN && (
        <p className="small text-secondary mt-2">Only the {LOW_STOCK_SCAN} scarcest offers on Vitrine were checked; lower the threshold to see fewer.</p>
      )}
    </section>
  );
}
