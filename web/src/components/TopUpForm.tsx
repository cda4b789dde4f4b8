import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { TopUpWalletMutation } from '../api/operations';
import { isNetworkOnly } from '../api/errors';
import { uuid } from '../lib/ids';
import { formatMoney, majorToMinor, parseMajorToMinor } from '../lib/money';
import { ErrorAlert } from './Status';

const PRESETS_MAJOR = ['5000', '20000', '100000'];

/**
 * Tops up the wallet (simulated payment). One idempotency key per attempt: kept when the
 * network fails (a retry cannot add the money twice), renewed after an answer.
 */
export function TopUpForm({ suggestedMinor, onDone }: { suggestedMinor?: number; onDone?: () => void }) {
  const initial = suggestedMinor && suggestedMinor > 0 ? String(Math.ceil(suggestedMinor / 100)) : '20000';
  const [amount, setAmount] = useState(initial);
  const [localError, setLocalError] = useState<string | null>(null);
  const [key, setKey] = useState(() => uuid());
  const [success, setSuccess] = useState<string | null>(null);
  const [state, topUp] = useMutation(TopUpWalletMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSuccess(null);
    const minor = parseMajorToMinor(amount);
    if (minor === null || minor <= 0) {
      setLocalError('Enter a positive amount in tenge, e.g. 20000.');
      return;
    }
    setLocalError(null);
    const result = await topUp({ amount: minor, idempotencyKey: key });
    if (isNetworkOnly(result.error)) return; // same key on retry
    setKey(uuid());
    if (result.data) {
      setSuccess(`Added ${formatMoney(result.data.topUpWallet.entry.amount)}.`);
      onDone?.();
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Top up wallet" className="mb-3">
      <label className="form-label" htmlFor="top-up-amount">
        Top-up amount (₸)
      </label>
      <div className="input-group">
        <input
          id="top-up-amount"
          className={`form-control ${localError ? 'is-invalid' : ''}`}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={localError ? true : undefined}
          aria-describedby={localError ? 'top-up-error' : undefined}
        />
        <button type="submit" className="btn btn-success" disabled={state.fetching}>
          {state.fetching ? 'Topping up…' : 'Top up'}
        </button>
      </div>
      {localError && (
        <div id="top-up-error" className="text-danger small">
          {localError}
        </div>
      )}
      <div className="d-flex gap-2 mt-2 flex-wrap">
        {PRESETS_MAJOR.map((p) => (
          <button key={p} type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setAmount(p)}>
            {formatMoney({ amount: majorToMinor(Number(p)), currency: 'KZT' })}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {success && <div className="text-success small mt-2" role="status">{success}</div>}
      </div>
      {state.error && (
        <div className="mt-2">
          <ErrorAlert error={state.error} title="Top-up failed" />
        </div>
      )}
    </form>
  );
}
