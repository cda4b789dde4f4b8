import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, never } from 'wonka';
import { AccountPage } from './AccountPage';
import { sessionStore } from '../api/session';
import type { SavedAddress } from '../components/AddressForm';
import { callsFor, mockClient, renderWithClient, type MockHandler, type MockResult } from '../test/urql';

afterEach(() => sessionStore.clear());

const address = (over: Partial<SavedAddress>): SavedAddress => ({
  __typename: 'Address',
  id: 'adr_1',
  label: 'Home',
  line1: 'Gogol St 1',
  line2: 'Flat 5',
  city: 'Almaty',
  postalCode: '050000',
  latitude: 43.238,
  longitude: 76.945,
  isDefault: true,
  ...over,
});

const home = address({});
const office = address({ id: 'adr_2', label: 'Office', line1: 'Al-Farabi Ave 77', line2: null, postalCode: null, latitude: 43.2186, longitude: 76.9279, isDefault: false });

function me(addresses: SavedAddress[], phone: string | null = '+7 701 000 00 00') {
  return { data: { me: { __typename: 'Customer', id: 'cus_1', email: 'aigerim@example.kz', name: 'Aigerim', phone, addresses } } };
}

function setup(account: MockResult = me([home, office]), answer: (name: string, variables: Record<string, unknown>) => MockResult = mutationAnswer) {
  const query: MockHandler = (name) => (name === 'Account' ? fromValue(account) : never);
  const api = mockClient({ query, mutation: (name, variables) => fromValue(answer(name, variables)) });
  renderWithClient(<AccountPage />, { client: api.client, route: '/account' });
  return { ...api, user: userEvent.setup(), calls: (name: string) => callsFor(api.executeMutation, name) };
}

function mutationAnswer(name: string, variables: Record<string, unknown>): MockResult {
  const input = variables.input as Record<string, unknown>;
  switch (name) {
    case 'AddAddress':
      return { data: { addAddress: { ...address(input as Partial<SavedAddress>), id: 'adr_3' } } };
    case 'UpdateAddress':
      return { data: { updateAddress: { ...address(input as Partial<SavedAddress>), id: variables.id as string } } };
    case 'RemoveAddress':
      return { data: { removeAddress: true } };
    case 'UpdateProfile':
      return { data: { updateProfile: { __typename: 'Customer', id: 'cus_1', name: input.name, phone: input.phone } } };
    default:
      return {};
  }
}

const card = (label: string) => within(screen.getByRole('list', { name: 'Saved addresses' })).getByRole('listitem', { name: label });

describe('AccountPage', () => {
  it('shows the profile and the address book, the default marked', () => {
    const { executeQuery } = setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
    expect(document.title).toBe('Your account · Vitrine');
    expect(screen.getByText('aigerim@example.kz')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Aigerim');
    expect(screen.getByLabelText('Phone (optional)')).toHaveValue('+7 701 000 00 00');
    expect(card('Home')).toHaveTextContent('Gogol St 1, Flat 5, Almaty 050000');
    expect(card('Home')).toHaveTextContent('Default');
    expect(within(card('Home')).queryByRole('button', { name: 'Make Home the default' })).not.toBeInTheDocument();
    expect(card('Office')).toHaveTextContent('Al-Farabi Ave 77, Almaty');
    expect(card('Office')).not.toHaveTextContent('Default');
    // An address added to an empty book must refetch it: the query names the type.
    expect(executeQuery.mock.calls[0][1]).toMatchObject({ additionalTypenames: ['Address'] });
  });

  it('adds an address typed in and placed on the map', async () => {
    const { user, calls } = setup(me([]));
    expect(screen.getByText('No saved addresses yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add an address' }));
    const form = screen.getByRole('form', { name: 'New address' });
    await user.clear(within(form).getByLabelText('Address name'));
    await user.type(within(form).getByLabelText('Address name'), 'Parents');
    await user.type(within(form).getByLabelText('Street and house'), 'Tole Bi St 101');
    fireEvent.click(await screen.findByRole('application', { name: 'Map for placing the pin' }), { clientX: -50, clientY: 0 });
    await user.click(within(form).getByLabelText('Make it my default address'));
    await user.click(within(form).getByRole('button', { name: 'Save address' }));

    const [{ variables }] = calls('AddAddress');
    const input = variables.input as Record<string, number | string | boolean | null>;
    expect(input).toMatchObject({ label: 'Parents', line1: 'Tole Bi St 101', city: 'Almaty', isDefault: true });
    expect(input.longitude as number).toBeLessThan(76.945);
    expect(input.latitude).toBeCloseTo(43.238, 4);
    expect(screen.queryByRole('form', { name: 'New address' })).not.toBeInTheDocument();
  });

  it('edits an address in place', async () => {
    const { user, calls } = setup();
    await user.click(within(card('Office')).getByRole('button', { name: 'Edit Office' }));
    const form = screen.getByRole('form', { name: 'Edit address Office' });
    expect(await screen.findByTestId('pin-position')).toHaveTextContent('Pin at 43.21860° N, 76.92790° E');
    await user.type(within(form).getByLabelText('Flat, entrance, floor (optional)'), 'Floor 3');
    await user.click(within(form).getByRole('button', { name: 'Save address' }));

    expect(calls('UpdateAddress').map((c) => c.variables)).toEqual([
      {
        id: 'adr_2',
        input: { label: 'Office', line1: 'Al-Farabi Ave 77', line2: 'Floor 3', city: 'Almaty', postalCode: null, latitude: 43.2186, longitude: 76.9279, isDefault: false },
      },
    ]);
    expect(screen.queryByRole('form', { name: 'Edit address Office' })).not.toBeInTheDocument();
    expect(card('Office')).toBeInTheDocument();
  });

  it('makes another address the default, keeping the rest of it', async () => {
    const { user, calls } = setup();
    await user.click(within(card('Office')).getByRole('button', { name: 'Make Office the default' }));
    expect(calls('UpdateAddress').map((c) => c.variables)).toEqual([
      {
        id: 'adr_2',
        input: { label: 'Office', line1: 'Al-Farabi Ave 77', line2: null, city: 'Almaty', postalCode: null, latitude: 43.2186, longitude: 76.9279, isDefault: true },
      },
    ]);
  });

  it('deletes an address after asking, and can be talked out of it', async () => {
    const { user, calls } = setup();
    await user.click(within(card('Office')).getByRole('button', { name: 'Delete Office' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(calls('RemoveAddress')).toEqual([]);

    await user.click(within(card('Office')).getByRole('button', { name: 'Delete Office' }));
    const confirm = screen.getByRole('group', { name: 'Delete Office?' });
    await user.click(within(confirm).getByRole('button', { name: 'Yes, delete' }));
    expect(calls('RemoveAddress')).toEqual([{ variables: { id: 'adr_2' }, context: { additionalTypenames: ['Address'] } }]);
  });

  it('says why a change to the book failed', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'no such address', extensions: { code: 'NOT_FOUND' } }] });
    const { user } = setup(me([home, office]), () => ({ error }));
    await user.click(within(card('Office')).getByRole('button', { name: 'Delete Office' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(within(card('Office')).getByRole('alert')).toHaveTextContent('Could not delete the address');
  });

  it('saves the profile, clearing a blank phone, and the header follows the new name', async () => {
    sessionStore.set({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: Date.now() + 60_000,
      customer: { id: 'cus_1', email: 'aigerim@example.kz', name: 'Aigerim', roles: ['CUSTOMER'] },
    });
    const { user, calls } = setup();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), '  Aigerim S. ');
    await user.clear(screen.getByLabelText('Phone (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(calls('UpdateProfile').map((c) => c.variables)).toEqual([{ input: { name: 'Aigerim S.', phone: null } }]);
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(sessionStore.get()?.customer.name).toBe('Aigerim S.');
  });

  it('checks the profile before sending it', async () => {
    const { user, calls } = setup();
    await user.clear(screen.getByLabelText('Name'));
    await user.clear(screen.getByLabelText('Phone (optional)'));
    await user.type(screen.getByLabelText('Phone (optional)'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(calls('UpdateProfile')).toEqual([]);
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter your name.');
    expect(screen.getByLabelText('Phone (optional)')).toHaveAccessibleDescription(/Phone must be 7 to 15 digits/);
  });
});
