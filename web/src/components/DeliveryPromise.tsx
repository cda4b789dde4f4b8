import type { OrderStatus } from '../gql/graphql';
import { formatClock, formatMinutes } from '../lib/time';

/** Statuses in which an undelivered order will not arrive: its promise no longer means anything. */
const NOT_COMING: OrderStatus[] = ['CANCELLED', 'FAILED', 'REFUNDED'];

/**
 * When checkout promised the order at the door and, once delivered, whether it kept the promise:
 * "Promised by 14:35", "Delivered 14:29 — on time", "Delivered 14:52 — 17 min late". Nothing for
 * an order without a promise (placed before promises existed) or one that will not arrive.
 */
export function DeliveryPromise({
  order,
  now = new Date(),
}: {
  order: { status: OrderStatus; promisedAt?: string | null; deliveredAt?: string | null; promiseKept?: boolean | null };
  now?: Date;
}) {
  const { promisedAt, deliveredAt, promiseKept } = order;
  if (!promisedAt) return null;
  if (deliveredAt) {
    const late = (new Date(deliveredAt).getTime() - new Date(promisedAt).getTime()) / 1000;
    return (
      <p className="mb-0" data-testid="delivery-promise" data-kept={promiseKept == null ? undefined : String(promiseKept)}>
        Delivered <time dateTime={deliveredAt}>{formatClock(deliveredAt, now)}</time>
        {promiseKept === true && <span className="text-success fw-semibold"> — on time</span>}
        {promiseKept === false && <span className="text-danger fw-semibold"> — {formatMinutes(late)} late</span>}
      </p>
    );
  }
  if (NOT_COMING.includes(order.status)) return null;
  return (
    <p className="mb-0" data-testid="delivery-promise">
      Promised by <time dateTime={promisedAt}>{formatClock(promisedAt, now)}</time>
    </p>
  );
}
