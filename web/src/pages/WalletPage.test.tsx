import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fromValue, never } from 'wonka';
import { WalletPage } from './WalletPage';
import { callsFor, mockClient, renderWithClient } from '../test/urql';

const kzt = (amount: number) => ({ __typename: 'Money' as const, amount, currency: 'KZT' as const });
const ORDER_ID = 'ord_0190aaaabbbbccccdddd00000000a1b2';

const entry = (id: string, kind: string, amount: number, reference: string, order: { id: string; number: number } | null = null) => ({
  __typename: 'WalletEntry' as const,
  id,
  kind,
  reference,
  createdAt: '2026-03-01T10:00:00Z',
  cursor: `c-${id}`,
  amount: kzt(amount),
  order: order && { __typename: 'Order' as const, ...order },
});

function setup() {
  const order = { id: ORDER_ID, number: 1042 };
  const api = mockClient({
    query: (name) => {
      if (name === 'Wallet') {
        return fromValue({
          data: {
            __typename: 'Query',
            me: {
              __typename: 'Customer',
              id: 'cus_1',
              wallet: {
                __typename: 'Wallet',
                balance: kzt(1_000_000),
                available: kzt(1_000_000),
                held: kzt(0),
                entries: [
                  entry('e3', 'CAPTURE', -779_400, `order ${ORDER_ID}`, order),
                  entry('e2', 'HOLD', 779_400, `order ${ORDER_ID}`, order),
                  entry('e1', 'CREDIT', 1_779_400, 'top-up'),
                ],
              },
            },
          },
        });
      }
      return never;
    },
  });
  renderWithClient(<WalletPage />, { client: api.client, route: '/wallet' });
  return api;
}

describe('WalletPage', () => {
  it('links each order entry to its order by the order’s number, never its id, in one query', () => {
    const { executeQuery } = setup();
    const entries = screen.getAllByTestId('ledger-entry');
    expect(entries.map((e) => e.getAttribute('data-kind'))).toEqual(['CAPTURE', 'HOLD', 'CREDIT']);
    expect(entries[0]).toHaveTextContent('Paid for order #1042');
    expect(within(entries[0]).getByRole('link', { name: '#1042' })).toHaveAttribute('href', `/orders/${ORDER_ID}`);
    expect(entries[1]).toHaveTextContent('Reserved for order #1042not charged yet');
    expect(within(entries[2]).queryByRole('link')).not.toBeInTheDocument();
    for (const e of entries) expect(e).not.toHaveTextContent(/ord_|a1b2/i);
    // No query per entry: the orders come with the page.
    expect(executeQuery.mock.calls.length).toBe(callsFor(executeQuery, 'Wallet').length);
  });
});
