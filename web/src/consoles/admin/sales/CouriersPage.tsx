import { useMemo, type ChangeEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { FilterSelect } from '../../../components/FilterFields';
import { EmptyState, Loading } from '../../../components/Status';
import type { SalesCouriersQuery } from '../../../gql/graphql';
import { formatDistance } from '../../../lib/geo';
import { orderRef } from '../../../lib/orderNumber';
import { formatDateTime } from '../../../lib/time';
import { CursorPager } from './CursorPager';
import {
  deliveriesVariables,
  deliveryCursorsFromParams,
  deliveryFiltersFromParams,
  deliveryParams,
  type DeliveryFilters,
} from './deliveryFilters';
import { DELIVERY_STATUSES, deliveryLabel, deliveryVariant, vehicleLabel } from './labels';
import { SalesCouriersQuery as CouriersDoc, SalesDeliveriesQuery } from './operations';
import { Problem } from './Problem';

type Courier = SalesCouriersQuery['couriers'][number];

function CourierCard({ courier }: { courier: Courier }) {
  const stops = courier.route.stops.length;
  return (
    <li className="col-12 col-md-6 col-xl-4" data-testid="courier" data-available={courier.available}>
      <div className="card h-100">
        <div className="card-body py-2">
          <div className="d-flex flex-wrap justify-content-between align-items-center gap-2">
            <h3 className="h6 mb-0">{courier.name}</h3>
            <span className={`badge text-bg-${courier.available ? 'success' : 'secondary'}`}>{courier.available ? 'On duty' : 'Off duty'}</span>
          </div>
          <dl className="row small mb-0 mt-1">
            <dt className="col-6 fw-normal text-secondary">Vehicle</dt>
            <dd className="col-6 mb-0">{vehicleLabel(courier.vehicle)}</dd>
            <dt className="col-6 fw-normal text-secondary">Carries at once</dt>
            <dd className="col-6 mb-0">{courier.capacity}</dd>
            <dt className="col-6 fw-normal text-secondary">Route</dt>
            <dd className="col-6 mb-0" data-testid="route-stops">
              {stops === 0 ? 'no stops' : `${stops} stop${stops === 1 ? '' : 's'} · ${formatDistance(courier.route.distanceMeters)}`}
            </dd>
            <dt className="col-6 fw-normal text-secondary">Location</dt>
            <dd className="col-6 mb-0">
              <a
                href={`https://www.openstreetmap.org/?mlat=${courier.location.latitude}&mlon=${courier.location.longitude}#map=16/${courier.location.latitude}/${courier.location.longitude}`}
                target="_blank"
                rel="noreferrer"
                aria-label={`${courier.name} on the map (opens a new tab)`}
              >
                {courier.location.latitude.toFixed(4)}, {courier.location.longitude.toFixed(4)}
              </a>
            </dd>
          </dl>
        </div>
      </div>
    </li>
  );
}

function Deliveries({ couriers }: { couriers: Courier[] }) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => deliveryFiltersFromParams(params), [params]);
  const cursors = useMemo(() => deliveryCursorsFromParams(params), [params]);
  const variables = useMemo(() => deliveriesVariables(filters, cursors[cursors.length - 1] ?? null), [filters, cursors]);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SalesDeliveriesQuery, variables, requestPolicy: 'cache-and-network' });
  const change = (key: keyof DeliveryFilters) => (e: ChangeEvent<HTMLSelectElement>) =>
    setParams(deliveryParams({ ...filters, [key]: e.target.value || null }));
  const deliveries = data?.deliveries.deliveries ?? [];

  return (
    <section aria-labelledby="deliveries-heading" className="mt-4">
      <div className="d-flex flex-wrap align-items-center gap-2 mb-2">
        <h2 id="deliveries-heading" className="h5 mb-0">
          Delivery record
        </h2>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      </div>
      <form className="row g-2 mb-3" role="search" aria-label="Filter deliveries" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          id="delivery-status"
          label="Status"
          className="col-6 col-md-3"
          value={filters.status ?? ''}
          onChange={change('status')}
          anyLabel="All statuses"
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: deliveryLabel(s) }))}
        />
        <FilterSelect
          id="delivery-courier"
          label="Courier"
          className="col-6 col-md-3"
          value={filters.courierId ?? ''}
          onChange={change('courierId')}
          anyLabel="All couriers"
          options={couriers.map((c) => ({ value: c.id, label: c.name }))}
          missingLabel="Selected courier"
        />
      </form>
      {error && !data && <Problem error={error} title="Could not load the deliveries" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading label="Loading deliveries…" />}
      {data && deliveries.length === 0 && <EmptyState title="No deliveries match these filters" />}
      {deliveries.length > 0 && (
        <ul className="list-group" aria-label="Deliveries, newest first">
          {deliveries.map((d) => (
            <li key={d.id} className="list-group-item" data-testid="delivery-row" data-status={d.status}>
              <div className="d-flex flex-wrap justify-content-between gap-2">
                <div style={{ minWidth: 0 }}>
                  <div className="d-flex flex-wrap align-items-center gap-2">
                    <Link to={`/admin/orders/${d.orderId}`} className="font-monospace fw-semibold" aria-label={`Order ${orderRef(d.order.number)}`}>
                      {orderRef(d.order.number)}
                    </Link>
                    <span className={`badge text-bg-${deliveryVariant(d.status)}`}>{deliveryLabel(d.status)}</span>
                  </div>
                  <div className="small">{d.courier ? d.courier.name : <span className="text-secondary">no courier</span>}</div>
                  {d.reason && <div className="small text-secondary text-break">{d.reason}</div>}
                </div>
                <div className="text-end small text-secondary">
                  <div>
                    Created <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
                  </div>
                  {d.finishedAt && (
                    <div>
                      Finished <time dateTime={d.finishedAt}>{formatDateTime(d.finishedAt)}</time>
                    </div>
                  )}
                  {d.attempts > 0 && <div>{d.attempts} failed attempt{d.attempts === 1 ? '' : 's'}</div>}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <CursorPager
        label="Delivery pages"
        cursors={cursors}
        nextCursor={data?.deliveries.nextCursor}
        onChange={(next) => setParams(deliveryParams(filters, next))}
      />
    </section>
  );
}

/** Every courier (on duty or not, where, how loaded) and the record of every delivery. */
export function CouriersPage() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CouriersDoc, requestPolicy: 'cache-and-network' });
  const couriers = data?.couriers ?? [];
  const onDuty = couriers.filter((c) => c.available).length;
  return (
    <>
      <section aria-labelledby="couriers-heading">
        <div className="d-flex flex-wrap align-items-center gap-2 mb-2">
          <h2 id="couriers-heading" className="h4 mb-0">
            Couriers
          </h2>
          {data && (
            <span className="small text-secondary" data-testid="couriers-summary">
              {onDuty} of {couriers.length} on duty
            </span>
          )}
          <button type="button" className="btn btn-sm btn-outline-secondary ms-auto" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Refresh
          </button>
        </div>
        {error && !data && <Problem error={error} title="Could not load the couriers" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
        {!data && fetching && <Loading label="Loading couriers…" />}
        {data && couriers.length === 0 && <EmptyState title="No couriers registered yet" />}
        {couriers.length > 0 && (
          <ul className="row g-2 list-unstyled" aria-label="Couriers">
            {couriers.map((c) => (
              <CourierCard key={c.id} courier={c} />
            ))}
          </ul>
        )}
      </section>
      <Deliveries couriers={couriers} />
    </>
  );
}
