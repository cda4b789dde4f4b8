import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from './hooks';
import { guestCart } from './session';
import { AddToCartMutation, StartGuestCartMutation } from './operations';
import type { CombinedError } from '@urql/core';

/** Variables that pick the cart: nothing for a signed-in customer, the guest token otherwise. */
export function useCartScope(): { guestToken: string | null; signedIn: boolean } {
  const session = useSession();
  // Re-read on every render: the token appears the moment a guest adds their first item.
  return { guestToken: session ? null : guestCart.get(), signedIn: !!session };
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
      if (!session) {
        guestToken = guestCart.get();
        if (!guestToken) {
          const started = await startGuest({});
          if (started.error || !started.data) {
            setGuestError(started.error ?? null);
            return started;
          }
          guestToken = started.data.startGuestCart.token;
          guestCart.set(guestToken);
        }
      }
      const result = await add({ offerId, quantity, guestToken });
      if (!session && result.error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND') && guestToken) {
        // The guest cart is gone (merged or expired): start over once.
        guestCart.set(null);
      }
      return result;
    },
    [session, startGuest, add],
  );

  return { addToCart, fetching: state.fetching, error: state.error ?? guestError, data: state.data };
}
