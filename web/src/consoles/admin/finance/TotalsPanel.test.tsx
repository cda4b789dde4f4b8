import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { TotalsPanel } from './TotalsPanel';
import { dayTotal } from './testData';
import { callsFor, mockClient, renderWithClient } from '../../../test/urql';

const NOW = new Date('2026-03-05T12:00:00Z');
const ROWS = [
  dayTotal('2026-03-01', 'CARD', 1, 1_299_000, 1_299_000, 0),
  dayTotal('2026-03-01', 'WALLET', 2, 500_000, 399_000, 99_750),
  dayTotal('2026-03-04', 'WALLET', 1, 150_050, 0, 0),
];

/** The page bumps `refreshKey` after a refund; here a button does. */
function Harness() {
  const [key, setKey] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setKey((k) => k + 1)}>
        Refunded
      </button>
      <TotalsPanel now={NOW} refreshKey={key} />
    </>
  );
}

function setup(rows = ROWS) {
  const api = mockClient({
    query: (name) => (name === 'FinancePaymentTotals' ? fromValue({ data: { __typename: 'Query', paymentTotals: rows } }) : never),
  });
  renderWithClient(<Harness />, { client: api.client });
  return { ...api, user: userEvent.setup() };
}

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('TotalsPanel', () => {
  it('asks for the last 7 days (UTC, today included) by default', () => {
    const { executeQuery } = setup();
    expect(callsFor(executeQuery, 'FinancePaymentTotals')[0].variables).toEqual({
      from: '2026-02-27T00:00:00Z',
      to: '2026-03-06T00:00:00Z',
    });
    expect(screen.getByLabelText('First day (UTC)')).toHaveValue('2026-02-27');
    expect(screen.getByLabelText('Last day (UTC)')).toHaveValue('2026-03-05');
  });

  it('shows each day and method, and a period total line with the sums', () => {
    setup();
    const rows = screen.getAllByTestId('totals-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('2026-03-01');
    expect(cells(rows[1])).toEqual(['Wallet', '2', '₸5\u00a0000', '₸3\u00a0990', '₸997.50', '₸2\u00a0992.50']);
    const [total] = screen.getAllByTestId('totals-period');
    expect(within(total).getByRole('rowheader')).toHaveTextContent('Period total');
    // 1 299 000 + 500 000 + 150 050 authorized; 1 299 000 + 399 000 captured; 99 750 refunded.
    expect(cells(total)).toEqual(['4', '₸19\u00a0490.50', '₸16\u00a0980', '₸997.50', '₸15\u00a0982.50']);
  });

  it('asks for another period, and refuses one that ends before it starts', async () => {
    const { user, executeQuery } = setup();
    const from = screen.getByLabelText('First day (UTC)');
    const to = screen.getByLabelText('Last day (UTC)');
    await user.clear(from);
    await user.type(from, '2026-03-10');
    await user.click(screen.getByRole('button', { name: 'Show totals' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The last day cannot come before the first.');
    expect(callsFor(executeQuery, 'FinancePaymentTotals')).toHaveLength(1);

    await user.clear(from);
    await user.type(from, '2026-03-01');
    await user.clear(to);
    await user.type(to, '2026-03-01');
    await user.click(screen.getByRole('button', { name: 'Show totals' }));
    expect(callsFor(executeQuery, 'FinancePaymentTotals').at(-1)?.variables).toEqual({
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says so when the period has no payments', () => {
    setup([]);
    expect(screen.getByRole('status')).toHaveTextContent('No payments in this period.');
    expect(screen.queryByTestId('totals-table')).not.toBeInTheDocument();
  });

  it('fetches again, past the cache, when a refund changes the totals', async () => {
    const { executeQuery, user } = setup(ROWS);
    const before = callsFor(executeQuery, 'FinancePaymentTotals').length;
    await user.click(screen.getByRole('button', { name: 'Refunded' }));
    const calls = callsFor(executeQuery, 'FinancePaymentTotals');
    expect(calls.length).toBeGreaterThan(before);
    expect(calls.at(-1)?.context).toMatchObject({ requestPolicy: 'network-only' });
  });
});
