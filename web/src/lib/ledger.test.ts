// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeLedgerEntry } from './ledger';

const kzt = (amount: number) => ({ amount, currency: 'KZT' });
// Expected texts are written with plain spaces; money uses no-break ones.
const nb = (s: string) => s.replace(/ /g, '\u00a0');

describe('describeLedgerEntry', () => {
  it('signs a top-up as money in', () => {
    expect(describeLedgerEntry({ kind: 'CREDIT', amount: kzt(1_000_000), reference: 'top-up' })).toEqual({
      label: 'Top-up',
      orderId: null,
      amount: nb('+₸10 000'),
      effect: 'in',
      note: null,
    });
  });

  it('signs a refund as money in and names its order', () => {
    const line = describeLedgerEntry({ kind: 'CREDIT', amount: kzt(199_850), reference: 'refund order ord_42' });
    expect(line).toMatchObject({ label: 'Refund for order', orderId: 'ord_42', amount: nb('+₸1 998.50'), effect: 'in' });
  });

  it('reads a hold and its capture as one charge: a reservation, then "Paid" with a minus', () => {
    const hold = describeLedgerEntry({ kind: 'HOLD', amount: kzt(779_400), reference: 'order ord_7' });
    const capture = describeLedgerEntry({ kind: 'CAPTURE', amount: kzt(779_400), reference: 'order ord_7' });
    expect(hold).toEqual({
      label: 'Reserved for order',
      orderId: 'ord_7',
      amount: nb('₸7 794'),
      effect: 'reserved',
      note: 'not charged yet',
    });
    expect(capture).toMatchObject({ label: 'Paid for order', orderId: 'ord_7', amount: nb('−₸7 794'), effect: 'out', note: null });
    // Only one of the two is signed as money going out.
    expect([hold, capture].filter((l) => l.amount.startsWith('−'))).toHaveLength(1);
    expect(hold.amount).not.toMatch(/^[+−-]/);
  });

  it('shows a released reservation without a sign: nothing was taken', () => {
    const line = describeLedgerEntry({ kind: 'RELEASE', amount: kzt(779_400), reference: 'order ord_7' });
    expect(line).toMatchObject({ label: 'Reservation released for order', orderId: 'ord_7', amount: nb('₸7 794'), effect: 'reserved', note: 'nothing charged' });
  });

  it('signs a direct debit as money out, even if the amount came negative', () => {
    expect(describeLedgerEntry({ kind: 'DEBIT', amount: kzt(-50_000), reference: 'order ord_1' }).amount).toBe('−₸500');
    expect(describeLedgerEntry({ kind: 'DEBIT', amount: kzt(50_000), reference: 'order ord_1' }).amount).toBe('−₸500');
  });

  it('keeps a reference it does not know, in words', () => {
    expect(describeLedgerEntry({ kind: 'CREDIT', amount: kzt(100), reference: 'goodwill' })).toMatchObject({ label: 'Money in: goodwill', orderId: null });
    expect(describeLedgerEntry({ kind: 'HOLD', amount: kzt(100), reference: 'deposit' })).toMatchObject({ label: 'Reserved: deposit', orderId: null });
  });
});
