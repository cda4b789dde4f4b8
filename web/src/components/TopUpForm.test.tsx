import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue } from 'wonka';
import { TopUpForm } from './TopUpForm';
import { UUID_RE } from '../lib/ids';
import { mockClient, renderWithClient, type MockResult } from '../test/urql';

const ok = (amount: number): MockResult => ({
  data: {
    topUpWallet: {
      entry: { id: 'e1', kind: 'CREDIT', amount: { amount, currency: 'KZT' } },
      wallet: {
        balance: { amount, currency: 'KZT' },
        available: { amount, currency: 'KZT' },
        held: { amount: 0, currency: 'KZT' },
      },
    },
  },
});

function setup(results: MockResult[], props: Parameters<typeof TopUpForm>[0] = {}) {
  const queue = [...results];
  const api = mockClient({ mutation: () => fromValue(queue.shift() ?? {}) });
  const onDone = vi.fn();
  renderWithClient(<TopUpForm onDone={onDone} {...props} />, { client: api.client });
  const sent = () => api.executeMutation.mock.calls.map(([request]) => request.variables as { amount: number; idempotencyKey: string });
  return { ...api, onDone, sent, user: userEvent.setup(), input: () => screen.getByLabelText('Top-up amount (₸)') };
}

describe('TopUpForm', () => {
  it('suggests 20 000 ₸ by default', () => {
    const { input } = setup([]);
    expect(input()).toHaveValue('20000');
  });

  it('rounds a suggested shortfall up to whole tenge', () => {
    const { input } = setup([], { suggestedMinor: 1234501 });
    expect(input()).toHaveValue('12346');
  });

  it('refuses a non-positive or unparsable amount with an accessible message', async () => {
    const { user, input, executeMutation } = setup([]);
    for (const bad of ['abc', '0', '-100', '1.234']) {
      await user.clear(input());
      await user.type(input(), bad);
      await user.click(screen.getByRole('button', { name: 'Top up' }));
      expect(input(), bad).toHaveAttribute('aria-invalid', 'true');
      expect(input(), bad).toHaveAccessibleDescription('Enter a positive amount in tenge, e.g. 20000.');
    }
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('fills in a preset amount', async () => {
    const { user, input } = setup([]);
    await user.click(screen.getByRole('button', { name: '₸100\u00a0000' }));
    expect(input()).toHaveValue('100000');
    await user.click(screen.getByRole('button', { name: '₸5\u00a0000' }));
    expect(input()).toHaveValue('5000');
  });

  it('tops up the parsed amount in tiyn and announces the result', async () => {
    const { user, input, sent, onDone } = setup([ok(1250050)]);
    await user.clear(input());
    await user.type(input(), '12 500,50');
    await user.click(screen.getByRole('button', { name: 'Top up' }));
    expect(sent()).toHaveLength(1);
    expect(sent()[0].amount).toBe(1250050);
    expect(sent()[0].idempotencyKey).toMatch(UUID_RE);
    expect(await screen.findByRole('status')).toHaveTextContent('Added ₸12 500.50.');
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(input()).not.toHaveAttribute('aria-invalid');
  });

  it('retries a network failure with the same idempotency key, and uses a new one afterwards', async () => {
    const networkDown: MockResult = { error: new CombinedError({ networkError: new Error('Failed to fetch') }) };
    const { user, sent, onDone } = setup([networkDown, ok(2000000), ok(2000000)]);
    const button = () => screen.getByRole('button', { name: 'Top up' });

    await user.click(button());
    expect(await screen.findByRole('alert')).toHaveTextContent('Top-up failed');
    expect(onDone).not.toHaveBeenCalled();

    await user.click(button());
    await screen.findByText('Added ₸20 000.');
    await user.click(button());

    const keys = sent().map((v) => v.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
    expect(onDone).toHaveBeenCalledTimes(2);
  });

  it('uses a new key after the server refuses a top-up', async () => {
    const refused: MockResult = {
      error: new CombinedError({ graphQLErrors: [{ message: 'Limit exceeded', extensions: { code: 'BAD_USER_INPUT' } }] }),
    };
    const { user, sent } = setup([refused, ok(2000000)]);
    await user.click(screen.getByRole('button', { name: 'Top up' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please check the form: limit exceeded.');
    await user.click(screen.getByRole('button', { name: 'Top up' }));
    const [first, second] = sent().map((v) => v.idempotencyKey);
    expect(second).not.toBe(first);
  });
});
