import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue } from 'wonka';
import { AddressForm, validateAddress } from './AddressForm';
import { mockClient, renderWithClient, type MockResult } from '../test/urql';

const good = {
  label: 'Home',
  line1: 'Gogol St 1',
  line2: '',
  city: 'Almaty',
  postalCode: '050000',
  latitude: '43.238',
  longitude: '76.945',
  isDefault: true,
};

describe('validateAddress', () => {
  it('accepts a complete address, including the coordinate extremes', () => {
    expect(validateAddress(good)).toEqual({});
    expect(validateAddress({ ...good, latitude: '-90', longitude: '180' })).toEqual({});
  });

  it('needs a name, street, city and coordinates in range', () => {
    expect(
      validateAddress({ ...good, label: ' ', line1: '', city: '  ', latitude: '90.1', longitude: 'east' }),
    ).toEqual({
      label: 'Name this address, e.g. Home.',
      line1: 'Enter the street and house.',
      city: 'Enter the city.',
      latitude: 'Latitude is -90 to 90.',
      longitude: 'Longitude is -180 to 180.',
    });
    // Number('') and Number(' ') are 0: blank coordinates must still be refused.
    expect(validateAddress({ ...good, latitude: ' ', longitude: '' })).toEqual({
      latitude: 'Latitude is -90 to 90.',
      longitude: 'Longitude is -180 to 180.',
    });
    expect(validateAddress({ ...good, longitude: '-180.5' })).toEqual({ longitude: 'Longitude is -180 to 180.' });
  });
});

function setup(result: MockResult = { data: { addAddress: { id: 'addr-9' } } }) {
  const api = mockClient({ mutation: () => fromValue(result) });
  const onAdded = vi.fn();
  const onCancel = vi.fn();
  renderWithClient(<AddressForm onAdded={onAdded} onCancel={onCancel} />, { client: api.client });
  return { ...api, onAdded, onCancel, user: userEvent.setup() };
}

describe('AddressForm', () => {
  it('starts filled in from the first Almaty location', () => {
    setup();
    expect(screen.getByRole('form', { name: 'New address' })).toBeInTheDocument();
    expect(screen.getByLabelText('Location in Almaty')).toHaveDisplayValue('City centre (Panfilov Park)');
    expect(screen.getByLabelText('Address name')).toHaveValue('Home');
    expect(screen.getByLabelText('Street and house')).toHaveValue('Gogol St 1');
    expect(screen.getByLabelText('City')).toHaveValue('Almaty');
    expect(screen.getByLabelText('Postal code')).toHaveValue('050000');
    expect(screen.getByLabelText('Latitude')).toHaveValue('43.238');
    expect(screen.getByLabelText('Longitude')).toHaveValue('76.945');
    expect(screen.getByLabelText('Make it my default address')).toBeChecked();
  });

  it('fills the street and coordinates from another preset, keeping the name', async () => {
    const { user } = setup();
    await user.clear(screen.getByLabelText('Address name'));
    await user.type(screen.getByLabelText('Address name'), 'Office');
    await user.selectOptions(screen.getByLabelText('Location in Almaty'), 'Al-Farabi Ave (Esentai)');
    expect(screen.getByLabelText('Street and house')).toHaveValue('Al-Farabi Ave 77');
    expect(screen.getByLabelText('Postal code')).toHaveValue('050040');
    expect(screen.getByLabelText('Latitude')).toHaveValue('43.2186');
    expect(screen.getByLabelText('Longitude')).toHaveValue('76.9279');
    expect(screen.getByLabelText('Address name')).toHaveValue('Office');
  });

  it('shows a message on each bad field and saves nothing', async () => {
    const { user, executeMutation, onAdded } = setup();
    await user.clear(screen.getByLabelText('Address name'));
    await user.clear(screen.getByLabelText('Street and house'));
    await user.clear(screen.getByLabelText('Latitude'));
    await user.type(screen.getByLabelText('Latitude'), '95');
    await user.clear(screen.getByLabelText('Longitude'));
    await user.type(screen.getByLabelText('Longitude'), 'far east');
    await user.click(screen.getByRole('button', { name: 'Save address' }));

    expect(executeMutation).not.toHaveBeenCalled();
    expect(onAdded).not.toHaveBeenCalled();
    const expectations: Array<[string, string]> = [
      ['Address name', 'Name this address, e.g. Home.'],
      ['Street and house', 'Enter the street and house.'],
      ['Latitude', 'Latitude is -90 to 90.'],
      ['Longitude', 'Longitude is -180 to 180.'],
    ];
    for (const [label, message] of expectations) {
      const input = screen.getByLabelText(label);
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input).toHaveAccessibleDescription(message);
    }
    expect(screen.getByLabelText('City')).not.toHaveAttribute('aria-invalid');
  });

  it('saves the parsed address and reports its id', async () => {
    const { user, executeMutation, onAdded } = setup();
    await user.clear(screen.getByLabelText('Address name'));
    await user.type(screen.getByLabelText('Address name'), '  Work ');
    await user.type(screen.getByLabelText('Flat, entrance (optional)'), ' Office 12 ');
    await user.clear(screen.getByLabelText('Postal code'));
    await user.click(screen.getByLabelText('Make it my default address'));
    await user.click(screen.getByRole('button', { name: 'Save address' }));

    expect(executeMutation).toHaveBeenCalledTimes(1);
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      input: {
        label: 'Work',
        line1: 'Gogol St 1',
        line2: 'Office 12',
        city: 'Almaty',
        postalCode: null,
        latitude: 43.238,
        longitude: 76.945,
        isDefault: false,
      },
    });
    expect(onAdded).toHaveBeenCalledExactlyOnceWith('addr-9');
  });

  it('shows the server error and does not report success', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Too many addresses', extensions: { code: 'CONFLICT' } }] });
    const { user, onAdded } = setup({ error });
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not save the address');
    expect(alert).toHaveTextContent('Too many addresses');
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('can be cancelled', async () => {
    const { user, onCancel, executeMutation } = setup();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(executeMutation).not.toHaveBeenCalled();
  });
});
