import type { CombinedError } from '@urql/core';
import { errorItems } from '../../../api/errors';
import type { OrderStatus } from '../../../gql/graphql';
import { orderStatusLabel } from '../../../lib/orderStatus';

/**
 * The order lifecycle as the orders service enforces it (`OrderStatus::can_become`):
 * PENDING belongs to checkout, which confirms or fails it itself.
 */
const LIFECYCLE: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ['CONFIRMED', 'FAILED'],
  CONFIRMED: ['PREPARING', 'READY_FOR_DELIVERY', 'CANCELLED'],
  PREPARING: ['READY_FOR_DELIVERY', 'CANCELLED'],
  READY_FOR_DELIVERY: ['OUT_FOR_DELIVERY', 'CANCELLED'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'CANCELLED'],
  DELIVERED: ['REFUNDED'],
  CANCELLED: [],
  FAILED: [],
  REFUNDED: [],
};

export function lifecycleAllows(from: OrderStatus, to: OrderStatus): boolean {
  return LIFECYCLE[from]?.includes(to) ?? false;
}

export interface StatusContext {
  status: OrderStatus;
  /** Whether any line needs the kitchen (else the order skips PREPARING). */
  needsKitchen: boolean;
}

/**
 * The statuses an ADMIN is offered to move an order to by hand: what the lifecycle allows
 * from here, without
 * - CANCELLED: cancelling has its own action (with a reason, voiding the payment);
 * - REFUNDED: an order becomes refunded when its payment was refunded in full, which a
 *   status change alone would not do;
 * - PREPARING for an order with nothing to prepare;
 * - anything while checkout is still running (PENDING).
 */
export function nextStatuses({ status, needsKitchen }: StatusContext): OrderStatus[] {
  if (status === 'PENDING') return [];
  return (LIFECYCLE[status] ?? []).filter(
    (to) => to !== 'CANCELLED' && to !== 'REFUNDED' && to !== 'FAILED' && (to !== 'PREPARING' || needsKitchen),
  );
}

/** ADMINs may cancel at any point before the order is delivered (checkout must have finished). */
export function canCancel(status: OrderStatus): boolean {
  return lifecycleAllows(status, 'CANCELLED');
}

/** What an admin should know about each move, in a few words. */
export function moveHint(to: OrderStatus): string {
  switch (to) {
    case 'PREPARING':
      return 'the kitchen has started';
    case 'READY_FOR_DELIVERY':
      return 'ready for a courier to pick up';
    case 'OUT_FOR_DELIVERY':
      return 'a courier has the goods';
    case 'DELIVERED':
      return 'handed over; the payment is captured';
    default:
      return '';
  }
}

/** SCREAMING_CASE statuses in a server message, as people read them. */
export function humanizeStatuses(message: string): string {
  return message.replace(/\b[A-Z][A-Z_]{3,}\b/g, (word) => {
    const label = orderStatusLabel(word);
    return label === word ? word.toLowerCase().replace(/_/g, ' ') : label.toLowerCase();
  });
}

/**
 * A refused change in plain words: what went wrong for a person, then the server's own
 * explanation with its status names readable. Never a bare error code.
 */
export function describeActionError(error: CombinedError | null | undefined): string | null {
  const items = errorItems(error);
  if (items.length === 0) return null;
  const item = items[0];
  const detail = humanizeStatuses(item.message).replace(/\.$/, '');
  switch (item.code) {
    case 'CONFLICT':
      return `The order cannot make that change now: ${detail}. It may have moved on meanwhile; the page shows where it is now.`;
    case 'FORBIDDEN':
      return `Your account is not allowed to do this: ${detail}.`;
    case 'NOT_FOUND':
      return 'This order no longer exists.';
    case 'BAD_USER_INPUT':
      return `Please check the reason: ${detail}.`;
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please sign in again.';
    case 'NETWORK':
      return 'The server could not be reached. Check the connection and try again.';
    default:
      return `Something went wrong: ${detail}.`;
  }
}
