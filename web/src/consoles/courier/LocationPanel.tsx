import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import type { LatLon } from '../../lib/geo';
import { formatTime } from '../../lib/time';
import { ManualLocationForm } from './ManualLocationForm';
import { CourierUpdateLocationMutation } from './operations';
import { Problem } from './Problem';
import { formatDegrees, shouldSendPosition } from './route';
import { useGeolocation, type GeoState } from './useGeolocation';

function statusText(geo: GeoState, tracking: boolean): string {
  switch (geo.status) {
    case 'off':
      return tracking ? 'Starting…' : 'Your position is shared only while you are on duty or carrying deliveries.';
    case 'waiting':
      return 'Finding your position…';
    case 'watching':
      return geo.position
        ? `This phone is at ${formatDegrees(geo.position)}${geo.position.accuracy ? ` (±${Math.round(geo.position.accuracy)} m)` : ''}.`
        : 'Finding your position…';
    case 'denied':
      return 'Location is blocked for this site. Allow it in the browser settings, or enter where you are below.';
    case 'unavailable':
      return 'This phone cannot find its position right now. Enter where you are below.';
    case 'unsupported':
      return 'This browser cannot share its position. Enter where you are below.';
  }
}

/**
 * Where the dispatcher thinks the courier is: the phone's position (watched while on duty
 * or carrying something, sent when it moved), or typed in by hand when the phone will not
 * tell. Routes and customers' ETAs are planned from it.
 */
export function LocationPanel({ known, tracking, onSent }: { known: LatLon; tracking: boolean; onSent?: () => void }) {
  const geo = useGeolocation(tracking);
  const [state, update] = useMutation(CourierUpdateLocationMutation);
  const lastSent = useRef<{ at: number; position: LatLon } | null>(null);
  const [sent, setSent] = useState<{ at: string; byHand: boolean } | null>(null);
  const [manualOpen, setManualOpen] = useState(false);
  const needsHand = geo.status === 'denied' || geo.status === 'unavailable' || geo.status === 'unsupported';

  useEffect(() => {
    if (geo.status !== 'watching' || !geo.position) return;
    const position = { latitude: geo.position.latitude, longitude: geo.position.longitude };
    const now = Date.now();
    if (!shouldSendPosition(lastSent.current, position, now)) return;
    lastSent.current = { at: now, position };
    void update(position).then((res) => {
      if (res.data) {
        setSent({ at: new Date().toISOString(), byHand: false });
        onSent?.();
      }
    });
  }, [geo, update, onSent]);

  const sendByHand = async (position: LatLon) => {
    const res = await update(position);
    if (res.data) {
      lastSent.current = { at: Date.now(), position };
      setSent({ at: new Date().toISOString(), byHand: true });
      setManualOpen(false);
      onSent?.();
    }
  };

  const showForm = needsHand || manualOpen;
  return (
    <section className="card mb-3" aria-labelledby="courier-location-heading" data-testid="courier-location">
      <div className="card-body">
        <h2 id="courier-location-heading" className="h5 card-title">
          My location
        </h2>
        <p className="mb-1" data-testid="location-status" data-status={geo.status} aria-live="polite">
          {statusText(geo, tracking)}
        </p>
        <p className="mb-2 small text-secondary" data-testid="location-sent">
          Dispatch has you at {formatDegrees(known)}.
          {sent && (
            <>
              {' '}
              Last sent {formatTime(sent.at)} {sent.byHand ? 'by hand' : 'from this phone'}.
            </>
          )}
        </p>
        <Problem error={state.error} title="Could not send your location" />
        {!needsHand && (
          <button
            type="button"
            className="btn btn-link px-0"
            aria-expanded={manualOpen}
            aria-controls="courier-manual-location"
            onClick={() => setManualOpen((o) => !o)}
          >
            {manualOpen ? 'Hide the location form' : 'Enter my location by hand'}
          </button>
        )}
        {showForm && (
          <div id="courier-manual-location">
            <ManualLocationForm initial={known} busy={state.fetching} onSubmit={(p) => void sendByHand(p)} />
          </div>
        )}
      </div>
    </section>
  );
}
