import type { Client } from '@urql/core';
import { guestCart, sessionFromPayload, sessionStore, type AuthPayloadLike } from './session';
import { MergeGuestCartMutation } from './operations';

/** Stores the new session and moves a guest cart (if any) into the customer's cart. */
export async function completeSignIn(client: Client, payload: AuthPayloadLike): Promise<void> {
  sessionStore.set(sessionFromPayload(payload));
  const token = guestCart.get();
  if (!token) return;
  // The client's fetch reads the new token from the store.
  const result = await client.mutation(MergeGuestCartMutation, { guestToken: token }).toPromise();
  if (!result.error || result.error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND')) {
    guestCart.set(null);
  }
}
