import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { plainMessage, Problem } from './Problem';
import { renderWithRouter } from '../test/urql';

describe('plainMessage', () => {
  it('uses the general wording, then the server’s message as a sentence', () => {
    expect(plainMessage('NOT_FOUND', 'no such promo code')).toBe('No such promo code.');
    expect(plainMessage('UNAUTHENTICATED', 'token expired')).toBe('Your session has ended. Please sign in again.');
    expect(plainMessage('TEAPOT', '')).toBe('Something went wrong. Please try again.');
  });

  it('lets a place word codes its own way, with OTHER for the codes it does not name', () => {
    const wording = { CONFLICT: (m: string) => `Moved on: ${m}`, OTHER: 'Something else.' };
    expect(plainMessage('CONFLICT', 'it is READY', wording)).toBe('Moved on: it is READY');
    expect(plainMessage('INTERNAL', 'boom', wording)).toBe('Something else.');
    expect(plainMessage(null, 'boom', { NOT_FOUND: 'Gone.' })).toBe('Boom.');
  });
});

describe('Problem', () => {
  it('shows each distinct message once, a retry with its label and a sign-in link', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'a', extensions: { code: 'UNAUTHENTICATED' } },
        { message: 'b', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    renderWithRouter(<Problem error={error} title="Could not load" onRetry={() => {}} retryLabel="Reload" />);
    expect(screen.getByRole('alert')).toHaveTextContent(/^Could not loadYour session has ended\. Please sign in again\.Sign inReload$/);
  });
});
