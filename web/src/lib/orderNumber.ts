/**
 * An order's short number as people see it, read it out and type it: 1042 → "#1042". The
 * server gives every order one (`Order.number`, counting up from 1001); nothing derives a
 * reference from the order's id.
 */
export function orderRef(number: number): string {
  return `#${number}`;
}

const TYPED = /^#?\s*(\d{1,10})$/;
/** GraphQL's `Int` is 32 bits. */
const INT_MAX = 2 ** 31 - 1;

/** A number typed to find an order ("1042", "#1042", " # 1042 "), or null if it is not one. */
export function parseOrderNumber(text: string): number | null {
  const digits = TYPED.exec(text.trim())?.[1];
  if (!digits) return null;
  const n = Number(digits);
  return n > 0 && n <= INT_MAX ? n : null;
}
