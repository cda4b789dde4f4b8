import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, makeSubject, never, type Source } from 'wonka';
import { CheckoutPage } from './CheckoutPage';
import { address, cart, checkoutData, FAR_ADDRESS, kzt, quote } from '../test/fixtures';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../test/urql';
import type { CheckoutDataQuery } from '../gql/graphql';

// The fixtures' quote promises 10:35 UTC (vitest.config.ts pins TZ=UTC): 32 minutes from now.
const NOW = new Date('2026-03-01T10:03:00Z');

const OUT_OF_AREA = new CombinedError({
  graphQLErrors: [
    {
      message: 'this address is outside our delivery area: 978.3 km from the shop, and we deliver up to 25.0 km',
      extensions: { code: 'BAD_USER_INPUT' },
    },
  ],
});

function setup({
  data = checkoutData(),
  quoteFor = () => fromValue({ data: { deliveryQuote: quote() } }),
  mutation = () => never,
}: {
  data?: CheckoutDataQuery;
  quoteFor?: (addressId: string) => Source<MockResult>;
  mutation?: (name: string, variables: Record<string, unknown>) => Source<MockResult>;
} = {}) {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  const api = mockClient({
    query: (name, variables) => {
      if (name === 'CheckoutData') return fromValue({ data });
      if (name === 'DeliveryQuote') return quoteFor(String(variables.addressId));
      return never;
    },
    mutation,
  });
  renderWithClient(<CheckoutPage />, { client: api.client, route: '/checkout', path: '/checkout' });
  return { ...api, user: userEvent.setup() };
}

const panel = () => screen.getByTestId('delivery-quote');
const payButton = () => screen.getByRole('button', { name: /^Pay with / });
const summary = () => screen.getByRole('complementary', { name: 'Order summary' });

describe('CheckoutPage: delivery quote', () => {
  it('quotes the preselected address: fee, distance and promised time before paying, and a total with the fee', () => {
    const { executeQuery } = setup();
    expect(callsFor(executeQuery, 'DeliveryQuote').map((c) => c.variables)).toEqual([{ addressId: 'addr-home' }]);
    expect(callsFor(executeQuery, 'DeliveryQuote')[0].context).toMatchObject({ requestPolicy: 'cache-and-network' });

    expect(panel()).toHaveAttribute('aria-live', 'polite');
    expect(panel()).toHaveAttribute('aria-busy', 'false');
    expect(within(panel()).getByTestId('quote-fee')).toHaveTextContent(/^Delivery ₸890$/);
    expect(within(panel()).getByTestId('quote-distance')).toHaveTextContent('4.2 km along the route');
    expect(within(panel()).getByTestId('quote-promise')).toHaveTextContent(/^Arrives by 10:35 · in about 32 min$/);
    expect(within(panel()).getByText('10:35')).toHaveAttribute('datetime', '2026-03-01T10:35:00Z');

    // ₸3 000 − ₸300 + ₸890; the quote comes before the pay button.
    expect(summary()).toHaveTextContent('Subtotal₸3 000Discount (WELCOME10)−₸300Delivery₸890Total₸3 590');
    expect(screen.getByTestId('checkout-total')).toHaveTextContent(/^₸3 590$/);
    expect(panel().compareDocumentPosition(payButton()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(payButton()).toBeEnabled();
  });

  it('shows a placeholder while the quote is worked out, and no total or paying until it is', () => {
    const answer = makeSubject<MockResult>();
    setup({ quoteFor: () => answer.source });
    expect(panel()).toHaveAttribute('aria-busy', 'true');
    expect(within(panel()).getByTestId('quote-pending')).toHaveTextContent('Working out the delivery fee and time…');
    expect(screen.getByTestId('delivery-fee-line')).toHaveTextContent('—');
    expect(screen.getByTestId('checkout-total')).toHaveTextContent('—');
    expect(payButton()).toBeDisabled();

    act(() => answer.next({ data: { deliveryQuote: quote() } }));
    expect(screen.queryByTestId('quote-pending')).not.toBeInTheDocument();
    expect(screen.getByTestId('checkout-total')).toHaveTextContent('₸3 590');
    expect(payButton()).toBeEnabled();
  });

  it('says “Free delivery” when the quote charges nothing', () => {
    setup({ quoteFor: () => fromValue({ data: { deliveryQuote: quote({ deliveryFee: kzt(0) }) } }) });
    expect(within(panel()).getByTestId('quote-fee')).toHaveTextContent(/^Free delivery$/);
    expect(screen.getByTestId('delivery-fee-line')).toHaveTextContent(/^Free$/);
    expect(screen.getByTestId('checkout-total')).toHaveTextContent(/^₸2 700$/);
    expect(payButton()).toBeEnabled();
  });

  it('refuses an address outside the delivery area in plain words and does not let the shopper pay, then quotes another', async () => {
    const { executeQuery, user } = setup({
      data: checkoutData({ addresses: [address(), FAR_ADDRESS] }),
      quoteFor: (id) => (id === FAR_ADDRESS.id ? fromValue({ error: OUT_OF_AREA }) : fromValue({ data: { deliveryQuote: quote() } })),
    });
    expect(payButton()).toBeEnabled();

    await user.click(screen.getByRole('radio', { name: /^Dacha: / }));
    const refusal = within(panel()).getByTestId('quote-refusal');
    expect(refusal).toHaveTextContent(
      'We do not deliver to this address yet: it is outside our delivery area (978.3 km from the shop; we deliver up to 25 km). Choose another address.',
    );
    expect(panel()).not.toHaveTextContent('BAD_USER_INPUT');
    expect(panel()).not.toHaveTextContent('Please check the form');
    expect(within(panel()).queryByTestId('quote-fee')).not.toBeInTheDocument();
    expect(screen.getByTestId('checkout-total')).toHaveTextContent('—');
    expect(payButton()).toBeDisabled();

    // Back to Home: quoted again, payable again.
    await user.click(screen.getByRole('radio', { name: /^Home: / }));
    expect(within(panel()).queryByTestId('quote-refusal')).not.toBeInTheDocument();
    expect(within(panel()).getByTestId('quote-fee')).toHaveTextContent('Delivery ₸890');
    expect(payButton()).toBeEnabled();
    expect(callsFor(executeQuery, 'DeliveryQuote').map((c) => c.variables.addressId)).toEqual(['addr-home', 'addr-far', 'addr-home']);
  });

  it('says other quote errors with a retry, and does not let the shopper pay meanwhile', async () => {
    const answers: MockResult[] = [
      { error: new CombinedError({ graphQLErrors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] }) },
      { data: { deliveryQuote: quote() } },
    ];
    const { executeQuery, user } = setup({ quoteFor: () => fromValue(answers.shift()!) });
    const alert = within(panel()).getByRole('alert');
    expect(alert).toHaveTextContent('Could not work out the delivery');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    expect(payButton()).toBeDisabled();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(callsFor(executeQuery, 'DeliveryQuote').at(-1)!.context).toMatchObject({ requestPolicy: 'network-only' });
    expect(within(panel()).getByTestId('quote-fee')).toHaveTextContent('Delivery ₸890');
    expect(payButton()).toBeEnabled();
  });

  it('counts the delivery fee in what the wallet must hold', () => {
    // ₸3 000 in the wallet pays for the goods (₸2 700) but not with delivery (₸3 590).
    setup({ data: checkoutData({ available: 300000 }) });
    const shortfall = screen.getByTestId('wallet-shortfall');
    expect(shortfall).toHaveTextContent('Your wallet is ₸590 short.');
    expect(within(shortfall).getByLabelText('Top-up amount (₸)')).toHaveValue('590');
    expect(payButton()).toBeDisabled();
  });

  it('pays for the chosen address and goes to the order', async () => {
    const { executeMutation, user } = setup({
      mutation: () => fromValue({ data: { checkout: { __typename: 'Order', id: 'ord-9', status: 'PENDING', total: kzt(359000) } } }),
    });
    await user.click(payButton());
    expect(callsFor(executeMutation, 'Checkout')[0].variables).toMatchObject({
      input: { deliveryAddressId: 'addr-home', paymentMethod: 'WALLET', cardId: null, note: null },
    });
    expect(screen.getByTestId('location')).toHaveTextContent('/orders/ord-9');
  });

  it('says a checkout refused for the area in plain words, and quotes again', async () => {
    const { executeQuery, user } = setup({ mutation: () => fromValue({ error: OUT_OF_AREA }) });
    await user.click(payButton());
    const alert = screen.getAllByRole('alert').find((a) => a.textContent?.includes('Checkout did not go through'))!;
    expect(alert).toHaveTextContent('We do not deliver to this address yet: it is outside our delivery area');
    expect(alert).not.toHaveTextContent('Please check the form');
    expect(callsFor(executeQuery, 'DeliveryQuote').at(-1)!.context).toMatchObject({ requestPolicy: 'network-only' });
    expect(callsFor(executeQuery, 'CheckoutData').at(-1)!.context).toMatchObject({ requestPolicy: 'network-only' });
  });

  it('asks for no quote with an empty cart', () => {
    const { executeQuery } = setup({ data: checkoutData({ myCart: cart({ lines: [], itemCount: 0 }) }) });
    expect(screen.queryByTestId('delivery-quote')).not.toBeInTheDocument();
    expect(callsFor(executeQuery, 'DeliveryQuote')).toEqual([]);
  });
});
