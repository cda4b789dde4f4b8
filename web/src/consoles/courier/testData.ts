import type { CourierDelivery, CourierProfile, RouteStop } from './route';

export const PICKUP_AT = { __typename: 'GeoPoint' as const, latitude: 43.2332, longitude: 76.9566 };
export const DOOR = { __typename: 'GeoPoint' as const, latitude: 43.238, longitude: 76.945 };

/** The order a delivery brings: its id and, as `Delivery.order` selects it, its number. */
export function forOrder(number: number, orderId = `ord_${number}`): Pick<CourierDelivery, 'orderId' | 'order'> {
  return { orderId, order: { __typename: 'Order', id: orderId, number } };
}

export function delivery(overrides: Partial<CourierDelivery> = {}): CourierDelivery {
  return {
    __typename: 'Delivery',
    id: 'dlv_1',
    ...forOrder(1042, 'ord_0190aaaabbbbccccdddd000000c0ffee'),
    status: 'ASSIGNED',
    attempts: 0,
    eta: '2026-03-01T10:20:00Z',
    etaSeconds: 900,
    reason: null,
    createdAt: '2026-03-01T10:00:00Z',
    assignedAt: '2026-03-01T10:01:00Z',
    pickedUpAt: null,
    finishedAt: null,
    routeDistanceMeters: 2400,
    destination: DOOR,
    ...overrides,
  };
}

export function stop(overrides: Partial<RouteStop> = {}): RouteStop {
  return {
    __typename: 'RouteStop',
    position: 0,
    kind: 'PICKUP',
    deliveryId: 'dlv_1',
    shopId: 'shp_technodom',
    legMeters: 850,
    location: PICKUP_AT,
    ...overrides,
  };
}

export function profile(overrides: Partial<CourierProfile> = {}): CourierProfile {
  return {
    __typename: 'Courier',
    id: 'cus_courier',
    name: 'Kairat Courier',
    vehicle: 'BICYCLE',
    capacity: 3,
    available: false,
    location: { __typename: 'GeoPoint', latitude: 43.2396, longitude: 76.9286 },
    route: { __typename: 'CourierRoute', distanceMeters: 0, stops: [] },
    ...overrides,
  };
}

/** A route with one delivery: the shop, then the door. */
export function onRoute(status: CourierDelivery['status'] = 'ASSIGNED') {
  const d = delivery({ status });
  const stops =
    status === 'ASSIGNED'
      ? [stop(), stop({ position: 1, kind: 'DROP', shopId: null, legMeters: 1550, location: DOOR })]
      : [stop({ kind: 'DROP', shopId: null, legMeters: 1550, location: DOOR })];
  return {
    delivery: d,
    profile: profile({ available: true, route: { __typename: 'CourierRoute', distanceMeters: 2400, stops } }),
  };
}

export const ORDER = {
  __typename: 'Order' as const,
  id: 'ord_0190aaaabbbbccccdddd000000c0ffee',
  note: 'Call from the gate',
  deliveryAddress: { __typename: 'DeliveryAddress' as const, label: 'Home', line1: 'Gogol St 1', line2: 'Flat 5', city: 'Almaty', postalCode: '050000' },
  lines: [{ __typename: 'OrderLine' as const, quantity: 1, product: { __typename: 'Product' as const, id: 'prd_cable', name: 'Baseus USB-C to USB-C Cable 2 m' } }],
};

export const SHOP = { __typename: 'Shop' as const, id: 'shp_technodom', name: 'Technodom Dostyk Plaza', address: 'Samal-2 111, Almaty' };
