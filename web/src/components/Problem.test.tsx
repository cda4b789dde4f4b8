import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { outsideDeliveryArea, plainMessage, Problem } from './Problem';
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

describe('outsideDeliveryArea', () => {
  const refusal = 'this address is outside our delivery area: 978.3 km from the shop, and we deliver up to 25.0 km';

  it('says the out-of-area refusal in plain words, with the distances, wherever it comes from', () => {
    const plain =
      'We do not deliver to this address yet: it is outside our delivery area (978.3 km from the shop; we deliver up to 25 km). Choose another address.';
    expect(outsideDeliveryArea(refusal)).toBe(plain);
    // The general wording (a failed checkout, say) says it the same way, not "Please check the form".
    expect(plainMessage('BAD_USER_INPUT', refusal)).toBe(plain);
    expect(plainMessage('BAD_USER_INPUT', 'the note is too long')).toBe('Please check the form: the note is too long.');
  });

  it('ends with what to do here, and does without distances it cannot read', () => {
    expect(outsideDeliveryArea('This address is outside our delivery area', 'Pick another one at checkout.')).toBe(
      'We do not deliver to this address yet: it is outside our delivery area. Pick another one at checkout.',
    );
    expect(outsideDeliveryArea('your cart is empty')).toBeNull();
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
