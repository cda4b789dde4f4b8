import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue } from 'wonka';
import { ShopsPage } from './ShopsPage';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

const shop = (id: string, name: string, offers: boolean[]) => ({
  __typename: 'Shop' as const,
  id,
  name,
  slug: id,
  address: 'Abay Ave 1, Almaty',
  openingHours: 'Mo-Su 10:00-22:00',
  offers: offers.map((active, i) => ({ __typename: 'Offer' as const, id: `${id}-o${i}`, active })),
});

function setup(shops: ReturnType<typeof shop>[], mutation: MockResult = { data: { createShop: { __typename: 'Shop', id: 'shp-new', name: 'Tea House', slug: 'tea-house', address: 'x', openingHours: 'y' } } }) {
  const api = mockClient({
    query: () => fromValue({ data: { __typename: 'Query', myShops: shops } }),
    mutation: () => fromValue(mutation),
  });
  renderWithClient(<ShopsPage />, { client: api.client, route: '/seller/shops' });
  return { ...api, user: userEvent.setup() };
}

describe('ShopsPage', () => {
  it('lists my shops with their offers, each linking to its offers', async () => {
    const { user } = setup([shop('shp-a', 'Sulpak', [true, true, false]), shop('shp-b', 'Kitchen', [true])]);
    const cards = screen.getAllByTestId('seller-shop');
    expect(cards.map((c) => c.textContent)).toEqual([
      expect.stringContaining('Sulpak'),
      expect.stringContaining('Kitchen'),
    ]);
    expect(cards[0]).toHaveTextContent('3 offers (1 paused)');
    expect(cards[1]).toHaveTextContent('1 offer');
    expect(within(cards[0]).getByRole('link', { name: 'Offers and stock of Sulpak' })).toHaveAttribute('href', '/seller/shops/shp-a');
    expect(screen.queryByRole('form', { name: 'Open a shop' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open another shop' }));
    expect(screen.getByRole('form', { name: 'Open a shop' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Open a shop' })).not.toBeInTheDocument();
  });

  it('asks a seller without a shop to open one, checks it, creates it and opens it', async () => {
    const { user, executeMutation } = setup([]);
    expect(screen.getByText('You have no shop yet')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Open a shop' });
    expect(within(form).queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Latitude'));
    await user.type(screen.getByLabelText('Latitude'), '95');
    await user.click(screen.getByRole('button', { name: 'Open shop' }));
    expect(screen.getByLabelText('Shop name')).toHaveAccessibleDescription('Enter the shop’s name.');
    expect(screen.getByLabelText('Shop name')).toHaveFocus();
    expect(screen.getByLabelText('Address')).toHaveAccessibleDescription('Enter the address.');
    expect(screen.getByLabelText('Latitude')).toHaveAccessibleDescription('The latitude must be between -90 and 90.');
    expect(executeMutation).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Shop name'), 'Tea House Dostyk');
    expect(screen.getByLabelText('Web name')).toHaveValue('tea-house-dostyk');
    await user.type(screen.getByLabelText('Address'), 'Dostyk Ave 5, Almaty');
    await user.clear(screen.getByLabelText('Latitude'));
    await user.type(screen.getByLabelText('Latitude'), '43,25');
    await user.click(screen.getByRole('button', { name: 'Open shop' }));
    expect(callsFor(executeMutation, 'SellerCreateShop')[0].variables).toEqual({
      input: {
        name: 'Tea House Dostyk',
        slug: 'tea-house-dostyk',
        address: 'Dostyk Ave 5, Almaty',
        description: '',
        latitude: 43.25,
        longitude: 76.8897,
        openingHours: 'Mo-Su 10:00-22:00',
      },
    });
    expect(screen.getByTestId('location')).toHaveTextContent('/seller/shops/shp-new');
  });

  it('explains a taken web name in plain words', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'a shop with this slug exists', extensions: { code: 'CONFLICT' } }] });
    const { user } = setup([], { error });
    await user.type(screen.getByLabelText('Shop name'), 'Tea');
    await user.type(screen.getByLabelText('Address'), 'Somewhere 1');
    await user.click(screen.getByRole('button', { name: 'Open shop' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The shop was not openedA shop with this slug exists.');
    expect(screen.getByTestId('location')).toHaveTextContent('/seller/shops');
  });
});
