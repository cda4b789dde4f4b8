import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { OrdersPage } from './OrdersPage';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../test/urql';
import type { MyOrdersQuery } from '../gql/graphql';

type Row = MyOrdersQuery['myOrders']['orders'][number];

const kzt = (amount: number) => ({ __typename: 'Money' as const, amount, currency: 'KZT' as const });

function row(overrides: Partial<Row> = {}): Row {
  return {
    __typename: 'Order',
    id: 'ord_0190aaaabbbbccccdddd00000000a1b2',
    number: 1042,
    cursor: 'c-1042',
    createdAt: '2026-03-01T09:58:00Z',
    status: 'DELIVERED',
    paymentMethod: 'WALLET',
    total: kzt(779_400),
    lines: [{ __typename: 'OrderLine', quantity: 2, product: { __typename: 'Product', id: 'p1', name: 'Green tea' }, variant: null }],
    ...overrides,
  };
}

function page(orders: Row[], nextCursor: string | null = null): MockResult {
  return { data: { __typename: 'Query', myOrders: { __typename: 'OrderPage', nextCursor, orders } } };
}

function setup(answer: (variables: Record<string, unknown>) => MockResult) {
  const api = mockClient({ query: (name, variables) => (name === 'MyOrders' ? fromValue(answer(variables)) : never) });
  renderWithClient(<OrdersPage />, { client: api.client, route: '/orders' });
  return { ...api, user: userEvent.setup() };
}

describe('OrdersPage', () => {
  it('names each order by its number, linked to the order, never by its id', () => {
    const older = row({ id: 'ord_0190aaaabbbbccccdddd00000000c3d4', number: 1007, cursor: 'c-1007', status: 'CANCELLED', createdAt: '2026-02-20T18:30:00Z' });
    setup(() => page([row(), older]));
    const rows = screen.getAllByTestId('order-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'Order #1042' })).toHaveAttribute('href', '/orders/ord_0190aaaabbbbccccdddd00000000a1b2');
    expect(rows[0]).toHaveTextContent('Order #1042 · 1 Mar 2026');
    expect(rows[0]).toHaveTextContent('2 × Green tea');
    expect(rows[0]).toHaveTextContent('Delivered');
    expect(rows[0]).toHaveTextContent('₸7 794');
    expect(within(rows[1]).getByRole('link', { name: 'Order #1007' })).toHaveAttribute('href', '/orders/ord_0190aaaabbbbccccdddd00000000c3d4');
    expect(rows[1]).toHaveTextContent('Cancelled');
    for (const r of rows) expect(r).not.toHaveTextContent(/ord_|A1B2|C3D4/i);
    expect(document.title).toBe('Your orders · Vitrine');
  });

  it('pages to older orders, still by number', async () => {
    const { user, executeQuery } = setup((v) => (v.after ? page([row({ id: 'ord_old', number: 1001, cursor: 'c-1001' })]) : page([row()], 'c-1042')));
    await user.click(screen.getByRole('button', { name: 'Older orders' }));
    expect(callsFor(executeQuery, 'MyOrders').map((c) => c.variables)).toEqual([
      { first: 10, after: null },
      { first: 10, after: 'c-1042' },
    ]);
    expect(screen.getAllByTestId('order-row').map((r) => within(r).getByRole('link').textContent)).toEqual(['Order #1042', 'Order #1001']);
  });

  it('invites a first order when there is none', () => {
    setup(() => page([]));
    expect(screen.getByText('No orders yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start shopping' })).toHaveAttribute('href', '/');
  });
});
