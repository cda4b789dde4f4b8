import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, makeSubject, never } from 'wonka';
import { sessionStore } from '../../api/session';
import { actorLabel, MOVEMENTS_SHOWN, OfferStockPage } from './OfferStockPage';
import { offer, SELLER_ID, signInAs, stockEvent } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

beforeEach(() => signInAs());
afterEach(() => sessionStore.clear());

const movements = [
  { __typename: 'StockMovement', actor: SELLER_ID, createdAt: '2026-03-01T10:05:00Z', delta: 5, reason: 'Delivery from the supplier' },
  { __typename: 'StockMovement', actor: 'svc-orders', createdAt: '2026-03-01T10:00:00Z', delta: -1, reason: 'sold: order ord-1' },
  { __typename: 'StockMovement', actor: 'seed', createdAt: '2026-03-01T09:00:00Z', delta: 8, reason: 'demo stock' },
];

function setup(mutation: MockResult = { data: { adjustStock: { __typename: 'Offer', id: 'ofr-tea', stock: 17, inStock: true } } }) {
  const live = makeSubject<MockResult>();
  const api = mockClient({
    query: (name) =>
      name === 'SellerOffer'
        ? fromValue({ data: { __typename: 'Query', offer: { ...offer(), shop: { __typename: 'Shop', id: 'shp-1', name: 'Tea House', ownerId: SELLER_ID } } } })
        : name === 'SellerStockMovements'
          ? fromValue({ data: { __typename: 'Query', stockMovements: movements } })
          : never,
    subscription: () => live.source,
    mutation: () => fromValue(mutation),
  });
  renderWithClient(<OfferStockPage />, { client: api.client, route: '/seller/offers/ofr-tea', path: '/seller/offers/:offerId' });
  return { ...api, live, user: userEvent.setup() };
}

describe('actorLabel', () => {
  it('names who moved the stock', () => {
    expect(actorLabel('cus-1', 'cus-1')).toBe('You');
    expect(actorLabel('seed', 'cus-1')).toBe('Opening stock');
    expect(actorLabel('expiry', 'cus-1')).toBe('Unpaid order expired');
    expect(actorLabel('cus-admin', 'cus-1')).toBe('Staff');
    expect(actorLabel('orders', 'cus-1')).toBe('Vitrine (orders)');
  });
});

describe('OfferStockPage', () => {
  it('shows the offer, its live units and the history, newest first', () => {
    const { executeQuery, live } = setup();
    expect(callsFor(executeQuery, 'SellerOffer')[0].variables).toEqual({ id: 'ofr-tea' });
    expect(callsFor(executeQuery, 'SellerStockMovements')[0].variables).toEqual({ offerId: 'ofr-tea', first: MOVEMENTS_SHOWN });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Green tea');
    expect(screen.getByRole('link', { name: 'Tea House' })).toHaveAttribute('href', '/seller/shops/shp-1');
    const items = screen.getAllByTestId('stock-movement');
    expect(items.map((i) => i.textContent)).toEqual([
      'Delivery from the supplier1 Mar 2026, 10:05 · You+5',
      'sold: order ord-11 Mar 2026, 10:00 · Vitrine (orders)−1',
      'demo stock1 Mar 2026, 09:00 · Opening stock+8',
    ]);
    expect(screen.getByTestId('offer-stock')).toHaveAttribute('data-stock', '12');
    act(() => live.next(stockEvent('prd-tea', [{ id: 'ofr-tea', stock: 9 }])));
    expect(screen.getByTestId('offer-stock')).toHaveTextContent('9 in stock');
  });

  it('adjusts stock with a reason, then reloads the history', async () => {
    const { user, executeMutation, executeQuery } = setup();
    await user.type(screen.getByLabelText('Change (units)'), '+5');
    await user.type(screen.getByLabelText('Reason'), '  Delivery from the supplier ');
    await user.click(screen.getByRole('button', { name: 'Adjust stock' }));
    expect(callsFor(executeMutation, 'SellerAdjustStock')[0].variables).toEqual({ offerId: 'ofr-tea', delta: 5, reason: 'Delivery from the supplier' });
    expect(screen.getByTestId('stock-notice')).toHaveTextContent('Added 5 units.');
    expect(screen.getByLabelText('Change (units)')).toHaveValue('');
    expect(callsFor(executeQuery, 'SellerStockMovements').at(-1)?.context).toMatchObject({ requestPolicy: 'network-only' });
  });

  it('checks the change and the reason before sending', async () => {
    const { user, executeMutation } = setup();
    await user.type(screen.getByLabelText('Change (units)'), '0');
    await user.click(screen.getByRole('button', { name: 'Adjust stock' }));
    expect(screen.getByLabelText('Change (units)')).toHaveAccessibleDescription(/The change cannot be zero\./);
    expect(screen.getByLabelText('Reason')).toHaveAccessibleDescription(/Enter a reason\./);
    expect(screen.getByLabelText('Change (units)')).toHaveFocus();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('says why a removal was refused, in plain words', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'cannot remove units that are reserved or not there', extensions: { code: 'BAD_USER_INPUT' } }] });
    const { user } = setup({ error });
    await user.type(screen.getByLabelText('Change (units)'), '-50');
    await user.type(screen.getByLabelText('Reason'), 'Lost');
    await user.click(screen.getByRole('button', { name: 'Adjust stock' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The stock was not changedPlease check the form: cannot remove units that are reserved or not there.');
    expect(alert).not.toHaveTextContent('BAD_USER_INPUT');
    expect(screen.getByTestId('stock-notice')).toHaveTextContent('');
  });
});
