import type { OrderStatus } from '../../../gql/graphql';
import { ORDER_STATUSES } from '../../../lib/orderStatus';

/** The statuses the board can filter by, in lifecycle order. */
export { ORDER_STATUSES };

export const BOARD_PAGE_SIZE = 20;

/** What the board shows, as kept in the URL: `?status=…&shop=…&from=…&to=…&after=…&after=…`. */
export interface BoardFilters {
  status: OrderStatus | null;
  shopId: string | null;
  /** A UTC day, YYYY-MM-DD, from its start. */
  from: string;
  /** A UTC day, YYYY-MM-DD, to its end. */
  to: string;
}

export const NO_FILTERS: BoardFilters = { status: null, shopId: null, from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(text: string | null): string {
  if (!text || !DAY.test(text)) return '';
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? '' : text;
}

export function boardFiltersFromParams(params: URLSearchParams): BoardFilters {
  const status = params.get('status');
  return {
    status: ORDER_STATUSES.includes(status as OrderStatus) ? (status as OrderStatus) : null,
    shopId: params.get('shop') || null,
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
  };
}

/**
 * The cursors of the pages opened so far, oldest step first; the last is the page shown
 * (none: the newest orders). "Newer" drops the last one.
 */
export function cursorsFromParams(params: URLSearchParams): string[] {
  return params.getAll('after').filter(Boolean);
}

/** Filters (and the page trail) back into search params; a filter change starts at page one. */
export function boardParams(filters: BoardFilters, cursors: readonly string[] = []): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.status) p.set('status', filters.status);
  if (filters.shopId) p.set('shop', filters.shopId);
  if (filters.from) p.set('from', filters.from);
  if (filters.to) p.set('to', filters.to);
  for (const c of cursors) p.append('after', c);
  return p;
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD (UTC). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function dateRangeError(filters: Pick<BoardFilters, 'from' | 'to'>): string | null {
  if (filters.from && filters.to && filters.from > filters.to) return 'The end date must not be before the start date.';
  return null;
}

export interface OrdersVariables {
  first: number;
  after: string | null;
  status: OrderStatus | null;
  shopId: string | null;
  /** Inclusive. */
  createdFrom: string | null;
  /** Exclusive: the start of the day after `to`. */
  createdTo: string | null;
}

/** The `orders` query's arguments: dates are whole UTC days, `to` included. */
export function ordersVariables(filters: BoardFilters, after: string | null = null, first = BOARD_PAGE_SIZE): OrdersVariables {
  return {
    first,
    after,
    status: filters.status,
    shopId: filters.shopId,
    createdFrom: filters.from ? `${filters.from}T00:00:00Z` : null,
    createdTo: filters.to ? `${nextDay(filters.to)}T00:00:00Z` : null,
  };
}
