import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { PromoCodeForm } from './PromoCodeForm';
import { renderWithRouter } from '../test/urql';

function setup(props: Partial<Parameters<typeof PromoCodeForm>[0]> = {}) {
  const onApply = vi.fn();
  const onRemove = vi.fn();
  render(<PromoCodeForm current={null} onApply={onApply} onRemove={onRemove} busy={false} error={null} {...props} />);
  return { onApply, onRemove, user: userEvent.setup() };
}

describe('PromoCodeForm', () => {
  it('is a labelled form with a hint', () => {
    setup();
    expect(screen.getByRole('form', { name: 'Promo code' })).toBeInTheDocument();
    const input = screen.getByRole('textbox', { name: 'Promo code' });
    expect(input).toHaveAccessibleDescription('Try WELCOME10 or SAVE500.');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('asks for a code instead of applying a blank one', async () => {
    const { onApply, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Promo code' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).not.toHaveBeenCalled();
    const input = screen.getByRole('textbox', { name: 'Promo code' });
    expect(screen.getByText('Enter a promo code.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Try WELCOME10 or SAVE500. Enter a promo code.');
  });

  it('applies the trimmed code and clears the message', async () => {
    const { onApply, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByText('Enter a promo code.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Promo code' }), '  WELCOME10 {Enter}');
    expect(onApply).toHaveBeenCalledExactlyOnceWith('WELCOME10');
    expect(screen.queryByText('Enter a promo code.')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Promo code' })).not.toHaveAttribute('aria-invalid');
  });

  it('disables Apply while busy', () => {
    setup({ busy: true });
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it('shows the applied code with a remove button instead of the form', async () => {
    const { onRemove, user } = setup({ current: 'SAVE500' });
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByTestId('applied-promo')).toHaveTextContent('SAVE500');
    await user.click(screen.getByRole('button', { name: 'Remove promo code' }));
    expect(onRemove).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s reason when a code is refused', () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Unknown promo code', extensions: { code: 'BAD_USER_INPUT' } }] });
    renderWithRouter(<PromoCodeForm current={null} onApply={() => {}} onRemove={() => {}} busy={false} error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Promo code not applied');
    expect(alert).toHaveTextContent('Please check the form: unknown promo code.');
    expect(alert).not.toHaveTextContent('BAD_USER_INPUT');
  });
});
