import { useCallback, useState, useSyncExternalStore } from 'react';
import { useMutation } from 'urql';
import { useSession } from './hooks';
import { guestCart } from './session';
import { AddToCartMutation, StartGuestCartMutation } from './operations';
import type { CombinedError } from '@urql/core';

/** Variables that pick the cart: nothing for a signed-in customer, the guest token otherwise. */
export function useCartScope(): { guestToken: string | null; signedIn: boolean } {
  const session = useSession();
  const token = useSyncExternalStore(guestCart.subscribe, guestCart.get, guestCart.get);
  return { guestToken: session ? null : token, signedIn: !!session };
}

/**
 * Adds an offer to the signed-in customer's cart, or to the visitor's guest cart (started
 * on the first add).
 */
export function useAddToCart() {
  const session = useSession();
  const [, startGuest] = useMutation(StartGuestCartMutation);
  const [state, add] = useMutation(AddToCartMutation);
  const [guestError, setGuestError] = useState<CombinedError | null>(null);

  const addToCart = useCallback(
    async (offerId: string, quantity: number) => {
      setGuestError(null);
      let guestToken: string | null = null;
      let started = false;
      if (!session) {
        guestToken = guestCart.get();
        if (!guestToken) {
          const start = await startGuest({});
          if (start.error || !start.data) {
            setGuestError(start.error ?? null);
            return start;
          }
          guestToken = start.data.startGuestCart.token;
          started = true;
        }
      }
      const result = await add({ offerId, quantity, guestToken });
      if (!session && result.error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND') && guestToken) {
        // The guest cart is gone (merged or expired): start over once.
        guestCart.set(null);
      } else if (started && guestToken) {
        // Published only now that the item is in: the header's count, which starts on the
        // token, then reads the cart with it (not an empty one from before the add).
        guestCart.set(guestToken);
      }
      return result;
    },
    [session, startGuest, add],
  );

  return { addToCart, fetching: state.fetching, error: state.error ?? guestError, data: state.data };
}
