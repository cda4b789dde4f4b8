import type { MoneyValue } from '../lib/money';
import { Money } from './Money';

/** A delivery fee: "Free" when there is none, else the amount. */
function DeliveryFee({ fee }: { fee: MoneyValue }) {
  return fee.amount === 0 ? <span data-amount={0} data-currency={fee.currency}>Free</span> : <Money value={fee} />;
}

/**
 * Subtotal, the promo code's discount (when there is one), the delivery fee (when `deliveryFee`
 * is given) and the total of a cart or an order. A fee or total of null is not known yet (or
 * cannot be had): "—".
 */
export function OrderTotals({
  totals,
  className = 'row mb-0',
  totalTestId,
}: {
  totals: {
    subtotal: MoneyValue;
    discount: MoneyValue;
    total: MoneyValue | null;
    promoCode?: string | null;
    deliveryFee?: MoneyValue | null;
  };
  className?: string;
  totalTestId?: string;
}) {
  return (
    <dl className={className}>
      <dt className="col-7 fw-normal">Subtotal</dt>
      <dd className="col-5 text-end">
        <Money value={totals.subtotal} />
      </dd>
      {totals.discount.amount > 0 && (
        <>
          <dt className="col-7 fw-normal">Discount {totals.promoCode && `(${totals.promoCode})`}</dt>
          <dd className="col-5 text-end text-success">
            −<Money value={totals.discount} />
          </dd>
        </>
      )}
      {totals.deliveryFee !== undefined && (
        <>
          <dt className="col-7 fw-normal">Delivery</dt>
          <dd className="col-5 text-end" data-testid="delivery-fee-line">
            {totals.deliveryFee ? <DeliveryFee fee={totals.deliveryFee} /> : <Money value={null} />}
          </dd>
        </>
      )}
      <dt className="col-7">Total</dt>
      <dd className="col-5 text-end fw-bold mb-0" data-testid={totalTestId}>
        <Money value={totals.total} />
      </dd>
    </dl>
  );
}
