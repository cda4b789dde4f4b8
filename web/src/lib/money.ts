/**
 * Money is always an integer amount of minor units (tiyn for KZT, cents for USD) with its
 * currency. Nothing here turns an amount into a float: formatting builds the digits from
 * integer arithmetic (BigInt); Intl only names the currency's symbol and decimals.
 */
export interface MoneyValue {
  amount: number;
  currency: string;
}

export const DEFAULT_CURRENCY = 'KZT';

/** Thousands separator: a no-break space, so "₸12 990" never wraps between its groups. */
export const GROUP_SEPARATOR = '\u00a0';
/** The minus sign (U+2212), as wide as the plus, not a hyphen. */
export const MINUS = '\u2212';

const formatters = new Map<string, Intl.NumberFormat>();

// Intl is asked only for a currency's facts (symbol, decimals); the digits are built here.
function formatter(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    formatters.set(currency, f);
  }
  return f;
}

/** Digits after the decimal point for a currency (2 for KZT and USD). */
export function minorDigits(currency: string): number {
  return formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The currency's narrow symbol: ₸ for KZT, $ for USD. */
export function currencySymbol(currency: string): string {
  return formatter(currency).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
}

function splitMinor(amount: number, currency: string): { negative: boolean; major: bigint; minor: bigint; digits: number } {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount: ${amount}`);
  const digits = minorDigits(currency);
  const unit = 10n ** BigInt(digits);
  const abs = BigInt(Math.abs(amount));
  return { negative: amount < 0, major: abs / unit, minor: abs % unit, digits };
}

/** Exact decimal string of minor units, e.g. 1299050 KZT → "12990.50". */
export function toDecimalString(amount: number, currency: string = DEFAULT_CURRENCY): string {
  const { negative, major, minor, digits } = splitMinor(amount, currency);
  const text = digits === 0 ? `${major}` : `${major}.${minor.toString().padStart(digits, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * The one money format of the storefront and the consoles: symbol first, groups of three
 * split by a no-break space, decimals only when there are minor units:
 * 779400 KZT → "₸7 794", 779450 → "₸7 794.50", -779400 → "−₸7 794".
 * `sign: 'always'` also marks a positive amount ("+₸10 000"; zero stays unsigned), for
 * money in and out of a ledger.
 */
export function formatMoney(
  money: MoneyValue | null | undefined,
  { sign = 'auto' }: { sign?: 'auto' | 'always' } = {},
): string {
  if (!money) return '—';
  const { negative, major, minor, digits } = splitMinor(money.amount, money.currency);
  const grouped = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
  const text = minor === 0n ? grouped : `${grouped}.${minor.toString().padStart(digits, '0')}`;
  const prefix = negative ? MINUS : sign === 'always' && money.amount > 0 ? '+' : '';
  return `${prefix}${currencySymbol(money.currency)}${text}`;
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
