// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersToParams, priceErrors, SORTS, toSearchVariables, type CatalogFilters } from './catalogFilters';

const empty: CatalogFilters = { q: '', category: null, min: '', max: '', inStock: false, tags: [], sort: 'RELEVANCE' };

describe('filtersFromParams', () => {
  it('gives the defaults for an empty query string', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual(empty);
  });

  it('reads every filter from the URL', () => {
    const f = filtersFromParams(new URLSearchParams('q=milk&category=c7&min=500&max=2000.50&inStock=1&tags=organic,local&sort=PRICE_ASC'));
    expect(f).toEqual({
      q: 'milk',
      category: 'c7',
      min: '500',
      max: '2000.50',
      inStock: true,
      tags: ['organic', 'local'],
      sort: 'PRICE_ASC',
    });
  });

  it('falls back to relevance for an unknown sort and ignores junk', () => {
    const f = filtersFromParams(new URLSearchParams('sort=CHEAPEST&inStock=yes&tags=,,a,'));
    expect(f.sort).toBe('RELEVANCE');
    expect(f.inStock).toBe(false);
    expect(f.tags).toEqual(['a']);
  });
});

describe('filtersToParams', () => {
  it('leaves defaults out of the URL', () => {
    expect(filtersToParams(empty).toString()).toBe('');
    expect(filtersToParams({ ...empty, q: '   ', min: ' ', max: '' }).toString()).toBe('');
  });

  it('writes trimmed values and encodes them', () => {
    const p = filtersToParams({
      q: '  green tea ',
      category: 'c1',
      min: ' 100 ',
      max: '900',
      inStock: true,
      tags: ['hot', 'new'],
      sort: 'NEWEST',
    });
    expect(p.toString()).toBe('q=green+tea&category=c1&min=100&max=900&inStock=1&tags=hot%2Cnew&sort=NEWEST');
  });

  it('round-trips through the URL for every sort', () => {
    for (const { value } of SORTS) {
      const f: CatalogFilters = { q: 'ряженка 2.5%', category: 'dairy', min: '1,5', max: '99', inStock: true, tags: ['a', 'b c'], sort: value };
      expect(filtersFromParams(new URLSearchParams(filtersToParams(f).toString()))).toEqual(f);
    }
  });
});

describe('priceErrors', () => {
  it('accepts empty and valid prices', () => {
    expect(priceErrors({ min: '', max: '' })).toEqual({});
    expect(priceErrors({ min: '5000', max: '20000.50' })).toEqual({});
    expect(priceErrors({ min: '100', max: '100' })).toEqual({});
  });

  it('explains bad amounts', () => {
    expect(priceErrors({ min: 'cheap', max: '' })).toEqual({ min: 'Enter an amount like 5000 or 5000.50.' });
    expect(priceErrors({ min: '', max: '-3' })).toEqual({ max: 'Enter an amount like 20000.' });
    expect(priceErrors({ min: '1.234', max: '1e4' })).toEqual({
      min: 'Enter an amount like 5000 or 5000.50.',
      max: 'Enter an amount like 20000.',
    });
  });

  it('rejects a maximum below the minimum', () => {
    expect(priceErrors({ min: '5000', max: '4999.99' })).toEqual({ max: 'The maximum must not be below the minimum.' });
  });
});

describe('toSearchVariables', () => {
  it('sends nulls for unset filters', () => {
    expect(toSearchVariables(empty)).toEqual({
      query: null,
      categoryId: null,
      minPrice: null,
      maxPrice: null,
      inStockOnly: null,
      tags: null,
      sort: 'RELEVANCE',
    });
  });

  it('converts prices to tiyn and trims the query', () => {
    expect(
      toSearchVariables({ q: ' milk ', category: 'c2', min: '1 000', max: '2500,5', inStock: true, tags: ['local'], sort: 'PRICE_DESC' }),
    ).toEqual({
      query: 'milk',
      categoryId: 'c2',
      minPrice: 100000,
      maxPrice: 250050,
      inStockOnly: true,
      tags: ['local'],
      sort: 'PRICE_DESC',
    });
  });

  it('drops an invalid price instead of sending garbage', () => {
    expect(toSearchVariables({ ...empty, min: 'abc', max: '-1' })).toMatchObject({ minPrice: null, maxPrice: null });
  });
});
