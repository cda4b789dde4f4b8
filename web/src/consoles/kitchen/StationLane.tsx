import { useId } from 'react';
import { useMutation } from 'urql';
import { KitchenPauseStationMutation } from './operations';
import { Problem } from './Problem';
import { TicketCard } from './TicketCard';
import type { Station, StationLane as Lane, Ticket } from './board';

/** One station's column: its load, a pause/resume switch, and its tickets in queue order. */
export function StationLane({
  lane,
  now,
  onTicketChanged,
  onStationChanged,
}: {
  lane: Lane;
  now: number;
  onTicketChanged?: (ticket: Ticket) => void;
  onStationChanged?: (station: Station) => void;
}) {
  const headingId = useId();
  const { station, entries } = lane;
  const [pauseState, pause] = useMutation(KitchenPauseStationMutation);
  const late = entries.filter((e) => e.ticket.readyBy && Date.parse(e.ticket.readyBy) < now).length;

  const toggle = async () => {
    const res = await pause({ name: station.name, paused: !station.paused });
    if (res.data) onStationChanged?.(res.data.pauseStation);
  };

  return (
    <section
      className={`kds-lane${station.paused ? ' kds-paused' : ''}`}
      aria-labelledby={headingId}
      data-testid="kitchen-station"
      data-station={station.name}
      data-paused={station.paused ? 'true' : 'false'}
    >
      <header className="kds-lane-head">
        <h2 id={headingId} className="kds-station">
          {station.name}
          {station.paused && <span className="kds-paused-flag"> — PAUSED</span>}
        </h2>
        <p className="kds-load" data-testid="station-load">
          {station.capacity > 0 && (
            <>
              {station.busy}/{station.capacity} on
            </>
          )}
          {station.queued > 0 && <> · {station.queued} waiting</>}
          {late > 0 && <strong className="kds-late-count"> · {late} late</strong>}
        </p>
        <button
          type="button"
          className={`btn ${station.paused ? 'btn-warning' : 'btn-outline-light'} kds-pause`}
          aria-pressed={station.paused}
          disabled={pauseState.fetching}
          onClick={() => void toggle()}
        >
          {station.paused ? `Resume ${station.name}` : `Pause ${station.name}`}
        </button>
      </header>
      <Problem error={pauseState.error} title={`Could not ${station.paused ? 'resume' : 'pause'} ${station.name}`} />
      {entries.length === 0 ? (
        <p className="kds-empty">Nothing here.</p>
      ) : (
        <ol className="kds-tickets" aria-label={`${station.name} queue`}>
          {entries.map((entry, i) => (
            <li key={entry.ticket.id}>
              <TicketCard
                ticket={entry.ticket}
                items={entry.items}
                otherStations={entry.otherStations}
                position={i + 1}
                now={now}
                onChanged={onTicketChanged}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
