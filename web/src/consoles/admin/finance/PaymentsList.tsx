import { useState } from 'react';
import { useQuery } from 'urql';
import { Money } from '../../../components/Money';
import { Loading } from '../../../components/Status';
import { orderRef } from '../../../lib/orderNumber';
import { formatDateTime } from '../../../lib/time';
import { FinancePaymentsQuery } from './operations';
import { filterVariables, methodText, statusBadge, statusLabel, type PaymentFilters } from './finance';
import { Problem } from './Problem';

export interface PaymentCustomer {
  id: string;
  name: string;
  email: string;
}

/** Who paid (selected with the payment: `Payment.customer`). */
export function CustomerCell({ customer }: { customer: PaymentCustomer }) {
  return (
    <span className="d-block" data-testid="payment-customer" data-customer-id={customer.id}>
      <span className="d-block text-nowrap">{customer.name}</span>
      <span className="d-block small text-secondary text-nowrap">{customer.email}</span>
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${statusBadge(status)}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/**
 * Every customer's payments, newest first, narrowed by `filters`, a page at a time (cursor
 * paging: "Older" follows `nextCursor`, "Newer" goes back). A row opens the payment.
 */
export function PaymentsList({
  filters,
  selectedId,
  onSelect,
  pageSize = 20,
}: {
  filters: PaymentFilters;
  selectedId: string | null;
  onSelect: (paymentId: string) => void;
  pageSize?: number;
}) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: FinancePaymentsQuery,
    variables: { first: pageSize, after, ...filterVariables(filters) },
  });
  const page = data?.payments;

  return (
    <div>
      {error && <Problem error={error} title="Could not load the payments" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!page && fetching && <Loading label="Loading payments…" />}
      {page && page.payments.length === 0 && (
        <p className="text-secondary border rounded p-3" role="status">
          {cursors.length > 1 ? 'No older payments.' : 'No payments match these filters.'}
        </p>
      )}
      {page && page.payments.length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm table-hover align-middle mb-2" data-testid="payments-table">
            <caption className="visually-hidden">Payments, newest first. Open one to see its history and refund it.</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-end">Amount</th>
                <th scope="col" className="text-end">Refunded</th>
                <th scope="col" className="ps-3">Method</th>
                <th scope="col">Customer</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {page.payments.map((p) => {
                const selected = p.id === selectedId;
                return (
                  <tr
                    key={p.id}
                    className={`payment-row${selected ? ' table-active' : ''}`}
                    data-testid="payment-row"
                    data-payment-id={p.id}
                    data-order-id={p.orderId}
                    aria-current={selected ? 'true' : undefined}
                    onClick={() => onSelect(p.id)}
                  >
                    <td>
                      <button
                        type="button"
                        className="btn btn-link btn-sm p-0 font-monospace text-nowrap"
                        onClick={() => onSelect(p.id)}
                      >
                        <span className="visually-hidden">Open the payment of order</span> {orderRef(p.order.number)}
                      </button>
                    </td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                    <td className="text-end text-nowrap">
                      <Money value={p.amount} />
                    </td>
                    <td className="text-end text-nowrap" data-testid="payment-refunded">
                      {p.refundedAmount.amount > 0 ? <Money value={p.refundedAmount} /> : <span className="text-secondary">—</span>}
                    </td>
                    <td className="text-nowrap ps-3">{methodText(p.method, p.card)}</td>
                    <td>
                      <CustomerCell customer={p.customer} />
                    </td>
                    <td className="text-nowrap small">{formatDateTime(p.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {page && (
        <nav className="d-flex align-items-center gap-2" aria-label="Payment pages">
          <button
            type="button"
            className="btn btn-sm btn-outline-secondary"
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </button>
          <span className="small text-secondary" aria-live="polite">
            Page {cursors.length}
          </span>
          <button
            type="button"
            className="btn btn-sm btn-outline-secondary"
            disabled={!page.nextCursor}
            onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor])}
          >
            Older
          </button>
        </nav>
      )}
    </div>
  );
}
