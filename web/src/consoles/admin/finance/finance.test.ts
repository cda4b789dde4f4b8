import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayEnd,
  daysInclusive,
  filtersFromParams,
  filtersToParams,
  filterVariables,
  isRefundable,
  lastDays,
  methodText,
  NO_FILTERS,
  periodError,
  refundableLeft,
  sumTotals,
} from './finance';
import { dayTotal, kzt } from './testData';

describe('finance helpers', () => {
  it('sums the totals of a period per currency, in integer tiyn', () => {
    const rows = [
      dayTotal('2026-03-01', 'WALLET', 2, 500_050, 400_000, 99_750),
      dayTotal('2026-03-01', 'CARD', 1, 1_299_000, 1_299_000, 0),
      dayTotal('2026-03-02', 'WALLET', 3, 10, 5, 1),
    ];
    expect(sumTotals(rows)).toEqual([
      {
        currency: 'KZT',
        count: 6,
        authorized: { amount: 1_799_060, currency: 'KZT' },
        captured: { amount: 1_699_005, currency: 'KZT' },
        refunded: { amount: 99_751, currency: 'KZT' },
        net: { amount: 1_599_254, currency: 'KZT' },
      },
    ]);
    // The rows themselves are untouched.
    expect(rows[0].captured.amount).toBe(400_000);
  });

  it('never adds different currencies together', () => {
    const usd = { ...dayTotal('2026-03-01', 'CARD', 1, 100, 100, 0) };
    const usdRow = {
      ...usd,
      authorized: { amount: 100, currency: 'USD' },
      captured: { amount: 100, currency: 'USD' },
      refunded: { amount: 0, currency: 'USD' },
      net: { amount: 100, currency: 'USD' },
    };
    const totals = sumTotals([dayTotal('2026-03-01', 'WALLET', 1, 7, 7, 0), usdRow]);
    expect(totals.map((t) => [t.currency, t.net.amount])).toEqual([
      ['KZT', 7],
      ['USD', 100],
    ]);
    expect(sumTotals([])).toEqual([]);
  });

  it('counts UTC days and checks periods', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysInclusive('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysInclusive('2025-03-01', '2026-03-01')).toBe(366);
    expect(lastDays(7, new Date('2026-03-05T23:59:00Z'))).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(dayEnd('2026-12-31')).toBe('2027-01-01T00:00:00Z');
    expect(periodError('2026-03-01', '2026-03-07')).toBeNull();
    expect(periodError('2026-03-07', '2026-03-01')).toBe('The last day cannot come before the first.');
    expect(periodError('', '2026-03-01')).toBe('Pick the first day of the period.');
    expect(periodError('2026-02-30', '2026-03-01')).toBe('Pick the first day of the period.');
    expect(periodError('2025-01-01', '2026-03-01')).toBe('At most 366 days at once.');
  });

  it('reads and writes the filters in the URL, and turns them into query arguments', () => {
    const params = new URLSearchParams('method=CARD&status=PARTIALLY_REFUNDED&from=2026-03-01&to=2026-03-07&customer=%20cus_1%20&payment=pay_9');
    const filters = filtersFromParams(params);
    expect(filters).toEqual({ method: 'CARD', status: 'PARTIALLY_REFUNDED', from: '2026-03-01', to: '2026-03-07', customerId: 'cus_1' });
    expect(filterVariables(filters)).toEqual({
      method: 'CARD',
      status: 'PARTIALLY_REFUNDED',
      customerId: 'cus_1',
      createdFrom: '2026-03-01T00:00:00Z',
      // The last day is included: the API's bound is exclusive.
      createdTo: '2026-03-08T00:00:00Z',
    });
    // Junk is ignored.
    expect(filtersFromParams(new URLSearchParams('method=CASH&status=x&from=yesterday&customer=%20'))).toEqual(NO_FILTERS);
    // Writing keeps other parameters and drops empty filters.
    const written = filtersToParams({ ...NO_FILTERS, status: 'CAPTURED' }, params);
    expect(written.toString()).toBe('status=CAPTURED&payment=pay_9');
    expect(filterVariables(NO_FILTERS)).toEqual({ method: null, status: null, customerId: null, createdFrom: null, createdTo: null });
  });

  it('labels methods and refundability', () => {
    expect(methodText('CARD', { brand: 'VISA', last4: '4242' })).toBe('Visa •••• 4242');
    expect(methodText('CARD', { brand: 'MASTERCARD', last4: '0005' })).toBe('Mastercard •••• 0005');
    expect(methodText('WALLET', null)).toBe('Wallet');
    expect(isRefundable('CAPTURED')).toBe(true);
    expect(isRefundable('PARTIALLY_REFUNDED')).toBe(true);
    for (const s of ['AUTHORIZED', 'REFUNDED', 'VOIDED', 'DECLINED']) expect(isRefundable(s)).toBe(false);
    expect(refundableLeft({ amount: kzt(399_000), refundedAmount: kzt(99_750) })).toBe(299_250);
  });
});
