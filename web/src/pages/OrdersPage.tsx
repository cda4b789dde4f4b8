import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { MyOrdersQuery } from '../api/operations';
import { Money } from '../components/Money';
import { EmptyState, ErrorAlert, Loading } from '../components/Status';
import { orderRef } from '../lib/orderNumber';
import { orderStatusLabel, orderStatusVariant } from '../lib/orderStatus';
import { formatDateTime } from '../lib/time';
import { usePageTitle } from '../lib/title';
import { withVariant } from '../lib/variants';

const PAGE = 10;

function OrdersChunk({ after, isLast, onMore }: { after: string | null; isLast: boolean; onMore: (c: string) => void }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyOrdersQuery, variables: { first: PAGE, after } });
  if (error && !data) return <ErrorAlert error={error} title="Could not load your orders" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading label="Loading orders…" /> : null;
  const { orders, nextCursor } = data.myOrders;
  if (after === null && orders.length === 0) {
    return (
      <EmptyState title="No orders yet">
        <Link to="/" className="btn btn-primary mt-2">Start shopping</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="list-group mb-3">
        {orders.map((o) => (
          <li key={o.id} className="list-group-item" data-testid="order-row">
            <div className="d-flex justify-content-between flex-wrap gap-2">
              <div>
                <Link to={`/orders/${o.id}`} className="fw-semibold">
                  Order {orderRef(o.number)}
                </Link>{' '}
                <span className="small text-secondary">
                  · <time dateTime={o.createdAt}>{formatDateTime(o.createdAt)}</time>
                </span>
                <div className="small text-secondary">
                  {o.lines.map((l) => `${l.quantity} × ${withVariant(l.product.name, l.variant)}`).join(', ')}
                </div>
              </div>
              <div className="text-end">
                <span className={`badge text-bg-${orderStatusVariant(o.status)} me-2`}>{orderStatusLabel(o.status)}</span>
                <Money value={o.total} className="fw-semibold" />
              </div>
            </div>
          </li>
        ))}
      </ul>
      {isLast && nextCursor && (
        <div className="text-center">
          <button type="button" className="btn btn-outline-primary" onClick={() => onMore(nextCursor)}>
            Older orders
          </button>
        </div>
      )}
    </>
  );
}

export function OrdersPage() {
  usePageTitle('Your orders');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <>
      <h1 className="h3 mb-3">Your orders</h1>
      {cursors.map((c, i) => (
        <OrdersChunk key={c ?? 'first'} after={c} isLast={i === cursors.length - 1} onMore={(n) => setCursors((cs) => [...cs, n])} />
      ))}
    </>
  );
}
