import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { Provider } from 'urql';
import { createRequest, type Client, type GraphQLRequest, type OperationContext, type OperationResult } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { concat, filter, never, pipe, take, toPromise, type Source } from 'wonka';
import { vi } from 'vitest';

export type MockResult = Partial<OperationResult>;

/** Answers one operation: gets its operation name and variables, returns a wonka source. */
export type MockHandler = (
  operationName: string,
  variables: Record<string, unknown>,
  context: Partial<OperationContext> | undefined,
) => Source<MockResult>;

export function operationName(doc: DocumentNode): string {
  for (const def of doc.definitions) {
    if (def.kind === 'OperationDefinition' && def.name) return def.name.value;
  }
  return '';
}

/**
 * A stand-in for the urql `Client`: the three methods the urql React hooks call, and
 * `query(…).toPromise()` for a page that asks once (answered by `executeQuery`, as urql's
 * own `query` is). The three are `vi.fn`s so tests can assert on what was requested. Unhandled
 * operations never answer (they stay "fetching").
 */
export function mockClient(handlers: { query?: MockHandler; mutation?: MockHandler; subscription?: MockHandler } = {}) {
  const dispatch = (handler: MockHandler | undefined) =>
    vi.fn((request: GraphQLRequest, context?: Partial<OperationContext>): Source<MockResult> =>
      handler
        ? handler(operationName(request.query), (request.variables ?? {}) as Record<string, unknown>, context)
        : never,
    );
  // A real client's query source stays open (cache updates arrive later); one that ends
  // makes urql reset `fetching` and drop an `error`, so keep ours open too.
  const query: MockHandler | undefined = handlers.query && ((...args) => concat([handlers.query!(...args), never]));
  const executeQuery = dispatch(query);
  const executeMutation = dispatch(handlers.mutation);
  const executeSubscription = dispatch(handlers.subscription);
  const queryOnce = (doc: DocumentNode, variables?: Record<string, unknown>, context?: Partial<OperationContext>) => {
    const source = executeQuery(createRequest(doc, variables ?? {}), context);
    return Object.assign(source, { toPromise: () => pipe(source, filter((r: MockResult) => !r.stale), take(1), toPromise) });
  };
  const client = { executeQuery, executeMutation, executeSubscription, query: queryOnce } as unknown as Client;
  return { client, executeQuery, executeMutation, executeSubscription };
}

/** The variables of every call of a mocked execute* method for one operation. */
export function callsFor(mock: ReturnType<typeof mockClient>['executeQuery'], name: string) {
  return mock.mock.calls
    .filter(([request]) => operationName(request.query) === name)
    .map(([request, context]) => ({ variables: request.variables as Record<string, unknown>, context }));
}

/** Shows the router's current location, so tests can assert on URL changes. */
export function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

/**
 * Renders `ui` with an urql Provider and a MemoryRouter at `route`; with `path`, `ui` is
 * mounted as that route's element (so `useParams` works).
 */
export function renderWithClient(
  ui: ReactElement,
  { client = mockClient().client, route = '/', path }: { client?: Client; route?: string; path?: string } = {},
) {
  const content: ReactNode = path ? (
    <Routes>
      <Route path={path} element={ui} />
      <Route path="*" element={<p>Elsewhere</p>} />
    </Routes>
  ) : (
    ui
  );
  return render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[route]}>
        {content}
        <LocationProbe />
      </MemoryRouter>
    </Provider>,
  );
}

/** A router only (for components with links but no GraphQL). */
export function renderWithRouter(ui: ReactElement, route = '/') {
  return render(
    <MemoryRouter initialEntries={[route]}>
      {ui}
      <LocationProbe />
    </MemoryRouter>,
  );
}
