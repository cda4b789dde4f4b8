import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Field } from './Field';

describe('Field', () => {
  it('labels its input', () => {
    render(<Field label="E-mail" name="email" type="email" defaultValue="a@b.kz" />);
    const input = screen.getByLabelText('E-mail');
    expect(input).toHaveAttribute('type', 'email');
    expect(input).toHaveAttribute('name', 'email');
    expect(input).toHaveValue('a@b.kz');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).not.toHaveAttribute('aria-describedby');
    expect(input).toHaveClass('form-control');
    expect(input).not.toHaveClass('is-invalid');
  });

  it('describes the input with its hint', () => {
    render(<Field label="Password" hint="10 to 128 characters." />);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('10 to 128 characters.');
  });

  it('marks the input invalid and describes it with the hint and the error', () => {
    render(<Field label="Password" hint="10 to 128 characters." error="Password must be 10 to 128 characters." />);
    const input = screen.getByLabelText('Password');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toBeInvalid();
    expect(input).toHaveClass('is-invalid');
    expect(input).toHaveAccessibleDescription('10 to 128 characters. Password must be 10 to 128 characters.');
    expect(screen.getByText('Password must be 10 to 128 characters.')).toHaveClass('invalid-feedback');
  });

  it('treats an empty or null error as no error', () => {
    render(
      <>
        <Field label="A" error="" />
        <Field label="B" error={null} />
      </>,
    );
    expect(screen.getByLabelText('A')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('B')).not.toHaveAttribute('aria-invalid');
  });

  it('keeps a given id and derives the message ids from it', () => {
    render(<Field id="promo" label="Code" error="Unknown code" />);
    const input = screen.getByLabelText('Code');
    expect(input).toHaveAttribute('id', 'promo');
    expect(input).toHaveAttribute('aria-describedby', 'promo-error');
    expect(document.getElementById('promo-error')).toHaveTextContent('Unknown code');
  });

  it('gives two fields distinct ids', () => {
    render(
      <>
        <Field label="First" />
        <Field label="Second" />
      </>,
    );
    expect(screen.getByLabelText('First').id).not.toBe(screen.getByLabelText('Second').id);
  });

  it('passes typing through onChange', async () => {
    const onChange = vi.fn();
    function Controlled() {
      const [v, setV] = useState('');
      return (
        <Field
          label="Name"
          value={v}
          onChange={(e) => {
            setV(e.target.value);
            onChange(e.target.value);
          }}
        />
      );
    }
    render(<Controlled />);
    await userEvent.setup().type(screen.getByLabelText('Name'), 'Abai');
    expect(screen.getByLabelText('Name')).toHaveValue('Abai');
    expect(onChange).toHaveBeenLastCalledWith('Abai');
  });
});
