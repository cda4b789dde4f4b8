import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useSession } from '../../api/hooks';
import { formatDistance } from '../../lib/geo';
import { orderRef } from '../../lib/orderNumber';
import { formatTime } from '../../lib/time';
import { LocationPanel } from './LocationPanel';
import { CourierDeliveryUpdatedSubscription, CourierHomeQuery, CourierSetAvailabilityMutation } from './operations';
import { Problem } from './Problem';
import { RegisterCourierForm } from './RegisterCourierForm';
import { StopList } from './StopList';
import { ACTIVE, courierStatusLabel, finishedDeliveries, routeStops, vehicleLabel, type CourierDelivery } from './route';
import { usePageTitle } from '../../lib/title';
import './courier.css';

/** Dispatch has no "assigned to you" event: the route is fetched again this often on duty… */
const POLL_ON_DUTY_MS = 5_000;
/** …and this often off duty. */
const POLL_OFF_DUTY_MS = 30_000;

/** Follows one delivery on the route by `deliveryUpdated` (status, ETA) and passes it on. */
function DeliveryLive({ orderId, onUpdate, onError }: { orderId: string; onUpdate: (d: CourierDelivery) => void; onError: (failed: boolean) => void }) {
  const [{ data, error }] = useSubscription({ query: CourierDeliveryUpdatedSubscription, variables: { orderId } });
  useEffect(() => {
    if (data) onUpdate(data.deliveryUpdated);
  }, [data, onUpdate]);
  useEffect(() => onError(!!error), [error, onError]);
  return null;
}

/**
 * The courier app, phone first: the profile (registered on first visit), on/off duty, the
 * phone's location (or one typed in), and the route's stops in order with pick up, hand
 * over and failed attempt. Each delivery on the route is followed live by subscription; the
 * route itself is polled, as nothing announces a new assignment.
 */
export function CourierConsole() {
  usePageTitle('Courier');
  const session = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CourierHomeQuery });
  const [dutyState, setDuty] = useMutation(CourierSetAvailabilityMutation);
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  const profile = data?.myCourierProfile ?? null;
  const fetched = useMemo(() => data?.myDeliveries.deliveries ?? [], [data]);

  // What live updates and our own actions said since the last fetch. Shown while they agree
  // with the fetched status (the ETA moves); a new status fetches the route again.
  const [live, setLive] = useState<Record<string, CourierDelivery>>({});
  const fetchedStatus = useRef(new Map<string, string>());
  useEffect(() => {
    fetchedStatus.current = new Map(fetched.map((d) => [d.id, d.status]));
  }, [fetched]);
  const refreshSoon = useRef<number | undefined>(undefined);
  const onUpdate = useCallback(
    (d: CourierDelivery) => {
      setLive((m) => ({ ...m, [d.id]: d }));
      if (fetchedStatus.current.get(d.id) !== d.status) {
        window.clearTimeout(refreshSoon.current);
        refreshSoon.current = window.setTimeout(refresh, 300);
      }
    },
    [refresh],
  );
  useEffect(() => () => window.clearTimeout(refreshSoon.current), []);
  const [liveFailed, setLiveFailed] = useState<Record<string, boolean>>({});
  const liveErrorFor = useCallback((id: string) => (failed: boolean) => setLiveFailed((m) => (m[id] === failed ? m : { ...m, [id]: failed })), []);

  const deliveries = useMemo(() => {
    const byId = new Map<string, CourierDelivery>();
    for (const d of fetched) {
      const heard = live[d.id];
      byId.set(d.id, heard && heard.status === d.status ? heard : d);
    }
    return byId;
  }, [fetched, live]);

  const views = useMemo(() => routeStops(profile?.route.stops ?? [], deliveries), [profile, deliveries]);
  const onRoute = useMemo(() => [...deliveries.values()].filter((d) => ACTIVE.includes(d.status)), [deliveries]);
  const done = useMemo(() => finishedDeliveries([...deliveries.values()]), [deliveries]);

  const onDuty = !!profile?.available;
  const busy = views.length > 0 || onRoute.length > 0;
  useEffect(() => {
    if (!profile) return;
    const t = window.setInterval(refresh, onDuty || busy ? POLL_ON_DUTY_MS : POLL_OFF_DUTY_MS);
    return () => window.clearInterval(t);
  }, [profile, onDuty, busy, refresh]);

  // Announce new work and finished stops to screen readers (not the route as first loaded).
  const [announcement, setAnnouncement] = useState('');
  const known = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    if (!data) return;
    const now = new Map([...deliveries.values()].map((d) => [d.id, d.status as string]));
    if (known.current) {
      const news: string[] = [];
      for (const d of deliveries.values()) {
        const was = known.current.get(d.id);
        if (was === d.status) continue;
        if (!was && d.status === 'ASSIGNED') news.push(`New delivery ${orderRef(d.order.number)} to pick up.`);
        else if (was) news.push(`${orderRef(d.order.number)}: ${courierStatusLabel(d.status)}.`);
      }
      if (news.length > 0) setAnnouncement(news.join(' '));
    }
    known.current = now;
  }, [data, deliveries]);

  if (error && !data) return <Problem error={error} title="Could not load your deliveries" onRetry={refresh} />;
  if (!data) return fetching ? <p role="status">Loading your route…</p> : null;

  if (!profile) {
    return (
      <div className="courier-app mx-auto">
        <h1 className="h3">Courier</h1>
        <RegisterCourierForm defaultName={session?.customer.name ?? ''} onRegistered={refresh} />
      </div>
    );
  }

  const toggleDuty = async () => {
    await setDuty({ available: !onDuty });
  };
  const anyLiveFailed = Object.values(liveFailed).some(Boolean);

  return (
    <div className="courier-app mx-auto" data-testid="courier-app">
      <header className="mb-3">
        <h1 className="h3 mb-0">Courier</h1>
        <p className="text-secondary mb-0" data-testid="courier-profile">
          {profile.name} · {vehicleLabel(profile.vehicle)} · carries up to {profile.capacity}
        </p>
      </header>

      <section className={`card mb-3 ${onDuty ? 'border-success' : ''}`} aria-labelledby="courier-duty-heading">
        <div className="card-body">
          <h2 id="courier-duty-heading" className="visually-hidden">
            Duty
          </h2>
          <div className="form-check form-switch courier-duty">
            <input
              id="courier-duty"
              className="form-check-input"
              type="checkbox"
              role="switch"
              checked={onDuty}
              disabled={dutyState.fetching}
              onChange={() => void toggleDuty()}
              aria-describedby="courier-duty-help"
            />
            <label className="form-check-label fw-semibold" htmlFor="courier-duty">
              On duty
            </label>
          </div>
          <p id="courier-duty-help" className="small text-secondary mb-0" data-testid="duty-status">
            {onDuty
              ? 'Dispatch may give you deliveries.'
              : 'Off duty: no new deliveries. What is already on your route stays yours.'}
          </p>
          <Problem error={dutyState.error} title="Could not change your duty" />
        </div>
      </section>

      <LocationPanel known={profile.location} tracking={onDuty || busy} onSent={refresh} />

      <section className="mb-3" aria-labelledby="courier-route-heading">
        <h2 id="courier-route-heading" className="h5 d-flex flex-wrap align-items-baseline gap-2">
          My route
          {views.length > 0 && (
            <span className="small text-secondary fw-normal" data-testid="route-summary">
              {views.length} stop{views.length === 1 ? '' : 's'} · {formatDistance(profile.route.distanceMeters)}
            </span>
          )}
        </h2>
        <p className="visually-hidden" aria-live="polite" data-testid="courier-announcement">
          {announcement}
        </p>
        {error && <Problem error={error} title="Could not refresh the route" onRetry={refresh} />}
        {anyLiveFailed && (
          <p className="alert alert-warning small" role="alert">
            Live updates for a delivery stopped; the route still refreshes every few seconds.
          </p>
        )}
        {views.length === 0 ? (
          <p className="text-secondary border rounded p-3" data-testid="route-empty">
            {onDuty ? 'No deliveries yet. New ones appear here on their own.' : 'Go on duty to get deliveries.'}
          </p>
        ) : (
          <StopList views={views} onChanged={onUpdate} />
        )}
      </section>

      {onRoute.map((d) => (
        <DeliveryLive key={d.orderId} orderId={d.orderId} onUpdate={onUpdate} onError={liveErrorFor(d.id)} />
      ))}

      {done.length > 0 && (
        <section className="mb-3" aria-labelledby="courier-done-heading">
          <h2 id="courier-done-heading" className="h5">
            Finished
          </h2>
          <ul className="list-group">
            {done.map((d) => (
              <li key={d.id} className="list-group-item d-flex flex-wrap justify-content-between gap-2" data-testid="finished-delivery" data-order-id={d.orderId} data-status={d.status}>
                <span>
                  <strong>{orderRef(d.order.number)}</strong> {courierStatusLabel(d.status)}
                  {d.reason && <span className="text-secondary"> · {d.reason}</span>}
                </span>
                <span className="text-secondary small">{formatTime(d.finishedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
