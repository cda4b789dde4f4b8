import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import type { TicketStatus } from '../../gql/graphql';
import { orderRef } from '../../lib/orderNumber';
import { formatTime } from '../../lib/time';
import { ticketStatusLabel } from '../../lib/orderStatus';
import { KitchenBoardQuery, KitchenTicketUpdatedSubscription } from './operations';
import { Problem } from './Problem';
import { StationLane } from './StationLane';
import { ItemName } from './TicketCard';
import { describeChanges, groupByStation, hear, mergeBoard, type Heard, type Station, type Ticket } from './board';
import { usePageTitle } from '../../lib/title';
import './kitchen.css';

/** The time now, renewed every `ms` (the tickets' timers). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}

/** After a ticket event, the queue and the stations' load are fetched again this much later. */
const RESYNC_AFTER_EVENT_MS = 700;
/** And anyway this often (a bump on another screen is not announced). */
const RESYNC_EVERY_MS = 30_000;
const FINISHED_SHOWN = 6;
const LOG_KEPT = 6;

/**
 * The kitchen display: a lane per station with its open tickets in the order the kitchen
 * works them, kept live by `kitchenTicketUpdated` (merged into the fetched queue), timers
 * against `readyBy`, and the cooks' actions. Meant for a wall screen: large type, high
 * contrast, and a log of changes that screen readers announce.
 */
export function KitchenConsole() {
  usePageTitle('Kitchen');
  const now = useNow(1000);
  const [{ data, error, fetching }, refetch] = useQuery({ query: KitchenBoardQuery });
  const [fetchedAt, setFetchedAt] = useState(0);
  useEffect(() => {
    if (data) setFetchedAt(Date.now());
  }, [data]);

  // What the subscription told (folded in its handler, so no event is lost to batching) and
  // what our own mutations answered.
  const [live] = useSubscription({ query: KitchenTicketUpdatedSubscription }, (heard: Record<string, Heard> = {}, event) =>
    hear(heard, event.kitchenTicketUpdated, Date.now()),
  );
  const [own, setOwn] = useState<Record<string, Heard>>({});
  const [stationsChanged, setStationsChanged] = useState<Record<string, { station: Station; at: number }>>({});
  const onTicketChanged = useCallback((t: Ticket) => setOwn((h) => hear(h, t, Date.now())), []);
  const onStationChanged = useCallback(
    (s: Station) => setStationsChanged((m) => ({ ...m, [s.name]: { station: s, at: Date.now() } })),
    [],
  );

  const resync = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useEffect(() => {
    if (!live.data) return;
    const t = window.setTimeout(resync, RESYNC_AFTER_EVENT_MS);
    return () => window.clearTimeout(t);
  }, [live.data, resync]);
  useEffect(() => {
    const t = window.setInterval(resync, RESYNC_EVERY_MS);
    return () => window.clearInterval(t);
  }, [resync]);

  const board = useMemo(() => {
    let heard: Record<string, Heard> = live.data ?? {};
    for (const h of Object.values(own)) heard = hear(heard, h.ticket, h.at);
    return mergeBoard(data?.kitchenQueue ?? [], fetchedAt, heard);
  }, [data, fetchedAt, live.data, own]);

  const stations = useMemo(
    () =>
      (data?.kitchenStations ?? []).map((s) => {
        const changed = stationsChanged[s.name];
        return changed && changed.at > fetchedAt ? changed.station : s;
      }),
    [data, fetchedAt, stationsChanged],
  );
  const lanes = useMemo(() => groupByStation(stations, board.open), [stations, board.open]);

  // Changes, in words, for the log (and screen readers); not the board as first loaded.
  const [log, setLog] = useState<Array<{ at: string; text: string; key: number }>>([]);
  const seen = useRef<Map<string, TicketStatus> | null>(null);
  const logKey = useRef(0);
  useEffect(() => {
    if (!data) return;
    const all = [...board.open, ...board.finished];
    const statuses = new Map(all.map((t) => [t.id, t.status]));
    if (seen.current) {
      const lines = describeChanges(seen.current, all);
      if (lines.length > 0) {
        const at = new Date().toISOString();
        setLog((l) => [...lines.map((text) => ({ at, text, key: ++logKey.current })).reverse(), ...l].slice(0, LOG_KEPT));
      }
    }
    seen.current = statuses;
  }, [board, data]);

  const lateCount = board.open.filter((t) => t.readyBy && Date.parse(t.readyBy) < now).length;
  // Subscribed and not failed (urql stops saying `fetching` once the first event is in).
  const connected = !live.error && (live.fetching || live.data !== undefined);

  if (error && !data) return <Problem error={error} title="Could not load the kitchen" onRetry={resync} />;

  return (
    <div className="kds" data-testid="kitchen-display">
      <header className="kds-top">
        <h1 className="kds-title">Kitchen</h1>
        <p className="kds-summary" data-testid="kitchen-summary">
          <span>{board.open.length} open</span>
          {lateCount > 0 && <strong className="kds-late-count"> · {lateCount} late</strong>}
          <span className="kds-clock"> · {formatTime(new Date(now).toISOString())}</span>
          <span className={`kds-live ${connected ? 'on' : ''}`} data-testid="kitchen-live">
            {' '}
            · <span className={`live-dot ${connected ? 'on' : ''}`} aria-hidden="true" /> {connected ? 'live' : 'connecting…'}
          </span>
        </p>
        <FullScreenButton />
      </header>

      {live.error && <Problem error={live.error} title="Live updates stopped" onRetry={() => window.location.reload()} />}
      {error && data && <Problem error={error} title="Could not refresh the board" onRetry={resync} />}

      <section className="kds-log-wrap" aria-labelledby="kds-log-heading">
        <h2 id="kds-log-heading" className="visually-hidden">
          Latest changes
        </h2>
        <ol className="kds-log" aria-live="polite" aria-relevant="additions" data-testid="kitchen-log">
          {log.length === 0 && <li className="kds-muted">Waiting for tickets…</li>}
          {log.map((entry) => (
            <li key={entry.key}>
              <span className="kds-muted">{formatTime(entry.at)}</span> {entry.text}
            </li>
          ))}
        </ol>
      </section>

      {!data && fetching ? (
        <p className="kds-empty" role="status">
          Loading the kitchen…
        </p>
      ) : (
        <div className="kds-lanes">
          {lanes.map((lane) => (
            <StationLane key={lane.station.name} lane={lane} now={now} onTicketChanged={onTicketChanged} onStationChanged={onStationChanged} />
          ))}
        </div>
      )}

      {board.finished.length > 0 && (
        <section className="kds-finished" aria-labelledby="kds-finished-heading">
          <h2 id="kds-finished-heading" className="kds-station">
            Just finished
          </h2>
          <ul className="kds-finished-list">
            {board.finished.slice(0, FINISHED_SHOWN).map((t) => (
              <li key={t.id} data-testid="finished-ticket" data-order-id={t.orderId} data-status={t.status} className={`kds-finished-${t.status.toLowerCase()}`}>
                <strong>{orderRef(t.order.number)}</strong> {ticketStatusLabel(t.status)}
                {t.items.length > 0 && (
                  <span className="kds-muted">
                    {' '}
                    · {t.items.map((i, n) => (
                      <span key={n}>
                        {n > 0 && ', '}
                        {i.quantity}× <ItemName item={i} />
                      </span>
                    ))}
                  </span>
                )}
                {t.reason && <span> · {t.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function FullScreenButton() {
  const [full, setFull] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const onChange = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="btn btn-outline-light kds-fullscreen"
      onClick={() => void (full ? document.exitFullscreen() : document.querySelector('.kds')?.requestFullscreen())}
    >
      {full ? 'Leave full screen' : 'Full screen'}
    </button>
  );
}
