import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { HeaderSearch, SUGGESTIONS } from './HeaderSearch';
import { product, searchResult } from '../test/fixtures';
import { callsFor, mockClient, renderWithClient, type MockHandler } from '../test/urql';

const tea = product({ id: 'p1', name: 'Green tea', images: [{ __typename: 'ProductImage', alt: 'A cup of green tea', thumb: '/media/tea-160.webp' } as never] });
const teapot = product({ id: 'p2', name: 'Clay teapot', cheapestOffer: null, price: { __typename: 'Money', amount: 1250050, currency: 'KZT' } });
/** Sold in sizes: its suggestion starts at the cheapest. */
const teaset = product({ id: 'p3', name: 'Tea set', options: [{ __typename: 'ProductOption', name: 'Size' }] });

function setup(route = '/products/p9') {
  const query: MockHandler = (name, variables) =>
    name === 'SearchSuggestions'
      ? fromValue({ data: searchResult(String(variables.query).startsWith('te') ? [tea, teapot] : String(variables.query) === 'set' ? [teaset] : []) })
      : never;
  const api = mockClient({ query });
  renderWithClient(<HeaderSearch />, { client: api.client, route });
  const box = () => screen.getByRole('combobox', { name: 'Search products' });
  return { ...api, box, suggestions: () => callsFor(api.executeQuery, 'SearchSuggestions'), user: userEvent.setup() };
}

describe('HeaderSearch', () => {
  it('suggests a few products once typing pauses, not for a single letter', async () => {
    const { user, box, suggestions } = setup();
    expect(screen.getByRole('search', { name: 'Products' })).toBeInTheDocument();
    await user.type(box(), 't');
    await new Promise((r) => setTimeout(r, 400));
    expect(suggestions()).toEqual([]);
    expect(box()).toHaveAttribute('aria-expanded', 'false');

    await user.type(box(), 'ea');
    const list = await screen.findByRole('listbox', { name: 'Suggestions' });
    // Asked once, for the words after the pause (not for each keystroke).
    expect(suggestions().map((c) => c.variables)).toEqual([{ query: 'tea', first: SUGGESTIONS }]);
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveAccessibleName('Green tea₸1\u00a0500');
    expect(options[1]).toHaveAccessibleName('Clay teapot₸12\u00a0500.50');
    expect(box()).toHaveAttribute('aria-expanded', 'true');
  });

  it('says “from” before the price of a product with variants', async () => {
    const { user, box } = setup();
    await user.type(box(), 'set');
    const list = await screen.findByRole('listbox', { name: 'Suggestions' });
    expect(within(list).getByRole('option')).toHaveAccessibleName('Tea setfrom ₸1\u00a0500');
  });

  it("shows each suggestion's thumbnail beside its name, or its lettered tile, out of the option's name", async () => {
    const { user, box } = setup();
    await user.type(box(), 'tea');
    const list = await screen.findByRole('listbox', { name: 'Suggestions' });
    const [first, second] = within(list).getAllByRole('option');
    // The small size, for a list; the name beside it says what it is.
    const img = first.querySelector('img')!;
    expect(img).toHaveAttribute('src', '/media/tea-160.webp');
    expect(img).toHaveAttribute('alt', '');
    expect(first).toHaveAccessibleName('Green tea₸1\u00a0500');
    expect(within(second).getByTestId('product-placeholder')).toHaveTextContent('C');
    expect(within(second).getByTestId('product-placeholder')).toHaveAttribute('aria-hidden', 'true');
    expect(second).toHaveAccessibleName('Clay teapot₸12\u00a0500.50');
  });

  it('picks a suggestion with the arrow keys and Enter, and opens that product', async () => {
    const { user, box } = setup();
    await user.type(box(), 'tea');
    await screen.findByRole('listbox');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const active = screen.getByRole('option', { selected: true });
    expect(active).toHaveTextContent('Clay teapot');
    expect(box()).toHaveAttribute('aria-activedescendant', active.id);
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('Green tea');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/products\/p2$/);
    expect(box()).toHaveAttribute('aria-expanded', 'false');
    expect(box()).toHaveValue('');
  });

  it('opens a suggestion on a click', async () => {
    const { user, box } = setup();
    await user.type(box(), 'tea');
    await user.click(await screen.findByRole('option', { name: /Green tea/ }));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/products\/p1$/);
  });

  it('goes to the catalog with the words on Enter when nothing is picked', async () => {
    const { user, box } = setup();
    await user.type(box(), 'green tea{Enter}');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/\?q=green\+tea$/);
  });

  it('on the catalog, shows its words and keeps its other filters', async () => {
    const { user, box } = setup('/?q=tea&inStock=1');
    expect(box()).toHaveValue('tea');
    await user.clear(box());
    await user.type(box(), 'teapot');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/\?q=teapot&inStock=1$/);
  });

  it('closes the suggestions on Escape, then empties the box on a second one', async () => {
    const { user, box } = setup();
    await user.type(box(), 'tea');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(box()).toHaveAttribute('aria-expanded', 'false');
    expect(box()).toHaveValue('tea');
    await user.keyboard('{Escape}');
    expect(box()).toHaveValue('');
  });
});
