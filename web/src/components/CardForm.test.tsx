import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue } from 'wonka';
import { CardForm, validateCard } from './CardForm';
import { mockClient, renderWithClient, type MockResult } from '../test/urql';

const march2027 = new Date('2027-03-15T12:00:00Z');
const card = { number: '4242 4242 4242 4242', expMonth: '3', expYear: '2027', cvc: '123' };

describe('validateCard', () => {
  it('accepts a valid card that expires this month', () => {
    expect(validateCard(card, march2027)).toEqual({});
  });

  it('refuses a card that expired last month or last year', () => {
    expect(validateCard({ ...card, expMonth: '2' }, march2027)).toEqual({ expYear: 'The card has expired.' });
    expect(validateCard({ ...card, expMonth: '12', expYear: '2026' }, march2027)).toEqual({ expYear: 'The card has expired.' });
  });

  it('explains every bad field', () => {
    expect(validateCard({ number: '4242 4242 4242 4241', expMonth: '13', expYear: '27', cvc: '12' }, march2027)).toEqual({
      number: 'Enter a valid card number (13 to 19 digits).',
      expMonth: 'Month is 1 to 12.',
      expYear: 'Four digits, e.g. 2030.',
      cvc: '3 or 4 digits.',
    });
    expect(validateCard({ ...card, expMonth: '0', cvc: '12345' }, march2027)).toEqual({
      expMonth: 'Month is 1 to 12.',
      cvc: '3 or 4 digits.',
    });
    expect(validateCard({ ...card, expMonth: '', cvc: '1a3' }, march2027)).toMatchObject({ expMonth: 'Month is 1 to 12.', cvc: '3 or 4 digits.' });
  });

  it('accepts a four-digit CVC', () => {
    expect(validateCard({ ...card, number: '378282246310005', cvc: '1234' }, march2027)).toEqual({});
  });
});

function setup(result: MockResult = { data: { addCard: { id: 'card-7' } } }) {
  const api = mockClient({ mutation: () => fromValue(result) });
  const onAdded = vi.fn();
  renderWithClient(<CardForm onAdded={onAdded} />, { client: api.client });
  return { ...api, onAdded, user: userEvent.setup() };
}

describe('CardForm', () => {
  it('has labelled fields, a test-card hint and a future expiry by default', () => {
    setup();
    expect(screen.getByRole('form', { name: 'New card' })).toBeInTheDocument();
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Test card: 4242 4242 4242 4242');
    expect(screen.getByLabelText('Month')).toHaveValue('12');
    expect(Number(screen.getByLabelText('Year').getAttribute('value'))).toBeGreaterThan(new Date().getFullYear());
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('shows messages for a bad number and CVC and saves nothing', async () => {
    const { user, executeMutation, onAdded } = setup();
    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4241');
    await user.type(screen.getByLabelText('CVC'), '12');
    await user.clear(screen.getByLabelText('Month'));
    await user.type(screen.getByLabelText('Month'), '13');
    await user.click(screen.getByRole('button', { name: 'Save card' }));

    expect(executeMutation).not.toHaveBeenCalled();
    expect(onAdded).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Card number')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription(
      'Test card: 4242 4242 4242 4242 Enter a valid card number (13 to 19 digits).',
    );
    expect(screen.getByLabelText('Month')).toHaveAccessibleDescription('Month is 1 to 12.');
    expect(screen.getByLabelText('CVC')).toHaveAccessibleDescription('3 or 4 digits.');
    expect(screen.getByLabelText('Year')).not.toHaveAttribute('aria-invalid');
  });

  it('sends the number without spaces and numeric expiry, then reports the id', async () => {
    const { user, executeMutation, onAdded } = setup();
    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4242');
    await user.clear(screen.getByLabelText('Month'));
    await user.type(screen.getByLabelText('Month'), '07');
    await user.clear(screen.getByLabelText('Year'));
    await user.type(screen.getByLabelText('Year'), String(new Date().getFullYear() + 2));
    await user.type(screen.getByLabelText('CVC'), '321');
    await user.click(screen.getByRole('button', { name: 'Save card' }));

    expect(executeMutation).toHaveBeenCalledTimes(1);
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      input: { number: '4242424242424242', expMonth: 7, expYear: new Date().getFullYear() + 2, cvc: '321' },
    });
    expect(onAdded).toHaveBeenCalledExactlyOnceWith('card-7');
  });

  it('shows a declined card', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Card declined', extensions: { code: 'PAYMENT_DECLINED' } }] });
    const { user, onAdded } = setup({ error });
    await user.type(screen.getByLabelText('Card number'), '4000000000000002');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Save card' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not save the card');
    expect(alert).toHaveTextContent('The payment was declined: card declined.');
    expect(alert).not.toHaveTextContent('PAYMENT_DECLINED');
    expect(onAdded).not.toHaveBeenCalled();
  });
});
