import { Link } from 'react-router-dom';
import { EmptyState } from './Status';

export function EmptyCart() {
  return (
    <EmptyState title="Your cart is empty">
      <Link to="/" className="btn btn-primary mt-2">
        Browse the catalog
      </Link>
    </EmptyState>
  );
}
