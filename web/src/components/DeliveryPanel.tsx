import { useEffect, useState } from 'react';
import type { DeliveryFieldsFragment } from '../gql/graphql';
import { deliveryStatusLabel } from '../lib/orderStatus';
import { formatDistance, formatDuration, haversineMeters, type LatLon } from '../lib/geo';
import { formatTime } from '../lib/time';
import { RouteMap, type RouteMapStop } from './RouteMap';

const VEHICLE: Record<string, string> = { FOOT: 'on foot', BICYCLE: 'by bicycle', SCOOTER: 'by scooter', CAR: 'by car' };

/** Courier, route and ETA; updated live by the page's `deliveryUpdated` subscription. */
export function DeliveryPanel({ delivery, destination }: { delivery: DeliveryFieldsFragment | null | undefined; destination: LatLon }) {
  // Count the ETA down between updates.
  const [received, setReceived] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setReceived(Date.now()), [delivery]);
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);

  const dest = delivery?.destination ?? destination;
  const courier = delivery?.courier ?? null;
  // The way to this door: shops still to visit, then the door (the last point).
  const way = delivery?.routeToDoor ?? [];
  const stops: RouteMapStop[] = way.map((location, i) =>
    i === way.length - 1 ? { kind: 'DROP', location, mine: true } : { kind: 'PICKUP', location },
  );
  const finished = delivery && ['DELIVERED', 'CANCELLED', 'FAILED'].includes(delivery.status);
  const etaLeft =
    delivery?.etaSeconds != null ? Math.max(0, delivery.etaSeconds - Math.floor((now - received) / 1000)) : null;
  const straight = courier ? haversineMeters(courier.location, dest) : null;

  return (
    <section aria-labelledby="delivery-heading" className="card mb-3" data-testid="delivery-panel">
      <div className="card-body">
        <h2 id="delivery-heading" className="h5 card-title d-flex align-items-center gap-2">
          Delivery{' '}
          {delivery && (
            <span className="badge text-bg-primary" data-testid="delivery-status">
              {deliveryStatusLabel(delivery.status)}
            </span>
          )}
        </h2>
        <div aria-live="polite" className="small mb-2" data-testid="delivery-summary">
          {!delivery && <span>The delivery starts once the order is confirmed.</span>}
          {delivery && courier && !finished && (
            <span>
              {courier.name} {VEHICLE[courier.vehicle] ?? ''}
              {delivery.eta && (
                <>
                  {' '}
                  · ETA <strong data-testid="eta">{formatTime(delivery.eta)}</strong>
                  {/* A per-second countdown would make screen readers speak every second. */}
                  {etaLeft != null && <span aria-hidden="true"> (in {formatDuration(etaLeft)})</span>}
                </>
              )}
              {delivery.routeDistanceMeters != null && <> · {formatDistance(delivery.routeDistanceMeters)} along the route</>}
            </span>
          )}
          {delivery && !courier && !finished && <span>Waiting for a courier.</span>}
          {delivery?.status === 'DELIVERED' && <span>Delivered{delivery.finishedAt ? ` at ${formatTime(delivery.finishedAt)}` : ''}.</span>}
          {delivery?.reason && <span className="text-danger"> {delivery.reason}</span>}
        </div>
        <RouteMap
          destination={dest}
          courier={courier && !finished ? { ...courier.location, name: courier.name } : null}
          stops={finished ? [] : stops}
        />
        {courier && !finished && (
          <p className="small text-secondary mt-2 mb-0" data-testid="courier-position">
            Courier at {courier.location.latitude.toFixed(5)}, {courier.location.longitude.toFixed(5)}
            {straight != null && <> · {formatDistance(straight)} from you in a straight line</>}
          </p>
        )}
      </div>
    </section>
  );
}
