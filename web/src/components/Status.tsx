import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CombinedError } from '@urql/core';
import { codeLabel, errorItems } from '../api/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="d-flex align-items-center gap-2 my-4 text-secondary" role="status" aria-live="polite">
      <span className="spinner-border spinner-border-sm" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="text-center text-secondary border rounded p-4 my-3" role="status">
      <p className="h5 mb-2">{title}</p>
      {children}
    </div>
  );
}

/** Shows every GraphQL error message with its `extensions.code`. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: CombinedError | null | undefined;
  title?: string;
  onRetry?: () => void;
}) {
  const items = errorItems(error);
  if (items.length === 0) return null;
  const unauthenticated = items.some((e) => e.code === 'UNAUTHENTICATED');
  return (
    <div className="alert alert-danger" role="alert">
      {title && <p className="fw-semibold mb-1">{title}</p>}
      <ul className="list-unstyled mb-0">
        {items.map((item, i) => (
          <li key={i}>
            <span className="badge text-bg-danger me-2" title={item.code ?? undefined}>
              {codeLabel(item.code)}
            </span>
            <span className="error-message">{item.message}</span>
            {item.code && item.code !== 'NETWORK' && (
              <code className="ms-2 small text-danger-emphasis">{item.code}</code>
            )}
          </li>
        ))}
      </ul>
      {(unauthenticated || onRetry) && (
        <div className="mt-2 d-flex gap-2">
          {unauthenticated && (
            <Link className="btn btn-sm btn-outline-danger" to="/signin">
              Sign in
            </Link>
          )}
          {onRetry && (
            <button type="button" className="btn btn-sm btn-outline-danger" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      )}
    </div>
  );
}
