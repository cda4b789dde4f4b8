/**
 * The seller console's form checks, mirroring the shops, catalog and inventory rules (the
 * server checks again). Each returns a plain-language message, or null when the value is fine.
 * Money is typed in tenge and sent in tiyn (integer minor units, see lib/money).
 */
import { formatMoney, parseMajorToMinor } from '../../lib/money';

/** shops: a price is at most 100 000 000 ₸. */
export const MAX_PRICE_TIYN = 100_000_000 * 100;
/** shops: units on hand are 0 to 1 000 000. */
export const MAX_COUNT = 1_000_000;
/** inventory: one adjustment moves at most 1 000 000 units. */
export const MAX_DELTA = 1_000_000;

export type Parsed<T> = { value: T; error: null } | { value: null; error: string };

const ok = <T,>(value: T): Parsed<T> => ({ value, error: null });
const bad = <T,>(error: string): Parsed<T> => ({ value: null, error });

/** "12 990.50" ₸ → 1299050 tiyn. */
export function parsePriceTenge(input: string, what = 'a price'): Parsed<number> {
  if (!input.trim()) return bad(`Enter ${what} in tenge, e.g. 12 990 or 12 990.50.`);
  const tiyn = parseMajorToMinor(input);
  if (tiyn === null) return bad('Use digits only, with at most two decimals (e.g. 12 990.50).');
  if (tiyn > MAX_PRICE_TIYN) return bad(`A price can be at most ${formatMoney({ amount: MAX_PRICE_TIYN, currency: 'KZT' })}.`);
  return ok(tiyn);
}

function parseWhole(input: string): number | null {
  const cleaned = input.replace(/[\s\u00a0_]/g, '');
  if (!/^[+-]?\d+$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isSafeInteger(n) ? n : null;
}

/** Units on hand: a whole number from 0 to 1 000 000. */
export function parseCount(input: string): Parsed<number> {
  if (!input.trim()) return bad('Enter how many units you have, e.g. 10.');
  const n = parseWhole(input);
  if (n === null || n < 0) return bad('The number of units must be a whole number, 0 or more.');
  if (n > MAX_COUNT) return bad('At most 1 000 000 units.');
  return ok(n);
}

/** A stock change: a non-zero whole number, "+10" to add, "-3" to take away. */
export function parseDelta(input: string): Parsed<number> {
  if (!input.trim()) return bad('Enter how many units to add (e.g. 10) or remove (e.g. -3).');
  const n = parseWhole(input);
  if (n === null) return bad('The change must be a whole number, e.g. 10 or -3.');
  if (n === 0) return bad('The change cannot be zero.');
  if (Math.abs(n) > MAX_DELTA) return bad('One change can move at most 1 000 000 units.');
  return ok(n);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A one-line text of `min` to `max` characters (no line breaks or control characters). */
export function checkLine(value: string, label: string, min: number, max: number): string | null {
  const v = value.trim();
  if (min > 0 && !v) return `Enter ${label}.`;
  if ([...v].length > max) return `${capitalize(label)} must be at most ${max} characters.`;
  if (CONTROL.test(v)) return `${capitalize(label)} must be on one line, without special characters.`;
  return null;
}

export function checkReason(reason: string): string | null {
  return checkLine(reason, 'a reason', 1, 200);
}

function capitalize(s: string): string {
  return s.replace(/^(a |an |the )/, '').replace(/^./, (c) => c.toUpperCase());
}

/** slugs (catalog: ≤100, shops: ≤60): a-z, 0-9 and -. */
export function checkSlug(slug: string, max: number): string | null {
  if (!slug) return 'Enter a web name (slug), e.g. green-tea.';
  if (slug.length > max) return `The web name must be at most ${max} characters.`;
  if (!/^[a-z0-9-]+$/.test(slug)) return 'The web name may use only a-z, 0-9 and -.';
  return null;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', ғ: 'g', қ: 'q',
  ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

/** A web name from a name: "Зелёный чай 100 g" → "zelenyi-chai-100-g". */
export function slugify(name: string, max = 100): string {
  const latin = [...name.toLowerCase()].map((c) => CYRILLIC[c] ?? c).join('');
  return latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** "hot, green tea ,, Hot" → ["hot", "green tea"]: trimmed, lower case, no repeats. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  for (const raw of input.split(',')) {
    const tag = raw.trim().toLowerCase();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export function checkTags(tags: string[]): string | null {
  if (tags.length > 20) return 'At most 20 tags.';
  const long = tags.find((t) => [...t].length > 40);
  if (long) return `The tag “${long.slice(0, 20)}…” is longer than 40 characters.`;
  if (tags.some((t) => CONTROL.test(t))) return 'Tags must not contain special characters.';
  return null;
}

export function checkImageUrl(url: string): string | null {
  const u = url.trim();
  if (!u) return null;
  if (u.length > 2000) return 'The image address must be at most 2000 characters.';
  if (!/^https?:\/\/\S+$/i.test(u)) return 'The image address must start with http:// or https://.';
  return null;
}

/** Degrees typed with a dot or comma, within ±`limit`. */
export function parseDegrees(input: string, label: string, limit: number): Parsed<number> {
  const cleaned = input.trim().replace(',', '.');
  if (!cleaned) return bad(`Enter the ${label}.`);
  if (!/^[+-]?\d+(\.\d+)?$/.test(cleaned)) return bad(`The ${label} must be a number, e.g. 43.2389.`);
  const n = Number(cleaned);
  if (Math.abs(n) > limit) return bad(`The ${label} must be between -${limit} and ${limit}.`);
  return ok(n);
}

/** Whether any field has an error. */
export function hasErrors(errors: Record<string, string | null | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}
