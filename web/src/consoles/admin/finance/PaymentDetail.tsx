import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { Money } from '../../../components/Money';
import { Loading } from '../../../components/Status';
import { orderRef } from '../../../lib/orderNumber';
import { formatDateTime } from '../../../lib/time';
import { FinancePaymentQuery } from './operations';
import { historyLabel, methodText, refundableLeft } from './finance';
import { StatusBadge, type PaymentCustomer } from './PaymentsList';
import { Problem } from './Problem';
import { RefundForm, type RefundedPayment } from './RefundForm';

/** Who paid (selected with the payment: `Payment.customer`). */
function Customer({
  customer,
  onCheckWallet,
  onCustomerPayments,
}: {
  customer: PaymentCustomer;
  onCheckWallet: (customerId: string) => void;
  onCustomerPayments: (customerId: string) => void;
}) {
  return (
    <div data-testid="detail-customer" data-customer-id={customer.id}>
      <div>{customer.name}</div>
      <div className="text-secondary small text-break">{customer.email}</div>
      <div className="small font-monospace text-break text-secondary">{customer.id}</div>
      <div className="d-flex flex-wrap gap-2 mt-1">
        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => onCheckWallet(customer.id)}>
          Check wallet
        </button>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => onCustomerPayments(customer.id)}>
          This customer’s payments
        </button>
      </div>
    </div>
  );
}

/** One payment: what it is, its history (oldest first) and the refund form. */
export function PaymentDetail({
  paymentId,
  onClose,
  onRefunded,
  onCheckWallet,
  onCustomerPayments,
}: {
  paymentId: string;
  onClose: () => void;
  onRefunded?: (payment: RefundedPayment) => void;
  onCheckWallet: (customerId: string) => void;
  onCustomerPayments: (customerId: string) => void;
}) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: FinancePaymentQuery, variables: { id: paymentId } });
  const heading = useRef<HTMLHeadingElement>(null);
  const payment = data?.payment;

  // Opening a payment moves the focus (and the view) to it.
  useEffect(() => {
    heading.current?.focus();
  }, [paymentId, !!payment]);

  const reload = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <section className="card" aria-labelledby="payment-detail-heading" data-testid="payment-detail">
      <div className="card-header d-flex align-items-center gap-2">
        <h3 id="payment-detail-heading" className="h6 mb-0 me-auto text-break" tabIndex={-1} ref={heading}>
          Payment {payment ? <>of order <span className="font-monospace">{orderRef(payment.order.number)}</span></> : paymentId}
        </h3>
        <button type="button" className="btn-close" aria-label="Close the payment" onClick={onClose} />
      </div>
      <div className="card-body">
        {error && !data && <Problem error={error} title="Could not load the payment" onRetry={reload} />}
        {!data && fetching && <Loading label="Loading the payment…" />}
        {data && !payment && <p role="status">There is no payment {paymentId}.</p>}
        {payment && (
          <>
            <dl className="row mb-2 small">
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Status</dt>
              <dd className="col-7 col-sm-8" data-testid="detail-status">
                <StatusBadge status={payment.status} />
              </dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Order</dt>
              <dd className="col-7 col-sm-8 text-break">
                <Link to={`/admin/orders/${encodeURIComponent(payment.orderId)}`} className="font-monospace">
                  {orderRef(payment.order.number)}
                </Link>
              </dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Customer</dt>
              <dd className="col-7 col-sm-8">
                <Customer customer={payment.customer} onCheckWallet={onCheckWallet} onCustomerPayments={onCustomerPayments} />
              </dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Method</dt>
              <dd className="col-7 col-sm-8">{methodText(payment.method, payment.card)}</dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Amount</dt>
              <dd className="col-7 col-sm-8">
                <Money value={payment.amount} />
              </dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Refunded</dt>
              <dd className="col-7 col-sm-8" data-testid="detail-refunded">
                <Money value={payment.refundedAmount} />
              </dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Left</dt>
              <dd className="col-7 col-sm-8" data-testid="detail-left">
                <Money value={{ amount: refundableLeft(payment), currency: payment.amount.currency }} />
              </dd>
              <dt className="col-5 col-sm-4 fw-normal text-secondary">Created</dt>
              <dd className="col-7 col-sm-8">{formatDateTime(payment.createdAt)}</dd>
              {payment.declineReason && (
                <>
                  <dt className="col-5 col-sm-4 fw-normal text-secondary">Declined because</dt>
                  <dd className="col-7 col-sm-8">{payment.declineReason}</dd>
                </>
              )}
            </dl>
            <h4 className="h6">History</h4>
            <ol className="list-group list-group-numbered small mb-2" aria-label="Payment history" data-testid="payment-history">
              {payment.history.map((h, i) => (
                <li key={i} className="list-group-item d-flex flex-wrap gap-2" data-kind={h.kind}>
                  <span className="fw-semibold">{historyLabel(h.kind)}</span>
                  <Money value={h.amount} />
                  <span className="text-secondary">{formatDateTime(h.at)}</span>
                  {h.note && <span className="w-100 text-break">“{h.note}”</span>}
                </li>
              ))}
            </ol>
            <RefundForm
              key={payment.id}
              payment={payment}
              onRefunded={onRefunded}
              onOutcomeUnknownDismissed={reload}
            />
          </>
        )}
      </div>
    </section>
  );
}
