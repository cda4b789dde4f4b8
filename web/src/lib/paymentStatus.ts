import type { OrderStatus, PaymentStatus } from '../gql/graphql';

/**
 * Payment statuses in the staff's words, with their badge: one table for the sales and the
 * finance consoles, so a status reads the same on both.
 */
export const PAYMENT_STATUSES: ReadonlyArray<{ value: PaymentStatus; label: string; badge: string }> = [
  { value: 'AUTHORIZED', label: 'Authorized', badge: 'text-bg-info' },
  { value: 'CAPTURED', label: 'Captured', badge: 'text-bg-success' },
  { value: 'PARTIALLY_REFUNDED', label: 'Partially refunded', badge: 'text-bg-warning' },
  { value: 'REFUNDED', label: 'Refunded', badge: 'text-bg-secondary' },
  { value: 'VOIDED', label: 'Voided', badge: 'text-bg-light border' },
  { value: 'DECLINED', label: 'Declined', badge: 'text-bg-danger' },
];

export function paymentStatusLabel(status: PaymentStatus | string): string {
  return PAYMENT_STATUSES.find((s) => s.value === status)?.label ?? status;
}

export function paymentStatusBadge(status: PaymentStatus | string): string {
  return PAYMENT_STATUSES.find((s) => s.value === status)?.badge ?? 'text-bg-secondary';
}

/** The same statuses as the shopper reads them on the order page. */
const SHOPPER: Record<PaymentStatus, string> = {
  AUTHORIZED: 'Payment reserved, taken on delivery',
  CAPTURED: 'Paid',
  PARTIALLY_REFUNDED: 'Paid, partly refunded',
  REFUNDED: 'Refunded',
  VOIDED: 'Payment released, nothing taken',
  DECLINED: 'Payment declined',
};

export function shopperPaymentLabel(status: PaymentStatus | string): string {
  return SHOPPER[status as PaymentStatus] ?? `Payment ${status.toLowerCase()}`;
}

/**
 * Whether the payment has caught up with the order. Payments settles after the order's
 * event (capture on DELIVERED, void or refund on CANCELLED), so the payment an order carries
 * at that moment can still be AUTHORIZED: until this holds, the page asks again.
 */
export function paymentSettledFor(orderStatus: OrderStatus | string, paymentStatus: PaymentStatus | string): boolean {
  switch (orderStatus) {
    case 'DELIVERED':
      return paymentStatus !== 'AUTHORIZED';
    case 'CANCELLED':
      return paymentStatus !== 'AUTHORIZED' && paymentStatus !== 'CAPTURED';
    default:
      // Nothing settles a payment after the other statuses (the saga settles a FAILED
      // order's before failing it; payments sets REFUNDED itself).
      return true;
  }
}
