import { useEffect, useState } from 'react';
import type { OrderFieldsFragment } from '../gql/graphql';
import { ticketStatusLabel } from '../lib/orderStatus';
import { formatTime } from '../lib/time';
import { withVariant } from '../lib/variants';

type Ticket = NonNullable<OrderFieldsFragment['kitchenTicket']>;

function itemPercent(item: Ticket['items'][number], now: number): number {
  if (item.status === 'DONE') return 100;
  if (item.status !== 'PREPARING' || !item.startedAt || !item.dueAt) return 0;
  const start = Date.parse(item.startedAt);
  const due = Date.parse(item.dueAt);
  if (!(due > start)) return 99;
  return Math.max(0, Math.min(99, Math.floor(((now - start) * 100) / (due - start))));
}

export function KitchenProgress({
  ticket,
  productNames,
}: {
  ticket: Ticket;
  productNames: Record<string, string>;
}) {
  const [now, setNow] = useState(() => Date.now());
  const active = ticket.status === 'PREPARING' || ticket.status === 'QUEUED';
  useEffect(() => {
    if (!active) return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [active]);

  const done = ticket.items.filter((i) => i.status === 'DONE').length;
  return (
    <section aria-labelledby="kitchen-heading" className="card mb-3" data-testid="kitchen-progress">
      <div className="card-body">
        <h2 id="kitchen-heading" className="h5 card-title d-flex align-items-center gap-2">
          Kitchen{' '}
          <span className="badge text-bg-info" data-testid="kitchen-status">
            {ticketStatusLabel(ticket.status)}
          </span>
        </h2>
        <p className="small text-secondary mb-2">
          {done} of {ticket.items.length} item{ticket.items.length === 1 ? '' : 's'} done
          {ticket.readyBy && ticket.status !== 'READY' && <> · ready by {formatTime(ticket.readyBy)}</>}
          {ticket.readyAt && <> · ready at {formatTime(ticket.readyAt)}</>}
        </p>
        {ticket.reason && <p className="text-danger small">{ticket.reason}</p>}
        <ul className="list-unstyled mb-0">
          {ticket.items.map((item, i) => {
            const pct = itemPercent(item, now);
            const name = withVariant(productNames[item.productId] ?? item.productId, item.variant);
            return (
              <li key={i} className="mb-2">
                <div className="d-flex justify-content-between small">
                  <span>
                    {item.quantity} × {name} <span className="text-secondary">({item.station})</span>
                  </span>
                  <span>{item.status === 'DONE' ? 'Done' : item.status === 'PREPARING' ? 'Preparing' : 'Queued'}</span>
                </div>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`${name} progress`}
                  aria-valuenow={pct}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  style={{ height: 6 }}
                >
                  <div className={`progress-bar ${item.status === 'DONE' ? 'bg-success' : ''}`} style={{ width: `${pct}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
