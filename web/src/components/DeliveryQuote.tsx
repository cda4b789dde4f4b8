import { useQuery } from 'urql';
import { errorItems } from '../api/errors';
import { AccountQuery } from '../api/operations';
import { useDeliveryQuote, type Quote, type QuoteState } from '../api/quote';
import { formatDistance } from '../lib/geo';
import { formatClock, formatMinutes } from '../lib/time';
import { Money } from './Money';
import { outsideDeliveryArea, Problem, sentence, type Wording } from './Problem';

/** "Delivery ₸890" or "Free delivery". */
export function QuoteFee({ quote }: { quote: Pick<Quote, 'deliveryFee'> }) {
  return quote.deliveryFee.amount === 0 ? (
    <>Free delivery</>
  ) : (
    <>
      Delivery <Money value={quote.deliveryFee} />
    </>
  );
}

/** "Arrives by 14:35 · in about 32 min" (local time; the wait counted from `now`). */
export function QuotePromise({ promisedAt, now = new Date() }: { promisedAt: string; now?: Date }) {
  const wait = (new Date(promisedAt).getTime() - now.getTime()) / 1000;
  return (
    <>
      Arrives by <time dateTime={promisedAt}>{formatClock(promisedAt, now)}</time>
      {wait > 0 && <> · in about {formatMinutes(wait)}</>}
    </>
  );
}

/** What a quote says: the fee and the distance, then the promised time. */
export function QuoteDetails({ quote }: { quote: Quote }) {
  return (
    <>
      <p className="mb-0">
        <strong data-testid="quote-fee" data-amount={quote.deliveryFee.amount}>
          <QuoteFee quote={quote} />
        </strong>{' '}
        · <span data-testid="quote-distance" data-meters={quote.distanceMeters}>{formatDistance(quote.distanceMeters)} along the route</span>
      </p>
      <p className="mb-0" data-testid="quote-promise">
        <QuotePromise promisedAt={quote.promisedAt} />
      </p>
    </>
  );
}

/** The out-of-area refusal in plain words, or null for any other error. */
export function outOfAreaMessage(error: QuoteState['error'], next?: string): string | null {
  const refusal = errorItems(error).find((e) => e.code === 'BAD_USER_INPUT');
  return refusal ? outsideDeliveryArea(refusal.message, next) : null;
}

const QUOTE_WORDING: Wording = {
  BAD_USER_INPUT: sentence,
  NOT_FOUND: 'This address is no longer in your address book. Choose another address.',
};

/**
 * Checkout's delivery quote for the chosen address: a placeholder while it is worked out, the
 * fee, the distance and the promised time, or why there is none (outside the delivery area, in
 * plain words). Changes are announced politely.
 */
export function DeliveryQuotePanel({ state }: { state: QuoteState }) {
  const { quote, error, pending, refresh } = state;
  const refusal = outOfAreaMessage(error);
  return (
    <div className="small mb-3" aria-live="polite" aria-busy={pending} data-testid="delivery-quote">
      {pending && (
        <p className="text-secondary mb-0 d-flex align-items-center gap-2" data-testid="quote-pending">
          <span className="spinner-border spinner-border-sm" aria-hidden="true" />
          Working out the delivery fee and time…
        </p>
      )}
      {quote && <QuoteDetails quote={quote} />}
      {refusal && (
        <p className="alert alert-warning mb-0" data-testid="quote-refusal">
          {refusal}
        </p>
      )}
      {error && !refusal && (
        <Problem error={error} title="Could not work out the delivery" wording={QUOTE_WORDING} onRetry={refresh} className="mb-0" />
      )}
    </div>
  );
}

/**
 * The cart's delivery to the address checkout will preselect (the default, else the first):
 * fee, distance and promised time, or that it is outside the delivery area. Nothing without
 * an address, and nothing for other errors (checkout says those).
 */
export function DefaultAddressQuote() {
  const [{ data }] = useQuery({ query: AccountQuery });
  const addresses = data?.me.addresses ?? [];
  const address = addresses.find((a) => a.isDefault) ?? addresses[0] ?? null;
  const state = useDeliveryQuote(address?.id ?? null);
  const refusal = outOfAreaMessage(state.error, 'Choose another address at checkout.');
  if (!address || (state.error && !refusal)) return null;
  return (
    <div className="small mt-3" aria-live="polite" aria-busy={state.pending} data-testid="cart-delivery-quote">
      <p className="text-secondary mb-1 text-break">
        To <strong>{address.label}</strong>, your {address.isDefault ? 'default' : 'saved'} address
      </p>
      {state.pending && <p className="text-secondary mb-0">Working out the delivery fee and time…</p>}
      {state.quote && <QuoteDetails quote={state.quote} />}
      {refusal && (
        <p className="alert alert-warning mb-0 py-2" data-testid="quote-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
}
