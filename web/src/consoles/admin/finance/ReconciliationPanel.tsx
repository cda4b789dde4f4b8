import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Money } from '../../../components/Money';
import { Loading } from '../../../components/Status';
import { FinanceWalletReconciliationQuery } from './operations';
import { Problem } from './Problem';

const RECONCILIATION_ERRORS: Record<string, string> = {
  NOT_FOUND: 'There is no customer with this ID.',
  BAD_USER_INPUT: 'This is not a customer ID.',
};

function Report({ customerId, checkedAt }: { customerId: string; checkedAt: number }) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: FinanceWalletReconciliationQuery,
    variables: { customerId },
    // An audit reads the ledger as it is now, never a cached answer.
    requestPolicy: 'network-only',
  });
  // Each later "Check" is a fresh audit, even for the same customer.
  const firstCheck = useRef(checkedAt);
  useEffect(() => {
    if (checkedAt !== firstCheck.current) reexecute({ requestPolicy: 'network-only' });
  }, [checkedAt, reexecute]);

  if (error && !data) {
    return (
      <Problem
        error={error}
        title="Could not check the wallet"
        leads={RECONCILIATION_ERRORS}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (!data) return fetching ? <Loading label="Checking the wallet…" /> : null;
  const r = data.walletReconciliation;
  const balanceOk = r.balance.amount === r.ledgerBalance.amount;
  const heldOk = r.held.amount === r.ledgerHeld.amount;
  return (
    <div data-testid="reconciliation" data-consistent={String(r.consistent)} aria-busy={fetching || undefined}>
      <p
        className={`alert ${r.consistent ? 'alert-success' : 'alert-danger'} fw-semibold py-2 mb-2`}
        data-testid="reconciliation-verdict"
        role="status"
      >
        <span aria-hidden="true">{r.consistent ? '✓ ' : '✗ '}</span>
        {r.consistent
          ? 'Consistent: the wallet’s totals match its ledger.'
          : 'Not consistent: the wallet’s totals do not match its ledger (or something is negative).'}
      </p>
      <div className="table-responsive">
        <table className="table table-sm mb-0">
          <caption className="visually-hidden">Wallet totals beside the ledger’s sums</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="text-end">Wallet</th>
              <th scope="col" className="text-end">Ledger</th>
            </tr>
          </thead>
          <tbody>
            <tr className={balanceOk ? undefined : 'table-danger'}>
              <th scope="row" className="fw-normal">Balance</th>
              <td className="text-end text-nowrap" data-testid="rec-balance"><Money value={r.balance} /></td>
              <td className="text-end text-nowrap" data-testid="rec-ledger-balance"><Money value={r.ledgerBalance} /></td>
            </tr>
            <tr className={heldOk ? undefined : 'table-danger'}>
              <th scope="row" className="fw-normal">Held</th>
              <td className="text-end text-nowrap" data-testid="rec-held"><Money value={r.held} /></td>
              <td className="text-end text-nowrap" data-testid="rec-ledger-held"><Money value={r.ledgerHeld} /></td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The wallet reconciliation report of one customer: cached totals beside the ledger's sums. */
export function ReconciliationPanel({
  customerId,
  checkedAt = 0,
  onCheck,
}: {
  customerId: string | null;
  /** Bumped by each "Check", so the same customer is audited again. */
  checkedAt?: number;
  onCheck: (customerId: string) => void;
}) {
  const [draft, setDraft] = useState(customerId ?? '');
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => setDraft(customerId ?? ''), [customerId]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = draft.trim();
    if (!id) {
      setFormError('Enter a customer ID (open a payment and use “Check wallet” to fill it in).');
      return;
    }
    setFormError(null);
    onCheck(id);
  };

  return (
    <section className="card" aria-labelledby="reconciliation-heading">
      <div className="card-header">
        <h3 id="reconciliation-heading" className="h6 mb-0">
          Wallet reconciliation
        </h3>
      </div>
      <div className="card-body">
        <form onSubmit={submit} noValidate aria-label="Wallet reconciliation" className="mb-2">
          <label className="form-label small mb-1" htmlFor="rec-customer">
            Customer ID to check
          </label>
          <div className="input-group input-group-sm">
            <input
              id="rec-customer"
              className={`form-control${formError ? ' is-invalid' : ''}`}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={formError ? true : undefined}
              aria-describedby={formError ? 'rec-error' : undefined}
            />
            <button type="submit" className="btn btn-outline-primary">
              Check
            </button>
          </div>
          {formError && (
            <div id="rec-error" className="text-danger small mt-1">
              {formError}
            </div>
          )}
        </form>
        <div aria-live="polite">{customerId && <Report key={customerId} customerId={customerId} checkedAt={checkedAt} />}</div>
      </div>
    </section>
  );
}
