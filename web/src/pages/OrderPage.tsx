import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useSubscription } from 'urql';
import {
  CancelOrderMutation,
  DeliveryUpdatedSubscription,
  OrderPaymentQuery,
  OrderQuery,
  OrderStatusChangedSubscription,
} from '../api/operations';
import { DeliveryAddress } from '../components/DeliveryAddress';
import { DeliveryPanel } from '../components/DeliveryPanel';
import { DeliveryPromise } from '../components/DeliveryPromise';
import { KitchenProgress } from '../components/KitchenProgress';
import { OrderTotals } from '../components/OrderTotals';
import { Money } from '../components/Money';
import { StatusTimeline } from '../components/StatusTimeline';
import { ErrorAlert, Loading } from '../components/Status';
import type { OrderFieldsFragment, OrderStatus } from '../gql/graphql';
import { orderRef } from '../lib/orderNumber';
import { orderStatusLabel, orderStatusVariant, TERMINAL_STATUSES } from '../lib/orderStatus';
import { paymentSettledFor, shopperPaymentLabel } from '../lib/paymentStatus';
import { formatDateTime, formatTime } from '../lib/time';
import { usePageTitle } from '../lib/title';
import { productPath, withVariant } from '../lib/variants';

/** How often, and how many times, the page asks for a payment that has not caught up yet. */
export const PAYMENT_RECHECK_MS = 1_000;
export const PAYMENT_RECHECKS = 30;

/**
 * The order's payment as it is now. The order's last event (DELIVERED, CANCELLED) carries
 * the payment from before payments settled it (capture, void), and no event follows the
 * settling; so while the payment lags behind the order's status, ask for it again, a few
 * times a second apart.
 */
function useCurrentPayment(order: OrderFieldsFragment | undefined) {
  const known = order?.payment ?? null;
  const lagging = !!order && !!known && !paymentSettledFor(order.status, known.status);
  const [{ data }, recheck] = useQuery({
    query: OrderPaymentQuery,
    variables: { id: order?.id ?? '' },
    pause: !lagging,
    requestPolicy: 'network-only',
  });
  const [rechecks, setRechecks] = useState(0);
  // Live delivery updates re-render the page often; they must not restart the wait.
  const recheckRef = useRef(recheck);
  recheckRef.current = recheck;
  // Asked for only after the lagging one came in, so newer when there.
  const current = (lagging && data?.order?.payment) || known;
  const settled = !order || !current || paymentSettledFor(order.status, current.status);
  useEffect(() => {
    if (!lagging || settled || !data || rechecks >= PAYMENT_RECHECKS) return;
    const timer = window.setTimeout(() => {
      setRechecks((n) => n + 1);
      recheckRef.current({ requestPolicy: 'network-only' });
    }, PAYMENT_RECHECK_MS);
    return () => window.clearTimeout(timer);
  }, [lagging, settled, data, rechecks]);
  return current;
}

export function OrderPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: OrderQuery, variables: { id } });
  const [orderLive] = useSubscription({ query: OrderStatusChangedSubscription, variables: { orderId: id } });
  const [deliveryLive] = useSubscription({ query: DeliveryUpdatedSubscription, variables: { orderId: id } });
  const [cancelState, cancel] = useMutation(CancelOrderMutation);
  const [seen, setSeen] = useState<Array<{ status: OrderStatus; at: string }>>([]);
  const lastSeen = useRef<OrderStatus | null>(null);

  const order: OrderFieldsFragment | undefined =
    orderLive.data?.orderStatusChanged ?? cancelState.data?.cancelOrder ?? data?.order;
  const delivery = deliveryLive.data?.deliveryUpdated ?? data?.order.delivery ?? null;
  const status = order?.status;
  const payment = useCurrentPayment(order);
  // Named by its number once it is known (the id in the address is not for people).
  usePageTitle(order ? `Order ${orderRef(order.number)}` : null);

  // The statuses this page watched happen, in order.
  useEffect(() => {
    if (!status || status === lastSeen.current) return;
    lastSeen.current = status;
    setSeen((s) => [...s, { status, at: new Date().toISOString() }]);
  }, [status]);

  if (error && !data) return <ErrorAlert error={error} title="Could not load the order" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!order || !data) return fetching ? <Loading label="Loading the order…" /> : null;

  const productNames = Object.fromEntries(order.lines.map((l) => [l.product.id, l.product.name]));
  const live = !TERMINAL_STATUSES.includes(order.status);
  const canCancel = order.status === 'CONFIRMED' && (!order.kitchenTicket || order.kitchenTicket.status === 'QUEUED');

  return (
    <div className="row g-4">
      <div className="col-12">
        <nav aria-label="Breadcrumb">
          <ol className="breadcrumb mb-1">
            <li className="breadcrumb-item"><Link to="/orders">Orders</Link></li>
            <li className="breadcrumb-item active" aria-current="page">Order {orderRef(order.number)}</li>
          </ol>
        </nav>
        <h1 className="h3 d-flex flex-wrap align-items-center gap-2">
          Order {orderRef(order.number)}
          <span className={`badge text-bg-${orderStatusVariant(order.status)}`} data-testid="order-status" data-status={order.status}>
            {orderStatusLabel(order.status)}
          </span>
        </h1>
        <p className="text-secondary small mb-0">
          Placed {formatDateTime(order.createdAt)} · {order.paymentMethod === 'WALLET' ? 'Wallet' : 'Card'}
          {payment?.card && <> {payment.card.brand} •••• {payment.card.last4}</>}
          {payment && (
            <>
              {' · '}
              <span data-testid="payment-status" data-status={payment.status}>
                {shopperPaymentLabel(payment.status)}
              </span>
            </>
          )}
        </p>
        <DeliveryPromise order={order} />
        <p className="visually-hidden" aria-live="assertive" data-testid="status-announcement">
          Order status: {orderStatusLabel(order.status)}
        </p>
      </div>

      <div className="col-lg-7">
        {order.failure && (
          <div className="alert alert-danger" role="alert">
            <strong>{order.failure.code}</strong>: {order.failure.message}
          </div>
        )}
        {(orderLive.error || deliveryLive.error) && (
          <ErrorAlert error={orderLive.error ?? deliveryLive.error} title="Live updates stopped" onRetry={() => window.location.reload()} />
        )}
        <section aria-labelledby="progress-heading" className="card mb-3">
          <div className="card-body">
            <h2 id="progress-heading" className="h5 card-title d-flex align-items-center gap-2">
              Progress{' '}
              {live && (
                <span className="small text-success d-inline-flex align-items-center gap-1">
                  <span className={`live-dot ${orderLive.data ? 'on' : ''}`} aria-hidden="true" /> live
                </span>
              )}
            </h2>
            <StatusTimeline status={order.status} history={order.statusHistory} />
            <details className="mt-3 small">
              <summary>Updates seen on this page ({seen.length})</summary>
              <ol className="mb-0" data-testid="live-log" aria-live="polite">
                {seen.map((s, i) => (
                  <li key={i} data-status={s.status}>
                    {formatTime(s.at)} — {orderStatusLabel(s.status)}
                  </li>
                ))}
              </ol>
            </details>
            {canCancel && (
              <div className="mt-3">
                <button
                  type="button"
                  className="btn btn-sm btn-outline-danger"
                  disabled={cancelState.fetching}
                  onClick={() => {
                    if (window.confirm('Cancel this order?')) void cancel({ orderId: order.id, reason: 'cancelled by the customer' });
                  }}
                >
                  Cancel order
                </button>
                <ErrorAlert error={cancelState.error} title="Could not cancel" />
              </div>
            )}
          </div>
        </section>
        {order.kitchenTicket && <KitchenProgress ticket={order.kitchenTicket} productNames={productNames} />}
        {order.status !== 'FAILED' && (
          <DeliveryPanel delivery={delivery} destination={order.deliveryAddress} />
        )}
      </div>

      <div className="col-lg-5">
        <section aria-labelledby="items-heading" className="card mb-3">
          <div className="card-body">
            <h2 id="items-heading" className="h5 card-title">Items</h2>
            <ul className="list-unstyled">
              {order.lines.map((l, i) => (
                <li key={i} className="d-flex justify-content-between gap-2">
                  <span>
                    {l.quantity} × <Link to={productPath(l.product.id, l.variant)}>{withVariant(l.product.name, l.variant)}</Link>
                  </span>
                  <Money value={l.lineTotal} />
                </li>
              ))}
            </ul>
            <OrderTotals totals={order} totalTestId="order-total" />
          </div>
        </section>
        <section aria-labelledby="address-heading" className="card mb-3">
          <div className="card-body">
            <h2 id="address-heading" className="h5 card-title">Delivery address</h2>
            <DeliveryAddress address={order.deliveryAddress} note={order.note} />
          </div>
        </section>
      </div>
    </div>
  );
}
