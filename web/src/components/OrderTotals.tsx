import type { MoneyValue } from '../lib/money';
import { Money } from './Money';

/** Subtotal, the promo code's discount (when there is one) and the total of a cart or an order. */
export function OrderTotals({
  totals,
  className = 'row mb-0',
  totalTestId,
}: {
  totals: { subtotal: MoneyValue; discount: MoneyValue; total: MoneyValue; promoCode?: string | null };
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
      <dt className="col-7">Total</dt>
      <dd className="col-5 text-end fw-bold mb-0" data-testid={totalTestId}>
        <Money value={totals.total} />
      </dd>
    </dl>
  );
}
