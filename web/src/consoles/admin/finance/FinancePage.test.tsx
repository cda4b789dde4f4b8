import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { FinancePage } from './FinancePage';
import { customerData, kzt, paidOrder, paymentData, reconciliation, withCustomer, withHistory, type ListedPaymentData } from './testData';
import { callsFor, mockClient, operationName, renderWithClient } from '../../../test/urql';

const CARD = withCustomer(
  paymentData({
    id: 'pay_card',
    orderId: 'ord_0190aaaabbbbccccddddeeee33334444',
    order: paidOrder('ord_0190aaaabbbbccccddddeeee33334444', 1043),
    method: 'CARD',
    card: { __typename: 'PaymentCard', brand: 'VISA', last4: '4242' },
    status: 'PARTIALLY_REFUNDED',
    refundedAmount: kzt(50_000),
  }),
  customerData('cus_card'),
);
const WALLET = withCustomer(paymentData({ id: 'pay_wallet' }), customerData('cus_1', 'Bolat Test', 'bolat@example.kz'));

function setup(route = '/admin/finance', pages: Record<string, { payments: ListedPaymentData[]; nextCursor: string | null }> = {}) {
  const api = mockClient({
    query: (name, vars) => {
      switch (name) {
        case 'FinancePayments': {
          const page = pages[String(vars.after ?? 'first')] ?? { payments: [CARD, WALLET], nextCursor: 'cur-2' };
          return fromValue({ data: { __typename: 'Query', payments: { __typename: 'PaymentPage', ...page } } });
        }
        case 'FinancePayment': {
          const p = [CARD, WALLET].find((x) => x.id === vars.id);
          return fromValue({ data: { __typename: 'Query', payment: p ? withHistory(p) : null } });
        }
        case 'FinancePaymentTotals':
          return fromValue({ data: { __typename: 'Query', paymentTotals: [] } });
        case 'FinanceWalletReconciliation':
          return fromValue({ data: reconciliation(vars.customerId === 'cus_1', 1_000_000, 0, vars.customerId === 'cus_1' ? 1_000_000 : 900_000) });
        default:
          return never;
      }
    },
  });
  renderWithClient(<FinancePage />, { client: api.client, route, path: '/admin/finance' });
  return { ...api, user: userEvent.setup() };
}

const lastPaymentsCall = (api: ReturnType<typeof setup>) => callsFor(api.executeQuery, 'FinancePayments').at(-1)?.variables;

describe('FinancePage', () => {
  it('lists payments with order, customer, method (card brand and last 4), amounts, status and time', () => {
    const api = setup();
    expect(lastPaymentsCall(api)).toEqual({
      first: 20,
      after: null,
      method: null,
      status: null,
      customerId: null,
      createdFrom: null,
      createdTo: null,
    });
    const rows = screen.getAllByTestId('payment-row');
    expect(rows).toHaveLength(2);
    const card = within(rows[0]);
    expect(card.getByRole('button', { name: 'Open the payment of order #1043' })).toBeInTheDocument();
    expect(card.getByTestId('payment-customer')).toHaveTextContent('Aigerim Testaigerim@example.kz');
    expect(card.getByTestId('payment-customer')).toHaveAttribute('data-customer-id', 'cus_card');
    expect(within(rows[1]).getByTestId('payment-customer')).toHaveTextContent('Bolat Testbolat@example.kz');
    expect(within(rows[1]).getByTestId('payment-customer')).toHaveAttribute('data-customer-id', 'cus_1');
    expect(rows[0]).toHaveTextContent('Visa •••• 4242');
    expect(rows[0]).toHaveTextContent('₸3 990');
    expect(card.getByTestId('payment-refunded')).toHaveTextContent('₸500');
    expect(rows[0]).toHaveTextContent('Partially refunded');
    expect(rows[0]).toHaveTextContent('1 Mar 2026');
    expect(within(rows[1]).getByTestId('payment-refunded')).toHaveTextContent('—');
    // Who paid comes with the payments: one query for the page, none per row.
    expect(new Set(api.executeQuery.mock.calls.map(([request]) => operationName(request.query)))).toEqual(
      new Set(['FinancePayments', 'FinancePaymentTotals']),
    );
    expect(rows[1]).toHaveTextContent('Wallet');
  });

  it('applies the filters (days inclusive, UTC) and writes them into the URL', async () => {
    const api = setup();
    await api.user.selectOptions(screen.getByLabelText('Method'), 'CARD');
    await api.user.selectOptions(screen.getByLabelText('Status'), 'Partially refunded');
    await api.user.type(screen.getByLabelText('Created from (UTC)'), '2026-03-01');
    await api.user.type(screen.getByLabelText('Created to (UTC)'), '2026-03-02');
    await api.user.type(screen.getByLabelText('Customer ID'), '  cus_card ');
    await api.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(lastPaymentsCall(api)).toEqual({
      first: 20,
      after: null,
      method: 'CARD',
      status: 'PARTIALLY_REFUNDED',
      customerId: 'cus_card',
      createdFrom: '2026-03-01T00:00:00Z',
      createdTo: '2026-03-03T00:00:00Z',
    });
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/admin/finance?method=CARD&status=PARTIALLY_REFUNDED&from=2026-03-01&to=2026-03-02&customer=cus_card',
    );
    await api.user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(lastPaymentsCall(api)).toMatchObject({ method: null, status: null, customerId: null, createdFrom: null });
    expect(screen.getByLabelText('Method')).toHaveValue('');
  });

  it('refuses a date range that ends before it starts', async () => {
    const api = setup();
    const before = callsFor(api.executeQuery, 'FinancePayments').length;
    await api.user.type(screen.getByLabelText('Created from (UTC)'), '2026-03-05');
    await api.user.type(screen.getByLabelText('Created to (UTC)'), '2026-03-01');
    await api.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByRole('alert')).toHaveTextContent('“Created to” cannot come before “Created from”.');
    expect(callsFor(api.executeQuery, 'FinancePayments')).toHaveLength(before);
  });

  it('reads the filters from the URL', () => {
    const api = setup('/admin/finance?status=CAPTURED&customer=cus_1');
    expect(lastPaymentsCall(api)).toMatchObject({ status: 'CAPTURED', customerId: 'cus_1', method: null });
    expect(screen.getByLabelText('Status')).toHaveValue('CAPTURED');
    expect(screen.getByLabelText('Customer ID')).toHaveValue('cus_1');
  });

  it('pages by cursor: older follows nextCursor, newer goes back', async () => {
    const api = setup('/admin/finance', {
      first: { payments: [CARD], nextCursor: 'cur-2' },
      'cur-2': { payments: [WALLET], nextCursor: null },
    });
    const pages = screen.getByRole('navigation', { name: 'Payment pages' });
    expect(within(pages).getByRole('button', { name: 'Newer' })).toBeDisabled();
    await api.user.click(within(pages).getByRole('button', { name: 'Older' }));
    expect(lastPaymentsCall(api)).toMatchObject({ after: 'cur-2' });
    expect(screen.getAllByTestId('payment-row').map((r) => r.dataset.paymentId)).toEqual(['pay_wallet']);
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    await api.user.click(screen.getByRole('button', { name: 'Newer' }));
    expect(screen.getAllByTestId('payment-row').map((r) => r.dataset.paymentId)).toEqual(['pay_card']);
  });

  it('opens a payment from its row: details, history, refund form; and checks the customer’s wallet', async () => {
    const api = setup();
    await api.user.click(screen.getByRole('button', { name: 'Open the payment of order #1043' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/finance?payment=pay_card');
    expect(callsFor(api.executeQuery, 'FinancePayment')[0].variables).toEqual({ id: 'pay_card' });
    const detail = screen.getByTestId('payment-detail');
    expect(within(detail).getByRole('heading', { level: 3 })).toHaveTextContent('Payment of order #1043');
    expect(within(detail).getByRole('heading', { level: 3 })).toHaveFocus();
    // The order by its number (Payment.order.number), linked by its id, which is not shown.
    expect(within(detail).getByRole('link', { name: '#1043' })).toHaveAttribute('href', `/admin/orders/${CARD.orderId}`);
    expect(detail).not.toHaveTextContent(CARD.orderId);
    expect(within(detail).getByTestId('detail-left')).toHaveTextContent('₸3 490');
    const customer = within(detail).getByTestId('detail-customer');
    expect(customer).toHaveAttribute('data-customer-id', 'cus_card');
    expect(customer).toHaveTextContent('Aigerim Test');
    expect(customer).toHaveTextContent('aigerim@example.kz');
    const history = within(detail).getByRole('list', { name: 'Payment history' });
    expect(within(history).getAllByRole('listitem').map((li) => li.dataset.kind)).toEqual(['AUTHORIZED', 'CAPTURED', 'REFUNDED']);
    expect(history).toHaveTextContent('“Damaged box”');
    expect(within(detail).getByRole('form', { name: 'Refund payment' })).toBeInTheDocument();
    expect(screen.getAllByTestId('payment-row')[0]).toHaveAttribute('aria-current', 'true');

    // The customer's wallet, audited: not consistent here, clearly marked.
    await api.user.click(within(detail).getByRole('button', { name: 'Check wallet' }));
    expect(callsFor(api.executeQuery, 'FinanceWalletReconciliation')[0].variables).toEqual({ customerId: 'cus_card' });
    const report = screen.getByTestId('reconciliation');
    expect(report).toHaveAttribute('data-consistent', 'false');
    expect(screen.getByTestId('reconciliation-verdict')).toHaveTextContent('Not consistent');
    expect(screen.getByTestId('rec-ledger-balance')).toHaveTextContent('₸9 000');
    expect(screen.getByLabelText('Customer ID to check')).toHaveValue('cus_card');

    // "This customer's payments" filters the list by the customer.
    await api.user.click(within(detail).getByRole('button', { name: 'This customer’s payments' }));
    expect(lastPaymentsCall(api)).toMatchObject({ customerId: 'cus_card' });

    await api.user.click(within(detail).getByRole('button', { name: 'Close the payment' }));
    expect(screen.queryByTestId('payment-detail')).not.toBeInTheDocument();
  });

  it('audits any customer’s wallet by id and marks a consistent one', async () => {
    const api = setup();
    await api.user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByText(/Enter a customer ID/)).toBeInTheDocument();
    await api.user.type(screen.getByLabelText('Customer ID to check'), 'cus_1');
    await api.user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByTestId('reconciliation')).toHaveAttribute('data-consistent', 'true');
    expect(screen.getByTestId('reconciliation-verdict')).toHaveTextContent('✓ Consistent');
    expect(screen.getByTestId('location')).toHaveTextContent('wallet=cus_1');
    // Checking again audits again, past any cache.
    await api.user.click(screen.getByRole('button', { name: 'Check' }));
    expect(callsFor(api.executeQuery, 'FinanceWalletReconciliation').length).toBeGreaterThan(1);
  });
});
