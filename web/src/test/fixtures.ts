import type {
  AddressFieldsFragment,
  CartFieldsFragment,
  CategoriesQuery,
  CheckoutDataQuery,
  DeliveryFieldsFragment,
  DeliveryQuoteQuery,
  OrderFieldsFragment,
  OrderQuery,
  SearchProductsQuery,
} from '../gql/graphql';

export type ProductNode = SearchProductsQuery['searchProducts']['edges'][number]['node'];
export type Category = CategoriesQuery['categories'][number];
export type Ticket = NonNullable<OrderFieldsFragment['kitchenTicket']>;

export const kzt = (amount: number) => ({ __typename: 'Money' as const, amount, currency: 'KZT' as const });

export function product(overrides: Partial<ProductNode> = {}): ProductNode {
  return {
    __typename: 'Product',
    id: 'p1',
    name: 'Green tea',
    slug: 'green-tea',
    imageUrl: null,
    images: [],
    tags: ['hot'],
    inStock: true,
    stock: 12,
    requiresPreparation: false,
    price: kzt(150000),
    cheapestOffer: { __typename: 'Offer', id: 'o1', price: kzt(150000), shop: { __typename: 'Shop', id: 's1', name: 'Tea House' } },
    category: { __typename: 'Category', id: 'c-drinks', name: 'Drinks' },
    options: [],
    variants: [],
    ...overrides,
  };
}

export type Facets = NonNullable<SearchProductsQuery['searchProducts']['facets']>;

/**
 * `searchProducts.facets`: counts per category id (as if no category were chosen), per tag
 * (commonest first, as the API lists them) and in stock. Names and slugs from `categories`.
 */
export function facets({
  categories: counts = {},
  tags = [],
  inStock = 0,
}: { categories?: Record<string, number>; tags?: Array<[string, number]>; inStock?: number } = {}): Facets {
  return {
    __typename: 'SearchFacets',
    inStock,
    categories: Object.entries(counts).map(([id, count]) => {
      const { name, slug } = categories.find((c) => c.id === id) ?? { name: id, slug: id };
      return { __typename: 'CategoryCount', count, category: { __typename: 'Category', id, name, slug } };
    }),
    tags: tags.map(([tag, count]) => ({ __typename: 'TagCount', tag, count })),
  };
}

/** One page of `searchProducts`; with `facets` as the catalog's first page asks for them. */
export function searchResult(
  nodes: ProductNode[],
  { hasNextPage = false, totalCount = nodes.length, facets }: { hasNextPage?: boolean; totalCount?: number; facets?: Facets } = {},
): SearchProductsQuery {
  return {
    __typename: 'Query',
    searchProducts: {
      __typename: 'ProductConnection',
      totalCount,
      ...(facets && { facets }),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
      edges: nodes.map((node, i) => ({ __typename: 'ProductEdge', cursor: `c${i}`, node })),
    },
  };
}

export const categories: Category[] = [
  { __typename: 'Category', id: 'c-food', name: 'Food', slug: 'food', tags: ['vegan'], parent: null },
  { __typename: 'Category', id: 'c-drinks', name: 'Drinks', slug: 'drinks', tags: ['hot', 'cold'], parent: null },
  { __typename: 'Category', id: 'c-tea', name: 'Tea', slug: 'tea', tags: ['green'], parent: { __typename: 'Category', id: 'c-drinks' } },
  { __typename: 'Category', id: 'c-coffee', name: 'Coffee', slug: 'coffee', tags: [], parent: { __typename: 'Category', id: 'c-drinks' } },
  { __typename: 'Category', id: 'c-bakery', name: 'Bakery', slug: 'bakery', tags: [], parent: { __typename: 'Category', id: 'c-food' } },
];

export const DESTINATION = { __typename: 'GeoPoint' as const, latitude: 43.238, longitude: 76.945 };
export const PICKUP = { __typename: 'GeoPoint' as const, latitude: 43.2405, longitude: 76.9572 };

export function delivery(overrides: Partial<DeliveryFieldsFragment> = {}): DeliveryFieldsFragment {
  return {
    __typename: 'Delivery',
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
      __typename: 'Courier',
      id: 'k1',
      name: 'Daulet',
      vehicle: 'SCOOTER',
      location: { __typename: 'GeoPoint', latitude: 43.2522, longitude: 76.9188 },
    },
    // The shop still to visit, then the door.
    routeToDoor: [PICKUP, DESTINATION],
    ...overrides,
  };
}

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    __typename: 'KitchenTicket',
    id: 't1',
    status: 'PREPARING',
    readyBy: '2026-03-01T10:15:00Z',
    readyAt: null,
    startedAt: '2026-03-01T10:00:00Z',
    reason: null,
    items: [
      { __typename: 'KitchenItem', productId: 'p1', variantId: null, variant: null, quantity: 2, station: 'bar', status: 'DONE', prepSeconds: 60, startedAt: '2026-03-01T10:00:00Z', dueAt: '2026-03-01T10:01:00Z' },
      { __typename: 'KitchenItem', productId: 'p2', variantId: null, variant: null, quantity: 1, station: 'oven', status: 'PREPARING', prepSeconds: 600, startedAt: '2026-03-01T10:00:00Z', dueAt: '2026-03-01T10:10:00Z' },
      { __typename: 'KitchenItem', productId: 'p3', variantId: null, variant: null, quantity: 1, station: 'grill', status: 'QUEUED', prepSeconds: 300, startedAt: null, dueAt: null },
    ],
    ...overrides,
  };
}

export function order(overrides: Partial<OrderFieldsFragment> = {}): OrderFieldsFragment {
  return {
    __typename: 'Order',
    id: 'ord-1',
    number: 1042,
    status: 'CONFIRMED',
    createdAt: '2026-03-01T09:58:00Z',
    updatedAt: '2026-03-01T09:59:00Z',
    paymentMethod: 'CARD',
    promoCode: 'WELCOME10',
    note: 'Ring twice',
    subtotal: kzt(450000),
    discount: kzt(45000),
    // ₸4 500 − ₸450 of goods, plus ₸590 for delivery.
    deliveryFee: kzt(59000),
    total: kzt(464000),
    promisedAt: '2026-03-01T10:35:00Z',
    deliveredAt: null,
    promiseKept: null,
    failure: null,
    deliveryAddress: { label: 'Home', line1: 'Gogol St 1', line2: 'Flat 5', city: 'Almaty', postalCode: '050000', ...DESTINATION, __typename: 'DeliveryAddress' },
    lines: [
      { __typename: 'OrderLine', quantity: 2, shopId: 's1', unitPrice: kzt(150000), lineTotal: kzt(300000), product: { __typename: 'Product', id: 'p1', name: 'Green tea', imageUrl: null, requiresPreparation: true }, variant: null },
      { __typename: 'OrderLine', quantity: 1, shopId: 's1', unitPrice: kzt(150000), lineTotal: kzt(150000), product: { __typename: 'Product', id: 'p2', name: 'Baursak', imageUrl: null, requiresPreparation: true }, variant: null },
    ],
    statusHistory: [
      { __typename: 'OrderStatusChange', from: null, to: 'PENDING', at: '2026-03-01T09:58:00Z', reason: null, actor: 'customer' },
      { __typename: 'OrderStatusChange', from: 'PENDING', to: 'CONFIRMED', at: '2026-03-01T09:59:00Z', reason: null, actor: 'payments' },
    ],
    kitchenTicket: null,
    payment: { __typename: 'Payment', id: 'pay1', status: 'CAPTURED', method: 'CARD', declineReason: null, card: { __typename: 'PaymentCard', brand: 'VISA', last4: '4242' } },
    ...overrides,
  };
}

export function orderQuery(o: OrderFieldsFragment = order(), d: DeliveryFieldsFragment | null = null): OrderQuery {
  return { __typename: 'Query', order: { ...o, delivery: d } };
}

export type Quote = DeliveryQuoteQuery['deliveryQuote'];

export function address(overrides: Partial<AddressFieldsFragment> = {}): AddressFieldsFragment {
  return {
    __typename: 'Address',
    id: 'addr-home',
    label: 'Home',
    line1: 'Gogol St 1',
    line2: 'Flat 5',
    city: 'Almaty',
    postalCode: '050000',
    latitude: DESTINATION.latitude,
    longitude: DESTINATION.longitude,
    isDefault: true,
    ...overrides,
  };
}

/** Far from every shop: Astana. */
export const FAR_ADDRESS = address({ id: 'addr-far', label: 'Dacha', line1: 'Kabanbay Batyr Ave 8', line2: null, city: 'Astana', postalCode: '010000', latitude: 51.128, longitude: 71.43, isDefault: false });

/** Two green teas at ₸1 500 with WELCOME10: ₸3 000 − ₸300 = ₸2 700. */
export function cart(overrides: Partial<CartFieldsFragment> = {}): CartFieldsFragment {
  return {
    __typename: 'Cart',
    id: 'cart-1',
    status: 'ACTIVE',
    itemCount: 2,
    promoCode: 'WELCOME10',
    subtotal: kzt(300000),
    discount: kzt(30000),
    total: kzt(270000),
    warnings: [],
    lines: [
      {
        __typename: 'CartLine',
        quantity: 2,
        available: 12,
        shopId: 's1',
        unitPrice: kzt(150000),
        lineTotal: kzt(300000),
        offer: { __typename: 'Offer', id: 'o1', shop: { __typename: 'Shop', id: 's1', name: 'Tea House' } },
        product: { __typename: 'Product', id: 'p1', name: 'Green tea', imageUrl: null, images: [], requiresPreparation: false },
        variant: null,
      },
    ],
    ...overrides,
  };
}

export function checkoutData({
  addresses = [address()],
  available = 1_000_000,
  myCart = cart(),
}: { addresses?: AddressFieldsFragment[]; available?: number; myCart?: CartFieldsFragment } = {}): CheckoutDataQuery {
  return {
    __typename: 'Query',
    me: {
      __typename: 'Customer',
      id: 'cust-1',
      addresses,
      wallet: { __typename: 'Wallet', balance: kzt(available), available: kzt(available) },
    },
    mySavedCards: [],
    myCart,
  };
}

/** The cart of `cart()` delivered for ₸890 over 4.2 km, at the door by 10:35 UTC. */
export function quote(overrides: Partial<Quote> = {}): Quote {
  const fee = overrides.deliveryFee ?? kzt(89000);
  const itemsTotal = overrides.itemsTotal ?? kzt(270000);
  return {
    __typename: 'DeliveryQuote',
    distanceMeters: 4200,
    promisedAt: '2026-03-01T10:35:00Z',
    itemsTotal,
    deliveryFee: fee,
    total: kzt(itemsTotal.amount + fee.amount),
    ...overrides,
  };
}
