import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue } from 'wonka';
import { sessionStore } from '../../api/session';
import { DEFAULT_THRESHOLD, LOW_STOCK_SCAN, LowStockPage, ownOffers } from './LowStockPage';
import { kzt, SELLER_ID, signInAs } from './testData';
import { callsFor, mockClient, renderWithClient } from '../../test/urql';

afterEach(() => sessionStore.clear());

const low = (id: string, name: string, stock: number, ownerId: string) => ({
  __typename: 'Offer' as const,
  id,
  active: true,
  stock,
  price: kzt(100_000),
  product: { __typename: 'Product' as const, id: `prd-${id}`, name },
  variant: null,
  shop: { __typename: 'Shop' as const, id: `shp-${ownerId}`, name: `Shop of ${ownerId}`, ownerId },
});

const offers = [low('a', 'Mine sold out', 0, SELLER_ID), low('b', 'Theirs', 1, 'cus-other'), low('c', 'Mine, few', 3, SELLER_ID)];

function setup() {
  const api = mockClient({ query: () => fromValue({ data: { __typename: 'Query', lowStockOffers: offers } }) });
  renderWithClient(<LowStockPage />, { client: api.client, route: '/seller/low-stock' });
  return { ...api, user: userEvent.setup() };
}

describe('ownOffers', () => {
  it('keeps a seller’s own offers; an admin sees all', () => {
    expect(ownOffers(offers, SELLER_ID, false).map((o) => o.id)).toEqual(['a', 'c']);
    expect(ownOffers(offers, 'cus-admin', true).map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('LowStockPage', () => {
  beforeEach(() => signInAs());

  it('lists only my scarce offers, with a way to restock each', () => {
    const { executeQuery } = setup();
    expect(callsFor(executeQuery, 'SellerLowStock')[0].variables).toEqual({ threshold: DEFAULT_THRESHOLD, first: LOW_STOCK_SCAN });
    const rows = screen.getAllByTestId('low-stock-offer');
    expect(rows.map((r) => r.getAttribute('data-offer-id'))).toEqual(['a', 'c']);
    expect(rows[0]).toHaveTextContent('Sold out');
    expect(rows[1]).toHaveTextContent('3 left');
    expect(screen.getByRole('link', { name: 'Restock Mine, few' })).toHaveAttribute('href', '/seller/offers/c');
  });

  it('changes the threshold, and refuses one that is not a number', async () => {
    const { user, executeQuery } = setup();
    const field = screen.getByLabelText('At most (units)');
    await user.clear(field);
    await user.type(field, 'ten');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(field).toHaveAccessibleDescription('Enter a whole number of units, 0 or more, e.g. 5.');
    await user.clear(field);
    await user.type(field, '20');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(callsFor(executeQuery, 'SellerLowStock').at(-1)?.variables).toEqual({ threshold: 20, first: LOW_STOCK_SCAN });
  });
});
