import { describe, expect, it } from 'vitest';
import { describeUpdate, latestDelivery, latestState, pickLatest, matchesFilters, mergeBoard, rememberUpdate, type PageWindow } from './boardLive';
import { ordersVariables, NO_FILTERS } from './boardFilters';
import { row, salesDelivery } from './testFixtures';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;
const order = (id: string, minute: number, extra: Parameters<typeof row>[0] = {}) =>
  row({ id, createdAt: at(minute), updatedAt: at(minute), ...extra });

const all = ordersVariables(NO_FILTERS);
const win = (over: Partial<PageWindow> = {}): PageWindow => ({ variables: all, firstPage: true, hasNext: false, ...over });
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('matchesFilters', () => {
  it('checks status, shop and the created range (end excluded)', () => {
    const o = order('a', 30, { status: 'PREPARING' });
    expect(matchesFilters(o, all)).toBe(true);
    expect(matchesFilters(o, ordersVariables({ ...NO_FILTERS, status: 'PREPARING' }))).toBe(true);
    expect(matchesFilters(o, ordersVariables({ ...NO_FILTERS, status: 'CONFIRMED' }))).toBe(false);
    expect(matchesFilters(o, ordersVariables({ ...NO_FILTERS, shopId: 'shp_1' }))).toBe(true);
    expect(matchesFilters(o, ordersVariables({ ...NO_FILTERS, shopId: 'shp_9' }))).toBe(false);
    expect(matchesFilters(o, ordersVariables({ ...NO_FILTERS, from: '2026-03-01', to: '2026-03-01' }))).toBe(true);
    expect(matchesFilters(o, ordersVariables({ ...NO_FILTERS, from: '2026-03-02' }))).toBe(false);
    expect(matchesFilters(o, { status: null, shopId: null, createdFrom: null, createdTo: at(30) })).toBe(false);
  });
});

describe('mergeBoard', () => {
  const base = [order('c', 30), order('b', 20), order('a', 10)];

  it('updates a row in place with its newer state', () => {
    const updates = rememberUpdate(new Map(), { ...base[1], status: 'PREPARING', updatedAt: at(40) });
    const rows = mergeBoard(base, updates, win());
    expect(ids(rows)).toEqual(['c', 'b', 'a']);
    expect(rows[1].status).toBe('PREPARING');
  });

  it('keeps the page state when the update is older than it', () => {
    const fresh = [order('c', 30, { status: 'DELIVERED', updatedAt: at(50) })];
    const rows = mergeBoard(fresh, new Map([['c', { ...fresh[0], status: 'PREPARING', updatedAt: at(40) }]]), win());
    expect(rows[0].status).toBe('DELIVERED');
  });

  it('puts a new order at the top of the first page', () => {
    const rows = mergeBoard(base, rememberUpdate(new Map(), order('d', 45)), win({ hasNext: true }));
    expect(ids(rows)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('shows a new order only if it matches the filters', () => {
    const confirmed = ordersVariables({ ...NO_FILTERS, status: 'CONFIRMED' });
    const cancelled = order('d', 45, { status: 'CANCELLED' });
    expect(ids(mergeBoard(base, new Map([['d', cancelled]]), win({ variables: confirmed })))).toEqual(['c', 'b', 'a']);
    expect(ids(mergeBoard([], new Map([['d', order('d', 45)]]), win({ variables: confirmed })))).toEqual(['d']);
  });

  it('drops a row that no longer matches the filters', () => {
    const confirmed = ordersVariables({ ...NO_FILTERS, status: 'CONFIRMED' });
    const updates = new Map([['b', { ...base[1], status: 'CANCELLED' as const, updatedAt: at(41) }]]);
    expect(ids(mergeBoard(base, updates, win({ variables: confirmed })))).toEqual(['c', 'a']);
  });

  it("on a later page adds only orders created within that page's span", () => {
    const later = win({ firstPage: false, hasNext: true });
    const updates = new Map([
      ['new', order('new', 50)],
      ['inside', order('inside', 15)],
      ['older', order('older', 5)],
    ]);
    expect(ids(mergeBoard(base, updates, later))).toEqual(['c', 'b', 'inside', 'a']);
    // The last page takes anything older too.
    expect(ids(mergeBoard(base, updates, win({ firstPage: false, hasNext: false })))).toEqual(['c', 'b', 'inside', 'a', 'older']);
  });
});

describe('rememberUpdate', () => {
  it('keeps only the latest state of each order', () => {
    let updates = rememberUpdate(new Map(), order('a', 10, { status: 'PREPARING', updatedAt: at(20) }));
    updates = rememberUpdate(updates, order('a', 10, { status: 'CONFIRMED', updatedAt: at(15) }));
    expect(updates.get('a')?.status).toBe('PREPARING');
  });
});

describe('describeUpdate', () => {
  const a = order('ord_0190000000007000800000000000ab12', 10, { number: 1077 });
  it('announces new orders, status changes and orders leaving the view, by number', () => {
    expect(describeUpdate(a, undefined, true)).toBe('New order #1077 from Aigerim: Confirmed.');
    expect(describeUpdate({ ...a, status: 'PREPARING' }, a, true)).toBe('Order #1077 is now Preparing.');
    expect(describeUpdate({ ...a, status: 'CANCELLED' }, a, false)).toBe('Order #1077 is now Cancelled and no longer matches the filters.');
    expect(describeUpdate(a, undefined, false)).toBe('');
  });
});

describe('latestState / latestDelivery', () => {
  it('picks the newest state of an order', () => {
    const one = order('a', 10, { updatedAt: at(20), status: 'PREPARING' });
    const two = order('a', 10, { updatedAt: at(25), status: 'CANCELLED' });
    expect(latestState([one, undefined, two, null])?.status).toBe('CANCELLED');
    expect(latestState([two, one])?.status).toBe('CANCELLED');
    expect(latestState([])).toBeUndefined();
  });

  it('lets a state that arrives later win a tie', () => {
    const first = order('a', 10, { updatedAt: at(20) });
    const again = { ...first };
    expect(pickLatest(first, again)).toBe(again);
    expect(pickLatest(first, order('a', 10, { updatedAt: at(15) }))).toBe(first);
    expect(pickLatest(undefined, first)).toBe(first);
    expect(pickLatest(first, null)).toBe(first);
  });

  it('picks the delivery with more history', () => {
    const short = salesDelivery({ history: [salesDelivery().history[0]] });
    const long = salesDelivery();
    expect(latestDelivery(long, short)).toBe(long);
    expect(latestDelivery(short, long)).toBe(long);
    expect(latestDelivery(null, short)).toBe(short);
    expect(latestDelivery(short, undefined)).toBe(short);
  });
});
