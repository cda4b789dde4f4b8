import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProductCard } from './ProductCard';
import { product } from '../test/fixtures';
import { renderWithRouter } from '../test/urql';

describe('ProductCard', () => {
  it('shows the name as a link, the category, price and stock', () => {
    renderWithRouter(<ProductCard product={product()} />);
    const card = screen.getByRole('article');
    const link = within(card).getByRole('link', { name: 'Green tea' });
    expect(link).toHaveAttribute('href', '/products/p1');
    expect(within(card).getByRole('heading', { name: 'Green tea' })).toBeInTheDocument();
    expect(card).toHaveTextContent('Drinks');
    expect(card).toHaveTextContent('₸1 500');
    expect(within(card).getByText('In stock')).toBeInTheDocument();
    // Same price everywhere: no "list" price.
    expect(card).not.toHaveTextContent('list');
  });

  it('shows the cheapest offer and the list price when they differ', () => {
    renderWithRouter(
      <ProductCard
        product={product({
          price: { __typename: 'Money', amount: 180000, currency: 'KZT' },
          cheapestOffer: { __typename: 'Offer', id: 'o2', price: { __typename: 'Money', amount: 149950, currency: 'KZT' }, shop: { __typename: 'Shop', id: 's2', name: 'Corner shop' } },
        })}
      />,
    );
    const card = screen.getByRole('article');
    expect(card.querySelector('.fw-semibold')).toHaveTextContent('₸1 499.50');
    expect(within(card).getByText(/^list/)).toHaveTextContent('list ₸1 800');
  });

  it('starts a product with variants at its cheapest offer, with a hint of how it comes', () => {
    const pizza = product({
      name: 'Pizza Margherita',
      price: { __typename: 'Money', amount: 349000, currency: 'KZT' },
      // The 25 cm pizza's offer: the cheapest of any size.
      cheapestOffer: { __typename: 'Offer', id: 'o25', price: { __typename: 'Money', amount: 279200, currency: 'KZT' }, shop: { __typename: 'Shop', id: 's1', name: 'Vitrine Kitchen' } },
      options: [{ __typename: 'ProductOption', name: 'Size' }],
      variants: [{ __typename: 'ProductVariant', id: 'v30' }, { __typename: 'ProductVariant', id: 'v25' }, { __typename: 'ProductVariant', id: 'v35' }],
    });
    const { unmount } = renderWithRouter(<ProductCard product={pizza} />);
    let card = screen.getByRole('article');
    expect(card.querySelector('.fw-semibold')).toHaveTextContent('₸2 792');
    expect(card).toHaveTextContent('from ₸2 792');
    expect(within(card).getByTestId('variants-hint')).toHaveTextContent('3 sizes');
    // The list price is the default size's: not set against another size's offer.
    expect(card).not.toHaveTextContent('list');
    unmount();

    renderWithRouter(
      <ProductCard
        product={product({
          name: 'Apple iPhone 15',
          options: [{ __typename: 'ProductOption', name: 'Storage' }, { __typename: 'ProductOption', name: 'Colour' }],
          variants: ['a', 'b', 'c', 'd'].map((id) => ({ __typename: 'ProductVariant' as const, id })),
        })}
      />,
    );
    card = screen.getByRole('article');
    expect(within(card).getByTestId('variants-hint')).toHaveTextContent('4 options');
    expect(within(card).getByRole('link')).toHaveAccessibleName('Apple iPhone 15');
  });

  it('has no “from” and no hint for a product sold as one thing', () => {
    renderWithRouter(<ProductCard product={product()} />);
    const card = screen.getByRole('article');
    expect(card).not.toHaveTextContent('from');
    expect(within(card).queryByTestId('variants-hint')).not.toBeInTheDocument();
  });

  it('uses the list price without offers and says when out of stock', () => {
    renderWithRouter(<ProductCard product={product({ cheapestOffer: null, inStock: false, stock: 0, price: { __typename: 'Money', amount: 99900, currency: 'KZT' } })} />);
    const card = screen.getByRole('article');
    expect(card).toHaveTextContent('₸999');
    expect(within(card).getByText('Out of stock')).toBeInTheDocument();
    expect(within(card).queryByText('In stock')).not.toBeInTheDocument();
  });

  it('shows a lettered placeholder named after the product without a picture', () => {
    renderWithRouter(<ProductCard product={product({ imageUrl: null, name: 'baursak' })} />);
    const placeholder = screen.getByRole('img', { name: 'baursak' });
    expect(placeholder.tagName).toBe('DIV');
    expect(placeholder).toHaveTextContent('B');
  });

  it('shows the picture, and the placeholder when it fails to load', () => {
    renderWithRouter(<ProductCard product={product({ imageUrl: '/img/tea.jpg' })} />);
    const img = screen.getByRole('img', { name: 'Green tea' });
    expect(img.tagName).toBe('IMG');
    expect(img).toHaveAttribute('src', '/img/tea.jpg');
    fireEvent.error(img);
    const placeholder = screen.getByRole('img', { name: 'Green tea' });
    expect(placeholder.tagName).toBe('DIV');
    expect(placeholder).toHaveTextContent('G');
  });

  it("shows the product's first picture in the card size, described by its alt text", () => {
    renderWithRouter(
      <ProductCard
        product={product({
          imageUrl: '/img/ignored.jpg',
          images: [
            { __typename: 'ProductImage', alt: 'A glass teapot of green tea', card: '/media/aaa-480.webp' },
            { __typename: 'ProductImage', alt: 'The tea leaves', card: '/media/bbb-480.webp' },
          ],
        })}
      />,
    );
    const img = screen.getByRole('img', { name: 'A glass teapot of green tea' });
    expect(img.tagName).toBe('IMG');
    expect(img).toHaveAttribute('src', '/media/aaa-480.webp');
    // A photo fills the card's picture box.
    expect(img).toHaveClass('object-fit-cover', 'card-img-top');
    expect(screen.getAllByRole('img')).toHaveLength(1);
    // It cannot load: the lettered tile, named after the product.
    fireEvent.error(img);
    const placeholder = screen.getByRole('img', { name: 'Green tea' });
    expect(placeholder.tagName).toBe('DIV');
    expect(placeholder).toHaveTextContent('G');
  });

  it('fits a drawing (SVG) whole, with room around it, instead of cropping it', () => {
    renderWithRouter(<ProductCard product={product({ images: [{ __typename: 'ProductImage', alt: 'A teacup', card: '/media/cup.svg' }] })} />);
    const img = screen.getByRole('img', { name: 'A teacup' });
    expect(img).toHaveAttribute('src', '/media/cup.svg');
    expect(img).toHaveClass('product-image-drawing');
    expect(img).not.toHaveClass('object-fit-cover');
    expect(img.style.padding).not.toBe('');
  });

  it('navigates to the product page when the link is followed', async () => {
    renderWithRouter(<ProductCard product={product({ id: 'p42' })} />);
    await userEvent.setup().click(screen.getByRole('link', { name: 'Green tea' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/products/p42');
  });
});
