import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { isDrawing, mainPicture, ProductImage } from './ProductImage';

const images = [
  { alt: 'A red bicycle', thumb: '/media/a-160.webp', card: '/media/a-480.webp', full: '/media/a-1200.webp' },
  { alt: 'Its bell', thumb: '/media/b-160.webp', card: '/media/b-480.webp', full: '/media/b-1200.webp' },
];

describe('mainPicture', () => {
  it('is the first picture in the size asked for, with its alt text', () => {
    expect(mainPicture({ name: 'Bicycle', images }, 'thumb')).toEqual({ src: '/media/a-160.webp', alt: 'A red bicycle' });
    expect(mainPicture({ name: 'Bicycle', images }, 'full')).toEqual({ src: '/media/a-1200.webp', alt: 'A red bicycle' });
  });

  it("falls back to the seller's address (named after the product), then to none", () => {
    expect(mainPicture({ name: 'Bicycle', images: [], imageUrl: 'https://example.kz/b.jpg' }, 'card')).toEqual({ src: 'https://example.kz/b.jpg', alt: 'Bicycle' });
    expect(mainPicture({ name: 'Bicycle', images: [], imageUrl: null }, 'card')).toBeNull();
    expect(mainPicture({ name: 'Bicycle' }, 'card')).toBeNull();
    // A size the query did not select is not there to show.
    expect(mainPicture({ name: 'Bicycle', images: [{ alt: 'x', thumb: '/media/x.webp' }] }, 'card')).toBeNull();
  });
});

describe('isDrawing', () => {
  it('knows the SVG illustrations by their name', () => {
    expect(isDrawing('/media/abc.svg')).toBe(true);
    expect(isDrawing('/media/abc.SVG?v=1')).toBe(true);
    expect(isDrawing('/media/abc.webp')).toBe(false);
    expect(isDrawing('/media/svg.webp')).toBe(false);
  });
});

describe('ProductImage', () => {
  it('draws the lettered tile without a picture, sized to fit small places', () => {
    render(<ProductImage product={{ name: 'bicycle', images: [] }} size="thumb" height={32} width={32} />);
    const tile = screen.getByRole('img', { name: 'bicycle' });
    expect(tile).toHaveTextContent('B');
    expect(tile.style.width).toBe('32px');
    expect(tile.style.fontSize).toBe('14px');
  });

  it('shows another picture when asked, and gives each its own chance to load', () => {
    const { rerender } = render(<ProductImage product={{ name: 'Bicycle', images }} size="full" fit="contain" />);
    const main = screen.getByRole('img', { name: 'A red bicycle' });
    expect(main).toHaveAttribute('src', '/media/a-1200.webp');
    expect(main).toHaveClass('product-image-contain');
    fireEvent.error(main);
    expect(screen.getByRole('img', { name: 'Bicycle' }).tagName).toBe('DIV');
    rerender(<ProductImage product={{ name: 'Bicycle', images }} picture={images[1]} size="full" fit="contain" />);
    expect(screen.getByRole('img', { name: 'Its bell' })).toHaveAttribute('src', '/media/b-1200.webp');
  });

  it('stays out of the way of the name beside it when decorative', () => {
    const { container, rerender } = render(<ProductImage product={{ name: 'Bicycle', images }} size="thumb" decorative />);
    expect(container.querySelector('img')).toHaveAttribute('alt', '');
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    rerender(<ProductImage product={{ name: 'Bicycle', images: [] }} size="thumb" decorative />);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByTestId('product-placeholder')).toHaveAttribute('aria-hidden', 'true');
  });
});
