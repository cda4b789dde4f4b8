import type {
  CategoriesQuery,
  DeliveryFieldsFragment,
  OrderFieldsFragment,
  OrderQuery,
  SearchProductsQuery,
} from '../gql/graphql';

export type ProductNode = SearchProductsQuery['searchProducts']['edges'][number]['node'];
export type Category = CategoriesQuery['categories'][number];
export type Ticket = NonNullable<OrderFieldsFragment['kitchenTicket']>;

const kzt = (amount: number) => ({ amount, currency: 'KZT' as const });

export function product(overrides: Partial<ProductNode> = {}): ProductNode {
  return {
    id: 'p1',
    name: 'Green tea',
    slug: 'green-tea',
    imageUrl: null,
    tags: ['hot'],
    inStock: true,
    stock: 12,
    requiresPreparation: false,
    price: kzt(150000),
    cheapestOffer: { id: 'o1', price: kzt(150000), shop: { id: 's1', name: 'Tea House' } },
    category: { id: 'c-drinks', name: 'Drinks' },
    ...overrides,
  };
}

export function searchResult(nodes: ProductNode[], { hasNextPage = false, totalCount = nodes.length } = {}): SearchProductsQuery {
  return {
    searchProducts: {
      totalCount,
      pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
      edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })),
    },
  };
}

export const categories: Category[] = [
  { id: 'c-food', name: 'Food', slug: 'food', tags: ['vegan'], parent: null },
  { id: 'c-drinks', name: 'Drinks', slug: 'drinks', tags: ['hot', 'cold'], parent: null },
  { id: 'c-tea', name: 'Tea', slug: 'tea', tags: ['green'], parent: { id: 'c-drinks' } },
  { id: 'c-coffee', name: 'Coffee', slug: 'coffee', tags: [], parent: { id: 'c-drinks' } },
  { id: 'c-bakery', name: 'Bakery', slug: 'bakery', tags: [], parent: { id: 'c-food' } },
];

export const DESTINATION = { latitude: 43.238, longitude: 76.945 };
export const PICKUP = { latitude: 43.2405, longitude: 76.9572 };

export function delivery(overrides: Partial<DeliveryFieldsFragment> = {}): DeliveryFieldsFragment {
  return {
    id: 'd1',
    status: 'PICKED_UP',
    attempts: 0,
    eta: '2026-03-01T10:20:00Z',
    etaSeconds: 600,
    routeDistanceMeters: 2300,
    assignedAt: '2026-03-01T10:00:00Z',
    pickedUpAt: '2026-03-01T10:05:00Z',
    finishedAt: null,
    reason: null,
    destination: DESTINATION,
    courier: {
      id: 'k1',
      name: 'Daulet',
      vehicle: 'SCOOTER',
      location: { latitude: 43.2522, longitude: 76.9188 },
    },
    // The shop still to visit, then the door.
    routeToDoor: [PICKUP, DESTINATION],
    ...overrides,
  };
}

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't1',
    status: 'PREPARING',
    readyBy: '2026-03-01T10:15:00Z',
    readyAt: null,
    startedAt: '2026-03-01T10:00:00Z',
    reason: null,
    items: [
      { productId: 'p1', quantity: 2, station: 'bar', status: 'DONE', prepSeconds: 60, startedAt: '2026-03-01T10:00:00Z', dueAt: '2026-03-01T10:01:00Z' },
      { productId: 'p2', quantity: 1, station: 'oven', status: 'PREPARING', prepSeconds: 600, startedAt: '2026-03-01T10:00:00Z', dueAt: '2026-03-01T10:10:00Z' },
      { productId: 'p3', quantity: 1, station: 'grill', status: 'QUEUED', prepSeconds: 300, startedAt: null, dueAt: null },
    ],
    ...overrides,
  };
}

export function order(overrides: Partial<OrderFieldsFragment> = {}): OrderFieldsFragment {
  return {
    id: 'ord-1',
    status: 'CONFIRMED',
    createdAt: '2026-03-01T09:58:00Z',
    updatedAt: '2026-03-01T09:59:00Z',
    paymentMethod: 'CARD',
    promoCode: 'WELCOME10',
    note: 'Ring twice',
    subtotal: kzt(450000),
    discount: kzt(45000),
    total: kzt(405000),
    failure: null,
    deliveryAddress: { label: 'Home', line1: 'Gogol St 1', line2: 'Flat 5', city: 'Almaty', postalCode: '050000', ...DESTINATION },
    lines: [
      { quantity: 2, shopId: 's1', unitPrice: kzt(150000), lineTotal: kzt(300000), product: { id: 'p1', name: 'Green tea', imageUrl: null, requiresPreparation: true } },
      { quantity: 1, shopId: 's1', unitPrice: kzt(150000), lineTotal: kzt(150000), product: { id: 'p2', name: 'Baursak', imageUrl: null, requiresPreparation: true } },
    ],
    statusHistory: [
      { from: null, to: 'PENDING', at: '2026-03-01T09:58:00Z', reason: null, actor: 'customer' },
      { from: 'PENDING', to: 'CONFIRMED', at: '2026-03-01T09:59:00Z', reason: null, actor: 'payments' },
    ],
    kitchenTicket: null,
    payment: { id: 'pay1', status: 'CAPTURED', method: 'CARD', declineReason: null, card: { brand: 'VISA', last4: '4242' } },
    ...overrides,
  };
}

export function orderQuery(o: OrderFieldsFragment = order(), d: DeliveryFieldsFragment | null = null): OrderQuery {
  return { order: { ...o, delivery: d } };
}
