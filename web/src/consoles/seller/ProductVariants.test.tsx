import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, never } from 'wonka';
import { ProductEditorPage } from './ProductEditorPage';
import { checkVariantOptions, ProductVariants, type SellerOption, type SellerVariant } from './ProductVariants';
import { categories, kzt, product, signInAs } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

const variant = (id: string, amount: number, ...pairs: Array<[string, string]>): SellerVariant => ({
  __typename: 'ProductVariant',
  id,
  name: pairs.map(([, v]) => v).join(' · '),
  options: pairs.map(([name, value]) => ({ __typename: 'SelectedOption', name, value })),
  price: kzt(amount),
});
const SIZE: SellerOption = { __typename: 'ProductOption', name: 'Size', values: ['30 cm', '25 cm'] };

/** The answer of `addProductVariant`: the new variant and the product's options and variants now. */
function added(v: SellerVariant, options: SellerOption[], variants: SellerVariant[]): MockResult {
  return {
    data: {
      addProductVariant: { __typename: 'ProductVariant', id: v.id, name: v.name, product: { __typename: 'Product', id: 'prd-lamp', options, variants } },
    },
  };
}

function setup({ options = [], variants = [], answer = {} }: { options?: SellerOption[]; variants?: SellerVariant[]; answer?: MockResult } = {}) {
  const onAdded = vi.fn();
  const api = mockClient({ mutation: () => fromValue(answer) });
  renderWithClient(
    <ProductVariants productId="prd-lamp" productName="Desk lamp" listPrice={kzt(1_299_050)} options={options} variants={variants} onAdded={onAdded} />,
    { client: api.client },
  );
  return { ...api, onAdded, user: userEvent.setup(), section: screen.getByRole('region', { name: 'Variants' }) };
}

beforeEach(() => signInAs());

describe('checkVariantOptions', () => {
  it('wants a name and a value for each option, names that differ and values without “·”', () => {
    expect(checkVariantOptions([{ name: 'Size', value: '35 cm' }])).toEqual({ 'name-0': null, 'value-0': null });
    expect(checkVariantOptions([{ name: ' ', value: '' }])).toEqual({ 'name-0': 'Enter the option’s name.', 'value-0': 'Enter a value for the option.' });
    expect(checkVariantOptions([{ name: 'Colour', value: 'Black · matte' }])['value-0']).toBe('A value cannot contain “·”.');
    expect(checkVariantOptions([{ name: 'Size', value: 'L' }, { name: ' size ', value: 'M' }])['name-1']).toBe('Another option is named “size” already.');
  });
});

describe('ProductVariants', () => {
  it('names the options with the first variant, and sends its price in tiyn', async () => {
    const first = variant('var-white', 1_399_000, ['Colour', 'White']);
    const colour: SellerOption = { __typename: 'ProductOption', name: 'Colour', values: ['White'] };
    const { user, section, executeMutation, onAdded } = setup({ answer: added(first, [colour], [first]) });
    expect(section).toHaveTextContent('Sold as one thing.');
    // An empty form says what is missing, and sends nothing.
    await user.click(screen.getByRole('button', { name: 'Add variant' }));
    expect(screen.getByLabelText('Option 1')).toHaveAccessibleDescription(/Enter the option’s name/);
    expect(screen.getByLabelText('Option 1')).toHaveFocus();
    expect(executeMutation).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Option 1'), ' Colour ');
    await user.type(screen.getByLabelText('Value of option 1'), 'White');
    await user.type(screen.getByLabelText('Price (₸, optional)'), '13 990');
    await user.click(screen.getByRole('button', { name: 'Add variant' }));
    expect(callsFor(executeMutation, 'SellerAddProductVariant')[0].variables).toEqual({
      productId: 'prd-lamp',
      options: [{ name: 'Colour', value: 'White' }],
      price: 1_399_000,
    });
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ options: [colour], variants: [first] }));
    expect(screen.getByTestId('variants-notice')).toHaveTextContent('Added “White”. Offer it in one of your shops to start selling it.');
  });

  it('takes up to three options for the first variant', async () => {
    const { user, executeMutation } = setup();
    await user.click(screen.getByRole('button', { name: 'Add another option' }));
    await user.click(screen.getByRole('button', { name: 'Add another option' }));
    expect(screen.queryByRole('button', { name: 'Add another option' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Option 1'), 'Storage');
    await user.type(screen.getByLabelText('Value of option 1'), '256 GB');
    await user.type(screen.getByLabelText('Option 2'), 'Colour');
    await user.type(screen.getByLabelText('Value of option 2'), 'Black');
    await user.type(screen.getByLabelText('Option 3'), 'storage');
    await user.type(screen.getByLabelText('Value of option 3'), 'x');
    await user.click(screen.getByRole('button', { name: 'Add variant' }));
    expect(screen.getByLabelText('Option 3')).toHaveAccessibleDescription('Another option is named “storage” already.');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('lists the variants; a new one gives a value of each option, the product’s price when none is typed', async () => {
    const variants = [variant('var-30', 349_000, ['Size', '30 cm']), variant('var-25', 279_200, ['Size', '25 cm'])];
    const { user, section, executeMutation } = setup({ options: [SIZE], variants, answer: added(variant('var-35', 1_299_050, ['Size', '35 cm']), [SIZE], variants) });
    const list = within(section).getByRole('list', { name: 'Variants of Desk lamp' });
    expect(within(list).getAllByTestId('seller-variant').map((li) => li.textContent?.replace(/\u00a0/g, ' '))).toEqual(['30 cm₸3 490', '25 cm₸2 792']);
    // The option is named already: only its value is asked for.
    expect(screen.queryByLabelText('Option 1')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Size')).toHaveAccessibleDescription('So far: 30 cm, 25 cm.');
    expect(screen.getByLabelText('Price (₸, optional)')).toHaveAccessibleDescription(/the product’s \(₸12\u00a0990\.50\) when empty/);
    await user.type(screen.getByLabelText('Size'), '35 cm');
    await user.click(screen.getByRole('button', { name: 'Add variant' }));
    expect(callsFor(executeMutation, 'SellerAddProductVariant')[0].variables).toEqual({ productId: 'prd-lamp', options: [{ name: 'Size', value: '35 cm' }], price: null });
  });

  it('says in plain words that the variant exists already', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'the product has a variant 30 cm already', extensions: { code: 'CONFLICT' } }] });
    const { user } = setup({ options: [SIZE], variants: [variant('var-30', 349_000, ['Size', '30 cm'])], answer: { error } });
    await user.type(screen.getByLabelText('Size'), '30 cm');
    await user.click(screen.getByRole('button', { name: 'Add variant' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The variant was not added');
    expect(alert).toHaveTextContent('This product has a variant with these values already.');
  });

  it('is part of the product’s editor', () => {
    const api = mockClient({
      query: (name) =>
        name === 'Categories'
          ? fromValue({ data: categories })
          : name === 'SellerProduct'
            ? fromValue({ data: { __typename: 'Query', product: product({ options: [SIZE], variants: [variant('var-30', 349_000, ['Size', '30 cm'])] }) } })
            : never,
    });
    renderWithClient(<ProductEditorPage />, { client: api.client, route: '/seller/products/prd-lamp/edit', path: '/seller/products/:productId/edit' });
    expect(within(screen.getByRole('region', { name: 'Variants' })).getByRole('list', { name: 'Variants of Desk lamp' })).toHaveTextContent('30 cm');
  });
});
