import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue, makeSubject, never } from 'wonka';
import { OrdersBoardPage } from './OrdersBoardPage';
import { row } from './testFixtures';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../../test/urql';
import type { SalesOrderRowFieldsFragment } from '../../../gql/graphql';

const shops = [
  { __typename: 'Shop', id: 'shp_1', name: 'Pizza Hut Abay' },
  { __typename: 'Shop', id: 'shp_2', name: 'Technodom' },
];

const first = row({ id: 'ord_x000000000000000000000000000aa01', number: 1041, createdAt: '2026-03-01T10:00:00Z' });
const second = row({
  id: 'ord_x000000000000000000000000000bb02',
  number: 1040,
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:05Z',
  customer: { __typename: 'Customer', id: 'cus_b', name: 'Bolat', email: 'bolat@example.kz' },
});

function page(orders: SalesOrderRowFieldsFragment[], nextCursor: string | null = null): MockResult {
  return { data: { __typename: 'Query', orders: { __typename: 'OrderPage', nextCursor, orders } } };
}

const byNumber = (variables: Record<string, unknown>): MockResult => {
  const found = [first, second].find((o) => o.number === variables.number);
  return found
    ? { data: { __typename: 'Query', orderByNumber: { __typename: 'Order', id: found.id, number: found.number } } }
    : { error: new CombinedError({ graphQLErrors: [new GraphQLError(`no order #${String(variables.number)}`, { extensions: { code: 'NOT_FOUND' } })] }) };
};

function setup(
  route = '/admin/orders',
  result: (variables: Record<string, unknown>) => MockResult = () => page([first, second]),
  lookUp: (variables: Record<string, unknown>) => MockResult = byNumber,
) {
  const live = makeSubject<MockResult>();
  const api = mockClient({
    query: (name, variables) =>
      name === 'SalesShops'
        ? fromValue({ data: { shops } })
        : name === 'SalesOrders'
          ? fromValue(result(variables))
          : name === 'SalesOrderByNumber'
            ? fromValue(lookUp(variables))
            : never,
    subscription: (name) => (name === 'SalesOrderUpdated' ? live.source : never),
  });
  renderWithClient(<OrdersBoardPage />, { client: api.client, route, path: '/admin/orders' });
  return { ...api, live, user: userEvent.setup(), orders: () => callsFor(api.executeQuery, 'SalesOrders') };
}

const rows = () => screen.getAllByTestId('board-row');
const location = () => screen.getByTestId('location').textContent;

describe('OrdersBoardPage', () => {
  it('lists orders by number with customer, total, status and time', () => {
    const { orders, executeSubscription } = setup();
    expect(orders()[0].variables).toEqual({ first: 20, after: null, status: null, shopId: null, createdFrom: null, createdTo: null });
    expect(callsFor(executeSubscription, 'SalesOrderUpdated')).toHaveLength(1);
    expect(rows()).toHaveLength(2);
    const top = rows()[0];
    expect(within(top).getByRole('link', { name: '#1041' })).toHaveAttribute('href', `/admin/orders/${first.id}`);
    expect(within(rows()[1]).getByRole('link', { name: '#1040' })).toHaveAttribute('href', `/admin/orders/${second.id}`);
    expect(top).not.toHaveTextContent('ord_');
    expect(top).toHaveTextContent('Confirmed');
    expect(top).toHaveTextContent('Aigerim aigerim@example.kz');
    expect(top).toHaveTextContent('1 × Pizza Margherita · 30 cm');
    expect(top).toHaveTextContent('₸3 490');
    expect(top).toHaveTextContent('1 Mar 2026');
  });

  it('reads its filters from the URL', () => {
    const { orders } = setup('/admin/orders?status=PREPARING&shop=shp_2&from=2026-03-01&to=2026-03-02&after=c1');
    expect(orders()[0].variables).toEqual({
      first: 20,
      after: 'c1',
      status: 'PREPARING',
      shopId: 'shp_2',
      createdFrom: '2026-03-01T00:00:00Z',
      createdTo: '2026-03-03T00:00:00Z',
    });
    expect(screen.getByLabelText('Status')).toHaveValue('PREPARING');
    expect(screen.getByLabelText('Shop')).toHaveValue('shp_2');
    expect(screen.getByLabelText('From (UTC)')).toHaveValue('2026-03-01');
    expect(screen.getByLabelText('To (UTC)')).toHaveValue('2026-03-02');
  });

  it('writes filter changes to the URL and queries again from page one', async () => {
    const { user, orders } = setup('/admin/orders?after=c1');
    await user.selectOptions(screen.getByLabelText('Status'), 'Cancelled');
    expect(location()).toBe('/admin/orders?status=CANCELLED');
    await user.selectOptions(screen.getByLabelText('Shop'), 'Technodom');
    expect(location()).toBe('/admin/orders?status=CANCELLED&shop=shp_2');
    expect(orders().at(-1)?.variables).toMatchObject({ status: 'CANCELLED', shopId: 'shp_2', after: null });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(location()).toBe('/admin/orders');
  });

  it('refuses a date range that ends before it starts, without querying', () => {
    const { orders } = setup('/admin/orders?from=2026-03-05&to=2026-03-01');
    expect(screen.getByRole('alert')).toHaveTextContent('The end date must not be before the start date.');
    expect(screen.getByLabelText('To (UTC)')).toHaveAttribute('aria-invalid', 'true');
    expect(orders()).toHaveLength(0);
  });

  it('pages older and newer through the URL', async () => {
    const { user, orders } = setup('/admin/orders?status=CONFIRMED', (v) => (v.after ? page([second]) : page([first], 'cursor-2')));
    await user.click(screen.getByRole('button', { name: 'Older →' }));
    expect(location()).toBe('/admin/orders?status=CONFIRMED&after=cursor-2');
    expect(orders().at(-1)?.variables).toMatchObject({ after: 'cursor-2', status: 'CONFIRMED' });
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '← Newer' }));
    expect(location()).toBe('/admin/orders?status=CONFIRMED');
  });

  it('puts a new order at the top live and announces it', () => {
    const { live } = setup();
    const fresh = row({ id: 'ord_x000000000000000000000000000cc03', number: 1043, createdAt: '2026-03-01T11:00:00Z', updatedAt: '2026-03-01T11:00:01Z' });
    act(() => live.next({ data: { orderUpdated: fresh } }));
    expect(rows().map((r) => r.getAttribute('data-order-id'))).toEqual([fresh.id, first.id, second.id]);
    expect(rows()[0]).toHaveClass('list-group-item-info');
    const announcement = screen.getByTestId('board-announcement');
    expect(announcement).toHaveAttribute('aria-live', 'polite');
    expect(announcement).toHaveTextContent('New order #1043 from Aigerim: Confirmed.');
  });

  it('updates rows live, and drops those that leave the filter', () => {
    const { live } = setup('/admin/orders?status=CONFIRMED');
    act(() => live.next({ data: { orderUpdated: { ...second, status: 'PREPARING', updatedAt: '2026-03-01T11:00:00Z' } } }));
    expect(rows().map((r) => r.getAttribute('data-order-id'))).toEqual([first.id]);
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('Order #1040 is now Preparing and no longer matches the filters.');
    // Orders of other statuses are not shown (nor announced).
    act(() => live.next({ data: { orderUpdated: row({ id: 'ord_x000000000000000000000000000dd04', number: 1044, status: 'DELIVERED', createdAt: '2026-03-01T12:00:00Z' }) } }));
    expect(rows()).toHaveLength(1);
  });

  it('changes a row in place when its status changes on an unfiltered board', () => {
    const { live } = setup();
    act(() => live.next({ data: { orderUpdated: { ...second, status: 'CANCELLED', updatedAt: '2026-03-01T11:00:00Z' } } }));
    expect(rows()[1]).toHaveAttribute('data-status', 'CANCELLED');
    expect(within(rows()[1]).getByTestId('row-status')).toHaveTextContent('Cancelled');
    expect(screen.getByTestId('board-announcement')).toHaveTextContent('Order #1040 is now Cancelled.');
  });

  it('reloads and listens again when the live stream says it fell behind', () => {
    const { live, orders, executeSubscription } = setup();
    const conflict = new CombinedError({ graphQLErrors: [new GraphQLError('too far behind', { extensions: { code: 'CONFLICT' } })] });
    act(() => live.next({ error: conflict }));
    expect(orders().at(-1)?.context).toMatchObject({ requestPolicy: 'network-only' });
    expect(callsFor(executeSubscription, 'SalesOrderUpdated').length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByText('Live updates stopped')).not.toBeInTheDocument();
  });

  it('says plainly when live updates stop for another reason', () => {
    const { live } = setup();
    act(() => live.next({ error: new CombinedError({ networkError: new Error('socket closed') }) }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Live updates stopped');
    expect(alert).toHaveTextContent('The server could not be reached.');
    expect(alert).not.toHaveTextContent('NETWORK');
  });

  describe('Go to order #', () => {
    const box = () => screen.getByLabelText('Go to order #');
    const go = () => screen.getByRole('button', { name: 'Go' });
    const lookUps = (executeQuery: ReturnType<typeof setup>['executeQuery']) => callsFor(executeQuery, 'SalesOrderByNumber');

    it('opens the order a number names, with or without the hash, keeping the board for the way back', async () => {
      const { user, executeQuery } = setup('/admin/orders?status=CONFIRMED');
      expect(screen.getByRole('search', { name: 'Go to an order by its number' })).toBeInTheDocument();
      await user.type(box(), '#1040');
      await user.click(go());
      expect(lookUps(executeQuery)[0].variables).toEqual({ number: 1040 });
      expect(lookUps(executeQuery)[0].context).toMatchObject({ requestPolicy: 'network-only' });
      await vi.waitFor(() => expect(location()).toBe(`/admin/orders/${second.id}`));
    });

    it('takes a bare number and Enter', async () => {
      const { user, executeQuery } = setup();
      await user.type(box(), ' 1041 {Enter}');
      expect(lookUps(executeQuery)[0].variables).toEqual({ number: 1041 });
      await vi.waitFor(() => expect(location()).toBe(`/admin/orders/${first.id}`));
    });

    it('says there is no such order on NOT_FOUND, and stays on the board', async () => {
      const { user, executeQuery } = setup();
      await user.type(box(), '9999');
      await user.click(go());
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(/^No order #9999\.$/);
      expect(box()).toHaveAttribute('aria-invalid', 'true');
      expect(box()).toHaveAccessibleDescription('No order #9999.');
      expect(lookUps(executeQuery)).toHaveLength(1);
      expect(location()).toBe('/admin/orders');
      // Typing again clears it.
      await user.type(box(), '{Backspace}');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('asks for a number before looking anything up', async () => {
      const { user, executeQuery } = setup();
      await user.click(go());
      expect(screen.getByRole('alert')).toHaveTextContent('Type an order number, e.g. 1042.');
      await user.type(box(), 'ord_x000000000000000000000000000aa01');
      await user.click(go());
      expect(screen.getByRole('alert')).toHaveTextContent('Type an order number, e.g. 1042.');
      expect(lookUps(executeQuery)).toHaveLength(0);
    });

    it('says plainly when the lookup fails for another reason', async () => {
      const { user } = setup('/admin/orders', undefined, () => ({ error: new CombinedError({ networkError: new Error('socket closed') }) }));
      await user.type(box(), '1041');
      await user.click(go());
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Could not look the order up');
      expect(alert).toHaveTextContent('The server could not be reached.');
      expect(location()).toBe('/admin/orders');
    });
  });
});
