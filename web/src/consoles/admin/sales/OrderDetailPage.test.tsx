import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue, makeSubject, never } from 'wonka';
import { OrderDetailPage } from './OrderDetailPage';
import { detail, kzt, salesDelivery } from './testFixtures';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../../test/urql';

const ID = 'ord_0190000000007000800000000000aa01';
/** A local time as the consoles write it: "10:40", or "1 Mar, 10:40" on another day. */
const CLOCK = String.raw`(?:\d{1,2} \w{3}, )?\d{2}:\d{2}`;

function setup(order = detail(), mutation: (name: string, variables: Record<string, unknown>) => MockResult = () => ({})) {
  const orderLive = makeSubject<MockResult>();
  const deliveryLive = makeSubject<MockResult>();
  const api = mockClient({
    query: (name, variables) =>
      name === 'SalesOrder'
        ? fromValue({ data: { __typename: 'Query', order } })
        : name === 'SalesActor'
          ? fromValue({ data: { customer: { __typename: 'Customer', id: variables.id, name: 'Dana Admin', roles: ['ADMIN'] } } })
          : never,
    subscription: (name) => (name === 'SalesOrderStatusChanged' ? orderLive.source : name === 'SalesDeliveryUpdated' ? deliveryLive.source : never),
    mutation: (name, variables) => fromValue(mutation(name, variables)),
  });
  renderWithClient(<OrderDetailPage />, { client: api.client, route: `/admin/orders/${ID}`, path: '/admin/orders/:id' });
  return { ...api, orderLive, deliveryLive, user: userEvent.setup() };
}

const status = () => screen.getByTestId('order-status');
const history = () => within(screen.getByRole('list', { name: 'Order history' })).getAllByRole('listitem');

describe('OrderDetailPage', () => {
  it('shows the order with customer, lines, address, kitchen, delivery and payment', () => {
    const { executeQuery, executeSubscription } = setup();
    expect(callsFor(executeQuery, 'SalesOrder')[0].variables).toEqual({ id: ID });
    expect(callsFor(executeSubscription, 'SalesOrderStatusChanged')[0].variables).toEqual({ orderId: ID });
    expect(callsFor(executeSubscription, 'SalesDeliveryUpdated')[0].variables).toEqual({ orderId: ID });
    expect(screen.getByRole('heading', { level: 2, name: /^Order #1042/ })).toBeInTheDocument();
    expect(status()).toHaveTextContent('Preparing');
    expect(screen.getByRole('region', { name: 'Customer' })).toHaveTextContent('Aigerimaigerim@example.kz+77011234567');
    expect(screen.getByRole('region', { name: 'Items' })).toHaveTextContent('1 × Pizza Margherita · 30 cm₸3 490');
    expect(screen.getByRole('region', { name: 'Delivery address' })).toHaveTextContent('HomeAbay Ave 10Almaty');
    expect(screen.getByRole('region', { name: /Kitchen ticket/ })).toHaveTextContent('1 × Pizza Margherita · 30 cm at OVEN');
    expect(screen.getByRole('region', { name: /^Delivery(?! address)/ })).toHaveTextContent('Waiting for the kitchen');
    expect(screen.getByRole('region', { name: /^Payment/ })).toHaveTextContent('Authorized');
  });

  it('names the order by its number, keeping its id small for copying', () => {
    setup();
    const heading = screen.getByRole('heading', { level: 2, name: /^Order #1042/ });
    expect(heading).not.toHaveTextContent(ID);
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('Orders#1042');
    expect(document.querySelector('code')).toBeNull();
    const id = screen.getByTestId('order-id');
    expect(id).toHaveTextContent(ID);
    expect(id).toHaveClass('user-select-all');
    expect(id.parentElement).toHaveClass('small', 'text-secondary');
    // Nowhere else on the page (the test's location probe aside).
    const page = document.body.textContent!.replace(screen.getByTestId('location').textContent!, '');
    expect(page.split(ID)).toHaveLength(2);
  });

  it('adds up the totals with the delivery fee, and shows the promise', () => {
    setup(
      detail({
        promoCode: 'WELCOME10',
        subtotal: kzt(349000),
        discount: kzt(34900),
        deliveryFee: kzt(59000),
        total: kzt(373100),
        promisedAt: '2026-03-01T10:40:00Z',
      }),
    );
    const items = screen.getByRole('region', { name: 'Items' });
    expect(items).toHaveTextContent('Subtotal₸3 490');
    expect(items).toHaveTextContent('Discount (WELCOME10)−₸349');
    expect(within(items).getByTestId('delivery-fee-line')).toHaveTextContent('₸590');
    expect(within(items).getByTestId('order-total')).toHaveTextContent('₸3 731');
    const amount = (el: Element) => Number(el.querySelector('[data-amount]')!.getAttribute('data-amount'));
    expect(amount(within(items).getByTestId('order-total'))).toBe(349000 - 34900 + amount(within(items).getByTestId('delivery-fee-line')));
    expect(screen.getByTestId('delivery-promise')).toHaveTextContent(new RegExp(`^Promised by ${CLOCK}$`));
  });

  it('says free delivery, and whether a delivered order kept its promise', () => {
    setup(
      detail({
        status: 'DELIVERED',
        deliveryFee: kzt(0),
        promisedAt: '2026-03-01T10:40:00Z',
        deliveredAt: '2026-03-01T10:57:00Z',
        promiseKept: false,
      }),
    );
    expect(screen.getByTestId('delivery-fee-line')).toHaveTextContent('Free');
    const promise = screen.getByTestId('delivery-promise');
    expect(promise).toHaveTextContent(new RegExp(`^Delivered ${CLOCK} — 17 min late$`));
    expect(promise).toHaveAttribute('data-kept', 'false');
  });

  it('shows no promise for an order placed before there were promises', () => {
    setup(detail({ promisedAt: null }));
    expect(screen.queryByTestId('delivery-promise')).not.toBeInTheDocument();
  });

  it('shows the whole timeline with actors and reasons', () => {
    setup(
      detail({
        statusHistory: [
          ...detail().statusHistory.slice(0, 2),
          { __typename: 'OrderStatusChange', from: 'CONFIRMED', to: 'PREPARING', at: '2026-03-01T10:01:00Z', reason: 'started by hand', actor: 'cus_staff' },
        ],
      }),
    );
    const items = history();
    expect(items.map((li) => li.getAttribute('data-source'))).toEqual(['order', 'payment', 'order', 'kitchen', 'delivery', 'order', 'kitchen']);
    expect(items[0]).toHaveTextContent('Order placed');
    expect(items[0]).toHaveTextContent('by Customer (Aigerim)');
    expect(items[2]).toHaveTextContent('by Checkout (automatic)');
    expect(items[5]).toHaveTextContent('Confirmed → Preparing');
    expect(items[5]).toHaveTextContent('by Dana Admin (admin)');
    expect(items[5]).toHaveTextContent('Reason: started by hand');
  });

  it('offers only the next statuses the lifecycle allows', () => {
    setup(detail({ status: 'CONFIRMED' }));
    const select = screen.getByLabelText('Next status');
    expect(within(select).getAllByRole('option').map((o) => (o as HTMLOptionElement).value)).toEqual(['PREPARING', 'READY_FOR_DELIVERY']);
  });

  it('moves the status with a reason', async () => {
    const moved = detail({
      status: 'READY_FOR_DELIVERY',
      updatedAt: '2026-03-01T10:09:00Z',
      statusHistory: [
        ...detail().statusHistory,
        { __typename: 'OrderStatusChange', from: 'PREPARING', to: 'READY_FOR_DELIVERY', at: '2026-03-01T10:09:00Z', reason: 'done early', actor: 'cus_staff' },
      ],
    });
    const { user, executeMutation } = setup(detail(), () => ({ data: { updateOrderStatus: moved } }));
    expect(within(screen.getByLabelText('Next status')).getAllByRole('option')).toHaveLength(1);
    await user.type(screen.getByLabelText('Reason (optional)'), 'done early');
    await user.click(screen.getByRole('button', { name: 'Move to Ready for delivery' }));
    expect(callsFor(executeMutation, 'SalesUpdateOrderStatus')[0].variables).toEqual({ orderId: ID, status: 'READY_FOR_DELIVERY', reason: 'done early' });
    expect(status()).toHaveTextContent('Ready for delivery');
    expect(screen.getByTestId('action-done')).toHaveTextContent('Moved to Ready for delivery.');
    expect(screen.getByLabelText('Next status')).toHaveValue('OUT_FOR_DELIVERY');
  });

  it("shows the API's refusal in plain words", async () => {
    const conflict = new CombinedError({
      graphQLErrors: [new GraphQLError('an order that is CANCELLED cannot become READY_FOR_DELIVERY', { extensions: { code: 'CONFLICT' } })],
    });
    const { user } = setup(detail(), () => ({ error: conflict }));
    await user.click(screen.getByRole('button', { name: 'Move to Ready for delivery' }));
    const alert = screen.getByTestId('move-error');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('The order cannot make that change now: an order that is cancelled cannot become ready for delivery.');
    expect(alert).not.toHaveTextContent('CONFLICT');
  });

  it('cancels only after a confirm step with a reason', async () => {
    const cancelled = detail({
      status: 'CANCELLED',
      updatedAt: '2026-03-01T10:10:00Z',
      statusHistory: [
        ...detail().statusHistory,
        { __typename: 'OrderStatusChange', from: 'PREPARING', to: 'CANCELLED', at: '2026-03-01T10:10:00Z', reason: 'out of dough', actor: 'cus_staff' },
      ],
    });
    const { user, executeMutation } = setup(detail(), () => ({ data: { cancelOrder: cancelled } }));
    await user.click(screen.getByRole('button', { name: 'Cancel order…' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Cancel order #1042?' })).toBeInTheDocument();
    const field = screen.getByLabelText('Reason for cancelling');
    expect(field).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel the order' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Say why the order is cancelled; the customer is told.')).toBeInTheDocument();
    expect(callsFor(executeMutation, 'SalesCancelOrder')).toHaveLength(0);

    await user.type(field, 'out of dough');
    await user.click(screen.getByRole('button', { name: 'Cancel the order' }));
    expect(callsFor(executeMutation, 'SalesCancelOrder')[0].variables).toEqual({ orderId: ID, reason: 'out of dough' });
    expect(status()).toHaveTextContent('Cancelled');
    expect(screen.getByTestId('no-actions')).toHaveTextContent('Nothing more can be done: the order is cancelled.');
    expect(history().at(-1)).toHaveTextContent('Reason: out of dough');
  });

  it('keeps the order when the confirm step is dismissed', async () => {
    const { user, executeMutation } = setup();
    await user.click(screen.getByRole('button', { name: 'Cancel order…' }));
    await user.click(screen.getByRole('button', { name: 'Keep the order' }));
    expect(screen.queryByLabelText('Reason for cancelling')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel order…' })).toHaveFocus();
    expect(callsFor(executeMutation, 'SalesCancelOrder')).toHaveLength(0);
  });

  it('follows the order and its delivery live', () => {
    const { orderLive, deliveryLive } = setup();
    act(() =>
      orderLive.next({
        data: {
          orderStatusChanged: detail({
            status: 'READY_FOR_DELIVERY',
            updatedAt: '2026-03-01T10:11:00Z',
            statusHistory: [
              ...detail().statusHistory,
              { __typename: 'OrderStatusChange', from: 'PREPARING', to: 'READY_FOR_DELIVERY', at: '2026-03-01T10:11:00Z', reason: null, actor: 'kitchen' },
            ],
          }),
        },
      }),
    );
    expect(status()).toHaveTextContent('Ready for delivery');
    expect(screen.getByTestId('status-announcement')).toHaveTextContent('Order #1042 status: Ready for delivery');
    act(() => deliveryLive.next({ data: { deliveryUpdated: salesDelivery() } }));
    const deliverySection = screen.getByRole('region', { name: /^Delivery(?! address)/ });
    expect(deliverySection).toHaveTextContent('Courier assigned');
    expect(deliverySection).toHaveTextContent('Daulet · scooter');
    expect(history().some((li) => /Delivery: courier assigned/.test(li.textContent ?? '') && /by courier Daulet/.test(li.textContent ?? ''))).toBe(true);
  });

  it('reads the order again after a status change, for what followed elsewhere', () => {
    vi.useFakeTimers();
    const { orderLive, executeQuery } = setup();
    const loads = () => callsFor(executeQuery, 'SalesOrder');
    act(() => vi.advanceTimersByTime(6000));
    expect(loads()).toHaveLength(1);
    act(() => orderLive.next({ data: { orderStatusChanged: detail({ status: 'CANCELLED', updatedAt: '2026-03-01T10:12:00Z' }) } }));
    act(() => vi.advanceTimersByTime(1600));
    expect(loads()).toHaveLength(2);
    expect(loads()[1].context).toMatchObject({ requestPolicy: 'network-only' });
    act(() => vi.advanceTimersByTime(4000));
    expect(loads()).toHaveLength(3);
  });

  it('says plainly when the order cannot be loaded', () => {
    const api = mockClient({
      query: () => fromValue({ error: new CombinedError({ graphQLErrors: [new GraphQLError('no such order', { extensions: { code: 'NOT_FOUND' } })] }) }),
    });
    renderWithClient(<OrderDetailPage />, { client: api.client, route: `/admin/orders/${ID}`, path: '/admin/orders/:id' });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load the order');
    expect(alert).toHaveTextContent('There is nothing here');
    expect(alert).not.toHaveTextContent('NOT_FOUND');
  });
});
