import type { ReactNode } from 'react';

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

/** The storefront's error alert: the shared `Problem`, in plain words (never a bare error code). */
export { Problem as ErrorAlert } from './Problem';
