import type { EntryKind } from '../gql/graphql';
import { formatMoney, type MoneyValue } from './money';

/**
 * How a wallet ledger entry reads to its owner. The amount column shows what the entry did
 * to the balance, signed: a top-up or refund adds (+), a payment takes (−). A HOLD only
 * reserves money (the balance stays, what is available shrinks) and a RELEASE gives the
 * reservation back, so neither carries a sign: the reservation and the later "Paid" (its
 * CAPTURE) must not read as two charges.
 */
export interface LedgerLine {
  /** "Top-up", "Paid for order", "Reserved for order", … */
  label: string;
  /** The order the entry belongs to, if its reference names one. */
  orderId: string | null;
  /** "+₸10 000", "−₸7 794", or "₸7 794" when the balance did not move. */
  amount: string;
  /** in: money came in; out: money went out; reserved: set aside or given back, not moved. */
  effect: 'in' | 'out' | 'reserved';
  /** A few words on a reservation, so it is not read as a charge. */
  note: string | null;
}

// References the services write: "order <id>" (payments' hold, and so its capture or
// release), "refund order <id>" (payments' refund), "top-up" (accounts).
const ORDER_REF = /^order (\S+)$/;
const REFUND_REF = /^refund order (\S+)$/;

export function describeLedgerEntry(entry: { kind: EntryKind | string; amount: MoneyValue; reference: string }): LedgerLine {
  const { kind, amount, reference } = entry;
  const orderId = ORDER_REF.exec(reference)?.[1] ?? REFUND_REF.exec(reference)?.[1] ?? null;
  const magnitude = { amount: Math.abs(amount.amount), currency: amount.currency };
  const signed = (sign: 1 | -1) => formatMoney({ ...magnitude, amount: sign * magnitude.amount }, { sign: 'always' });
  const other = orderId ? null : reference;
  switch (kind) {
    case 'CREDIT':
      if (reference === 'top-up') return { label: 'Top-up', orderId: null, amount: signed(1), effect: 'in', note: null };
      if (REFUND_REF.test(reference)) return { label: 'Refund for order', orderId, amount: signed(1), effect: 'in', note: null };
      return { label: other ? `Money in: ${other}` : 'Money in for order', orderId, amount: signed(1), effect: 'in', note: null };
    case 'DEBIT':
    case 'CAPTURE':
      // A capture takes what its hold reserved: this is the one charge for the order.
      return { label: other ? `Paid: ${other}` : 'Paid for order', orderId, amount: signed(-1), effect: 'out', note: null };
    case 'HOLD':
      return {
        label: other ? `Reserved: ${other}` : 'Reserved for order',
        orderId,
        amount: formatMoney(magnitude),
        effect: 'reserved',
        note: 'not charged yet',
      };
    case 'RELEASE':
      return {
        label: other ? `Reservation released: ${other}` : 'Reservation released for order',
        orderId,
        amount: formatMoney(magnitude),
        effect: 'reserved',
        note: 'nothing charged',
      };
    default:
      return { label: reference || kind, orderId, amount: formatMoney(amount), effect: 'reserved', note: null };
  }
}
