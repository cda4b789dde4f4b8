import type { LiveStock } from './useLiveOfferStock';

/** An offer's units with a live dot; `aria-live` so screen readers hear a change. */
export function LiveStockBadge({ stock, name }: { stock: LiveStock; name: string }) {
  const low = stock.stock <= 5;
  return (
    <div
      className={`small d-inline-flex align-items-center gap-1 ${stock.inStock ? (low ? 'text-warning-emphasis' : 'text-success') : 'text-danger'}`}
      aria-live="polite"
      aria-atomic="true"
      data-testid="offer-stock"
      data-stock={stock.stock}
    >
      <span className={`live-dot ${stock.live ? 'on' : ''}`} aria-hidden="true" />
      <span className="visually-hidden">{name}: </span>
      <span>
        <strong>{stock.stock}</strong> in stock
      </span>
      {stock.live && <span className="visually-hidden"> (live)</span>}
    </div>
  );
}
