import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { ProductPage } from './ProductPage';
import { kzt } from '../test/fixtures';
import { callsFor, mockClient, renderWithClient } from '../test/urql';
import type { ProductQuery } from '../gql/graphql';

type Product = NonNullable<ProductQuery['product']>;

const picture = (key: string, alt: string) => ({
  __typename: 'ProductImage' as const,
  alt,
  full: `/media/${key}-1200.webp`,
  thumb: `/media/${key}-160.webp`,
});

function product(overrides: Partial<Product> = {}): Product {
  return {
    __typename: 'Product',
    id: 'p1',
    name: 'Green tea',
    slug: 'green-tea',
    description: 'Loose leaves.',
    imageUrl: null,
    images: [],
    tags: ['hot'],
    archived: false,
    requiresPreparation: false,
    inStock: true,
    stock: 12,
    price: kzt(150000),
    category: { __typename: 'Category', id: 'c-tea', name: 'Tea', parent: null },
    options: [],
    variants: [],
    offers: [],
    ...overrides,
  };
}

function setup(p: Product) {
  const api = mockClient({ query: (name) => (name === 'Product' ? fromValue({ data: { __typename: 'Query', product: p } }) : never) });
  renderWithClient(<ProductPage />, { client: api.client, route: '/products/p1', path: '/products/:id' });
  return { ...api, user: userEvent.setup() };
}

describe('ProductPage pictures', () => {
  it('shows the main picture in the full size with its alt text, whole, and no strip for one', () => {
    const { executeQuery } = setup(product({ images: [picture('a', 'A glass of green tea')] }));
    expect(callsFor(executeQuery, 'Product')[0].variables).toEqual({ id: 'p1' });
    const main = screen.getByRole('img', { name: 'A glass of green tea' });
    expect(main).toHaveAttribute('src', '/media/a-1200.webp');
    expect(main).toHaveClass('product-image-contain');
    // The page's main picture is wanted at once.
    expect(main).toHaveAttribute('loading', 'eager');
    expect(screen.queryByRole('list', { name: 'Pictures' })).not.toBeInTheDocument();
  });

  it('with several, a strip of thumbnails picks the picture shown', async () => {
    const { user } = setup(product({ images: [picture('a', 'A glass of green tea'), picture('b', 'The dry leaves'), picture('c', 'The tin')] }));
    const strip = screen.getByRole('list', { name: 'Pictures' });
    const buttons = within(strip).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Picture 1 of 3: A glass of green tea',
      'Picture 2 of 3: The dry leaves',
      'Picture 3 of 3: The tin',
    ]);
    expect(buttons.map((b) => b.querySelector('img')?.getAttribute('src'))).toEqual(['/media/a-160.webp', '/media/b-160.webp', '/media/c-160.webp']);
    expect(buttons[0]).toHaveAttribute('aria-pressed', 'true');

    await user.click(buttons[1]);
    expect(buttons[1]).toHaveAttribute('aria-pressed', 'true');
    expect(buttons[0]).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('img', { name: 'The dry leaves' })).toHaveAttribute('src', '/media/b-1200.webp');
    expect(screen.queryByRole('img', { name: 'A glass of green tea' })).not.toBeInTheDocument();
  });

  it('shows the lettered tile without pictures, or when the picture cannot load', () => {
    setup(product({ images: [picture('a', 'A glass of green tea')] }));
    fireEvent.error(screen.getByRole('img', { name: 'A glass of green tea' }));
    const tile = screen.getByRole('img', { name: 'Green tea' });
    expect(tile.tagName).toBe('DIV');
    expect(tile).toHaveTextContent('G');
  });

  it('has the lettered tile for a product without pictures', () => {
    setup(product());
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Green tea');
    expect(screen.getByRole('img', { name: 'Green tea' })).toHaveTextContent('G');
  });
});

// ---- variants --------------------------------------------------------------------------------

const shop = (id: string, name: string) => ({ __typename: 'Shop' as const, id, name, address: `${name} street 1`, openingHours: '10:00-22:00' });
const variantOf = (id: string, amount: number, ...pairs: Array<[string, string]>) => ({
  __typename: 'ProductVariant' as const,
  id,
  name: pairs.map(([, value]) => value).join(' · '),
  options: pairs.map(([name, value]) => ({ __typename: 'SelectedOption' as const, name, value })),
  price: kzt(amount),
});
const offerOf = (id: string, variantId: string | null, amount: number, stock: number, shopName = 'Technodom') => ({
  __typename: 'Offer' as const,
  id,
  active: true,
  inStock: stock > 0,
  stock,
  price: kzt(amount),
  shop: shop(`shp-${shopName}`, shopName),
  variant: variantId ? { __typename: 'ProductVariant' as const, id: variantId } : null,
});

/** The demo's iPhone: 128 GB in Black and Blue, 256 GB and 512 GB in Black only. */
const phone = product({
  id: 'p1',
  name: 'Apple iPhone 15',
  price: kzt(44_999_000),
  options: [
    { __typename: 'ProductOption', name: 'Storage', values: ['128 GB', '256 GB', '512 GB'] },
    { __typename: 'ProductOption', name: 'Colour', values: ['Black', 'Blue'] },
  ],
  variants: [
    variantOf('v128k', 44_999_000, ['Storage', '128 GB'], ['Colour', 'Black']),
    variantOf('v128b', 44_999_000, ['Storage', '128 GB'], ['Colour', 'Blue']),
    variantOf('v256k', 50_848_870, ['Storage', '256 GB'], ['Colour', 'Black']),
    variantOf('v512k', 60_748_650, ['Storage', '512 GB'], ['Colour', 'Black']),
  ],
  // Every variant's offers, cheapest first, as Product.offers lists them.
  offers: [
    offerOf('o128k-sulpak', 'v128k', 43_999_000, 4, 'Sulpak'),
    offerOf('o128k', 'v128k', 44_999_000, 30),
    offerOf('o128b', 'v128b', 44_999_000, 9),
    offerOf('o256k', 'v256k', 50_848_870, 6),
    offerOf('o512k', 'v512k', 60_748_650, 0),
  ],
});

function setupVariants(p: Product, route = '/products/p1') {
  localStorage.clear();
  const api = mockClient({
    query: (name) => (name === 'Product' ? fromValue({ data: { __typename: 'Query', product: p } }) : never),
    mutation: (name) => {
      if (name === 'StartGuestCart') return fromValue({ data: { startGuestCart: { __typename: 'GuestCart', token: 'guest-1', cart: { __typename: 'Cart', id: 'cart-1', itemCount: 0 } } } });
      if (name === 'AddToCart') return fromValue({ data: { addToCart: { __typename: 'Cart', id: 'cart-1' } } });
      return never;
    },
  });
  renderWithClient(<ProductPage />, { client: api.client, route, path: '/products/:id' });
  return { ...api, user: userEvent.setup() };
}

const group = (name: string) => screen.getByRole('group', { name });
const valueButton = (option: string, value: string) => within(group(option)).getByRole('button', { name: value });
const pressed = (option: string) =>
  within(group(option))
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-pressed') === 'true')
    .map((b) => b.textContent);
const shownOffers = () => within(screen.getByRole('list', { name: /^Offers of / })).getAllByTestId('offer').map((o) => o.getAttribute('data-offer-id'));

describe('ProductPage variants', () => {
  it('starts on the first variant: a labelled group per option, its price, stock and offers only', () => {
    setupVariants(phone);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Apple iPhone 15');
    expect(within(group('Storage')).getAllByRole('button').map((b) => b.textContent)).toEqual(['128 GB', '256 GB', '512 GB']);
    expect(within(group('Colour')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Black', 'Blue']);
    expect(pressed('Storage')).toEqual(['128 GB']);
    expect(pressed('Colour')).toEqual(['Black']);
    expect(screen.getByTestId('product-price')).toHaveTextContent('₸449 990 list price of 128 GB · Black');
    expect(screen.getByTestId('live-stock')).toHaveTextContent('34 units available in 128 GB · Black across all shops');
    expect(screen.getByRole('list', { name: 'Offers of 128 GB · Black from shops' })).toBeInTheDocument();
    expect(shownOffers()).toEqual(['o128k-sulpak', 'o128k']);
    // Nothing in the address until the shopper chooses.
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/products\/p1$/);
  });

  it('choosing values selects the matching variant, its offers and price, and puts it in the address', async () => {
    const { user } = setupVariants(phone);
    await user.click(valueButton('Storage', '256 GB'));
    expect(pressed('Storage')).toEqual(['256 GB']);
    expect(pressed('Colour')).toEqual(['Black']);
    expect(screen.getByTestId('product-price')).toHaveTextContent('₸508 488.70 list price of 256 GB · Black');
    expect(screen.getByTestId('product-price')).toHaveAttribute('data-variant-id', 'v256k');
    expect(shownOffers()).toEqual(['o256k']);
    expect(screen.getByTestId('selected-variant')).toHaveTextContent('Selected 256 GB · Black');
    expect(screen.getByTestId('location')).toHaveTextContent('/products/p1?variant=v256k');
  });

  it('disables a value that would make a combination that does not exist (512 GB in Blue)', async () => {
    const { user } = setupVariants(phone);
    expect(valueButton('Colour', 'Blue')).toBeEnabled();
    await user.click(valueButton('Storage', '512 GB'));
    expect(valueButton('Colour', 'Blue')).toBeDisabled();
    expect(valueButton('Colour', 'Blue')).toHaveClass('option-unavailable');
    expect(valueButton('Colour', 'Blue')).toHaveAttribute('title', 'Not available in 512 GB');
    expect(valueButton('Colour', 'Black')).toBeEnabled();
    // Sold out everywhere: said, and the offer cannot be added.
    expect(screen.getByTestId('live-stock')).toHaveTextContent('512 GB · Black: out of stock everywhere');
    expect(screen.getByRole('button', { name: 'Add to cart from Technodom' })).toBeDisabled();

    // From 128 GB in Blue, 512 GB comes in Black: the missing combination is never selected.
    await user.click(valueButton('Storage', '128 GB'));
    await user.click(valueButton('Colour', 'Blue'));
    expect(screen.getByTestId('location')).toHaveTextContent('?variant=v128b');
    await user.click(valueButton('Storage', '512 GB'));
    expect(pressed('Colour')).toEqual(['Black']);
    expect(screen.getByTestId('location')).toHaveTextContent('?variant=v512k');
  });

  it('opens on the variant the address names (a link, a reload), else the first', () => {
    const first = setupVariants(phone, '/products/p1?variant=v128b');
    expect(pressed('Colour')).toEqual(['Blue']);
    expect(shownOffers()).toEqual(['o128b']);
    expect(callsFor(first.executeQuery, 'Product')[0].variables).toEqual({ id: 'p1' });
  });

  it('falls back to the first variant for a variant the product does not have', () => {
    setupVariants(phone, '/products/p1?variant=var_gone');
    expect(pressed('Storage')).toEqual(['128 GB']);
    expect(pressed('Colour')).toEqual(['Black']);
  });

  it('adds the chosen variant’s offer to the cart', async () => {
    const pizza = product({
      name: 'Pizza Margherita',
      price: kzt(349_000),
      requiresPreparation: true,
      options: [{ __typename: 'ProductOption', name: 'Size', values: ['30 cm', '25 cm', '35 cm'] }],
      variants: [variantOf('v30', 349_000, ['Size', '30 cm']), variantOf('v25', 279_200, ['Size', '25 cm']), variantOf('v35', 453_700, ['Size', '35 cm'])],
      offers: [offerOf('o25', 'v25', 279_200, 500, 'Vitrine Kitchen'), offerOf('o30', 'v30', 349_000, 500, 'Vitrine Kitchen'), offerOf('o35', 'v35', 453_700, 500, 'Vitrine Kitchen')],
    });
    const { user, executeMutation } = setupVariants(pizza);
    // Every size exists: none is disabled.
    expect(within(group('Size')).getAllByRole('button').every((b) => !(b as HTMLButtonElement).disabled)).toBe(true);
    await user.click(valueButton('Size', '35 cm'));
    expect(screen.getByTestId('product-price')).toHaveTextContent('₸4 537');
    await user.click(screen.getByRole('button', { name: 'Add to cart from Vitrine Kitchen' }));
    await screen.findByText(/^Added\./);
    expect(callsFor(executeMutation, 'AddToCart').map((c) => c.variables)).toEqual([{ offerId: 'o35', quantity: 1, guestToken: 'guest-1' }]);
    localStorage.clear();
  });

  it('shows no picker for a product sold as one thing, and all its offers', () => {
    setupVariants(product({ offers: [offerOf('o1', null, 150_000, 3, 'Tea House'), offerOf('o2', null, 160_000, 2, 'Corner shop')] }));
    expect(screen.queryByTestId('option-picker')).not.toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(screen.getByTestId('product-price')).toHaveTextContent(/^₸1 500 list price$/);
    expect(screen.getByTestId('live-stock')).toHaveTextContent('12 units available across all shops');
    expect(within(screen.getByRole('list', { name: 'Offers from shops' })).getAllByTestId('offer')).toHaveLength(2);
  });
});
