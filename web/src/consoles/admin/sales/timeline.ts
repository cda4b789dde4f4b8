import type { MoneyValue } from '../../../lib/money';
import { orderStatusLabel, ticketStatusLabel } from '../../../lib/orderStatus';
import { deliveryLabel, paymentEventLabel } from './labels';

export type TimelineSource = 'order' | 'kitchen' | 'delivery' | 'payment';

export interface TimelineEvent {
  key: string;
  at: string;
  source: TimelineSource;
  title: string;
  /** The reason or note given, if any. */
  detail: string | null;
  /** Who did it: an account id or a service name (order changes only). */
  actor: string | null;
  /** A courier's id (delivery steps). */
  courierId: string | null;
  amount: MoneyValue | null;
  /** The order status it moved to (order changes only). */
  status: string | null;
}

/** The parts of an order the timeline reads; all optional so partial data still renders. */
export interface TimelineInput {
  statusHistory: ReadonlyArray<{ from?: string | null; to: string; at: string; reason?: string | null; actor: string }>;
  kitchenTicket?: {
    status: string;
    createdAt: string;
    startedAt?: string | null;
    readyAt?: string | null;
    reason?: string | null;
  } | null;
  delivery?: {
    history: ReadonlyArray<{ at: string; status: string; courierId?: string | null; note?: string | null }>;
  } | null;
  payment?: {
    history: ReadonlyArray<{ at: string; kind: string; note?: string | null; amount: MoneyValue }>;
  } | null;
}

// Same instant: the order's own change first, then what followed from it.
const SOURCE_ORDER: Record<TimelineSource, number> = { order: 0, payment: 1, kitchen: 2, delivery: 3 };

function latest(a: string, b: string): string {
  return Date.parse(b) >= Date.parse(a) ? b : a;
}

function event(partial: Partial<TimelineEvent> & Pick<TimelineEvent, 'key' | 'at' | 'source' | 'title'>): TimelineEvent {
  return { detail: null, actor: null, courierId: null, amount: null, status: null, ...partial };
}

/**
 * Everything that happened to an order, oldest first: its status changes (with actor and
 * reason), the kitchen ticket's steps, the delivery's steps and the payment's history.
 */
export function mergeTimeline(input: TimelineInput): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  input.statusHistory.forEach((h, i) =>
    events.push(
      event({
        key: `order-${i}`,
        at: h.at,
        source: 'order',
        title: h.from ? `${orderStatusLabel(h.from)} → ${orderStatusLabel(h.to)}` : `Order ${orderStatusLabel(h.to).toLowerCase()}`,
        detail: h.reason ?? null,
        actor: h.actor,
        status: h.to,
      }),
    ),
  );
  const t = input.kitchenTicket;
  if (t) {
    // The ticket's clocks may disagree by a moment (an item can start as the ticket is
    // stored): queued, started and finished keep that order.
    const started = t.startedAt ? latest(t.createdAt, t.startedAt) : null;
    events.push(event({ key: 'kitchen-queued', at: t.createdAt, source: 'kitchen', title: 'Kitchen ticket queued' }));
    if (started) events.push(event({ key: 'kitchen-started', at: started, source: 'kitchen', title: 'Kitchen started' }));
    if (t.readyAt) events.push(event({ key: 'kitchen-ready', at: latest(started ?? t.createdAt, t.readyAt), source: 'kitchen', title: 'Kitchen finished' }));
  }
  input.delivery?.history.forEach((d, i) =>
    events.push(
      event({
        key: `delivery-${i}`,
        at: d.at,
        source: 'delivery',
        title: `Delivery: ${deliveryLabel(d.status).toLowerCase()}`,
        detail: d.note ?? null,
        courierId: d.courierId ?? null,
      }),
    ),
  );
  input.payment?.history.forEach((p, i) =>
    events.push(
      event({
        key: `payment-${i}`,
        at: p.at,
        source: 'payment',
        title: paymentEventLabel(p.kind),
        detail: p.note ?? null,
        amount: p.amount,
      }),
    ),
  );
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || SOURCE_ORDER[a.e.source] - SOURCE_ORDER[b.e.source] || a.i - b.i)
    .map(({ e }) => e);
}

/** The kitchen ticket's end, when it did not finish (its reason has no time of its own). */
export function ticketOutcome(t: { status: string; reason?: string | null }): string | null {
  if (t.status !== 'FAILED' && t.status !== 'CANCELLED') return null;
  return `${ticketStatusLabel(t.status)}${t.reason ? `: ${t.reason}` : ''}`;
}

const SERVICES: Record<string, string> = {
  orders: 'Checkout',
  payments: 'Payments',
  kitchen: 'Kitchen',
  delivery: 'Delivery',
  inventory: 'Inventory',
  cart: 'Cart',
};

export type ActorDescription =
  | { kind: 'text'; text: string }
  /** An account other than the customer's: look its name up. */
  | { kind: 'account'; id: string };

/** Who an actor id is, as far as the order itself tells. */
export function describeActor(actor: string, known: { customerId: string; customerName: string; myId?: string | null }): ActorDescription {
  if (actor === known.customerId) return { kind: 'text', text: `Customer (${known.customerName})` };
  if (known.myId && actor === known.myId) return { kind: 'text', text: 'You' };
  if (/^cus_/.test(actor)) return { kind: 'account', id: actor };
  const service = SERVICES[actor];
  return { kind: 'text', text: `${service ?? actor} (automatic)` };
}
