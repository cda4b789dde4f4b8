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
