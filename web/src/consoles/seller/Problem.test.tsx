import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { plainMessage, Problem } from './Problem';
import { renderWithRouter } from '../../test/urql';

describe('plainMessage', () => {
  it('says every known code in words and never shows the code', () => {
    for (const code of ['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'OUT_OF_STOCK', 'FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED', 'NETWORK', 'INTERNAL', null]) {
      const text = plainMessage(code, 'something happened');
      expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
      expect(text).toMatch(/^[A-Z].*\.$/);
    }
    expect(plainMessage('BAD_USER_INPUT', 'price must not be negative')).toBe('Please check the form: price must not be negative.');
    expect(plainMessage('CONFLICT', 'this shop already offers this product')).toBe('This shop already offers this product.');
    expect(plainMessage('NOT_FOUND', 'x', { NOT_FOUND: 'Gone.' })).toBe('Gone.');
  });
});

describe('Problem', () => {
  it('shows nothing without an error, and one line per distinct message', () => {
    const { unmount } = renderWithRouter(<Problem error={null} />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    unmount();
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } },
        { message: 'other', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    renderWithRouter(<Problem error={error} title="Could not load" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not loadYour session has ended. Please sign in again.Sign in');
    expect(screen.getByRole('alert')).not.toHaveTextContent('UNAUTHENTICATED');
  });

  it('explains a network failure', () => {
    renderWithRouter(<Problem error={new CombinedError({ networkError: new Error('Failed to fetch') })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Cannot reach Vitrine. Check the connection and try again.');
  });
});
