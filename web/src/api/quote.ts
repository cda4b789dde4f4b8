import { useCallback } from 'react';
import { useQuery } from 'urql';
import type { CombinedError } from '@urql/core';
import { DeliveryQuoteQuery } from './operations';
import type { DeliveryQuoteQuery as DeliveryQuoteResult } from '../gql/graphql';

export type Quote = DeliveryQuoteResult['deliveryQuote'];

export interface QuoteState {
  /** The quote for this address; null while it is asked for, or when it failed. */
  quote: Quote | null;
  /** Why there is no quote for this address (out of the delivery area, unknown address…). */
  error: CombinedError | null;
  /** Asked for and not answered yet (the address changed, or it is asked again). */
  pending: boolean;
  /** Asks again, from the server. */
  refresh: () => void;
}

/**
 * The delivery fee and promised time for the signed-in customer's cart to `addressId`, asked
 * again whenever the address changes and, through urql's document cache, whenever a mutation
 * answers with money (the cart or the wallet changed). Nothing is asked without an address or
 * with `pause`.
 */
export function useDeliveryQuote(addressId: string | null, { pause = false }: { pause?: boolean } = {}): QuoteState {
  const off = pause || !addressId;
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: DeliveryQuoteQuery,
    variables: { addressId: addressId ?? '' },
    pause: off,
    // A promise is about now: a quote from the cache shows while a fresh one is asked for.
    requestPolicy: 'cache-and-network',
  });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  if (off) return { quote: null, error: null, pending: false, refresh };
  // While fetching for a new address urql still holds the last address's answer: not this one.
  const pending = fetching || (!data && !error);
  return {
    quote: pending || error ? null : (data?.deliveryQuote ?? null),
    error: pending ? null : (error ?? null),
    pending,
    refresh,
  };
}
