import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue } from 'wonka';
import { EditOfferForm } from './EditOfferForm';
import { kzt, offer } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

function setup(mutation: MockResult = { data: { updateOffer: offer() } }) {
  const onSaved = vi.fn();
  const api = mockClient({ mutation: () => fromValue(mutation) });
  renderWithClient(<EditOfferForm offer={offer({ price: kzt(150_050) })} onSaved={onSaved} onCancel={() => {}} />, { client: api.client });
  return { ...api, onSaved, user: userEvent.setup() };
}

const price = () => screen.getByLabelText('Price (₸)');
const units = () => screen.getByLabelText('Units on hand');
const save = () => screen.getByRole('button', { name: 'Save changes' });

describe('EditOfferForm', () => {
  it('starts from the current price in tenge and sends only a changed price, in tiyn', async () => {
    const { user, executeMutation, onSaved } = setup();
    expect(price()).toHaveValue('1500.50');
    await user.clear(price());
    await user.type(price(), '1 399.9');
    await user.click(save());
    expect(callsFor(executeMutation, 'SellerUpdateOffer')[0].variables).toEqual({ offerId: 'ofr-tea', price: 139_990, count: undefined });
    expect(onSaved).toHaveBeenCalled();
  });

  it('sets the units on hand without touching the price', async () => {
    const { user, executeMutation } = setup();
    await user.type(units(), '25');
    await user.click(save());
    expect(callsFor(executeMutation, 'SellerUpdateOffer')[0].variables).toEqual({ offerId: 'ofr-tea', price: undefined, count: 25 });
  });

  it('says so when nothing changed, and checks both fields', async () => {
    const { user, executeMutation } = setup();
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing to save: change the price or enter the units on hand.');
    await user.clear(price());
    await user.type(units(), '1.5');
    await user.click(save());
    expect(price()).toHaveAccessibleDescription(/Enter the new price in tenge/);
    expect(units()).toHaveAccessibleDescription(/whole number/);
    expect(price()).toHaveFocus();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal in plain words', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'not your shop', extensions: { code: 'FORBIDDEN' } }] });
    const { user, onSaved } = setup({ error });
    await user.type(units(), '2');
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('This account may not do that: sellers change only their own shops, offers and products.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('FORBIDDEN');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
