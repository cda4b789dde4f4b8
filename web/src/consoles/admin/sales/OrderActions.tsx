import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import type { OrderStatus } from '../../../gql/graphql';
import { orderStatusLabel } from '../../../lib/orderStatus';
import { canCancel, describeActionError, moveHint, nextStatuses } from './lifecycle';

const REASON_MAX = 500;

export interface ActionOutcome {
  error?: CombinedError | null;
}

/**
 * What an ADMIN may do to the order from where it is: move it to a next status the
 * lifecycle allows (with an optional reason), or cancel it (a confirm step with a reason).
 */
export function OrderActions({
  orderRef,
  status,
  needsKitchen,
  busy,
  onMove,
  onCancel,
}: {
  /** How people name the order: "#1042". */
  orderRef: string;
  status: OrderStatus;
  needsKitchen: boolean;
  busy: boolean;
  onMove: (status: OrderStatus, reason: string | null) => Promise<ActionOutcome>;
  onCancel: (reason: string) => Promise<ActionOutcome>;
}) {
  const options = nextStatuses({ status, needsKitchen });
  const [target, setTarget] = useState<OrderStatus | ''>(options[0] ?? '');
  const [reason, setReason] = useState('');
  const [moveError, setMoveError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelInputError, setCancelInputError] = useState<string | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const cancelField = useRef<HTMLTextAreaElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const ids = useId();

  // The choice follows the order: when it moves on, offer its new next step.
  const optionsKey = options.join(',');
  useEffect(() => {
    setTarget((t) => (t && options.includes(t) ? t : (options[0] ?? '')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [optionsKey]);

  // Focus moves into the confirm step, and back to its button when it is dismissed.
  const restoreFocus = useRef(false);
  useEffect(() => {
    if (confirming) cancelField.current?.focus();
    else if (restoreFocus.current) cancelButton.current?.focus();
    restoreFocus.current = false;
  }, [confirming]);

  const move = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    setMoveError(null);
    setDone('');
    const outcome = await onMove(target, reason.trim() || null);
    if (outcome.error) setMoveError(describeActionError(outcome.error));
    else {
      setReason('');
      setDone(`Moved to ${orderStatusLabel(target)}.`);
    }
  };

  const cancel = async (e: FormEvent) => {
    e.preventDefault();
    const text = cancelReason.trim();
    if (!text) {
      setCancelInputError('Say why the order is cancelled; the customer is told.');
      cancelField.current?.focus();
      return;
    }
    setCancelInputError(null);
    setCancelError(null);
    setDone('');
    const outcome = await onCancel(text);
    if (outcome.error) setCancelError(describeActionError(outcome.error));
    else {
      setConfirming(false);
      setCancelReason('');
      setDone('The order was cancelled.');
    }
  };

  const closeConfirm = () => {
    setConfirming(false);
    setCancelInputError(null);
    setCancelError(null);
    restoreFocus.current = true;
  };

  const cancellable = canCancel(status);
  if (options.length === 0 && !cancellable) {
    return (
      <p className="small text-secondary mb-0" data-testid="no-actions">
        {status === 'PENDING'
          ? 'Checkout is still running; the order can be changed once it is confirmed or failed.'
          : `Nothing more can be done: the order is ${orderStatusLabel(status).toLowerCase()}.`}
        {done && <span className="d-block text-success" role="status">{done}</span>}
      </p>
    );
  }

  return (
    <div data-testid="order-actions">
      {options.length > 0 ? (
        <form className="row g-2" onSubmit={move} aria-label="Change the status">
          <div className="col-12 col-sm-6">
            <label className="form-label small mb-1" htmlFor={`${ids}-status`}>
              Next status
            </label>
            <select
              id={`${ids}-status`}
              className="form-select form-select-sm"
              value={target}
              aria-describedby={target && moveHint(target) ? `${ids}-hint` : undefined}
              onChange={(e) => setTarget(e.target.value as OrderStatus)}
            >
              {options.map((s) => (
                <option key={s} value={s}>
                  {orderStatusLabel(s)}
                </option>
              ))}
            </select>
            {target && moveHint(target) && (
              <div id={`${ids}-hint`} className="form-text">
                Means {moveHint(target)}.
              </div>
            )}
          </div>
          <div className="col-12 col-sm-6">
            <label className="form-label small mb-1" htmlFor={`${ids}-reason`}>
              Reason (optional)
            </label>
            <input
              id={`${ids}-reason`}
              className="form-control form-control-sm"
              maxLength={REASON_MAX}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="col-12">
            <button type="submit" className="btn btn-sm btn-primary" disabled={busy || !target}>
              {target ? `Move to ${orderStatusLabel(target)}` : 'Move'}
            </button>
          </div>
        </form>
      ) : (
        <p className="small text-secondary mb-2">
          {status === 'DELIVERED'
            ? 'Delivered orders become refunded when their payment is refunded in full (Finance).'
            : 'No status change by hand from here.'}
        </p>
      )}
      {moveError && (
        <div className="alert alert-danger small mt-2 mb-0" role="alert" data-testid="move-error">
          {moveError}
        </div>
      )}

      {cancellable && !confirming && (
        <button ref={cancelButton} type="button" className="btn btn-sm btn-outline-danger mt-3" onClick={() => setConfirming(true)}>
          Cancel order…
        </button>
      )}
      {cancellable && confirming && (
        <form className="border border-danger rounded p-2 mt-3" onSubmit={cancel} aria-labelledby={`${ids}-cancel-heading`} noValidate>
          <h3 id={`${ids}-cancel-heading`} className="h6 text-danger">
            Cancel order {orderRef}?
          </h3>
          <p className="small mb-2">
            The payment is voided (or refunded if it was taken), the stock goes back, the kitchen and the courier stop, and
            the customer is told. This cannot be undone.
          </p>
          <label className="form-label small mb-1" htmlFor={`${ids}-cancel-reason`}>
            Reason for cancelling
          </label>
          <textarea
            ref={cancelField}
            id={`${ids}-cancel-reason`}
            className={`form-control form-control-sm${cancelInputError ? ' is-invalid' : ''}`}
            rows={2}
            maxLength={REASON_MAX}
            required
            aria-invalid={cancelInputError ? true : undefined}
            aria-describedby={cancelInputError ? `${ids}-cancel-error` : undefined}
            value={cancelReason}
            onChange={(e) => setCancelReason(e.target.value)}
          />
          {cancelInputError && (
            <div id={`${ids}-cancel-error`} className="invalid-feedback">
              {cancelInputError}
            </div>
          )}
          {cancelError && (
            <div className="alert alert-danger small mt-2 mb-0" role="alert" data-testid="cancel-error">
              {cancelError}
            </div>
          )}
          <div className="d-flex flex-wrap gap-2 mt-2">
            <button type="submit" className="btn btn-sm btn-danger" disabled={busy}>
              Cancel the order
            </button>
            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={closeConfirm}>
              Keep the order
            </button>
          </div>
        </form>
      )}
      <div role="status" className="small text-success mt-2" data-testid="action-done">
        {done}
      </div>
    </div>
  );
}
