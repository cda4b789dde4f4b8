import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, makeSubject, never, type Source } from 'wonka';
import { RefundForm } from './RefundForm';
import { kzt, paymentData, withHistory, type PaymentData } from './testData';
import { UUID_RE } from '../../../lib/ids';
import { mockClient, renderWithClient, type MockResult } from '../../../test/urql';

type Sent = { orderId: string; amount: number | null; reason: string; idempotencyKey: string };

const refunded = (p: PaymentData, refundedAmount: number): MockResult => ({
  data: {
    refundPayment: withHistory({
      ...p,
      refundedAmount: kzt(refundedAmount),
      status: refundedAmount >= p.amount.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    }),
  },
});
const networkDown = (): MockResult => ({ error: new CombinedError({ networkError: new Error('Failed to fetch') }) });
const refused = (code: string, message: string): MockResult => ({
  error: new CombinedError({ graphQLErrors: [{ message, extensions: { code } }] }),
});

/** Each mutation call answers with the next source of `answers` (a value, or never). */
function setup(payment: PaymentData, answers: Array<Source<MockResult>>, props: { timeoutMs?: number } = {}) {
  const queue = [...answers];
  const api = mockClient({ mutation: () => queue.shift() ?? never });
  const onRefunded = vi.fn();
  const onOutcomeUnknownDismissed = vi.fn();
  renderWithClient(
    <RefundForm payment={payment} onRefunded={onRefunded} onOutcomeUnknownDismissed={onOutcomeUnknownDismissed} {...props} />,
    { client: api.client },
  );
  const sent = () => api.executeMutation.mock.calls.map(([request]) => request.variables as Sent);
  const user = userEvent.setup();
  const amount = () => screen.getByLabelText('Amount to refund (₸)');
  const reason = () => screen.getByLabelText('Reason');
  const fill = async (a: string, r: string) => {
    await user.clear(amount());
    if (a) await user.type(amount(), a);
    await user.clear(reason());
    if (r) await user.type(reason(), r);
  };
  const submit = () => user.click(screen.getByRole('button', { name: 'Refund' }));
  return { ...api, sent, user, amount, reason, fill, submit, onRefunded, onOutcomeUnknownDismissed };
}

describe('RefundForm', () => {
  it('turns tenge into tiyn and shows the result (partially refunded, refunded so far)', async () => {
    const p = paymentData();
    const t = setup(p, [fromValue(refunded(p, 99_750))]);
    expect(t.amount()).toHaveAccessibleDescription('Leave empty to refund all that is left: ₸3\u00a0990.');
    await t.fill('997.50', 'Damaged box');
    await t.submit();
    expect(t.sent()).toHaveLength(1);
    expect(t.sent()[0]).toMatchObject({ orderId: p.orderId, amount: 99_750, reason: 'Damaged box' });
    expect(t.sent()[0].idempotencyKey).toMatch(UUID_RE);
    expect(t.sent()[0].idempotencyKey.length).toBeLessThanOrEqual(40);
    const result = await screen.findByTestId('refund-status');
    expect(result).toHaveTextContent('Partially refunded');
    expect(result).toHaveAttribute('data-status', 'PARTIALLY_REFUNDED');
    expect(screen.getByTestId('refund-result')).toHaveTextContent('₸997.50 went back to the customer.');
    expect(screen.getByTestId('refund-total')).toHaveTextContent('₸997.50');
    expect(t.onRefunded).toHaveBeenCalledWith(expect.objectContaining({ status: 'PARTIALLY_REFUNDED' }));
    // The form is cleared for the next refund.
    expect(t.amount()).toHaveValue('');
    expect(t.reason()).toHaveValue('');
  });

  it('accepts "1 500,5" style amounts', async () => {
    const p = paymentData();
    const t = setup(p, [fromValue(refunded(p, 150_050))]);
    await t.fill('1 500,5', 'Late');
    await t.submit();
    expect(t.sent()[0].amount).toBe(150_050);
  });

  it('sends no amount when it is left empty: all that is left goes back', async () => {
    const p = paymentData({ status: 'PARTIALLY_REFUNDED', refundedAmount: kzt(99_750) });
    const t = setup(p, [fromValue(refunded(p, 399_000))]);
    await t.fill('', 'Order lost');
    await t.submit();
    expect(t.sent()[0]).toMatchObject({ amount: null, reason: 'Order lost' });
    expect(await screen.findByTestId('refund-status')).toHaveTextContent('Refunded');
    // What went back this time: what was left.
    expect(screen.getByTestId('refund-result')).toHaveTextContent('₸2 992.50 went back to the customer.');
  });

  it('refuses more than is left, a zero or unreadable amount, and a missing reason', async () => {
    const p = paymentData({ status: 'PARTIALLY_REFUNDED', refundedAmount: kzt(300_000) });
    const t = setup(p, []);
    await t.fill('990.01', 'Too much');
    await t.submit();
    expect(t.amount()).toHaveAttribute('aria-invalid', 'true');
    expect(t.amount()).toHaveAccessibleDescription(/At most ₸990 is left to refund\./);
    for (const bad of ['0', 'abc', '1.234', '-5']) {
      await t.fill(bad, 'x');
      await t.submit();
      expect(t.amount(), bad).toHaveAttribute('aria-invalid', 'true');
    }
    await t.fill('990', '');
    await t.submit();
    expect(t.reason()).toHaveAttribute('aria-invalid', 'true');
    expect(t.reason()).toHaveAccessibleDescription('Say why the money goes back (the customer is told).');
    expect(t.executeMutation).not.toHaveBeenCalled();
    // Exactly what is left is fine.
    await t.fill('990', 'Exactly the rest');
    await t.submit();
    expect(t.sent()[0].amount).toBe(99_000);
  });

  it('keeps the key of an attempt whose outcome is unknown: "Retry" sends the same refund again', async () => {
    const p = paymentData();
    const t = setup(p, [fromValue(networkDown()), fromValue(networkDown()), fromValue(refunded(p, 99_750))]);
    await t.fill('997.50', 'Damaged box');
    await t.submit();
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('The server could not be reached.');
    expect(warning).toHaveTextContent('may or may not have gone through');
    // The attempt is locked while its outcome is unknown.
    expect(t.amount()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Refund' })).toBeDisabled();

    await t.user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('button', { name: 'Retry' });
    await t.user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('refund-status');

    const [first, second, third] = t.sent();
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(first).toMatchObject({ amount: 99_750, reason: 'Damaged box' });
    expect(t.onRefunded).toHaveBeenCalledTimes(1);
  });

  it('offers "Retry" with the same key when no answer comes in time, and a new key for the next refund', async () => {
    const p = paymentData();
    const late = makeSubject<MockResult>();
    const t = setup(p, [late.source, fromValue(refunded(p, 99_750)), fromValue(refunded(p, 199_750))], { timeoutMs: 30 });
    await t.fill('997.50', 'Damaged box');
    await t.submit();
    expect(await screen.findByText('No answer from the server yet.')).toBeInTheDocument();
    await t.user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('refund-status');
    expect(t.sent()[1]).toEqual(t.sent()[0]);

    // A new refund is a new attempt: a new key.
    await t.fill('1000', 'Goodwill');
    await t.submit();
    await waitFor(() => expect(screen.getByTestId('refund-total')).toHaveTextContent('₸1 997.50'));
    expect(t.sent()).toHaveLength(3);
    expect(t.sent()[2].idempotencyKey).toMatch(UUID_RE);
    expect(t.sent()[2].idempotencyKey).not.toBe(t.sent()[0].idempotencyKey);
    expect(t.sent()[2]).toMatchObject({ amount: 100_000, reason: 'Goodwill' });
    // The first request's late answer changes nothing now.
    late.next(refunded(p, 99_750));
    expect(screen.getByTestId('refund-total')).toHaveTextContent('₸1 997.50');
  });

  it('shows a refusal in plain words, and the next try is a new attempt with a new key', async () => {
    const p = paymentData();
    const t = setup(p, [
      fromValue(refused('BAD_USER_INPUT', 'the refund is more than what is left')),
      fromValue(refunded(p, 10_000)),
    ]);
    await t.fill('100', 'Damaged box');
    await t.submit();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Refund refused');
    expect(alert).toHaveTextContent('The refund was not accepted. The refund is more than what is left.');
    expect(alert).not.toHaveTextContent('BAD_USER_INPUT');
    await t.submit();
    await screen.findByTestId('refund-status');
    expect(t.sent()[1].idempotencyKey).not.toBe(t.sent()[0].idempotencyKey);
  });

  it('gives up on an unknown outcome on request and reloads the payment', async () => {
    const p = paymentData();
    const t = setup(p, [fromValue(networkDown()), fromValue(refunded(p, 10_000))]);
    await t.fill('100', 'Damaged box');
    await t.submit();
    await t.user.click(await screen.findByRole('button', { name: 'Stop and reload the payment' }));
    expect(t.onOutcomeUnknownDismissed).toHaveBeenCalledTimes(1);
    expect(t.amount()).toBeEnabled();
    await t.submit();
    expect(t.sent()[1].idempotencyKey).not.toBe(t.sent()[0].idempotencyKey);
  });

  it('has no form for a payment that is not captured or has nothing left', () => {
    setup(paymentData({ status: 'AUTHORIZED' }), []);
    expect(screen.queryByRole('form', { name: 'Refund payment' })).not.toBeInTheDocument();
    expect(screen.getByTestId('not-refundable')).toHaveTextContent('Only captured payments can be refunded; this one is authorized.');
  });
});
