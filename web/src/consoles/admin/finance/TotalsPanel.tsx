import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Money } from '../../../components/Money';
import { Loading } from '../../../components/Status';
import { FinancePaymentTotalsQuery } from './operations';
import { dayEnd, dayStart, lastDays, methodLabel, periodError, sumTotals, type DayTotal } from './finance';
import { DateFilter } from '../../../components/FilterFields';
import { Problem } from './Problem';

/** The totals of one period per UTC day and method, with the period's total line. */
export function TotalsTable({ rows }: { rows: readonly DayTotal[] }) {
  const totals = sumTotals(rows);
  return (
    <div className="table-responsive">
      <table className="table table-sm align-middle mb-0" data-testid="totals-table">
        <caption className="visually-hidden">Payment totals per day and method</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col">Method</th>
            <th scope="col" className="text-end">Payments</th>
            <th scope="col" className="text-end">Authorized</th>
            <th scope="col" className="text-end">Captured</th>
            <th scope="col" className="text-end">Refunded</th>
            <th scope="col" className="text-end">Net</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.day}|${r.method}|${r.captured.currency}`} data-testid="totals-row" data-day={r.day} data-method={r.method}>
              <th scope="row" className="fw-normal text-nowrap">
                {r.day}
              </th>
              <td>{methodLabel(r.method)}</td>
              <td className="text-end">{r.count}</td>
              <td className="text-end text-nowrap" data-col="authorized"><Money value={r.authorized} /></td>
              <td className="text-end text-nowrap" data-col="captured"><Money value={r.captured} /></td>
              <td className="text-end text-nowrap" data-col="refunded"><Money value={r.refunded} /></td>
              <td className="text-end text-nowrap fw-semibold" data-col="net"><Money value={r.net} /></td>
            </tr>
          ))}
        </tbody>
        <tfoot className="table-group-divider">
          {totals.map((t) => (
            <tr key={t.currency} className="fw-semibold" data-testid="totals-period">
              <th scope="row" colSpan={2}>
                Period total{totals.length > 1 ? ` (${t.currency})` : ''}
              </th>
              <td className="text-end">{t.count}</td>
              <td className="text-end text-nowrap" data-col="authorized"><Money value={t.authorized} /></td>
              <td className="text-end text-nowrap" data-col="captured"><Money value={t.captured} /></td>
              <td className="text-end text-nowrap" data-col="refunded"><Money value={t.refunded} /></td>
              <td className="text-end text-nowrap" data-col="net"><Money value={t.net} /></td>
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}

/**
 * Totals per day and method for a chosen period (UTC days, both included); the last 7 days
 * until another period is chosen. `refreshKey` changes after a refund, to fetch again.
 */
export function TotalsPanel({ refreshKey = 0, now }: { refreshKey?: number; now?: Date }) {
  const [period, setPeriod] = useState(() => lastDays(7, now));
  const [draft, setDraft] = useState(period);
  const [formError, setFormError] = useState<string | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: FinancePaymentTotalsQuery,
    variables: { from: dayStart(period.from), to: dayEnd(period.to) },
  });
  // urql's cache does not know that a refund changes the totals: fetch them again.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    reexecute({ requestPolicy: 'network-only' });
  }, [refreshKey, reexecute]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = periodError(draft.from, draft.to);
    setFormError(problem);
    if (!problem) setPeriod(draft);
  };

  return (
    <section aria-labelledby="totals-heading" className="mb-4">
      <h3 id="totals-heading" className="h5">
        Totals per day and method
      </h3>
      <form className="row g-2 align-items-end mb-2" onSubmit={submit} noValidate aria-label="Totals period">
        <DateFilter
          id="totals-from"
          label="First day (UTC)"
          className="col-6 col-sm-4 col-md-3"
          value={draft.from}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
          errorId={formError && 'totals-error'}
        />
        <DateFilter
          id="totals-to"
          label="Last day (UTC)"
          className="col-6 col-sm-4 col-md-3"
          value={draft.to}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
          errorId={formError && 'totals-error'}
        />
        <div className="col-12 col-sm-4 col-md-auto d-flex gap-2">
          <button type="submit" className="btn btn-sm btn-primary">
            Show totals
          </button>
          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Refresh
          </button>
        </div>
        {formError && (
          <div id="totals-error" className="col-12 text-danger small" role="alert">
            {formError}
          </div>
        )}
      </form>
      <p className="small text-secondary mb-2" aria-live="polite" data-testid="totals-period-label">
        {period.from === period.to ? `${period.from}` : `${period.from} to ${period.to}`}, payments by the day they were made.
      </p>
      {error && <Problem error={error} title="Could not load the totals" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading label="Loading the totals…" />}
      {data &&
        (data.paymentTotals.length === 0 ? (
          <p className="text-secondary border rounded p-3" role="status">
            No payments in this period.
          </p>
        ) : (
          <TotalsTable rows={data.paymentTotals} />
        ))}
    </section>
  );
}
