import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue } from 'wonka';
import { PRODUCTS_PAGE, ProductsPage } from './ProductsPage';
import { product } from './testData';
import { callsFor, mockClient, renderWithClient } from '../../test/urql';
import type { SellerProductFieldsFragment } from '../../gql/graphql';

afterEach(() => vi.restoreAllMocks());

function setup(pages: (vars: Record<string, unknown>) => SellerProductFieldsFragment[]) {
  const api = mockClient({
    query: (_name, vars) => fromValue({ data: { __typename: 'Query', myProducts: pages(vars) } }),
    mutation: () => fromValue({ data: { archiveProduct: { __typename: 'Product', id: 'prd-lamp', archived: true } } }),
  });
  renderWithClient(<ProductsPage />, { client: api.client, route: '/seller/products' });
  return { ...api, user: userEvent.setup() };
}

const archived = product({ id: 'prd-old', name: 'Old lamp', archived: true });

describe('ProductsPage', () => {
  it("shows each product's main picture small, or its lettered tile", () => {
    setup(() => [
      product({ images: [{ __typename: 'ProductImage', alt: 'A white desk lamp', thumb: '/media/lamp-160.webp' }] }),
      product({ id: 'prd-fan', name: 'Fan' }),
    ]);
    const [lamp, fan] = screen.getAllByTestId('seller-product');
    expect(within(lamp).getByRole('img', { name: 'A white desk lamp' })).toHaveAttribute('src', '/media/lamp-160.webp');
    expect(within(fan).getByRole('img', { name: 'Fan' })).toHaveTextContent('F');
  });

  it('lists my products; archived ones only on the toggle', async () => {
    const { user, executeQuery } = setup((v) => (v.includeArchived ? [product(), archived] : [product()]));
    expect(callsFor(executeQuery, 'SellerProducts')[0].variables).toEqual({ first: PRODUCTS_PAGE, offset: 0, includeArchived: false });
    const list = screen.getByRole('list', { name: 'My products' });
    expect(within(list).getAllByTestId('seller-product')).toHaveLength(1);
    const row = screen.getByTestId('seller-product');
    expect(row).toHaveTextContent('Desk lamp');
    expect(row).toHaveTextContent('Accessories · desk-lamp · created 1 Mar 2026');
    expect(row).toHaveTextContent('₸12 990.50');
    expect(screen.getByRole('link', { name: 'Change Desk lamp' })).toHaveAttribute('href', '/seller/products/prd-lamp/edit');

    await user.click(screen.getByRole('switch', { name: 'Show archived products' }));
    expect(callsFor(executeQuery, 'SellerProducts').at(-1)?.variables).toEqual({ first: PRODUCTS_PAGE, offset: 0, includeArchived: true });
    const old = screen.getAllByTestId('seller-product')[1];
    expect(old).toHaveTextContent('Archived');
    expect(within(old).queryByRole('button', { name: /Archive/ })).not.toBeInTheDocument();
  });

  it('archives after asking', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user, executeMutation } = setup(() => [product()]);
    await user.click(screen.getByRole('button', { name: 'Archive Desk lamp' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Archive “Desk lamp”?'));
    expect(callsFor(executeMutation, 'SellerArchiveProduct')[0].variables).toEqual({ id: 'prd-lamp' });
    expect(screen.getByTestId('products-notice')).toHaveTextContent('Archived “Desk lamp”: it no longer appears in the catalog.');
  });

  it('pages by offset', async () => {
    const full = Array.from({ length: PRODUCTS_PAGE }, (_, i) => product({ id: `p${i}`, name: `P${i}` }));
    const { user, executeQuery } = setup((v) => (v.offset === 0 ? full : [product({ id: 'last', name: 'Last' })]));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(callsFor(executeQuery, 'SellerProducts').at(-1)?.variables).toMatchObject({ offset: PRODUCTS_PAGE });
    expect(screen.getAllByTestId('seller-product')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(callsFor(executeQuery, 'SellerProducts').at(-1)?.variables).toMatchObject({ offset: 0 });
  });

  it('says so when there are none', () => {
    setup(() => []);
    expect(screen.getByText('You have not created any products yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New product' })).toHaveAttribute('href', '/seller/products/new');
  });
});
