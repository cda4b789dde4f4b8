import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, makeSubject, never } from 'wonka';
import { OrderPage } from './OrderPage';
import { delivery, kzt, order, orderQuery, ticket } from '../test/fixtures';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../test/urql';
import type { OrderFieldsFragment } from '../gql/graphql';

function setup(initial: MockResult | null, mutation: MockResult = {}) {
  const orderLive = makeSubject<MockResult>();
  const deliveryLive = makeSubject<MockResult>();
  const api = mockClient({
    query: (name) => (name === 'Order' && initial ? fromValue(initial) : never),
    subscription: (name) =>
      name === 'OrderStatusChanged' ? orderLive.source : name === 'DeliveryUpdated' ? deliveryLive.source : never,
    mutation: () => fromValue(mutation),
  });
  renderWithClient(<OrderPage />, { client: api.client, route: '/orders/ord-1', path: '/orders/:id' });
  return { ...api, orderLive, deliveryLive, user: userEvent.setup() };
}

const badge = () => screen.getByTestId('order-status');
const timelineCurrent = () =>
  within(screen.getByRole('list', { name: 'Order progress' }))
    .getAllByRole('listitem')
    .find((li) => li.getAttribute('aria-current') === 'step');

function advanced(o: OrderFieldsFragment, status: OrderFieldsFragment['status'], at: string): OrderFieldsFragment {
  return { ...o, status, statusHistory: [...o.statusHistory, { __typename: 'OrderStatusChange', from: o.status, to: status, at, reason: null, actor: 'kitchen' }] };
}

describe('OrderPage', () => {
  it('renders the order, its progress, kitchen, delivery and totals from the query', () => {
    const { executeQuery, executeSubscription } = setup({
      data: orderQuery(order({ kitchenTicket: ticket({ status: 'QUEUED' }) }), delivery({ status: 'WAITING', courier: null })),
    });
    expect(callsFor(executeQuery, 'Order')[0].variables).toEqual({ id: 'ord-1' });
    expect(callsFor(executeSubscription, 'OrderStatusChanged')[0].variables).toEqual({ orderId: 'ord-1' });
    expect(callsFor(executeSubscription, 'DeliveryUpdated')[0].variables).toEqual({ orderId: 'ord-1' });

    // Named by its number, never by the id in the address.
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^Order #1042Confirmed$/);
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('OrdersOrder #1042');
    expect(document.title).toBe('Order #1042 · Vitrine');
    expect(badge()).toHaveClass('text-bg-primary');
    expect(screen.getByText(/^Placed \d/)).toHaveTextContent('Placed 1 Mar 2026, 09:58 · Card VISA •••• 4242 · Paid');
    expect(timelineCurrent()).toHaveTextContent('Confirmed: in progress');

    const kitchen = screen.getByRole('region', { name: /Kitchen/ });
    expect(within(kitchen).getByRole('progressbar', { name: 'Green tea progress' })).toBeInTheDocument();

    const deliveryPanel = screen.getByRole('region', { name: /^Delivery\s*Being prepared$/ });
    expect(deliveryPanel).toBe(screen.getByTestId('delivery-panel'));
    expect(within(deliveryPanel).getByTestId('delivery-status')).toHaveTextContent('Being prepared');
    expect(within(deliveryPanel).getByTestId('delivery-summary')).toHaveTextContent('Waiting for a courier.');

    const items = screen.getByRole('region', { name: 'Items' });
    expect(within(items).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '2 × Green tea₸3\u00a0000',
      '1 × Baursak₸1\u00a0500',
    ]);
    expect(items).toHaveTextContent('Subtotal₸4 500');
    expect(items).toHaveTextContent('Discount (WELCOME10)−₸450');
    // The delivery fee is part of the total: ₸4 500 − ₸450 + ₸590.
    expect(items).toHaveTextContent('Delivery₸590');
    expect(items).toHaveTextContent('Total₸4 640');

    const address = screen.getByRole('region', { name: 'Delivery address' });
    expect(address).toHaveTextContent('HomeGogol St 1, Flat 5Almaty 050000');
    expect(address).toHaveTextContent('Note: Ring twice');
  });

  it('names lines and kitchen items by their variant, and links each line to it', () => {
    const size = (id: string, name: string) => ({ __typename: 'ProductVariant' as const, id, name });
    const base = order();
    const pizza = { ...base.lines[0], product: { ...base.lines[0].product, id: 'p-pizza', name: 'Pizza Margherita' } };
    const o = order({
      lines: [
        { ...pizza, quantity: 1, unitPrice: kzt(453700), lineTotal: kzt(453700), variant: size('v35', '35 cm') },
        { ...pizza, quantity: 1, unitPrice: kzt(279200), lineTotal: kzt(279200), variant: size('v25', '25 cm') },
      ],
      kitchenTicket: ticket({
        status: 'PREPARING',
        items: [
          { ...ticket().items[1], productId: 'p-pizza', variantId: 'v35', variant: size('v35', '35 cm') },
          { ...ticket().items[2], productId: 'p-pizza', variantId: 'v25', variant: size('v25', '25 cm') },
        ],
      }),
    });
    setup({ data: orderQuery(o) });
    const items = screen.getByRole('region', { name: 'Items' });
    expect(within(items).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '1 × Pizza Margherita · 35 cm₸4\u00a0537',
      '1 × Pizza Margherita · 25 cm₸2\u00a0792',
    ]);
    expect(within(items).getByRole('link', { name: 'Pizza Margherita · 35 cm' })).toHaveAttribute('href', '/products/p-pizza?variant=v35');
    // The kitchen makes two sizes of one pizza: each is named by its size.
    const kitchen = screen.getByRole('region', { name: /Kitchen/ });
    expect(within(kitchen).getByRole('progressbar', { name: 'Pizza Margherita · 35 cm progress' })).toBeInTheDocument();
    expect(within(kitchen).getByRole('progressbar', { name: 'Pizza Margherita · 25 cm progress' })).toBeInTheDocument();
  });

  it('updates status, timeline and announcement when a subscription event arrives', () => {
    const start = order({ kitchenTicket: ticket({ status: 'QUEUED' }) });
    const { orderLive } = setup({ data: orderQuery(start, null) });
    expect(badge()).toHaveTextContent('Confirmed');
    expect(screen.getByTestId('live-log').children).toHaveLength(1);

    const preparing = advanced(start, 'PREPARING', '2026-03-01T10:01:00Z');
    act(() => orderLive.next({ data: { orderStatusChanged: { ...preparing, kitchenTicket: ticket() } } }));

    expect(badge()).toHaveTextContent('Preparing');
    expect(badge()).toHaveAttribute('data-status', 'PREPARING');
    expect(screen.getByTestId('status-announcement')).toHaveTextContent('Order status: Preparing');
    expect(screen.getByTestId('status-announcement')).toHaveAttribute('aria-live', 'assertive');
    expect(timelineCurrent()).toHaveTextContent('Preparing: in progress10:01:00');
    expect(screen.getByTestId('kitchen-status')).toHaveTextContent('Preparing');
    const log = screen.getByTestId('live-log');
    expect([...log.children].map((li) => li.getAttribute('data-status'))).toEqual(['CONFIRMED', 'PREPARING']);
    expect(screen.getByText(/Updates seen on this page/)).toHaveTextContent('Updates seen on this page (2)');
    // Once preparation started the order can no longer be cancelled.
    expect(screen.queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument();

    const delivered = advanced(advanced(preparing, 'OUT_FOR_DELIVERY', '2026-03-01T10:12:00Z'), 'DELIVERED', '2026-03-01T10:20:00Z');
    act(() => orderLive.next({ data: { orderStatusChanged: delivered } }));
    expect(badge()).toHaveTextContent('Delivered');
    expect(badge()).toHaveClass('text-bg-success');
    expect(screen.queryByText('live')).not.toBeInTheDocument();
    expect(screen.getByTestId('live-log').children).toHaveLength(3);
  });

  it('asks for the payment again after delivery until it shows the capture', async () => {
    const authorized = { __typename: 'Payment' as const, id: 'pay1', status: 'AUTHORIZED' as const, method: 'WALLET' as const, declineReason: null, card: null };
    const start = order({ status: 'OUT_FOR_DELIVERY', paymentMethod: 'WALLET', payment: authorized });
    const orderLive = makeSubject<MockResult>();
    // Payments captures a moment after the order is delivered: the first answer still lags.
    const answers = ['AUTHORIZED', 'CAPTURED'];
    const api = mockClient({
      query: (name) => {
        if (name === 'Order') return fromValue({ data: orderQuery(start, null) });
        if (name === 'OrderPayment') {
          const status = answers.shift() ?? 'CAPTURED';
          return fromValue({ data: { order: { __typename: 'Order', id: 'ord-1', payment: { ...authorized, status } } } });
        }
        return never;
      },
      subscription: (name) => (name === 'OrderStatusChanged' ? orderLive.source : never),
    });
    renderWithClient(<OrderPage />, { client: api.client, route: '/orders/ord-1', path: '/orders/:id' });
    const payment = () => screen.getByTestId('payment-status');
    expect(payment()).toHaveTextContent('Payment reserved, taken on delivery');
    // Nothing to ask while the order is on its way.
    expect(callsFor(api.executeQuery, 'OrderPayment')).toEqual([]);

    act(() => orderLive.next({ data: { orderStatusChanged: advanced(start, 'DELIVERED', '2026-03-01T10:20:00Z') } }));
    expect(badge()).toHaveTextContent('Delivered');
    await vi.waitFor(() => expect(payment()).toHaveAttribute('data-status', 'CAPTURED'), { timeout: 3_000 });
    expect(payment()).toHaveTextContent(/^Paid$/);
    expect(screen.getByText(/^Placed \d/)).not.toHaveTextContent('reserved');
    const asks = callsFor(api.executeQuery, 'OrderPayment');
    expect(asks.length).toBeGreaterThanOrEqual(2);
    expect(asks[0].variables).toEqual({ id: 'ord-1' });
    // Settled: no more asking.
    await new Promise((r) => setTimeout(r, 1_200));
    expect(callsFor(api.executeQuery, 'OrderPayment')).toHaveLength(asks.length);
  });

  it('moves the courier when a delivery update arrives', () => {
    const { deliveryLive } = setup({ data: orderQuery(order({ status: 'READY_FOR_DELIVERY' }), delivery({ status: 'READY', courier: null })) });
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Waiting for a courier');
    expect(screen.queryByTestId('courier-marker')).not.toBeInTheDocument();

    act(() => deliveryLive.next({ data: { deliveryUpdated: delivery() } }));
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Courier on the way to you');
    expect(screen.getByTestId('courier-marker')).toBeInTheDocument();
    expect(screen.getByTestId('eta')).toHaveTextContent('10:20:00');
    expect(screen.getByTestId('courier-position')).toHaveTextContent('Courier at 43.25220, 76.91880');

    const moved = delivery({ courier: { ...delivery().courier!, location: { __typename: 'GeoPoint', latitude: 43.245, longitude: 76.93 } } });
    act(() => deliveryLive.next({ data: { deliveryUpdated: moved } }));
    expect(screen.getByTestId('courier-position')).toHaveTextContent('Courier at 43.24500, 76.93000');
  });

  it('cancels a confirmed order after asking, and shows the cancelled order', async () => {
    const start = order({ kitchenTicket: ticket({ status: 'QUEUED' }) });
    const cancelled = advanced(start, 'CANCELLED', '2026-03-01T10:00:30Z');
    const { user, executeMutation } = setup({ data: orderQuery(start, null) }, { data: { cancelOrder: cancelled } });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);

    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(confirm).toHaveBeenCalledWith('Cancel this order?');
    expect(executeMutation).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(callsFor(executeMutation, 'CancelOrder')[0].variables).toEqual({ orderId: 'ord-1', reason: 'cancelled by the customer' });
    expect(badge()).toHaveTextContent('Cancelled');
    expect(badge()).toHaveClass('text-bg-danger');
    expect(screen.queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument();
  });

  it('shows why an order failed and no delivery', () => {
    setup({
      data: orderQuery(
        order({
          status: 'FAILED',
          failure: { __typename: 'CheckoutFailure', code: 'PAYMENT_DECLINED', message: 'Insufficient funds' },
          statusHistory: [
            { __typename: 'OrderStatusChange', from: null, to: 'PENDING', at: '2026-03-01T09:58:00Z', reason: null, actor: 'customer' },
            { __typename: 'OrderStatusChange', from: 'PENDING', to: 'FAILED', at: '2026-03-01T09:58:05Z', reason: 'declined', actor: 'payments' },
          ],
        }),
        null,
      ),
    });
    expect(screen.getByRole('alert')).toHaveTextContent('PAYMENT_DECLINED: Insufficient funds');
    expect(screen.queryByRole('region', { name: /Delivery$/ })).not.toBeInTheDocument();
    expect(screen.queryByTestId('delivery-panel')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument();
  });

  describe('the delivery promise', () => {
    // Times show in the local zone (UTC here) and without a day on the day itself.
    const NOW = new Date('2026-03-01T10:05:00Z');
    const promise = () => screen.getByTestId('delivery-promise');

    it('shows the promised time under the order’s heading while it is on its way', () => {
      vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
      setup({ data: orderQuery(order({ status: 'PREPARING' }), null) });
      expect(promise()).toHaveTextContent(/^Promised by 10:35$/);
      expect(within(promise()).getByText('10:35')).toHaveAttribute('datetime', '2026-03-01T10:35:00Z');
    });

    it('says the order came on time once it is delivered by the promise', () => {
      vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
      setup({ data: orderQuery(order({ status: 'DELIVERED', deliveredAt: '2026-03-01T10:29:00Z', promiseKept: true }), null) });
      expect(promise()).toHaveTextContent(/^Delivered 10:29 — on time$/);
      expect(promise()).toHaveAttribute('data-kept', 'true');
      expect(screen.queryByText(/Promised by/)).not.toBeInTheDocument();
    });

    it('says how late the order came when it missed the promise', () => {
      vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
      setup({ data: orderQuery(order({ status: 'DELIVERED', deliveredAt: '2026-03-01T10:52:00Z', promiseKept: false }), null) });
      expect(promise()).toHaveTextContent(/^Delivered 10:52 — 17 min late$/);
      expect(promise()).toHaveAttribute('data-kept', 'false');
    });

    it('follows the order to its delivery live', () => {
      vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
      const start = order({ status: 'OUT_FOR_DELIVERY' });
      const { orderLive } = setup({ data: orderQuery(start, null) });
      expect(promise()).toHaveTextContent('Promised by 10:35');
      const delivered = { ...advanced(start, 'DELIVERED', '2026-03-01T10:31:00Z'), deliveredAt: '2026-03-01T10:31:00Z', promiseKept: true };
      act(() => orderLive.next({ data: { orderStatusChanged: delivered } }));
      expect(promise()).toHaveTextContent('Delivered 10:31 — on time');
    });

    it('puts the day in front of a promise on another day', () => {
      vi.useFakeTimers({ now: new Date('2026-03-03T08:00:00Z'), toFake: ['Date'] });
      setup({ data: orderQuery(order({ status: 'DELIVERED', deliveredAt: '2026-03-01T10:52:00Z', promiseKept: false }), null) });
      expect(promise()).toHaveTextContent('Delivered 1 Mar, 10:52 — 17 min late');
    });

    it('says nothing about a promise for an order placed before promises, which paid no fee', () => {
      setup({
        data: orderQuery(
          order({ status: 'DELIVERED', promisedAt: null, deliveredAt: '2026-03-01T10:29:00Z', promiseKept: null, deliveryFee: { __typename: 'Money', amount: 0, currency: 'KZT' }, total: { __typename: 'Money', amount: 405000, currency: 'KZT' } }),
          null,
        ),
      });
      expect(badge()).toHaveTextContent('Delivered');
      expect(screen.queryByTestId('delivery-promise')).not.toBeInTheDocument();
      expect(screen.queryByText(/Promised|on time|late/)).not.toBeInTheDocument();
      const items = screen.getByRole('region', { name: 'Items' });
      expect(items).toHaveTextContent('DeliveryFreeTotal₸4 050');
    });

    it('drops the promise of an order that will not arrive', () => {
      setup({ data: orderQuery(order({ status: 'CANCELLED' }), null) });
      expect(badge()).toHaveTextContent('Cancelled');
      expect(screen.queryByTestId('delivery-promise')).not.toBeInTheDocument();
    });
  });

  it('shows loading until the order arrives, with no name in the title yet', () => {
    setup(null);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the order…');
    expect(document.title).toBe('Vitrine');
  });

  it('shows an error that the order could not be loaded', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'No such order', extensions: { code: 'NOT_FOUND' } }] });
    const { user, executeQuery } = setup({ error });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load the order');
    expect(alert).toHaveTextContent('No such order.');
    expect(alert).not.toHaveTextContent('NOT_FOUND');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(callsFor(executeQuery, 'Order').at(-1)!.context).toMatchObject({ requestPolicy: 'network-only' });
  });
});
