import { graphql } from '../../../gql';

// The finance view of the ADMIN console (issue #18): every customer's payments, totals per
// day and method, refunds, and the wallet reconciliation report.

export const FinancePaymentFields = graphql(`
  fragment FinancePaymentFields on Payment {
    id
    orderId
    order { id number }
    method
    status
    amount { amount currency }
    refundedAmount { amount currency }
    card { brand last4 }
    declineReason
    createdAt
    updatedAt
  }
`);

export const FinancePaymentsQuery = graphql(`
  query FinancePayments(
    $first: Int!
    $after: String
    $method: PaymentMethod
    $status: PaymentStatus
    $customerId: ID
    $createdFrom: DateTime
    $createdTo: DateTime
  ) {
    payments(
      first: $first
      after: $after
      method: $method
      status: $status
      customerId: $customerId
      createdFrom: $createdFrom
      createdTo: $createdTo
    ) {
      nextCursor
      payments {
        ...FinancePaymentFields
        customer { id name email }
      }
    }
  }
`);

export const FinancePaymentQuery = graphql(`
  query FinancePayment($id: ID!) {
    payment(id: $id) {
      ...FinancePaymentFields
      customer { id name email }
      history { kind at amount { amount currency } note }
    }
  }
`);

export const FinancePaymentTotalsQuery = graphql(`
  query FinancePaymentTotals($from: DateTime!, $to: DateTime!) {
    paymentTotals(from: $from, to: $to) {
      day
      method
      count
      authorized { amount currency }
      captured { amount currency }
      refunded { amount currency }
      net { amount currency }
    }
  }
`);

export const FinanceRefundPaymentMutation = graphql(`
  mutation FinanceRefundPayment($orderId: ID!, $amount: Int, $reason: String!, $idempotencyKey: String!) {
    refundPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) {
      ...FinancePaymentFields
      history { kind at amount { amount currency } note }
    }
  }
`);

export const FinanceWalletReconciliationQuery = graphql(`
  query FinanceWalletReconciliation($customerId: ID!) {
    walletReconciliation(customerId: $customerId) {
      consistent
      balance { amount currency }
      held { amount currency }
      ledgerBalance { amount currency }
      ledgerHeld { amount currency }
    }
  }
`);
