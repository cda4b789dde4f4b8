import { useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { orderRef } from '../../lib/orderNumber';
import { formatTime } from '../../lib/time';
import { ticketStatusLabel } from '../../lib/orderStatus';
import { FailTicketForm } from './FailTicketForm';
import {
  KitchenBumpTicketMutation,
  KitchenCompleteTicketMutation,
  KitchenProductQuery,
} from './operations';
import { Problem } from './Problem';
import { formatClock, ticketTimer, type Ticket, type TicketItem } from './board';

/** A product's name from the catalog (cached: one request per product for the whole board). */
export function ProductName({ id }: { id: string }) {
  const [{ data, error }] = useQuery({ query: KitchenProductQuery, variables: { id } });
  if (data?.product) return <>{data.product.name}</>;
  return <span className="kds-muted">{error || data ? 'Unknown product' : 'Loading…'}</span>;
}

/**
 * What to make: the product's name and, for a product with variants, which one (the size of
 * a pizza), set off so a cook sees it at a glance: "Pizza Margherita · **35 cm**".
 */
export function ItemName({ item }: { item: Pick<TicketItem, 'productId' | 'variant'> }) {
  return (
    <>
      <ProductName id={item.productId} />
      {item.variant && (
        <>
          {' · '}
          <strong className="kds-variant" data-testid="item-variant">
            {item.variant.name}
          </strong>
        </>
      )}
    </>
  );
}

/** The customer's note ("no onions"), which comes with the ticket (`KitchenTicket.order.note`). */
function OrderNote({ note: raw }: { note: string | null | undefined }) {
  const note = raw?.trim();
  if (!note) return null;
  return (
    <p className="kds-note" data-testid="ticket-note">
      <span className="visually-hidden">Customer's note: </span>“{note}”
    </p>
  );
}

function itemState(item: TicketItem, now: number): string {
  if (item.status === 'DONE') return 'done';
  if (item.status === 'QUEUED') return 'waiting';
  if (!item.dueAt) return 'on the station';
  const ms = Date.parse(item.dueAt) - now;
  return ms >= 0 ? `on, ${formatClock(ms)} to go` : `on, over by ${formatClock(ms)}`;
}

/**
 * One ticket in one station's lane: the order's number, how long is left before
 * `readyBy` (late ones stand out in colour and in words), the items made at this station,
 * and the cook's actions.
 */
export function TicketCard({
  ticket,
  items = ticket.items,
  otherStations = [],
  position,
  now,
  onChanged,
}: {
  ticket: Ticket;
  /** The items shown (those made at this lane's station); every item by default. */
  items?: TicketItem[];
  otherStations?: string[];
  /** 1-based place in the lane's queue. */
  position?: number;
  now: number;
  /** A mutation's answer: the ticket as it is now. */
  onChanged?: (ticket: Ticket) => void;
}) {
  const headingId = useId();
  const failButton = useRef<HTMLButtonElement>(null);
  const [failing, setFailing] = useState(false);
  const [bumpState, bump] = useMutation(KitchenBumpTicketMutation);
  const [completeState, complete] = useMutation(KitchenCompleteTicketMutation);
  const ref = orderRef(ticket.order.number);
  const timer = ticketTimer(ticket, now);
  const late = timer.state === 'late';
  const busy = bumpState.fetching || completeState.fetching;

  const onBump = async () => {
    const res = await bump({ ticketId: ticket.id });
    if (res.data) onChanged?.(res.data.bumpTicket);
  };
  const onDone = async () => {
    const res = await complete({ ticketId: ticket.id });
    if (res.data) onChanged?.(res.data.completeTicket);
  };

  return (
    <article
      className={`kds-ticket kds-timer-${timer.state} kds-status-${ticket.status.toLowerCase()}`}
      aria-labelledby={headingId}
      data-testid="kitchen-ticket"
      data-ticket-id={ticket.id}
      data-order-id={ticket.orderId}
      data-status={ticket.status}
      data-late={late ? 'true' : 'false'}
    >
      <header className="kds-ticket-head">
        <h3 id={headingId} className="kds-ref">
          {position !== undefined && <span className="kds-pos">{position}.</span>} {ref}
        </h3>
        <span className="kds-badge" data-testid="ticket-status">
          {ticketStatusLabel(ticket.status)}
        </span>
        {ticket.priority > 0 && (
          <span className="kds-badge kds-bumped" title="Bumped up the queue">
            ▲{ticket.priority}
            <span className="visually-hidden"> bumped {ticket.priority} time{ticket.priority === 1 ? '' : 's'}</span>
          </span>
        )}
      </header>

      {timer.state !== 'none' && (
        <p className="kds-timer" data-testid="ticket-timer" data-state={timer.state}>
          {late && <strong className="kds-late-flag">LATE </strong>}
          {timer.text}
        </p>
      )}
      <p className="kds-times">
        In at {formatTime(ticket.createdAt)}
        {ticket.readyBy && <> · ready by {formatTime(ticket.readyBy)}</>}
      </p>

      <ul className="kds-items" aria-label={`Items of ticket ${ref}`}>
        {items.map((item, i) => (
          <li key={`${item.productId}-${i}`} className={`kds-item kds-item-${item.status.toLowerCase()}`}>
            <span className="kds-qty">{item.quantity}×</span> <ItemName item={item} />
            <span className="kds-item-state"> — {itemState(item, now)}</span>
          </li>
        ))}
      </ul>
      {otherStations.length > 0 && <p className="kds-also">Also on {otherStations.join(', ')}</p>}
      <OrderNote note={ticket.order.note} />

      <div className="kds-actions">
        <button type="button" className="btn btn-lg btn-light" aria-label={`Bump ticket ${ref}`} disabled={busy} onClick={() => void onBump()}>
          Bump
        </button>
        {ticket.status === 'PREPARING' && (
          <button type="button" className="btn btn-lg btn-success" aria-label={`Done ticket ${ref}`} disabled={busy} onClick={() => void onDone()}>
            Done
          </button>
        )}
        {!failing && (
          <button ref={failButton} type="button" className="btn btn-lg btn-outline-danger kds-fail" disabled={busy} aria-label={`Fail… ticket ${ref}`} onClick={() => setFailing(true)}>
            Fail…
          </button>
        )}
      </div>
      {failing && (
        <FailTicketForm
          ticketId={ticket.id}
          label={ref}
          onFailed={(t) => {
            setFailing(false);
            onChanged?.(t);
          }}
          onCancel={() => {
            setFailing(false);
            setTimeout(() => failButton.current?.focus(), 0);
          }}
        />
      )}
      <Problem error={bumpState.error} title="Could not bump" />
      <Problem error={completeState.error} title="Could not mark it done" />
    </article>
  );
}
