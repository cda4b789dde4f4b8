/**
 * Money is always an integer amount of minor units (tiyn for KZT, cents for USD) with its
 * currency. Nothing here turns an amount into a float: formatting builds an exact decimal
 * string from integer arithmetic and hands that to Intl.NumberFormat.
 */
export interface MoneyValue {
  amount: number;
  currency: string;
}

export const DEFAULT_CURRENCY = 'KZT';
export const DEFAULT_LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    });
    formatters.set(key, f);
  }
  return f;
}

/** Digits after the decimal point for a currency (2 for KZT and USD). */
export function minorDigits(currency: string): number {
  return formatter(currency, DEFAULT_LOCALE).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Exact decimal string of minor units, e.g. 1299050 KZT → "12990.50". */
export function toDecimalString(amount: number, currency: string = DEFAULT_CURRENCY): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount: ${amount}`);
  const digits = minorDigits(currency);
  const negative = amount < 0;
  const abs = BigInt(Math.abs(amount));
  const unit = 10n ** BigInt(digits);
  const major = abs / unit;
  const minor = abs % unit;
  const text = digits === 0 ? `${major}` : `${major}.${minor.toString().padStart(digits, '0')}`;
  return negative ? `-${text}` : text;
}

/** Formats minor units for people: 1299000 KZT → "₸12,990.00". */
export function formatMoney(
  money: MoneyValue | null | undefined,
  locale: string = DEFAULT_LOCALE,
): string {
  if (!money) return '—';
  const decimal = toDecimalString(money.amount, money.currency);
  // Intl.NumberFormat formats exact decimal strings (ES2023); no float is involved.
  return formatter(money.currency, locale).format(decimal as `${number}`);
}

/**
 * Parses what a person typed in major units ("12 990.5", "12990,50") into integer minor
 * units. Returns null for anything that is not a non-negative amount with at most the
 * currency's number of decimals.
 */
export function parseMajorToMinor(
  input: string,
  currency: string = DEFAULT_CURRENCY,
): number | null {
  const digits = minorDigits(currency);
  const cleaned = input.replace(/[\s\u00a0_]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, majorText, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minorText = fraction.padEnd(digits, '0');
  const value = BigInt(majorText) * 10n ** BigInt(digits) + BigInt(minorText === '' ? '0' : minorText);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}

/** Whole major units to minor units (10_000 ₸ → 1_000_000 tiyn), integers only. */
export function majorToMinor(major: number, currency: string = DEFAULT_CURRENCY): number {
  if (!Number.isSafeInteger(major)) throw new RangeError(`not an integer: ${major}`);
  return major * 10 ** minorDigits(currency);
}
