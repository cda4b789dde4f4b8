import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, never } from 'wonka';
import { ProductEditorPage } from './ProductEditorPage';
import { categoryLabels } from './ProductForm';
import { categories, product } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

function setup(route: string, mutation: MockResult = { data: { createProduct: product({ name: 'Desk lamp' }) } }) {
  const api = mockClient({
    query: (name) =>
      name === 'Categories' ? fromValue({ data: categories }) : name === 'SellerProduct' ? fromValue({ data: { __typename: 'Query', product: product() } }) : never,
    mutation: () => fromValue(mutation),
  });
  renderWithClient(<ProductEditorPage />, {
    client: api.client,
    route,
    path: route.endsWith('/edit') ? '/seller/products/:productId/edit' : '/seller/products/new',
  });
  return { ...api, user: userEvent.setup() };
}

const create = () => screen.getByRole('button', { name: 'Create product' });

describe('categoryLabels', () => {
  it('names each category under its parent, sorted', () => {
    expect(categoryLabels(categories.categories).map((c) => c.label)).toEqual(['Electronics', 'Electronics › Accessories', 'Electronics › Audio']);
  });
});

describe('ProductEditorPage', () => {
  it('checks every field before creating, in plain words, and focuses the first', async () => {
    const { user, executeMutation } = setup('/seller/products/new');
    await user.type(screen.getByLabelText('List price (₸)'), '12,345');
    await user.click(screen.getByLabelText('Tags (optional)'));
    await user.paste('x'.repeat(41));
    await user.type(screen.getByLabelText('Image address (optional)'), 'ftp://x');
    await user.click(create());
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter a name.');
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(screen.getByLabelText('Web name')).toHaveAccessibleDescription(/Enter a web name/);
    expect(screen.getByLabelText('Category')).toHaveAccessibleDescription('Choose a category.');
    expect(screen.getByLabelText('List price (₸)')).toHaveAccessibleDescription(/at most two decimals/);
    expect(screen.getByLabelText('Tags (optional)')).toHaveAccessibleDescription(/longer than 40 characters/);
    expect(screen.getByLabelText('Image address (optional)')).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('creates a product: web name from the name, list price in tiyn, tags cleaned, then back to the list', async () => {
    const { user, executeMutation } = setup('/seller/products/new');
    await user.type(screen.getByLabelText('Name'), '  Desk Lamp LED ');
    expect(screen.getByLabelText('Web name')).toHaveValue('desk-lamp-led');
    await user.selectOptions(screen.getByLabelText('Category'), 'Electronics › Accessories');
    await user.type(screen.getByLabelText('List price (₸)'), '12 990.5');
    await user.type(screen.getByLabelText('Description'), 'Warm light.');
    await user.type(screen.getByLabelText('Tags (optional)'), 'Lamp, led, lamp');
    await user.click(screen.getByLabelText(/Made to order/));
    await user.click(create());
    expect(callsFor(executeMutation, 'SellerCreateProduct')[0].variables).toEqual({
      input: {
        name: 'Desk Lamp LED',
        slug: 'desk-lamp-led',
        categoryId: 'cat-acc',
        price: 1_299_050,
        description: 'Warm light.',
        tags: ['lamp', 'led'],
        imageUrl: null,
        requiresPreparation: true,
      },
    });
    expect(screen.getByTestId('location')).toHaveTextContent('/seller/products');
  });

  it('edits a product from its current details, keeping its web name', async () => {
    const { user, executeMutation, executeQuery } = setup('/seller/products/prd-lamp/edit', { data: { updateProduct: product() } });
    expect(callsFor(executeQuery, 'SellerProduct')[0].variables).toEqual({ id: 'prd-lamp' });
    expect(screen.getByRole('heading', { name: 'Change a product' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Desk lamp');
    expect(screen.getByLabelText('List price (₸)')).toHaveValue('12990.50');
    expect(screen.getByLabelText('Tags (optional)')).toHaveValue('lamp, home');
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Desk lamp XL');
    expect(screen.getByLabelText('Web name')).toHaveValue('desk-lamp');
    await user.click(screen.getByRole('button', { name: 'Save product' }));
    expect(callsFor(executeMutation, 'SellerUpdateProduct')[0].variables).toMatchObject({
      id: 'prd-lamp',
      input: { name: 'Desk lamp XL', slug: 'desk-lamp', categoryId: 'cat-acc', price: 1_299_050, tags: ['lamp', 'home'] },
    });
  });

  it('explains a taken web name without showing the code', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'a product with this slug exists', extensions: { code: 'CONFLICT' } }] });
    const { user } = setup('/seller/products/new', { error });
    await user.type(screen.getByLabelText('Name'), 'Lamp');
    await user.selectOptions(screen.getByLabelText('Category'), 'Electronics › Audio');
    await user.type(screen.getByLabelText('List price (₸)'), '10');
    await user.click(create());
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The product was not created');
    expect(alert).toHaveTextContent('Another product already uses this web name: choose a different one.');
    expect(alert).not.toHaveTextContent('CONFLICT');
    expect(screen.getByTestId('location')).toHaveTextContent('/seller/products/new');
  });
});
