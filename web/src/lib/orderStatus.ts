import type { OrderStatus, DeliveryStatus, TicketStatus } from '../gql/graphql';

export const ORDER_FLOW: OrderStatus[] = [
  'PENDING',
  'CONFIRMED',
  'PREPARING',
  'READY_FOR_DELIVERY',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
];

export const TERMINAL_STATUSES: OrderStatus[] = ['DELIVERED', 'CANCELLED', 'FAILED', 'REFUNDED'];

const ORDER_LABELS: Record<OrderStatus, string> = {
  PENDING: 'Placed',
  CONFIRMED: 'Confirmed',
  PREPARING: 'Preparing',
  READY_FOR_DELIVERY: 'Ready for delivery',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
  REFUNDED: 'Refunded',
};

/** Every order status, in lifecycle order (the ends last). */
export const ORDER_STATUSES = Object.keys(ORDER_LABELS) as OrderStatus[];

export function orderStatusLabel(status: OrderStatus | string): string {
  return ORDER_LABELS[status as OrderStatus] ?? status;
}

export function orderStatusVariant(status: OrderStatus | string): string {
  switch (status) {
    case 'DELIVERED':
      return 'success';
    case 'CANCELLED':
    case 'FAILED':
      return 'danger';
    case 'REFUNDED':
      return 'secondary';
    case 'PENDING':
      return 'warning';
    default:
      return 'primary';
  }
}

const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  WAITING: 'Being prepared',
  READY: 'Waiting for a courier',
  ASSIGNED: 'Courier on the way to the pickup',
  PICKED_UP: 'Courier on the way to you',
  ATTEMPT_FAILED: 'Nobody answered; the courier will try again',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  FAILED: 'Delivery failed',
};

export function deliveryStatusLabel(status: DeliveryStatus | string): string {
  return DELIVERY_LABELS[status as DeliveryStatus] ?? status;
}

const TICKET_LABELS: Record<TicketStatus, string> = {
  QUEUED: 'Queued',
  PREPARING: 'Preparing',
  READY: 'Ready',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function ticketStatusLabel(status: TicketStatus | string): string {
  return TICKET_LABELS[status as TicketStatus] ?? status;
}

export type StepState = 'done' | 'current' | 'upcoming' | 'skipped' | 'failed';

export interface TimelineStep {
  status: OrderStatus;
  label: string;
  state: StepState;
  at: string | null;
}

/**
 * The order's steps for a timeline: the normal flow, each marked done / current / upcoming,
 * and skipped when a later step was reached without it (nothing to prepare skips PREPARING);
 * a cancelled, failed or refunded order ends with that step.
 */
export function timelineSteps(
  status: OrderStatus,
  history: ReadonlyArray<{ to: OrderStatus | string; at: string }>,
): TimelineStep[] {
  const reachedAt = new Map<string, string>();
  for (const h of history) if (!reachedAt.has(h.to)) reachedAt.set(h.to, h.at);
  if (!reachedAt.has(status)) reachedAt.set(status, '');

  const offFlow = !ORDER_FLOW.includes(status);
  const lastIndex = ORDER_FLOW.reduce((acc, s, i) => (reachedAt.has(s) ? i : acc), -1);

  const steps: TimelineStep[] = ORDER_FLOW.map((s, i) => {
    let state: StepState;
    if (s === status) state = s === 'DELIVERED' ? 'done' : 'current';
    else if (reachedAt.has(s)) state = 'done';
    else if (i < lastIndex) state = 'skipped';
    else state = 'upcoming';
    return { status: s, label: orderStatusLabel(s), state, at: reachedAt.get(s) || null };
  });

  if (offFlow) {
    // Steps after the last one reached never happen.
    const trimmed = steps.filter((s, i) => i <= lastIndex || s.state === 'done');
    trimmed.push({
      status,
      label: orderStatusLabel(status),
      state: status === 'REFUNDED' ? 'done' : 'failed',
      at: reachedAt.get(status) || null,
    });
    return trimmed;
  }
  return steps;
}
