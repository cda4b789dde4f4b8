import { Link } from 'react-router-dom';
import type { CombinedError } from '@urql/core';
import { errorItems, type ErrorCode } from '../api/errors';

/** What to say for one code: a fixed sentence, or one made from the server's message. */
export type Say = string | ((message: string) => string);

/**
 * What to say for error codes in one place, where the general wording is not enough.
 * `OTHER` stands for every code this wording does not name (instead of the general wording).
 */
export type Wording = Partial<Record<ErrorCode | 'NETWORK' | 'OTHER', Say>>;

/** `text` as a sentence: trimmed, capitalised, ending with a full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** `text` with its first letter small, to follow a colon. */
export function lowerFirst(text: string): string {
  return text.replace(/^./, (c) => c.toLowerCase());
}

/**
 * The server's refusal of an address beyond the delivery area (a `BAD_USER_INPUT`), e.g. "this
 * address is outside our delivery area: 978.3 km from the shop, and we deliver up to 25.0 km".
 */
const OUTSIDE_AREA = /outside our delivery area(?::\s*(\d+(?:\.\d+)?) km from the shop, and we deliver up to (\d+(?:\.\d+)?) km)?/i;

/** "25.0" → "25", "978.3" → "978.3". */
const km = (text: string) => String(Number(text));

/**
 * Plain words for the out-of-area refusal, ending with `next` (what the shopper can do), or
 * null when `message` is not that refusal.
 */
export function outsideDeliveryArea(message: string, next = 'Choose another address.'): string | null {
  const match = OUTSIDE_AREA.exec(message);
  if (!match) return null;
  const [, distance, limit] = match;
  const detail = distance && limit ? ` (${km(distance)} km from the shop; we deliver up to ${km(limit)} km)` : '';
  return `We do not deliver to this address yet: it is outside our delivery area${detail}. ${next}`;
}

/**
 * The general wording: the server's own message where it explains the input (BAD_USER_INPUT,
 * CONFLICT, NOT_FOUND, OUT_OF_STOCK, PAYMENT_DECLINED), a general sentence otherwise.
 */
const GENERAL: Wording = {
  BAD_USER_INPUT: (message) => outsideDeliveryArea(message) ?? `Please check the form: ${lowerFirst(sentence(message))}`,
  CONFLICT: sentence,
  NOT_FOUND: sentence,
  OUT_OF_STOCK: sentence,
  PAYMENT_DECLINED: (message) => `The payment was declined: ${lowerFirst(sentence(message))}`,
  FORBIDDEN: 'This account may not do that.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  RATE_LIMITED: 'Too many requests at once. Wait a moment and try again.',
  NETWORK: 'Cannot reach Vitrine. Check the connection and try again.',
  INTERNAL: 'Something went wrong on our side. Nothing was changed; please try again.',
};

/** Plain words for one API error, never a bare code: `wording` first, then the general wording. */
export function plainMessage(code: string | null, message: string, wording: Wording = {}): string {
  const say = (code && wording[code]) || wording.OTHER || (code && GENERAL[code]);
  const text = typeof say === 'function' ? say(message) : say;
  return text || sentence(message) || 'Something went wrong. Please try again.';
}

export interface ProblemProps {
  error: CombinedError | null | undefined;
  title?: string;
  wording?: Wording;
  onRetry?: () => void;
  retryLabel?: string;
  /** Added to the alert's classes. */
  className?: string;
  /** Full-size buttons, for touch screens. */
  touch?: boolean;
}

/** The errors of a query or mutation, in plain words, as an alert (with "Sign in" when the session ended). */
export function Problem({ error, title, wording, onRetry, retryLabel = 'Try again', className, touch }: ProblemProps) {
  const items = errorItems(error);
  if (items.length === 0) return null;
  const unauthenticated = items.some((e) => e.code === 'UNAUTHENTICATED');
  const messages = [...new Set(items.map((e) => plainMessage(e.code, e.message, wording)))];
  const button = touch ? 'btn btn-outline-danger' : 'btn btn-sm btn-outline-danger';
  return (
    <div className={className ? `alert alert-danger ${className}` : 'alert alert-danger'} role="alert" data-testid="problem">
      {title && <p className="fw-semibold mb-1">{title}</p>}
      {messages.length === 1 ? (
        <p className="mb-0 error-message">{messages[0]}</p>
      ) : (
        <ul className="mb-0">
          {messages.map((m) => (
            <li key={m} className="error-message">
              {m}
            </li>
          ))}
        </ul>
      )}
      {(unauthenticated || onRetry) && (
        <div className="mt-2 d-flex gap-2">
          {unauthenticated && (
            <Link className={button} to="/signin">
              Sign in
            </Link>
          )}
          {onRetry && (
            <button type="button" className={button} onClick={onRetry}>
              {retryLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
