// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { orderRef, parseOrderNumber } from './orderNumber';

describe('orderRef', () => {
  it('writes the number after a hash', () => {
    expect(orderRef(1042)).toBe('#1042');
    expect(orderRef(1001)).toBe('#1001');
  });
});

describe('parseOrderNumber', () => {
  it('reads a number with or without the hash, around spaces', () => {
    expect(parseOrderNumber('1042')).toBe(1042);
    expect(parseOrderNumber('#1042')).toBe(1042);
    expect(parseOrderNumber('  # 1042 ')).toBe(1042);
    expect(parseOrderNumber('2147483647')).toBe(2147483647);
  });

  it('refuses what is not an order number', () => {
    for (const text of ['', '#', 'abc', '10 42', '-5', '0', '#0', '1042a', '1.5', 'ord_0190', '2147483648', '12345678901234567']) {
      expect(parseOrderNumber(text)).toBeNull();
    }
  });
});
