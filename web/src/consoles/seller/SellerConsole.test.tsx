import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { never } from 'wonka';
import { SellerConsole } from './SellerConsole';
import { mockClient, renderWithClient } from '../../test/urql';

function open(route: string) {
  const api = mockClient({ query: () => never });
  renderWithClient(<SellerConsole />, { client: api.client, route, path: '/seller/*' });
}

const tabs = () => within(screen.getByRole('list', { name: 'Seller sections' }));

describe('SellerConsole', () => {
  it('opens on the shops', () => {
    open('/seller');
    expect(screen.getByTestId('location')).toHaveTextContent('/seller/shops');
    expect(tabs().getByRole('link', { name: 'Shops' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('Loading your shops…')).toBeInTheDocument();
  });

  it('marks the section of the page shown; an offer’s stock is under Shops', () => {
    open('/seller/offers/ofr-1');
    expect(tabs().getByRole('link', { name: 'Shops' })).toHaveAttribute('aria-current', 'page');
    expect(tabs().getByRole('link', { name: 'Products' })).not.toHaveAttribute('aria-current');
  });

  it('has a page for products, a new product and the low-stock list', () => {
    open('/seller/products/new');
    expect(tabs().getByRole('link', { name: 'Products' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('Loading…')).toBeInTheDocument();
  });

  it('sends unknown seller paths to the shops', () => {
    open('/seller/nowhere');
    expect(screen.getByTestId('location')).toHaveTextContent('/seller/shops');
  });
});
