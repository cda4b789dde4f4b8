import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, never } from 'wonka';
import { AddOfferForm } from './AddOfferForm';
import { kzt, offer, product } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

const found = {
  data: {
    __typename: 'Query',
    searchProducts: {
      __typename: 'ProductConnection',
      edges: [
        { __typename: 'ProductEdge', node: { __typename: 'Product', id: 'prd-hp', name: 'Sony WH-1000XM5', price: kzt(19_999_000), category: { __typename: 'Category', id: 'cat-au', name: 'Audio' } } },
        { __typename: 'ProductEdge', node: { __typename: 'Product', id: 'prd-tea', name: 'Green tea', price: kzt(150_000), category: { __typename: 'Category', id: 'cat-d', name: 'Drinks' } } },
      ],
    },
  },
};

function setup(mutation: MockResult = { data: { addOfferToShop: offer({ id: 'ofr-new', productId: 'prd-hp', name: 'Sony WH-1000XM5', price: kzt(250_050) }) } }) {
  const onAdded = vi.fn();
  const api = mockClient({
    query: (name) =>
      name === 'SellerFindProducts'
        ? fromValue(found)
        : name === 'SellerProducts'
          ? fromValue({ data: { __typename: 'Query', myProducts: [product()] } })
          : never,
    mutation: () => fromValue(mutation),
  });
  renderWithClient(<AddOfferForm shopId="shp-1" offeredProductIds={new Set(['prd-tea'])} onAdded={onAdded} />, { client: api.client });
  return { ...api, onAdded, user: userEvent.setup() };
}

const form = () => screen.getByRole('form', { name: 'Add an offer' });

describe('AddOfferForm', () => {
  it('refuses to send without a product, a price in tenge and a count, saying why', async () => {
    const { user, executeMutation } = setup();
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(within(form()).getByText('Choose a product to sell: search the catalog or pick one of yours.')).toBeInTheDocument();
    expect(screen.getByLabelText('Price (₸)')).toHaveAccessibleDescription(/Enter a price in tenge/);
    expect(screen.getByLabelText('Units on hand')).toHaveAccessibleDescription(/Enter how many units you have/);
    // Focus goes to the first thing to fix.
    expect(screen.getByLabelText('Find in the catalog')).toHaveFocus();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('finds a product in the catalog, starts from its list price and sends tenge as tiyn', async () => {
    const { user, executeQuery, executeMutation, onAdded } = setup();
    await user.type(screen.getByLabelText('Find in the catalog'), 'sony{Enter}');
    expect(callsFor(executeQuery, 'SellerFindProducts').at(-1)?.variables).toEqual({ query: 'sony', first: 10 });
    const results = screen.getByRole('list', { name: 'Catalog results' });
    expect(within(results).getAllByRole('radio')).toHaveLength(2);
    expect(within(results).getByText('already sold here')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: /Sony WH-1000XM5/ }));
    expect(screen.getByTestId('chosen-product')).toHaveTextContent('Chosen: Sony WH-1000XM5 (list price ₸199 990)');
    expect(screen.getByLabelText('Price (₸)')).toHaveValue('199990.00');

    await user.clear(screen.getByLabelText('Price (₸)'));
    await user.type(screen.getByLabelText('Price (₸)'), '2 500,50');
    await user.type(screen.getByLabelText('Units on hand'), '3');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(callsFor(executeMutation, 'SellerAddOffer')[0].variables).toEqual({ shopId: 'shp-1', productId: 'prd-hp', price: 250_050, count: 3 });
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ id: 'ofr-new' }), 3);
  });

  it('picks one of the seller’s own products', async () => {
    const { user, executeMutation } = setup();
    await user.selectOptions(screen.getByLabelText('Or one of my products'), 'Desk lamp');
    expect(screen.getByTestId('chosen-product')).toHaveTextContent('Chosen: Desk lamp');
    expect(screen.getByLabelText('Price (₸)')).toHaveValue('12990.50');
    await user.type(screen.getByLabelText('Units on hand'), '10');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(callsFor(executeMutation, 'SellerAddOffer')[0].variables).toEqual({ shopId: 'shp-1', productId: 'prd-lamp', price: 1_299_050, count: 10 });
  });

  it('does not offer a product the shop already sells', async () => {
    const { user, executeMutation } = setup();
    await user.type(screen.getByLabelText('Find in the catalog'), 'tea');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(screen.getByRole('radio', { name: /Green tea/ }));
    await user.type(screen.getByLabelText('Units on hand'), '1');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(screen.getByText('This shop already sells “Green tea”: change that offer instead.')).toBeInTheDocument();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('rejects a price with too many decimals and a negative count before sending', async () => {
    const { user, executeMutation } = setup();
    await user.selectOptions(screen.getByLabelText('Or one of my products'), 'Desk lamp');
    await user.clear(screen.getByLabelText('Price (₸)'));
    await user.type(screen.getByLabelText('Price (₸)'), '9.999');
    await user.type(screen.getByLabelText('Units on hand'), '-2');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(screen.getByLabelText('Price (₸)')).toHaveAccessibleDescription(/at most two decimals/);
    expect(screen.getByLabelText('Units on hand')).toHaveAccessibleDescription(/whole number, 0 or more/);
    expect(screen.getByLabelText('Price (₸)')).toHaveFocus();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('explains a refusal in plain words, without the error code', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'no such product', extensions: { code: 'NOT_FOUND' } }] });
    const { user, onAdded } = setup({ error });
    await user.selectOptions(screen.getByLabelText('Or one of my products'), 'Desk lamp');
    await user.type(screen.getByLabelText('Units on hand'), '1');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The offer was not added');
    expect(alert).toHaveTextContent('Vitrine is still adding this product to the shops’ catalog, or it is gone. Try again in a few seconds.');
    expect(alert).not.toHaveTextContent('NOT_FOUND');
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('for a product with variants, asks which one, starts from its list price and sends its id', async () => {
    const pizza = product({
      id: 'prd-pizza',
      name: 'Pizza Margherita',
      price: kzt(349_000),
      options: [{ __typename: 'ProductOption', name: 'Size', values: ['30 cm', '35 cm'] }],
      variants: [
        { __typename: 'ProductVariant', id: 'var-30', name: '30 cm', options: [{ __typename: 'SelectedOption', name: 'Size', value: '30 cm' }], price: kzt(349_000) },
        { __typename: 'ProductVariant', id: 'var-35', name: '35 cm', options: [{ __typename: 'SelectedOption', name: 'Size', value: '35 cm' }], price: kzt(453_700) },
      ],
    });
    const onAdded = vi.fn();
    const api = mockClient({
      query: (name) => (name === 'SellerProducts' ? fromValue({ data: { __typename: 'Query', myProducts: [product(), pizza] } }) : never),
      mutation: () => fromValue({ data: { addOfferToShop: offer({ id: 'ofr-35', productId: 'prd-pizza', name: 'Pizza Margherita' }) } }),
    });
    // This shop sells the 30 cm already.
    renderWithClient(<AddOfferForm shopId="shp-1" offeredProductIds={new Set()} offeredVariantIds={new Set(['var-30'])} onAdded={onAdded} />, { client: api.client });
    const user = userEvent.setup();
    // A product sold as one thing has no variant to choose.
    await user.selectOptions(screen.getByLabelText('Or one of my products'), 'Desk lamp');
    expect(screen.queryByLabelText('Variant')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Or one of my products'), 'Pizza Margherita');
    // The lamp's list price was filled in by the form: the pizza's replaces it.
    expect(screen.getByLabelText('Price (₸)')).toHaveValue('3490.00');
    const variant = screen.getByLabelText('Variant');
    expect(within(variant).getAllByRole('option').map((o) => o.textContent?.replace(/\u00a0/g, ' '))).toEqual([
      'Choose…',
      '30 cm (list price ₸3 490) — already sold here',
      '35 cm (list price ₸4 537)',
    ]);
    await user.type(screen.getByLabelText('Units on hand'), '20');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(variant).toHaveAccessibleDescription(/comes in 2 variants: choose the one this offer sells/);
    expect(variant).toHaveFocus();
    await user.selectOptions(variant, 'var-30');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(screen.getByText('This shop already sells “Pizza Margherita · 30 cm”: change that offer instead.')).toBeInTheDocument();
    expect(api.executeMutation).not.toHaveBeenCalled();

    await user.selectOptions(variant, 'var-35');
    expect(screen.getByLabelText('Price (₸)')).toHaveValue('4537.00');
    await user.click(screen.getByRole('button', { name: 'Add offer' }));
    expect(callsFor(api.executeMutation, 'SellerAddOffer')[0].variables).toEqual({ shopId: 'shp-1', productId: 'prd-pizza', variantId: 'var-35', price: 453_700, count: 20 });
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ id: 'ofr-35' }), 20);
  });

  it('keeps a price the seller typed when a variant is chosen', async () => {
    const phone = product({
      id: 'prd-phone',
      name: 'Phone',
      variants: [{ __typename: 'ProductVariant', id: 'var-a', name: '128 GB', options: [], price: kzt(100_000) }],
    });
    const api = mockClient({
      query: (name) => (name === 'SellerProducts' ? fromValue({ data: { __typename: 'Query', myProducts: [phone] } }) : never),
    });
    renderWithClient(<AddOfferForm shopId="shp-1" offeredProductIds={new Set()} onAdded={vi.fn()} />, { client: api.client });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Or one of my products'), 'Phone');
    await user.clear(screen.getByLabelText('Price (₸)'));
    await user.type(screen.getByLabelText('Price (₸)'), '999');
    await user.selectOptions(screen.getByLabelText('Variant'), 'var-a');
    expect(screen.getByLabelText('Price (₸)')).toHaveValue('999');
  });
});
