import { orderStatusLabel } from '../../../lib/orderStatus';
import type { OrdersVariables } from './boardFilters';
import { orderRef } from '../../../lib/orderNumber';

/** What the live merge needs of a board row. */
export interface LiveOrder {
  id: string;
  /** The short number people read out (#1042). */
  number: number;
  status: string;
  createdAt: string;
  updatedAt: string;
  customer?: { name: string } | null;
  lines: ReadonlyArray<{ shopId: string }>;
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Newest first, as the API pages: by creation time, then id. */
export function newestFirst(a: LiveOrder, b: LiveOrder): number {
  return time(b.createdAt) - time(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether `order` belongs on a board asked for with `variables` (ignoring paging). */
export function matchesFilters(order: LiveOrder, variables: Pick<OrdersVariables, 'status' | 'shopId' | 'createdFrom' | 'createdTo'>): boolean {
  if (variables.status && order.status !== variables.status) return false;
  if (variables.shopId && !order.lines.some((l) => l.shopId === variables.shopId)) return false;
  const created = time(order.createdAt);
  if (variables.createdFrom && created < time(variables.createdFrom)) return false;
  if (variables.createdTo && created >= time(variables.createdTo)) return false;
  return true;
}

/** The later state of the same order: `updatedAt` decides, a tie goes to `candidate`. */
export function isNewer(candidate: LiveOrder, current: LiveOrder): boolean {
  return time(candidate.updatedAt) >= time(current.updatedAt);
}

/** Keeps the latest state of each order heard live. */
export function rememberUpdate<T extends LiveOrder>(updates: ReadonlyMap<string, T>, order: T): Map<string, T> {
  const next = new Map(updates);
  const known = next.get(order.id);
  if (!known || isNewer(order, known)) next.set(order.id, order);
  return next;
}

export interface PageWindow {
  variables: Pick<OrdersVariables, 'status' | 'shopId' | 'createdFrom' | 'createdTo'>;
  /** The newest page (nothing newer exists above it). */
  firstPage: boolean;
  /** More (older) pages follow this one. */
  hasNext: boolean;
}

/**
 * The page as the API sent it (`base`) with what was heard live since: rows that changed
 * take their newer state (and leave when they no longer match the filters); orders not on
 * the page join it when they match and their creation time falls within this page (on the
 * first page, anything newer than its oldest row: new orders come in at the top).
 */
export function mergeBoard<T extends LiveOrder>(base: readonly T[], updates: ReadonlyMap<string, T>, window: PageWindow): T[] {
  const onPage = new Set(base.map((o) => o.id));
  const rows = base
    .map((o) => {
      const u = updates.get(o.id);
      return u && isNewer(u, o) ? u : o;
    })
    .filter((o) => matchesFilters(o, window.variables));

  const newest = base[0];
  const oldest = base[base.length - 1];
  for (const u of updates.values()) {
    if (onPage.has(u.id) || !matchesFilters(u, window.variables)) continue;
    const belowTop = window.firstPage || (newest !== undefined && newestFirst(u, newest) >= 0);
    const aboveBottom = !window.hasNext || (oldest !== undefined && newestFirst(u, oldest) <= 0);
    if (belowTop && aboveBottom) rows.push(u);
  }
  return rows.sort(newestFirst);
}

/** A sentence for the live region about an order that just changed. */
export function describeUpdate(order: LiveOrder, before: LiveOrder | undefined, shown: boolean): string {
  const ref = orderRef(order.number);
  const status = orderStatusLabel(order.status);
  if (!shown) return before ? `Order ${ref} is now ${status} and no longer matches the filters.` : '';
  if (!before) {
    const who = order.customer?.name ? ` from ${order.customer.name}` : '';
    return `New order ${ref}${who}: ${status}.`;
  }
  if (before.status === order.status) return `Order ${ref} was updated.`;
  return `Order ${ref} is now ${status}.`;
}

/**
 * `next` if it is at least as new as `current` (by `updatedAt`): states arriving in order,
 * the last one wins a tie, since it carries the freshest joined data (payment, delivery).
 */
export function pickLatest<T extends { updatedAt: string }>(current: T | undefined, next: T | null | undefined): T | undefined {
  if (!next) return current;
  return !current || time(next.updatedAt) >= time(current.updatedAt) ? next : current;
}

/**
 * The latest of several states of one order (the page's query, live pushes, mutation
 * answers): the greatest `updatedAt`, a tie going to the later candidate.
 */
export function latestState<T extends { updatedAt: string }>(candidates: ReadonlyArray<T | null | undefined>): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (c && (!best || time(c.updatedAt) >= time(best.updatedAt))) best = c;
  }
  return best;
}

/** The later of two states of one delivery: more history wins, a tie going to `b`. */
export function latestDelivery<T extends { history: ReadonlyArray<{ at: string }> }>(a: T | null | undefined, b: T | null | undefined): T | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const last = (d: T) => time(d.history[d.history.length - 1]?.at ?? '');
  return b.history.length > a.history.length || (b.history.length === a.history.length && last(b) >= last(a)) ? b : a;
}
