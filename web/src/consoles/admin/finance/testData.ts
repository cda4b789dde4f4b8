// Test data for the finance page's component tests (shaped like the API's answers).

export const kzt = (amount: number) => ({ __typename: 'Money' as const, amount, currency: 'KZT' as const });

export interface PaymentData {
  __typename: 'Payment';
  id: string;
  orderId: string;
  order: { __typename: 'Order'; id: string; number: number };
  method: 'WALLET' | 'CARD';
  status: 'AUTHORIZED' | 'CAPTURED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED' | 'DECLINED';
  amount: ReturnType<typeof kzt>;
  refundedAmount: ReturnType<typeof kzt>;
  card: { __typename: 'PaymentCard'; brand: 'VISA' | 'MASTERCARD' | 'AMEX' | 'OTHER'; last4: string } | null;
  declineReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The order a payment is for, as `Payment.order` selects it. */
export const paidOrder = (id: string, number: number) => ({ __typename: 'Order' as const, id, number });

export function paymentData(overrides: Partial<PaymentData> = {}): PaymentData {
  return {
    __typename: 'Payment',
    id: 'pay_1',
    orderId: 'ord_0190aaaabbbbccccddddeeee11112222',
    order: paidOrder('ord_0190aaaabbbbccccddddeeee11112222', 1042),
    method: 'WALLET',
    status: 'CAPTURED',
    amount: kzt(399_000),
    refundedAmount: kzt(0),
    card: null,
    declineReason: null,
    createdAt: '2026-03-01T09:58:00Z',
    updatedAt: '2026-03-01T10:30:00Z',
    ...overrides,
  };
}

export function withHistory(p: PaymentData) {
  const entries: Array<{ __typename: 'PaymentHistoryEntry'; kind: string; at: string; amount: ReturnType<typeof kzt>; note: string | null }> = [
    { __typename: 'PaymentHistoryEntry', kind: 'AUTHORIZED', at: p.createdAt, amount: p.amount, note: null },
  ];
  if (p.status !== 'AUTHORIZED') entries.push({ __typename: 'PaymentHistoryEntry', kind: 'CAPTURED', at: p.updatedAt, amount: p.amount, note: null });
  if (p.refundedAmount.amount > 0) {
    entries.push({ __typename: 'PaymentHistoryEntry', kind: 'REFUNDED', at: p.updatedAt, amount: p.refundedAmount, note: 'Damaged box' });
  }
  return { ...p, history: entries };
}

export interface CustomerData {
  __typename: 'Customer';
  id: string;
  name: string;
  email: string;
}

export function customerData(id = 'cus_1', name = 'Aigerim Test', email = 'aigerim@example.kz'): CustomerData {
  return { __typename: 'Customer', id, name, email };
}

/** A payment as the list and detail queries select it: with who paid (`Payment.customer`). */
export type ListedPaymentData = PaymentData & { customer: CustomerData };

export function withCustomer(p: PaymentData, customer: CustomerData = customerData()): ListedPaymentData {
  return { ...p, customer };
}

export function dayTotal(day: string, method: 'WALLET' | 'CARD', count: number, authorized: number, captured: number, refunded: number) {
  return {
    __typename: 'PaymentDayTotal' as const,
    day,
    method,
    count,
    authorized: kzt(authorized),
    captured: kzt(captured),
    refunded: kzt(refunded),
    net: kzt(captured - refunded),
  };
}

export function reconciliation(consistent: boolean, balance = 1_000_000, held = 0, ledgerBalance = balance, ledgerHeld = held) {
  return {
    __typename: 'Query' as const,
    walletReconciliation: {
      __typename: 'WalletReconciliation' as const,
      consistent,
      balance: kzt(balance),
      held: kzt(held),
      ledgerBalance: kzt(ledgerBalance),
      ledgerHeld: kzt(ledgerHeld),
    },
  };
}
