import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useSession } from '../../../api/hooks';
import { DeliveryAddress } from '../../../components/DeliveryAddress';
import { DeliveryPromise } from '../../../components/DeliveryPromise';
import { OrderTotals } from '../../../components/OrderTotals';
import { Money } from '../../../components/Money';
import { Loading } from '../../../components/Status';
import { StatusTimeline } from '../../../components/StatusTimeline';
import type { OrderStatus, SalesDeliveryFieldsFragment, SalesOrderFieldsFragment } from '../../../gql/graphql';
import { orderStatusLabel, orderStatusVariant, TERMINAL_STATUSES, ticketStatusLabel } from '../../../lib/orderStatus';
import { orderRef } from '../../../lib/orderNumber';
import { formatDateTime } from '../../../lib/time';
import { withVariant } from '../../../lib/variants';
import { latestDelivery, latestState, pickLatest } from './boardLive';
import { deliveryLabel, deliveryVariant, vehicleLabel } from './labels';
import { paymentStatusBadge, paymentStatusLabel } from '../../../lib/paymentStatus';
import { OrderActions } from './OrderActions';
import { OrderTimeline } from './OrderTimeline';
import {
  SalesCancelOrderMutation,
  SalesDeliveryUpdatedSubscription,
  SalesOrderQuery,
  SalesOrderStatusChangedSubscription,
  SalesUpdateOrderStatusMutation,
} from './operations';
import { Problem } from './Problem';
import { ticketOutcome } from './timeline';

type Order = SalesOrderFieldsFragment & { delivery?: SalesDeliveryFieldsFragment | null };

function Section({ id, title, badge, children }: { id: string; title: string; badge?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card mb-3" data-testid={id}>
      <div className="card-body">
        <h3 id={id} className="h6 card-title d-flex flex-wrap align-items-center gap-2">
          {title} {badge}
        </h3>
        {children}
      </div>
    </section>
  );
}

function KitchenSection({ ticket, productNames }: { ticket: NonNullable<Order['kitchenTicket']>; productNames: Record<string, string> }) {
  const outcome = ticketOutcome(ticket);
  return (
    <Section id="kitchen-ticket" title="Kitchen ticket" badge={<span className="badge text-bg-info">{ticketStatusLabel(ticket.status)}</span>}>
      <dl className="row small mb-2">
        <dt className="col-5 fw-normal text-secondary">Priority</dt>
        <dd className="col-7 mb-1">{ticket.priority}</dd>
        <dt className="col-5 fw-normal text-secondary">Ready by</dt>
        <dd className="col-7 mb-1">{ticket.readyAt ? `done ${formatDateTime(ticket.readyAt)}` : formatDateTime(ticket.readyBy) || '—'}</dd>
      </dl>
      <ul className="list-unstyled small mb-0">
        {ticket.items.map((item, i) => (
          <li key={i} className="d-flex flex-wrap justify-content-between gap-2">
            <span>
              {item.quantity} × {withVariant(productNames[item.productId] ?? 'item', item.variant)} <span className="text-secondary">at {item.station}</span>
            </span>
            <span className="text-secondary">{item.status.toLowerCase()}</span>
          </li>
        ))}
      </ul>
      {outcome && <p className="small text-danger mt-2 mb-0">{outcome}</p>}
    </Section>
  );
}

function DeliverySection({ delivery }: { delivery: SalesDeliveryFieldsFragment }) {
  return (
    <Section
      id="delivery-record"
      title="Delivery"
      badge={
        <span className={`badge text-bg-${deliveryVariant(delivery.status)}`} data-testid="delivery-status">
          {deliveryLabel(delivery.status)}
        </span>
      }
    >
      <dl className="row small mb-0">
        <dt className="col-5 fw-normal text-secondary">Courier</dt>
        <dd className="col-7 mb-1">
          {delivery.courier ? (
            <>
              {delivery.courier.name} · {vehicleLabel(delivery.courier.vehicle).toLowerCase()}
            </>
          ) : (
            'none yet'
          )}
        </dd>
        {delivery.eta && (
          <>
            <dt className="col-5 fw-normal text-secondary">Expected</dt>
            <dd className="col-7 mb-1">{formatDateTime(delivery.eta)}</dd>
          </>
        )}
        <dt className="col-5 fw-normal text-secondary">Failed attempts</dt>
        <dd className="col-7 mb-1">{delivery.attempts}</dd>
        {delivery.reason && (
          <>
            <dt className="col-5 fw-normal text-secondary">Reason</dt>
            <dd className="col-7 mb-1 text-break">{delivery.reason}</dd>
          </>
        )}
      </dl>
    </Section>
  );
}

function PaymentSection({ payment }: { payment: NonNullable<Order['payment']> }) {
  return (
    <Section id="payment-record" title="Payment" badge={<span className={`badge ${paymentStatusBadge(payment.status)}`}>{paymentStatusLabel(payment.status)}</span>}>
      <dl className="row small mb-0">
        <dt className="col-5 fw-normal text-secondary">Method</dt>
        <dd className="col-7 mb-1">
          {payment.method === 'WALLET' ? 'Wallet' : 'Card'}
          {payment.card && ` ${payment.card.brand} •••• ${payment.card.last4}`}
        </dd>
        <dt className="col-5 fw-normal text-secondary">Amount</dt>
        <dd className="col-7 mb-1">
          <Money value={payment.amount} />
        </dd>
        {payment.refundedAmount.amount > 0 && (
          <>
            <dt className="col-5 fw-normal text-secondary">Refunded</dt>
            <dd className="col-7 mb-1">
              <Money value={payment.refundedAmount} />
            </dd>
          </>
        )}
        {payment.declineReason && (
          <>
            <dt className="col-5 fw-normal text-secondary">Declined</dt>
            <dd className="col-7 mb-1 text-break">{payment.declineReason}</dd>
          </>
        )}
      </dl>
    </Section>
  );
}

/** One order in full, kept live: who, what, where, everything that happened, and what to do next. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SalesOrderQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [orderLive] = useSubscription({ query: SalesOrderStatusChangedSubscription, variables: { orderId: id } });
  const [deliveryLive] = useSubscription({ query: SalesDeliveryUpdatedSubscription, variables: { orderId: id } });
  const [moveState, move] = useMutation(SalesUpdateOrderStatusMutation);
  const [cancelState, cancel] = useMutation(SalesCancelOrderMutation);

  // Each state as it arrives (query, live, mutation answers); a newer one replaces it.
  const [arrived, setArrived] = useState<Order | undefined>(undefined);
  const fromQuery = data?.order;
  const fromLive = orderLive.data?.orderStatusChanged;
  const fromMove = moveState.data?.updateOrderStatus;
  const fromCancel = cancelState.data?.cancelOrder;
  useEffect(() => setArrived((o) => pickLatest<Order>(o, fromQuery)), [fromQuery]);
  useEffect(() => setArrived((o) => pickLatest<Order>(o, fromLive)), [fromLive]);
  useEffect(() => setArrived((o) => pickLatest<Order>(o, fromMove)), [fromMove]);
  useEffect(() => setArrived((o) => pickLatest<Order>(o, fromCancel)), [fromCancel]);
  const order: Order | undefined = arrived?.id === id ? arrived : latestState<Order>([fromQuery, fromLive, fromMove, fromCancel]);

  // A status change sets off work elsewhere (the payment is voided or captured, the kitchen
  // and the courier follow) that the order's own stream does not carry: read it all again
  // once that has had time to happen.
  const status = order?.status;
  const seenStatus = useRef<string | undefined>(undefined);
  useEffect(() => {
    const before = seenStatus.current;
    seenStatus.current = status;
    if (!status || !before || before === status) return;
    const timers = [1500, 5000].map((ms) => window.setTimeout(() => reexecute({ requestPolicy: 'network-only' }), ms));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [status, reexecute]);
  const delivery = latestDelivery(order?.delivery, deliveryLive.data?.deliveryUpdated);

  const boardSearch = (location.state as { board?: string } | null)?.board;
  const boardLink = `/admin/orders${boardSearch ? `?${boardSearch}` : ''}`;

  if (error && !order) {
    return (
      <>
        <Link to={boardLink}>← All orders</Link>
        <Problem error={error} title="Could not load the order" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!order) return fetching ? <Loading label="Loading the order…" /> : null;

  const productNames = Object.fromEntries(order.lines.map((l) => [l.product.id, l.product.name]));
  const needsKitchen = !!order.kitchenTicket || order.lines.some((l) => l.product.requiresPreparation);
  const live = !TERMINAL_STATUSES.includes(order.status);
  const ref = orderRef(order.number);
  const liveError = orderLive.error ?? deliveryLive.error;

  return (
    <div className="row g-3">
      <div className="col-12">
        <nav aria-label="Breadcrumb">
          <ol className="breadcrumb mb-1">
            <li className="breadcrumb-item">
              <Link to={boardLink}>Orders</Link>
            </li>
            <li className="breadcrumb-item active" aria-current="page">
              {ref}
            </li>
          </ol>
        </nav>
        <h2 className="h4 d-flex flex-wrap align-items-center gap-2 mb-1">
          Order <span className="font-monospace">{ref}</span>
          <span className={`badge text-bg-${orderStatusVariant(order.status)}`} data-testid="order-status" data-status={order.status}>
            {orderStatusLabel(order.status)}
          </span>
          {live && (
            <span className="small fw-normal text-success d-inline-flex align-items-center gap-1">
              <span className={`live-dot ${orderLive.data ? 'on' : ''}`} aria-hidden="true" /> live
            </span>
          )}
        </h2>
        <p className="small text-secondary mb-0 text-break">
          Placed {formatDateTime(order.createdAt)} by {order.customer.name} · <Money value={order.total} /> by{' '}
          {order.paymentMethod === 'WALLET' ? 'wallet' : 'card'}
        </p>
        <div className="small">
          <DeliveryPromise order={order} />
        </div>
        {/* Named by its number everywhere; the id stays here for staff to copy (logs, the API). */}
        <p className="small text-secondary mb-0 text-break">
          id <span className="font-monospace user-select-all" data-testid="order-id">{order.id}</span>
        </p>
        <p className="visually-hidden" aria-live="polite" data-testid="status-announcement">
          Order {ref} status: {orderStatusLabel(order.status)}
        </p>
      </div>

      <div className="col-lg-7">
        {liveError && <Problem error={liveError} title="Live updates stopped" onRetry={() => window.location.reload()} />}
        {order.failure && (
          <div className="alert alert-warning small" role="note">
            Checkout failed: {order.failure.message}
          </div>
        )}
        <Section id="order-actions-heading" title="Actions">
          <OrderActions
            orderRef={ref}
            status={order.status}
            needsKitchen={needsKitchen}
            busy={moveState.fetching || cancelState.fetching}
            onMove={(status: OrderStatus, reason) => move({ orderId: order.id, status, reason })}
            onCancel={(reason) => cancel({ orderId: order.id, reason })}
          />
        </Section>
        <Section id="history-heading" title="Timeline">
          <StatusTimeline status={order.status} history={order.statusHistory} />
          <hr />
          <OrderTimeline
            order={{ ...order, delivery }}
            customer={order.customer}
            myId={session?.customer.id ?? null}
            courierNames={delivery?.courier ? { [delivery.courier.id]: delivery.courier.name } : {}}
          />
        </Section>
        {order.kitchenTicket && <KitchenSection ticket={order.kitchenTicket} productNames={productNames} />}
        {delivery && <DeliverySection delivery={delivery} />}
        {order.payment && <PaymentSection payment={order.payment} />}
      </div>

      <div className="col-lg-5">
        <Section id="customer-heading" title="Customer">
          <p className="mb-0 text-break">
            <strong>{order.customer.name}</strong>
            <br />
            <a href={`mailto:${order.customer.email}`}>{order.customer.email}</a>
            {order.customer.phone && (
              <>
                <br />
                <a href={`tel:${order.customer.phone}`}>{order.customer.phone}</a>
              </>
            )}
          </p>
        </Section>
        <Section id="items-heading" title="Items">
          <ul className="list-unstyled">
            {order.lines.map((l, i) => (
              <li key={i} className="d-flex justify-content-between gap-2">
                <span>
                  {l.quantity} × {withVariant(l.product.name, l.variant)}
                </span>
                <Money value={l.lineTotal} />
              </li>
            ))}
          </ul>
          <OrderTotals totals={order} totalTestId="order-total" />
        </Section>
        <Section id="address-heading" title="Delivery address">
          <DeliveryAddress address={order.deliveryAddress} note={order.note} />
        </Section>
      </div>
    </div>
  );
}
