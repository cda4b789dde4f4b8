import { useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatDistance } from '../../lib/geo';
import { orderRef } from '../../lib/orderNumber';
import { formatTime } from '../../lib/time';
import { withVariant } from '../../lib/variants';
import { FailAttemptForm } from './FailAttemptForm';
import { CourierHandOverMutation, CourierPickUpMutation, CourierShopQuery, CourierStopOrderQuery } from './operations';
import { Problem } from './Problem';
import { courierStatusLabel, mapLink, type CourierDelivery, type StopView } from './route';

function ShopLine({ shopId }: { shopId: string }) {
  const [{ data }] = useQuery({ query: CourierShopQuery, variables: { id: shopId } });
  if (!data?.shop) return <p className="mb-1 text-secondary">Shop…</p>;
  return (
    <p className="mb-1" data-testid="stop-place">
      <strong>{data.shop.name}</strong>
      <br />
      {data.shop.address}
    </p>
  );
}

function OrderLines({ orderId, label, withAddress }: { orderId: string; label: string; withAddress: boolean }) {
  const [{ data }] = useQuery({ query: CourierStopOrderQuery, variables: { id: orderId } });
  const order = data?.order;
  if (!order) return null;
  const a = order.deliveryAddress;
  return (
    <>
      {withAddress && (
        <p className="mb-1" data-testid="stop-place">
          <strong>{a.label}</strong>
          <br />
          {a.line1}
          {a.line2 && <>, {a.line2}</>}, {a.city} {a.postalCode}
        </p>
      )}
      <ul className="list-unstyled small mb-1" aria-label={`Items of order ${label}`}>
        {order.lines.map((l, i) => (
          <li key={i}>
            {l.quantity} × {withVariant(l.product.name, l.variant)}
          </li>
        ))}
      </ul>
      {order.note && <p className="small fst-italic mb-1">Note: {order.note}</p>}
    </>
  );
}

function StopCard({ view, number, next, onChanged }: { view: StopView; number: number; next: boolean; onChanged: (d: CourierDelivery) => void }) {
  const headingId = useId();
  const failButton = useRef<HTMLButtonElement>(null);
  const { stop, delivery, action, waitingFor } = view;
  const [failing, setFailing] = useState(false);
  const [pickState, pickUp] = useMutation(CourierPickUpMutation);
  const [handState, handOver] = useMutation(CourierHandOverMutation);
  const ref = delivery ? orderRef(delivery.order.number) : '';
  const pickup = stop.kind === 'PICKUP';
  const busy = pickState.fetching || handState.fetching;

  const doPickUp = async () => {
    const res = await pickUp({ deliveryId: stop.deliveryId });
    if (res.data) onChanged(res.data.pickUpDelivery);
  };
  const doHandOver = async () => {
    const res = await handOver({ deliveryId: stop.deliveryId });
    if (res.data) onChanged(res.data.completeDelivery);
  };

  return (
    <article
      className={`card courier-stop${next ? ' border-primary border-2' : ''}`}
      aria-labelledby={headingId}
      data-testid="route-stop"
      data-kind={stop.kind}
      data-delivery-id={stop.deliveryId}
      data-order-id={delivery?.orderId ?? ''}
      data-status={delivery?.status ?? ''}
    >
      <div className="card-body">
        <h3 id={headingId} className="h5 mb-1 d-flex flex-wrap align-items-center gap-2">
          <span className="courier-stop-n" aria-hidden="true">
            {number}
          </span>
          <span>
            {pickup ? 'Pick up' : 'Deliver'} {ref}
          </span>
          {next && <span className="badge text-bg-primary">Next</span>}
          {delivery && (
            <span className="badge text-bg-light border" data-testid="stop-status">
              {!pickup && delivery.status === 'ASSIGNED' ? 'Not on board yet' : courierStatusLabel(delivery.status)}
            </span>
          )}
        </h3>
        <p className="small text-secondary mb-1">
          {formatDistance(stop.legMeters)} from {number === 1 ? 'you' : 'the stop before'}
          {!pickup && delivery?.eta && <> · expected at the door {formatTime(delivery.eta)}</>}
          {!pickup && delivery && delivery.attempts > 0 && <> · {delivery.attempts} failed attempt{delivery.attempts === 1 ? '' : 's'}</>}
        </p>
        {pickup && stop.shopId && <ShopLine shopId={stop.shopId} />}
        {delivery && <OrderLines orderId={delivery.orderId} label={ref} withAddress={!pickup} />}
        <a className="small" href={mapLink(stop.location)} target="_blank" rel="noopener noreferrer">
          Open in a map<span className="visually-hidden"> (stop {number}, new tab)</span>
        </a>
        {waitingFor && <p className="small text-secondary mt-2 mb-0">{waitingFor}</p>}

        {action === 'pickUp' && (
          <div className="d-grid mt-2">
            <button type="button" className="btn btn-primary btn-lg" disabled={busy} onClick={() => void doPickUp()}>
              Picked up {ref}
            </button>
          </div>
        )}
        {action === 'handOver' && !failing && (
          <div className="d-grid gap-2 mt-2">
            <button type="button" className="btn btn-success btn-lg" disabled={busy} onClick={() => void doHandOver()}>
              Handed over {ref}
            </button>
            <button ref={failButton} type="button" className="btn btn-outline-danger" disabled={busy} onClick={() => setFailing(true)}>
              Nobody took it…
            </button>
          </div>
        )}
        {action === 'handOver' && failing && (
          <FailAttemptForm
            deliveryId={stop.deliveryId}
            label={ref}
            onDone={(d) => {
              setFailing(false);
              onChanged(d);
            }}
            onCancel={() => {
              setFailing(false);
              setTimeout(() => failButton.current?.focus(), 0);
            }}
          />
        )}
        <Problem error={pickState.error} title="Could not mark it picked up" />
        <Problem error={handState.error} title="Could not mark it handed over" />
      </div>
    </article>
  );
}

/** The route's stops in order, each with what to do there. */
export function StopList({ views, onChanged }: { views: StopView[]; onChanged: (d: CourierDelivery) => void }) {
  if (views.length === 0) return null;
  const nextIndex = views.findIndex((v) => v.action !== 'none');
  return (
    <ol className="list-unstyled d-grid gap-2 mb-0" aria-label="Stops in order" data-testid="route-stops">
      {views.map((v, i) => (
        <li key={`${v.stop.kind}-${v.stop.deliveryId}-${v.stop.position}`}>
          <StopCard view={v} number={i + 1} next={i === nextIndex} onChanged={onChanged} />
        </li>
      ))}
    </ol>
  );
}
