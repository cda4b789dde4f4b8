import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { filtersFromParams, filtersToParams, NO_FILTERS, type PaymentFilters } from './finance';
import { PaymentDetail } from './PaymentDetail';
import { PaymentFiltersForm } from './PaymentFiltersForm';
import { PaymentsList } from './PaymentsList';
import { ReconciliationPanel } from './ReconciliationPanel';
import { TotalsPanel } from './TotalsPanel';

/**
 * The finance page of the ADMIN console (`/admin/finance`): every customer's payments with
 * filters and cursor paging, a payment's history and refunds, totals per day and method, and
 * the wallet reconciliation report. The filters, the open payment (`payment`) and the audited
 * wallet (`wallet`) live in the URL, so a view can be reloaded or shared.
 */
export function FinancePage() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(search)), [search]);
  const selectedId = params.get('payment');
  const walletCustomer = params.get('wallet');
  const [totalsVersion, setTotalsVersion] = useState(0);
  const [checkedAt, setCheckedAt] = useState(0);

  const update = useCallback(
    (change: (p: URLSearchParams) => URLSearchParams) => setParams((p) => change(new URLSearchParams(p))),
    [setParams],
  );
  const applyFilters = (next: PaymentFilters) => update((p) => filtersToParams(next, p));
  const select = (id: string | null) =>
    update((p) => {
      if (id) p.set('payment', id);
      else p.delete('payment');
      return p;
    });
  const checkWallet = (customerId: string) => {
    setCheckedAt((n) => n + 1);
    update((p) => {
      p.set('wallet', customerId);
      return p;
    });
  };
  const customerPayments = (customerId: string) => applyFilters({ ...NO_FILTERS, customerId });
  // A new set of filters starts again from the newest page.
  const listKey = JSON.stringify(filters);

  return (
    <div className="finance-page">
      <h2 className="h4 mb-3">Finance</h2>
      <section aria-labelledby="payments-heading" className="mb-4">
        <h3 id="payments-heading" className="h5">
          Payments
        </h3>
        <PaymentFiltersForm value={filters} onApply={applyFilters} />
        <PaymentsList key={listKey} filters={filters} selectedId={selectedId} onSelect={select} />
      </section>
      <div className="row g-3 mb-4">
        {selectedId && (
          <div className="col-lg-7">
            <PaymentDetail
              key={selectedId}
              paymentId={selectedId}
              onClose={() => select(null)}
              onRefunded={() => setTotalsVersion((n) => n + 1)}
              onCheckWallet={checkWallet}
              onCustomerPayments={customerPayments}
            />
          </div>
        )}
        <div className={selectedId ? 'col-lg-5' : 'col-lg-6'}>
          <ReconciliationPanel customerId={walletCustomer} checkedAt={checkedAt} onCheck={checkWallet} />
        </div>
      </div>
      <TotalsPanel refreshKey={totalsVersion} />
    </div>
  );
}
