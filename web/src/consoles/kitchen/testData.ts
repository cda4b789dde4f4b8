import type { Station, Ticket, TicketItem } from './board';

export const T0 = Date.parse('2026-03-01T10:00:00Z');
export const at = (secondsAfterT0: number) => new Date(T0 + secondsAfterT0 * 1000).toISOString();

export function item(overrides: Partial<TicketItem> = {}): TicketItem {
  return {
    __typename: 'KitchenItem',
    productId: 'prd_pizza',
    variantId: null,
    variant: null,
    quantity: 1,
    station: 'OVEN',
    status: 'QUEUED',
    prepSeconds: 600,
    startedAt: null,
    dueAt: null,
    ...overrides,
  };
}

/** The order a ticket is for: its id and, as `KitchenTicket.order` selects it, its number and note. */
export function forOrder(number: number, orderId = `ord_${number}`, note: string | null = null): Pick<Ticket, 'orderId' | 'order'> {
  return { orderId, order: { __typename: 'Order', id: orderId, number, note } };
}

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    __typename: 'KitchenTicket',
    id: 'tkt_1',
    ...forOrder(1042, 'ord_0190aaaabbbbccccdddd00000000a1b2'),
    status: 'QUEUED',
    priority: 0,
    createdAt: at(0),
    startedAt: null,
    readyBy: at(600),
    readyAt: null,
    reason: null,
    items: [item()],
    ...overrides,
  };
}

export function station(overrides: Partial<Station> = {}): Station {
  return { __typename: 'KitchenStation', name: 'OVEN', capacity: 2, paused: false, busy: 0, queued: 0, ...overrides };
}

export const STATIONS: Station[] = [station(), station({ name: 'GRILL' }), station({ name: 'BAR', capacity: 2 })];

export const PRODUCTS: Record<string, string> = {
  prd_pizza: 'Pizza Margherita',
  prd_burger: 'Classic Beef Burger',
  prd_cola: 'Coca-Cola 0.5 l',
};
