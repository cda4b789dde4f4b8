import { describe, expect, it } from 'vitest';
import {
  boardFiltersFromParams,
  boardParams,
  cursorsFromParams,
  dateRangeError,
  nextDay,
  NO_FILTERS,
  ordersVariables,
} from './boardFilters';

describe('board filters ↔ URL', () => {
  it('reads every filter and the page trail from the search params', () => {
    const params = new URLSearchParams('status=PREPARING&shop=shp_1&from=2026-03-01&to=2026-03-31&after=c1&after=c2');
    expect(boardFiltersFromParams(params)).toEqual({ status: 'PREPARING', shopId: 'shp_1', from: '2026-03-01', to: '2026-03-31' });
    expect(cursorsFromParams(params)).toEqual(['c1', 'c2']);
  });

  it('ignores values that are not a status or a real day', () => {
    const params = new URLSearchParams('status=SHIPPED&shop=&from=2026-02-30&to=yesterday');
    expect(boardFiltersFromParams(params)).toEqual(NO_FILTERS);
    expect(cursorsFromParams(new URLSearchParams('after='))).toEqual([]);
  });

  it('writes only what is set, and round-trips', () => {
    expect(boardParams(NO_FILTERS).toString()).toBe('');
    const filters = { status: 'CANCELLED' as const, shopId: 'shp_2', from: '2026-01-05', to: '' };
    const params = boardParams(filters, ['c1']);
    expect(params.toString()).toBe('status=CANCELLED&shop=shp_2&from=2026-01-05&after=c1');
    expect(boardFiltersFromParams(params)).toEqual(filters);
    expect(cursorsFromParams(params)).toEqual(['c1']);
  });
});

describe('ordersVariables', () => {
  it('turns the days into a UTC range with the last day included', () => {
    expect(ordersVariables({ status: 'DELIVERED', shopId: 'shp_1', from: '2026-03-01', to: '2026-03-31' }, 'c9')).toEqual({
      first: 20,
      after: 'c9',
      status: 'DELIVERED',
      shopId: 'shp_1',
      createdFrom: '2026-03-01T00:00:00Z',
      createdTo: '2026-04-01T00:00:00Z',
    });
  });

  it('leaves out what is not filtered', () => {
    expect(ordersVariables(NO_FILTERS)).toEqual({ first: 20, after: null, status: null, shopId: null, createdFrom: null, createdTo: null });
  });

  it('steps over month and year ends', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
  });

  it('refuses a range that ends before it starts', () => {
    expect(dateRangeError({ from: '2026-03-02', to: '2026-03-01' })).toMatch(/end date/);
    expect(dateRangeError({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
    expect(dateRangeError({ from: '', to: '2026-03-01' })).toBeNull();
  });
});
