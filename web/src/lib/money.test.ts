// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatMoney, majorToMinor, minorDigits, parseMajorToMinor, toDecimalString } from './money';

describe('minorDigits', () => {
  it('is 2 for tenge and dollars, 0 for yen', () => {
    expect(minorDigits('KZT')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
  });
});

describe('toDecimalString', () => {
  it('builds an exact decimal string from tiyn', () => {
    expect(toDecimalString(1299050)).toBe('12990.50');
    expect(toDecimalString(1299000, 'KZT')).toBe('12990.00');
    expect(toDecimalString(5)).toBe('0.05');
    expect(toDecimalString(0)).toBe('0.00');
  });

  it('keeps the sign of negative amounts, also below one tenge', () => {
    expect(toDecimalString(-5)).toBe('-0.05');
    expect(toDecimalString(-123456)).toBe('-1234.56');
  });

  it('is exact for the largest safe integer (no float rounding)', () => {
    expect(toDecimalString(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('has no decimals for a zero-decimal currency', () => {
    expect(toDecimalString(1234, 'JPY')).toBe('1234');
  });

  it('rejects fractional and unsafe amounts', () => {
    expect(() => toDecimalString(1.5)).toThrow(RangeError);
    expect(() => toDecimalString(Number.NaN)).toThrow(RangeError);
    expect(() => toDecimalString(2 ** 60)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  // Written with real spaces for reading; the formatter uses no-break spaces.
  const nb = (s: string) => s.replace(/ /g, '\u00a0');

  it('shows whole tenge without decimals, grouped by no-break spaces', () => {
    expect(formatMoney({ amount: 779400, currency: 'KZT' })).toBe(nb('₸7 794'));
    expect(formatMoney({ amount: 1299000, currency: 'KZT' })).toBe(nb('₸12 990'));
    expect(formatMoney({ amount: 100000000, currency: 'KZT' })).toBe(nb('₸1 000 000'));
    expect(formatMoney({ amount: 99900, currency: 'KZT' })).toBe('₸999');
    expect(formatMoney({ amount: 1299000, currency: 'KZT' })).not.toMatch(/ |,/);
  });

  it('shows tiyn as two decimals when there are any', () => {
    expect(formatMoney({ amount: 779450, currency: 'KZT' })).toBe(nb('₸7 794.50'));
    expect(formatMoney({ amount: 1299005, currency: 'KZT' })).toBe(nb('₸12 990.05'));
    expect(formatMoney({ amount: 1, currency: 'KZT' })).toBe('₸0.01');
  });

  it('formats zero and negative amounts with a real minus sign', () => {
    expect(formatMoney({ amount: 0, currency: 'KZT' })).toBe('₸0');
    expect(formatMoney({ amount: -50000, currency: 'KZT' })).toBe('\u2212₸500');
    expect(formatMoney({ amount: -5, currency: 'KZT' })).toBe('\u2212₸0.05');
  });

  it('signs positive amounts too when asked (ledgers), never zero', () => {
    expect(formatMoney({ amount: 1000000, currency: 'KZT' }, { sign: 'always' })).toBe(nb('+₸10 000'));
    expect(formatMoney({ amount: -779400, currency: 'KZT' }, { sign: 'always' })).toBe(nb('\u2212₸7 794'));
    expect(formatMoney({ amount: 0, currency: 'KZT' }, { sign: 'always' })).toBe('₸0');
  });

  it('formats other currencies with their own symbol and decimals', () => {
    expect(formatMoney({ amount: 1999, currency: 'USD' })).toBe('$19.99');
    expect(formatMoney({ amount: 123456700, currency: 'USD' })).toBe(nb('$1 234 567'));
    expect(formatMoney({ amount: 1234, currency: 'JPY' })).toBe(nb('¥1 234'));
  });

  it('does not lose precision on huge amounts', () => {
    expect(formatMoney({ amount: Number.MAX_SAFE_INTEGER, currency: 'KZT' })).toBe(nb('₸90 071 992 547 409.91'));
  });

  it('rejects fractional amounts rather than rounding them', () => {
    expect(() => formatMoney({ amount: 1.5, currency: 'KZT' })).toThrow(RangeError);
  });

  it('shows a dash when there is no amount', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });
});

describe('parseMajorToMinor', () => {
  it('parses whole and decimal tenge into tiyn', () => {
    expect(parseMajorToMinor('5000')).toBe(500000);
    expect(parseMajorToMinor('12990.5')).toBe(1299050);
    expect(parseMajorToMinor('12990.50')).toBe(1299050);
    expect(parseMajorToMinor('0.01')).toBe(1);
    expect(parseMajorToMinor('0')).toBe(0);
    expect(parseMajorToMinor('7.')).toBe(700);
  });

  it('accepts spaces, underscores, non-breaking spaces and a decimal comma', () => {
    expect(parseMajorToMinor('12 990.5')).toBe(1299050);
    expect(parseMajorToMinor(' 12\u00a0990,50 ')).toBe(1299050);
    expect(parseMajorToMinor('1_000')).toBe(100000);
  });

  it('rejects empty, negative, non-numeric and over-precise input', () => {
    for (const bad of ['', '   ', '-5', '+5', 'abc', '1e3', '12.345', '.5', '1.2.3', '1,000.50', 'NaN', 'Infinity']) {
      expect(parseMajorToMinor(bad), bad).toBeNull();
    }
  });

  it('rejects amounts beyond the safe integer range', () => {
    expect(parseMajorToMinor('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseMajorToMinor('90071992547409.92')).toBeNull();
    expect(parseMajorToMinor('99999999999999999999')).toBeNull();
  });

  it('allows no decimals for a zero-decimal currency', () => {
    expect(parseMajorToMinor('1234', 'JPY')).toBe(1234);
    expect(parseMajorToMinor('12.5', 'JPY')).toBeNull();
  });

  it('round-trips with toDecimalString', () => {
    for (const amount of [0, 1, 99, 100, 1299050, 123456789]) {
      expect(parseMajorToMinor(toDecimalString(amount))).toBe(amount);
    }
  });
});

describe('majorToMinor', () => {
  it('multiplies whole tenge into tiyn', () => {
    expect(majorToMinor(10_000)).toBe(1_000_000);
    expect(majorToMinor(0)).toBe(0);
    expect(majorToMinor(-3)).toBe(-300);
    expect(majorToMinor(5, 'JPY')).toBe(5);
  });

  it('rejects non-integers', () => {
    expect(() => majorToMinor(1.5)).toThrow(RangeError);
    expect(() => majorToMinor(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
