import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { NavBar } from './NavBar';
import { useAddToCart } from '../api/cart';
import { guestCart } from '../api/session';
import { mockClient, operationName, renderWithClient, type MockHandler } from '../test/urql';

function AddButton() {
  const { addToCart } = useAddToCart();
  return (
    <button type="button" onClick={() => void addToCart('off_1', 1)}>
      Add
    </button>
  );
}

/** A guest cart on the "server": counted by CartCount, started and filled by the mutations. */
function guestServer() {
  let items = 0;
  const query: MockHandler = (name, variables) =>
    name === 'CartCount' && variables.guestToken === 'guest-1'
      ? fromValue({ data: { myCart: { __typename: 'Cart', id: 'cart-1', itemCount: items } } })
      : never;
  const mutation: MockHandler = (name) => {
    if (name === 'StartGuestCart') return fromValue({ data: { startGuestCart: { __typename: 'GuestCart', token: 'guest-1', cart: { __typename: 'Cart', id: 'cart-1', itemCount: 0 } } } });
    if (name === 'AddToCart') {
      items += 1;
      return fromValue({ data: { addToCart: { __typename: 'Cart', id: 'cart-1', itemCount: items } } });
    }
    return never;
  };
  return mockClient({ query, mutation });
}

describe('NavBar', () => {
  it('counts a guest’s first item at once, without a page change', async () => {
    const api = guestServer();
    renderWithClient(
      <>
        <NavBar />
        <AddButton />
      </>,
      { client: api.client, route: '/products/p1' },
    );
    expect(screen.getByRole('link', { name: 'Cart, 0 items' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add' }));

    expect(await screen.findByRole('link', { name: 'Cart, 1 item' })).toHaveAttribute('href', '/cart');
    expect(screen.getByTestId('cart-count')).toHaveTextContent('1');
    expect(screen.getByTestId('location')).toHaveTextContent('/products/p1');
    expect(guestCart.get()).toBe('guest-1');
    // The count was first asked for after the item went in, so it could not read an empty cart.
    const order = (mock: typeof api.executeQuery, name: string) =>
      mock.mock.calls.flatMap(([request], i) => (operationName(request.query) === name ? [mock.mock.invocationCallOrder[i]] : []));
    const [firstCount] = order(api.executeQuery, 'CartCount');
    const [add] = order(api.executeMutation, 'AddToCart');
    expect(firstCount).toBeGreaterThan(add);
  });

  it('keeps the cart link outside the collapsible menu, beside its toggle', () => {
    renderWithClient(<NavBar />);
    const cart = screen.getByRole('link', { name: /^Cart, / });
    expect(document.getElementById('main-nav')).not.toContainElement(cart);
    expect(screen.getByRole('button', { name: 'Toggle navigation' }).parentElement).toContainElement(cart);
    expect(screen.getByRole('combobox', { name: 'Search products' })).toBeInTheDocument();
  });
});
