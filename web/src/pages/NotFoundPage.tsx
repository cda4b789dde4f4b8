import { Link } from 'react-router-dom';
import { EmptyState } from '../components/Status';
import { usePageTitle } from '../lib/title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1 className="h3">Page not found</h1>
      <EmptyState title="There is nothing here">
        <Link to="/">Back to the catalog</Link>
      </EmptyState>
    </>
  );
}
