import { useEffect, useRef } from 'react';
import { createRequest, type CombinedError } from '@urql/core';
import { useClient } from 'urql';
import { pipe, subscribe } from 'wonka';
import type { SalesOrderRowFieldsFragment } from '../../../gql/graphql';
import { SalesOrderUpdatedSubscription } from './operations';

/**
 * Follows `orderUpdated` (every order as its status changes) and hands each one over as it
 * arrives (not batched into the last one, as a hook's `data` would be). A new `generation`
 * subscribes again, e.g. after the stream ended with an error.
 */
export function useLiveOrders(
  generation: number,
  onOrder: (order: SalesOrderRowFieldsFragment) => void,
  onError: (error: CombinedError) => void,
): void {
  const client = useClient();
  const handlers = useRef({ onOrder, onError });
  useEffect(() => {
    handlers.current = { onOrder, onError };
  });
  useEffect(() => {
    const request = createRequest(SalesOrderUpdatedSubscription, {});
    const { unsubscribe } = pipe(
      client.executeSubscription(request),
      subscribe((result) => {
        if (result.error) handlers.current.onError(result.error);
        else if (result.data?.orderUpdated) handlers.current.onOrder(result.data.orderUpdated);
      }),
    );
    return unsubscribe;
  }, [client, generation]);
}
