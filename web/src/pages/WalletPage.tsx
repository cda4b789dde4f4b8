import { useState } from 'react';
import { useQuery } from 'urql';
import { WalletQuery } from '../api/operations';
import { Link } from 'react-router-dom';
import { Money } from '../components/Money';
import { TopUpForm } from '../components/TopUpForm';
import { EmptyState, ErrorAlert, Loading } from '../components/Status';
import { describeLedgerEntry } from '../lib/ledger';
import { orderRef } from '../lib/orderNumber';
import { formatDateTime } from '../lib/time';
import { usePageTitle } from '../lib/title';

const PAGE = 20;

const EFFECT_CLASS = { in: 'text-success', out: '', reserved: 'text-secondary' } as const;

function Entries({ after, isLast, onMore }: { after: string | null; isLast: boolean; onMore: (c: string) => void }) {
  const [{ data, fetching, error }] = useQuery({ query: WalletQuery, variables: { first: PAGE, after } });
  if (error && !data) return <tr><td colSpan={3}><ErrorAlert error={error} /></td></tr>;
  if (!data) return fetching ? <tr><td colSpan={3}><Loading label="Loading the ledger…" /></td></tr> : null;
  const entries = data.me.wallet.entries;
  return (
    <>
      {entries.map((e) => {
        const line = describeLedgerEntry(e);
        return (
          <tr key={e.id} data-testid="ledger-entry" data-kind={e.kind} data-order-id={e.order?.id}>
            <td className="text-nowrap small">{formatDateTime(e.createdAt)}</td>
            <td>
              {line.label}
              {e.order && (
                <>
                  {' '}
                  {/* The order comes with the page (one batched fetch), number included. */}
                  <Link to={`/orders/${encodeURIComponent(e.order.id)}`}>{orderRef(e.order.number)}</Link>
                </>
              )}
              {line.note && <span className="d-block small text-secondary">{line.note}</span>}
            </td>
            <td
              className={`text-end text-nowrap ${EFFECT_CLASS[line.effect]}`}
              data-amount={e.amount.amount}
              data-currency={e.amount.currency}
              data-testid="ledger-amount"
            >
              {line.amount}
            </td>
          </tr>
        );
      })}
      {isLast && entries.length === PAGE && (
        <tr>
          <td colSpan={3} className="text-center">
            <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => onMore(entries[entries.length - 1].cursor)}>
              Older entries
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

export function WalletPage() {
  usePageTitle('Wallet');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: WalletQuery, variables: { first: PAGE, after: null } });
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <>
      <h1 className="h3 mb-3">Wallet</h1>
      {error && !data && <ErrorAlert error={error} title="Could not load the wallet" onRetry={refetch} />}
      {!data && fetching && <Loading label="Loading the wallet…" />}
      {data && (
        <div className="row g-4">
          <div className="col-md-5">
            <div className="card mb-3">
              <div className="card-body">
                <dl className="row mb-0" aria-live="polite">
                  <dt className="col-6 fw-normal">Balance</dt>
                  <dd className="col-6 text-end fs-5 fw-semibold" data-testid="wallet-balance"><Money value={data.me.wallet.balance} /></dd>
                  <dt className="col-6 fw-normal">Held for orders</dt>
                  <dd className="col-6 text-end"><Money value={data.me.wallet.held} /></dd>
                  <dt className="col-6 fw-normal">Available</dt>
                  <dd className="col-6 text-end fw-semibold" data-testid="wallet-available"><Money value={data.me.wallet.available} /></dd>
                </dl>
              </div>
            </div>
            <TopUpForm onDone={refetch} />
          </div>
          <div className="col-md-7">
            <h2 className="h5">Ledger</h2>
            {data.me.wallet.entries.length === 0 ? (
              <EmptyState title="No movements yet">
                <p className="mb-0">New accounts start with an empty wallet. Top it up to pay for orders.</p>
              </EmptyState>
            ) : (
              <div className="table-responsive">
                <table className="table table-sm align-middle">
                  <caption className="visually-hidden">Wallet ledger, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">What</th>
                      <th scope="col" className="text-end">Amount</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cursors.map((c, i) => (
                      <Entries key={c ?? 'first'} after={c} isLast={i === cursors.length - 1} onMore={(n) => setCursors((cs) => [...cs, n])} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
      )}
    </>
  );
}
