/**
 * Pure helpers of the finance page: labels, UTC days ↔ API instants, and the sums of the
 * totals table. Money stays integer minor units (tiyn) throughout.
 */
import type { MoneyValue } from '../../../lib/money';
import { PAYMENT_STATUSES, paymentStatusBadge, paymentStatusLabel } from '../../../lib/paymentStatus';

export type PaymentMethodValue = 'WALLET' | 'CARD';
export type PaymentStatusValue =
  | 'AUTHORIZED'
  | 'CAPTURED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'VOIDED'
  | 'DECLINED';

export const METHODS: Array<{ value: PaymentMethodValue; label: string }> = [
  { value: 'WALLET', label: 'Wallet' },
  { value: 'CARD', label: 'Card' },
];

/** The payment statuses with the labels and badges the sales console uses too. */
export const STATUSES = PAYMENT_STATUSES;
export const statusLabel = paymentStatusLabel;
export const statusBadge = paymentStatusBadge;

export function methodLabel(method: string): string {
  return METHODS.find((m) => m.value === method)?.label ?? method;
}

const BRANDS: Record<string, string> = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'Amex', OTHER: 'Card' };

/** "Wallet", or "Visa •••• 4242" for a card payment. */
export function methodText(method: string, card: { brand: string; last4: string } | null | undefined): string {
  if (method === 'CARD' && card) return `${BRANDS[card.brand] ?? card.brand} •••• ${card.last4}`;
  return methodLabel(method);
}

const HISTORY: Record<string, string> = {
  AUTHORIZED: 'Authorized',
  CAPTURED: 'Captured',
  REFUNDED: 'Refunded',
  VOIDED: 'Voided',
  DECLINED: 'Declined',
};

export function historyLabel(kind: string): string {
  return HISTORY[kind] ?? kind;
}

/** Only taken money can go back: a captured or partly refunded payment. */
export function isRefundable(status: string): boolean {
  return status === 'CAPTURED' || status === 'PARTIALLY_REFUNDED';
}

/** What is left to refund, in minor units (never negative). */
export function refundableLeft(payment: { amount: MoneyValue; refundedAmount: MoneyValue }): number {
  return Math.max(0, payment.amount.amount - payment.refundedAmount.amount);
}

// ---- UTC days --------------------------------------------------------------------------

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` that names a real calendar day. */
export function isDay(text: string): boolean {
  if (!DAY_RE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Today's UTC day as `YYYY-MM-DD`. */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `day` moved by `days` (may be negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for the same day). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The start of a UTC day as the API's DateTime. */
export function dayStart(day: string): string {
  return `${day}T00:00:00Z`;
}

/** The instant after a UTC day (the API's bounds are `[from, to)`, the form's days inclusive). */
export function dayEnd(day: string): string {
  return dayStart(addDays(day, 1));
}

/** The default totals period: the last 7 days, today (UTC) included. */
export function lastDays(count: number, now: Date = new Date()): { from: string; to: string } {
  const to = utcDay(now);
  return { from: addDays(to, -(count - 1)), to };
}

/** At most this many days in one totals query (the API's limit). */
export const MAX_PERIOD_DAYS = 366;

/** Checks a period of the form: null when fine, otherwise what to fix, in words. */
export function periodError(from: string, to: string): string | null {
  if (!isDay(from)) return 'Pick the first day of the period.';
  if (!isDay(to)) return 'Pick the last day of the period.';
  if (to < from) return 'The last day cannot come before the first.';
  if (daysInclusive(from, to) > MAX_PERIOD_DAYS) return `At most ${MAX_PERIOD_DAYS} days at once.`;
  return null;
}

// ---- totals ---------------------------------------------------------------------------

export interface DayTotal {
  day: string;
  method: string;
  count: number;
  authorized: MoneyValue;
  captured: MoneyValue;
  refunded: MoneyValue;
  net: MoneyValue;
}

export interface PeriodTotal {
  currency: string;
  count: number;
  authorized: MoneyValue;
  captured: MoneyValue;
  refunded: MoneyValue;
  net: MoneyValue;
}

/**
 * The period total line(s): one per currency (amounts of different currencies are never
 * added together), in the order the currencies first appear.
 */
export function sumTotals(rows: readonly DayTotal[]): PeriodTotal[] {
  const byCurrency = new Map<string, PeriodTotal>();
  for (const row of rows) {
    const currency = row.captured.currency;
    let total = byCurrency.get(currency);
    if (!total) {
      const zero = (): MoneyValue => ({ amount: 0, currency });
      total = { currency, count: 0, authorized: zero(), captured: zero(), refunded: zero(), net: zero() };
      byCurrency.set(currency, total);
    }
    total.count += row.count;
    total.authorized.amount += row.authorized.amount;
    total.captured.amount += row.captured.amount;
    total.refunded.amount += row.refunded.amount;
    total.net.amount += row.net.amount;
  }
  return [...byCurrency.values()];
}

// ---- payment filters ------------------------------------------------------------------

export interface PaymentFilters {
  method: PaymentMethodValue | null;
  status: PaymentStatusValue | null;
  /** UTC days, both included. */
  from: string | null;
  to: string | null;
  customerId: string | null;
}

export const NO_FILTERS: PaymentFilters = { method: null, status: null, from: null, to: null, customerId: null };

/** Reads the filters from the page's URL (`?method=&status=&from=&to=&customer=`). */
export function filtersFromParams(params: URLSearchParams): PaymentFilters {
  const method = params.get('method');
  const status = params.get('status');
  const from = params.get('from');
  const to = params.get('to');
  const customer = params.get('customer')?.trim();
  return {
    method: METHODS.some((m) => m.value === method) ? (method as PaymentMethodValue) : null,
    status: STATUSES.some((s) => s.value === status) ? (status as PaymentStatusValue) : null,
    from: from && isDay(from) ? from : null,
    to: to && isDay(to) ? to : null,
    customerId: customer ? customer : null,
  };
}

/** Writes the filters into `params` (other parameters are kept). */
export function filtersToParams(filters: PaymentFilters, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set('method', filters.method);
  set('status', filters.status);
  set('from', filters.from);
  set('to', filters.to);
  set('customer', filters.customerId);
  return next;
}

/** The `payments` query's filter arguments for the filters. */
export function filterVariables(filters: PaymentFilters) {
  return {
    method: filters.method,
    status: filters.status,
    customerId: filters.customerId,
    createdFrom: filters.from ? dayStart(filters.from) : null,
    createdTo: filters.to ? dayEnd(filters.to) : null,
  };
}
