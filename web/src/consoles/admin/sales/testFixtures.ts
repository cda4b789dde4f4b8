import type { SalesCouriersQuery, SalesDeliveryFieldsFragment, SalesOrderFieldsFragment, SalesOrderRowFieldsFragment } from '../../../gql/graphql';

// Test data for the sales console's component tests.

export const kzt = (amount: number) => ({ __typename: 'Money' as const, amount, currency: 'KZT' as const });

export function row(overrides: Partial<SalesOrderRowFieldsFragment> = {}): SalesOrderRowFieldsFragment {
  return {
    __typename: 'Order',
    id: 'ord_0190000000007000800000000000aa01',
    number: 1042,
    status: 'CONFIRMED',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:05Z',
    paymentMethod: 'WALLET',
    total: kzt(349000),
    customer: { __typename: 'Customer', id: 'cus_a', name: 'Aigerim', email: 'aigerim@example.kz' },
    lines: [{ __typename: 'OrderLine', quantity: 1, shopId: 'shp_1', product: { __typename: 'Product', id: 'prd_1', name: 'Pizza Margherita' }, variant: { __typename: 'ProductVariant', id: 'var_30', name: '30 cm' } }],
    ...overrides,
  };
}

export function salesDelivery(overrides: Partial<SalesDeliveryFieldsFragment> = {}): SalesDeliveryFieldsFragment {
  return {
    __typename: 'Delivery',
    id: 'dlv_1',
    orderId: 'ord_0190000000007000800000000000aa01',
    status: 'ASSIGNED',
    attempts: 0,
    createdAt: '2026-03-01T10:00:06Z',
    assignedAt: '2026-03-01T10:05:00Z',
    pickedUpAt: null,
    finishedAt: null,
    eta: '2026-03-01T10:30:00Z',
    reason: null,
    courier: { __typename: 'Courier', id: 'cou_1', name: 'Daulet', vehicle: 'SCOOTER' },
    history: [
      { __typename: 'DeliveryStep', at: '2026-03-01T10:00:06Z', status: 'WAITING', courierId: null, note: null },
      { __typename: 'DeliveryStep', at: '2026-03-01T10:05:00Z', status: 'ASSIGNED', courierId: 'cou_1', note: null },
    ],
    ...overrides,
  };
}

export function detail(overrides: Partial<SalesOrderFieldsFragment> = {}): SalesOrderFieldsFragment & { delivery: SalesDeliveryFieldsFragment | null } {
  return {
    __typename: 'Order',
    id: 'ord_0190000000007000800000000000aa01',
    number: 1042,
    status: 'PREPARING',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:01:00Z',
    paymentMethod: 'WALLET',
    promoCode: null,
    note: 'Call on arrival',
    subtotal: kzt(349000),
    discount: kzt(0),
    deliveryFee: kzt(0),
    total: kzt(349000),
    promisedAt: '2026-03-01T10:40:00Z',
    deliveredAt: null,
    promiseKept: null,
    failure: null,
    customer: { __typename: 'Customer', id: 'cus_a', name: 'Aigerim', email: 'aigerim@example.kz', phone: '+77011234567' },
    deliveryAddress: { __typename: 'DeliveryAddress', label: 'Home', line1: 'Abay Ave 10', line2: null, city: 'Almaty', postalCode: null },
    lines: [
      {
        __typename: 'OrderLine',
        quantity: 1,
        shopId: 'shp_1',
        unitPrice: kzt(349000),
        lineTotal: kzt(349000),
        product: { __typename: 'Product', id: 'prd_1', name: 'Pizza Margherita', requiresPreparation: true },
        variant: { __typename: 'ProductVariant', id: 'var_30', name: '30 cm' },
      },
    ],
    statusHistory: [
      { __typename: 'OrderStatusChange', from: null, to: 'PENDING', at: '2026-03-01T10:00:00Z', reason: null, actor: 'cus_a' },
      { __typename: 'OrderStatusChange', from: 'PENDING', to: 'CONFIRMED', at: '2026-03-01T10:00:05Z', reason: null, actor: 'orders' },
      { __typename: 'OrderStatusChange', from: 'CONFIRMED', to: 'PREPARING', at: '2026-03-01T10:01:00Z', reason: null, actor: 'kitchen' },
    ],
    kitchenTicket: {
      __typename: 'KitchenTicket',
      id: 'tkt_1',
      status: 'PREPARING',
      priority: 0,
      createdAt: '2026-03-01T10:00:06Z',
      startedAt: '2026-03-01T10:01:00Z',
      readyBy: '2026-03-01T10:11:00Z',
      readyAt: null,
      reason: null,
      items: [{ __typename: 'KitchenItem', productId: 'prd_1', variantId: 'var_30', variant: { __typename: 'ProductVariant', id: 'var_30', name: '30 cm' }, quantity: 1, station: 'OVEN', status: 'PREPARING' }],
    },
    payment: {
      __typename: 'Payment',
      id: 'pay_1',
      status: 'AUTHORIZED',
      method: 'WALLET',
      createdAt: '2026-03-01T10:00:02Z',
      declineReason: null,
      amount: kzt(349000),
      refundedAmount: kzt(0),
      card: null,
      history: [{ __typename: 'PaymentHistoryEntry', at: '2026-03-01T10:00:03Z', kind: 'AUTHORIZED', note: null, amount: kzt(349000) }],
    },
    delivery: salesDelivery({ status: 'WAITING', courier: null, assignedAt: null, eta: null, history: [salesDelivery().history[0]] }),
    ...overrides,
  };
}

export function courier(overrides: Partial<SalesCouriersQuery['couriers'][number]> = {}): SalesCouriersQuery['couriers'][number] {
  return {
    __typename: 'Courier',
    id: 'cou_1',
    name: 'Daulet',
    vehicle: 'SCOOTER',
    capacity: 3,
    available: true,
    location: { __typename: 'GeoPoint', latitude: 43.2389, longitude: 76.8897 },
    route: {
      __typename: 'CourierRoute',
      distanceMeters: 2400,
      stops: [
        { __typename: 'RouteStop', position: 0, kind: 'PICKUP' },
        { __typename: 'RouteStop', position: 1, kind: 'DROP' },
      ],
    },
    ...overrides,
  };
}
