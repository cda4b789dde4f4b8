import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { CombinedError, OperationResult } from '@urql/core';
import { isNetworkOnly } from '../../../api/errors';
import { Field } from '../../../components/Field';
import { uuid } from '../../../lib/ids';
import { formatMoney, parseMajorToMinor, type MoneyValue } from '../../../lib/money';
import { FinanceRefundPaymentMutation } from './operations';
import { isRefundable, refundableLeft, statusLabel } from './finance';
import { Problem } from './Problem';

export interface RefundablePayment {
  orderId: string;
  status: string;
  amount: MoneyValue;
  refundedAmount: MoneyValue;
}

export interface RefundedPayment {
  id: string;
  status: string;
  amount: MoneyValue;
  refundedAmount: MoneyValue;
}

/** One refund as sent: retried as it is, with the same key, until the server answers. */
interface Attempt {
  key: string;
  /** Minor units; null = all that is left. */
  amount: number | null;
  reason: string;
  /** What was left when it was sent (what "all" meant). */
  left: number;
}

type Phase = 'idle' | 'sending' | 'unknown' | 'failed' | 'done';

/** The API's idempotency keys are 1 to 40 characters; a UUID is 36. */
function newKey(): string {
  return uuid().slice(0, 40);
}

const REFUND_ERRORS: Record<string, string> = {
  BAD_USER_INPUT: 'The refund was not accepted.',
  CONFLICT: 'This payment cannot be refunded now.',
  NOT_FOUND: 'No payment was found for this order.',
  FORBIDDEN: 'Only an admin can give money back.',
};

/**
 * Gives captured money back, all that is left or part of it. Each refund attempt gets one
 * idempotency key (crypto.randomUUID): when the outcome is unknown (the network failed or no
 * answer came in `timeoutMs`), "Retry" sends the very same refund with the same key, so the
 * money cannot go back twice; any new refund gets a new key.
 */
export function RefundForm({
  payment,
  onRefunded,
  onOutcomeUnknownDismissed,
  timeoutMs = 15_000,
}: {
  payment: RefundablePayment;
  onRefunded?: (payment: RefundedPayment) => void;
  /** The person gave up on an attempt whose outcome is unknown: reload the payment. */
  onOutcomeUnknownDismissed?: () => void;
  timeoutMs?: number;
}) {
  const currency = payment.amount.currency;
  const left = refundableLeft(payment);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<CombinedError | null>(null);
  const [timedOut, setTimedOut] = useState(false);
  const [done, setDone] = useState<{ refunded: number; payment: RefundedPayment } | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const mounted = useRef(true);
  const [, refund] = useMutation(FinanceRefundPaymentMutation);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const settle = (sent: Attempt, result: OperationResult) => {
    // A late answer to an attempt that was given up (or already settled) changes nothing here.
    if (!mounted.current || attempt.current !== sent) return;
    const refunded = result.data?.refundPayment;
    if (refunded) {
      attempt.current = null;
      setPhase('done');
      setError(null);
      setTimedOut(false);
      setDone({ refunded: sent.amount ?? sent.left, payment: refunded });
      setAmountText('');
      setReason('');
      onRefunded?.(refunded);
    } else if (isNetworkOnly(result.error)) {
      setPhase('unknown');
      setTimedOut(false);
      setError(result.error ?? null);
    } else {
      // The server said no: nothing was refunded; the next try is a new refund.
      attempt.current = null;
      setPhase('failed');
      setTimedOut(false);
      setError(result.error ?? null);
    }
  };

  const send = (sent: Attempt) => {
    attempt.current = sent;
    setPhase('sending');
    setError(null);
    setTimedOut(false);
    setDone(null);
    let answered = false;
    const timer = setTimeout(() => {
      if (answered || !mounted.current || attempt.current !== sent) return;
      setPhase('unknown');
      setTimedOut(true);
    }, timeoutMs);
    void refund(
      { orderId: payment.orderId, amount: sent.amount, reason: sent.reason, idempotencyKey: sent.key },
      { requestPolicy: 'network-only' },
    ).then((result) => {
      answered = true;
      clearTimeout(timer);
      settle(sent, result);
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let minor: number | null = null;
    let amountProblem: string | null = null;
    if (amountText.trim() !== '') {
      minor = parseMajorToMinor(amountText, currency);
      if (minor === null) amountProblem = 'Enter an amount in tenge, e.g. 1500 or 1500.50.';
      else if (minor <= 0) amountProblem = 'Enter an amount above zero, or leave it empty to refund all that is left.';
      else if (minor > left) amountProblem = `At most ${formatMoney({ amount: left, currency })} is left to refund.`;
    }
    const why = reason.trim();
    const reasonProblem = why === '' ? 'Say why the money goes back (the customer is told).' : null;
    setAmountError(amountProblem);
    setReasonError(reasonProblem);
    if (amountProblem || reasonProblem) return;
    // A new refund: a new key. (While an attempt's outcome is unknown the form is locked and
    // only "Retry" sends, with that attempt's key.)
    send({ key: newKey(), amount: minor, reason: why, left });
  };

  const retry = () => {
    if (attempt.current) send(attempt.current);
  };

  const giveUp = () => {
    attempt.current = null;
    setPhase('idle');
    setError(null);
    setTimedOut(false);
    onOutcomeUnknownDismissed?.();
  };

  const refundable = isRefundable(payment.status) && left > 0;
  const pending = phase === 'sending' || phase === 'unknown';
  const pendingAttempt = attempt.current;

  return (
    <section aria-labelledby="refund-heading" className="mt-3">
      <h4 id="refund-heading" className="h6">
        Refund
      </h4>
      <div aria-live="polite" role="status" data-testid="refund-result">
        {done && (
          <div className="alert alert-success mb-2">
            <p className="mb-1 fw-semibold">
              {formatMoney({ amount: done.refunded, currency })} went back to the customer.
            </p>
            <p className="mb-0">
              The payment is now <strong data-testid="refund-status" data-status={done.payment.status}>{statusLabel(done.payment.status)}</strong>;{' '}
              refunded so far <strong data-testid="refund-total">{formatMoney(done.payment.refundedAmount)}</strong> of{' '}
              {formatMoney(done.payment.amount)}.
            </p>
          </div>
        )}
        {phase === 'sending' && <p className="small text-secondary mb-2">Sending the refund…</p>}
      </div>
      {phase === 'unknown' && pendingAttempt && (
        <div className="alert alert-warning" role="alert">
          <p className="mb-1 fw-semibold">
            {timedOut ? 'No answer from the server yet.' : 'The server could not be reached.'}
          </p>
          <p className="mb-2">
            The refund of {pendingAttempt.amount === null ? 'all that is left' : formatMoney({ amount: pendingAttempt.amount, currency })}{' '}
            may or may not have gone through. “Retry” sends the same refund again, marked as the same attempt, so the
            money cannot go back twice.
          </p>
          <div className="d-flex gap-2 flex-wrap">
            <button type="button" className="btn btn-sm btn-warning" onClick={retry}>
              Retry
            </button>
            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={giveUp}>
              Stop and reload the payment
            </button>
          </div>
        </div>
      )}
      {phase === 'failed' && <Problem error={error} title="Refund refused" leads={REFUND_ERRORS} />}
      {!refundable ? (
        !done && (
          <p className="small text-secondary mb-0" data-testid="not-refundable">
            {left === 0 && isRefundable(payment.status)
              ? 'Everything has been refunded.'
              : `Only captured payments can be refunded; this one is ${statusLabel(payment.status).toLowerCase()}.`}
          </p>
        )
      ) : (
        <form onSubmit={submit} noValidate aria-label="Refund payment">
          <Field
            label="Amount to refund (₸)"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            placeholder={`All that is left: ${formatMoney({ amount: left, currency })}`}
            hint={`Leave empty to refund all that is left: ${formatMoney({ amount: left, currency })}.`}
            error={amountError}
            disabled={pending}
          />
          <Field
            label="Reason"
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError}
            required
            maxLength={200}
            disabled={pending}
          />
          <button type="submit" className="btn btn-danger" disabled={pending}>
            {phase === 'sending' ? 'Refunding…' : 'Refund'}
          </button>
        </form>
      )}
    </section>
  );
}
