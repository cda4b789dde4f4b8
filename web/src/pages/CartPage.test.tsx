import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { fromValue, never } from 'wonka';
import { CartView } from './CartPage';
import { address, cart, FAR_ADDRESS, kzt, quote } from '../test/fixtures';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../test/urql';
import type { AddressFieldsFragment, CartFieldsFragment } from '../gql/graphql';

// The fixtures' quote promises 10:35 UTC (vitest.config.ts pins TZ=UTC).
const NOW = new Date('2026-03-01T10:03:00Z');

function setup({
  signedIn = true,
  addresses = [address()],
  quoteAnswer = { data: { deliveryQuote: quote() } },
  theCart = cart(),
}: { signedIn?: boolean; addresses?: AddressFieldsFragment[]; quoteAnswer?: MockResult; theCart?: CartFieldsFragment } = {}) {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  const api = mockClient({
    query: (name) => {
      if (name === 'Account') {
        return fromValue({ data: { me: { __typename: 'Customer', id: 'cust-1', email: 'a@example.kz', name: 'Aigerim', phone: null, addresses } } });
      }
      if (name === 'DeliveryQuote') return fromValue(quoteAnswer);
      return never;
    },
  });
  renderWithClient(<CartView cart={theCart} guestToken={null} signedIn={signedIn} />, { client: api.client, route: '/cart' });
  return api;
}

const summary = () => screen.getByRole('complementary', { name: 'Summary' });

describe('CartView: delivery to the default address', () => {
  it('shows the fee, distance and promised time for the default address under the totals', () => {
    const office = address({ id: 'addr-office', label: 'Office', isDefault: false });
    const { executeQuery } = setup({ addresses: [office, address()] });
    expect(callsFor(executeQuery, 'DeliveryQuote').map((c) => c.variables)).toEqual([{ addressId: 'addr-home' }]);
    const estimate = within(summary()).getByTestId('cart-delivery-quote');
    expect(estimate).toHaveAttribute('aria-live', 'polite');
    expect(estimate).toHaveTextContent('To Home, your default address');
    expect(within(estimate).getByTestId('quote-fee')).toHaveTextContent(/^Delivery ₸890$/);
    expect(within(estimate).getByTestId('quote-promise')).toHaveTextContent(/^Arrives by 10:35 · in about 32 min$/);
    // The cart's own totals are the goods; checkout adds the delivery.
    expect(screen.getByTestId('cart-total')).toHaveTextContent('₸2 700');
    expect(screen.getByRole('button', { name: 'Go to checkout' })).toBeEnabled();
  });

  it('says “Free delivery” when it costs nothing', () => {
    setup({ quoteAnswer: { data: { deliveryQuote: quote({ deliveryFee: kzt(0) }) } } });
    expect(screen.getByTestId('quote-fee')).toHaveTextContent(/^Free delivery$/);
  });

  it('says in plain words when the default address is outside the delivery area, and still lets the shopper check out', () => {
    setup({
      addresses: [{ ...FAR_ADDRESS, isDefault: true }],
      quoteAnswer: {
        error: new CombinedError({
          graphQLErrors: [{ message: 'this address is outside our delivery area: 978.3 km from the shop, and we deliver up to 25.0 km', extensions: { code: 'BAD_USER_INPUT' } }],
        }),
      },
    });
    const estimate = screen.getByTestId('cart-delivery-quote');
    expect(estimate).toHaveTextContent('To Dacha, your default address');
    expect(within(estimate).getByTestId('quote-refusal')).toHaveTextContent(
      'We do not deliver to this address yet: it is outside our delivery area (978.3 km from the shop; we deliver up to 25 km). Choose another address at checkout.',
    );
    expect(screen.getByRole('button', { name: 'Go to checkout' })).toBeEnabled();
  });

  it('leaves other quote errors to checkout', () => {
    setup({ quoteAnswer: { error: new CombinedError({ graphQLErrors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] }) } });
    expect(screen.queryByTestId('cart-delivery-quote')).not.toBeInTheDocument();
    expect(within(summary()).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks nothing without an address', () => {
    const withoutAddress = setup({ addresses: [] });
    expect(screen.queryByTestId('cart-delivery-quote')).not.toBeInTheDocument();
    expect(callsFor(withoutAddress.executeQuery, 'DeliveryQuote')).toEqual([]);
  });

  it('asks nothing for a guest', () => {
    const guest = setup({ signedIn: false });
    expect(screen.queryByTestId('cart-delivery-quote')).not.toBeInTheDocument();
    expect(callsFor(guest.executeQuery, 'Account')).toEqual([]);
    expect(callsFor(guest.executeQuery, 'DeliveryQuote')).toEqual([]);
  });
});

describe('CartView: lines', () => {
  it("shows each line's product picture in the small size, with its alt text; the lettered tile without one", () => {
    const [line] = cart().lines;
    const pictured = {
      ...line,
      product: { ...line.product, images: [{ __typename: 'ProductImage' as const, alt: 'A cup of green tea', thumb: '/media/tea-160.webp' }] },
    };
    const plain = { ...line, offer: { ...line.offer, id: 'o2' }, product: { ...line.product, id: 'p2', name: 'Baursak' } };
    setup({ theCart: cart({ lines: [pictured, plain] }) });
    const [first, second] = screen.getAllByTestId('cart-line');
    const img = within(first).getByRole('img', { name: 'A cup of green tea' });
    expect(img).toHaveAttribute('src', '/media/tea-160.webp');
    const tile = within(second).getByRole('img', { name: 'Baursak' });
    expect(tile.tagName).toBe('DIV');
    expect(tile).toHaveTextContent('B');
  });
});

describe('CartView: variants', () => {
  it('names each line by its product and variant, with its own price, and links to that variant', () => {
    const line = cart().lines[0];
    const theCart = cart({
      itemCount: 2,
      lines: [
        {
          ...line,
          quantity: 1,
          unitPrice: kzt(453700),
          lineTotal: kzt(453700),
          offer: { __typename: 'Offer', id: 'o35', shop: { __typename: 'Shop', id: 's9', name: 'Vitrine Kitchen' } },
          product: { ...line.product, id: 'p-pizza', name: 'Pizza Margherita' },
          variant: { __typename: 'ProductVariant', id: 'v35', name: '35 cm' },
        },
        {
          ...line,
          quantity: 1,
          unitPrice: kzt(349000),
          lineTotal: kzt(349000),
          offer: { __typename: 'Offer', id: 'o30', shop: { __typename: 'Shop', id: 's9', name: 'Vitrine Kitchen' } },
          product: { ...line.product, id: 'p-pizza', name: 'Pizza Margherita' },
          variant: { __typename: 'ProductVariant', id: 'v30', name: '30 cm' },
        },
        line,
      ],
    });
    setup({ theCart });
    const lines = screen.getAllByTestId('cart-line');
    expect(lines).toHaveLength(3);
    const big = within(lines[0]).getByRole('link', { name: 'Pizza Margherita · 35 cm' });
    expect(big).toHaveAttribute('href', '/products/p-pizza?variant=v35');
    expect(lines[0]).toHaveTextContent('₸4 537 each');
    expect(within(lines[1]).getByRole('link', { name: 'Pizza Margherita · 30 cm' })).toHaveAttribute('href', '/products/p-pizza?variant=v30');
    expect(lines[1]).toHaveTextContent('₸3 490 each');
    // Two sizes of one pizza are told apart, down to the button that removes one.
    expect(screen.getByRole('button', { name: 'Remove Pizza Margherita · 35 cm from the cart' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Pizza Margherita · 30 cm from the cart' })).toBeInTheDocument();
    // A product without variants as before.
    expect(within(lines[2]).getByRole('link', { name: 'Green tea' })).toHaveAttribute('href', '/products/p1');
  });
});
