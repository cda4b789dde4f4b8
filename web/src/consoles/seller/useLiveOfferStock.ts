import { useSubscription } from 'urql';
import { StockChangedSubscription } from '../../api/operations';

export interface LiveStock {
  stock: number;
  inStock: boolean;
  /** A stock event arrived (the subscription is running). */
  live: boolean;
  error: ReturnType<typeof useSubscription>[0]['error'];
}

/**
 * One offer's units, live: `stockChanged(productId)` sends the product's stock now and after
 * every reservation, sale, restock or return, with each offer's own count.
 */
export function useLiveOfferStock(productId: string, offerId: string, initial: { stock: number; inStock: boolean }): LiveStock {
  const [live] = useSubscription({ query: StockChangedSubscription, variables: { productId } });
  const mine = live.data?.stockChanged.offers.find((o) => o.id === offerId);
  return {
    stock: mine?.stock ?? initial.stock,
    inStock: mine?.inStock ?? initial.inStock,
    live: !!mine,
    error: live.error,
  };
}
