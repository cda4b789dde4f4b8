import type { DeliveryStatus } from '../../../gql/graphql';
import { DELIVERY_STATUSES } from './labels';

export const DELIVERY_PAGE_SIZE = 20;

/** The delivery record's filters in the URL: `?dstatus=…&courier=…&dafter=…`. */
export interface DeliveryFilters {
  status: DeliveryStatus | null;
  courierId: string | null;
}

export function deliveryFiltersFromParams(params: URLSearchParams): DeliveryFilters {
  const status = params.get('dstatus');
  return {
    status: DELIVERY_STATUSES.includes(status as DeliveryStatus) ? (status as DeliveryStatus) : null,
    courierId: params.get('courier') || null,
  };
}

export function deliveryCursorsFromParams(params: URLSearchParams): string[] {
  return params.getAll('dafter').filter(Boolean);
}

export function deliveryParams(filters: DeliveryFilters, cursors: readonly string[] = []): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.status) p.set('dstatus', filters.status);
  if (filters.courierId) p.set('courier', filters.courierId);
  for (const c of cursors) p.append('dafter', c);
  return p;
}

export function deliveriesVariables(filters: DeliveryFilters, after: string | null) {
  return { first: DELIVERY_PAGE_SIZE, after, status: filters.status, courierId: filters.courierId };
}
