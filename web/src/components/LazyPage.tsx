import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { CombinedError } from '@urql/core';
import { Problem } from './Problem';
import { Loading } from './Status';

/** A page's code that could not be downloaded (offline, or a redeploy removed the old chunk). */
export class PageLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PageLoadError';
  }
}

/**
 * A page in its own chunk, downloaded on its first visit, so a shopper's first load does not
 * carry the staff consoles (or pages behind sign-in). Show it inside `LazyPage`.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    load().then(
      (page) => ({ default: page }),
      (cause: unknown) => {
        throw new PageLoadError(cause);
      },
    ),
  );
}

const WORDING = {
  NETWORK:
    'This page could not be loaded. Vitrine may have just been updated, or the connection dropped: reload the page to get the current version.',
};

interface BoundaryState {
  error: unknown;
}

/** Catches a failed download of a lazy page only; any other error goes on to the next boundary. */
class PageLoadBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Not ours: rethrown during render, it reaches the next boundary up.
    if (!(error instanceof PageLoadError)) throw error;
    return (
      <Problem
        error={new CombinedError({ networkError: error })}
        wording={WORDING}
        onRetry={() => window.location.reload()}
        retryLabel="Reload the page"
      />
    );
  }
}

/** Where a `lazyPage` appears: a loading line while its code arrives, a reload offer if it cannot. */
export function LazyPage({ children }: { children: ReactNode }) {
  return (
    <PageLoadBoundary>
      <Suspense fallback={<Loading label="Loading the page…" />}>{children}</Suspense>
    </PageLoadBoundary>
  );
}
