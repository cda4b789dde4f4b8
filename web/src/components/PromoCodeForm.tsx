import { useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { ErrorAlert } from './Status';

export function PromoCodeForm({
  current,
  onApply,
  onRemove,
  busy,
  error,
}: {
  current: string | null;
  onApply: (code: string) => void;
  onRemove: () => void;
  busy: boolean;
  error: CombinedError | null | undefined;
}) {
  const [code, setCode] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setLocal('Enter a promo code.');
      return;
    }
    setLocal(null);
    onApply(code.trim());
  };
  return (
    <div className="mb-3">
      {current ? (
        <div className="d-flex align-items-center gap-2">
          <span>
            Promo code <strong data-testid="applied-promo">{current}</strong>
          </span>
          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={onRemove} disabled={busy}>
            Remove promo code
          </button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Promo code">
          <label htmlFor="promo-code" className="form-label">
            Promo code
          </label>
          <div className="input-group">
            <input
              id="promo-code"
              className={`form-control ${local ? 'is-invalid' : ''}`}
              value={code}
              autoCapitalize="characters"
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={local ? true : undefined}
              aria-describedby={local ? 'promo-hint promo-error' : 'promo-hint'}
            />
            <button type="submit" className="btn btn-outline-primary" disabled={busy}>
              Apply
            </button>
          </div>
          <div id="promo-hint" className="form-text">
            Try WELCOME10 or SAVE500.
          </div>
          {local && (
            <div id="promo-error" className="text-danger small">
              {local}
            </div>
          )}
        </form>
      )}
      {error && (
        <div className="mt-2">
          <ErrorAlert error={error} title="Promo code not applied" />
        </div>
      )}
    </div>
  );
}
