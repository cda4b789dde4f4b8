import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWSClient, type Client as WSClient } from 'graphql-ws';
import { authenticator, GRAPHQL_PATH } from './auth';
import type { Session } from './session';
import { documentHash, trustedText, withTrustedText } from './trusted';

export function defaultWsUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${GRAPHQL_PATH}`;
}

/** What the server reads from `connection_init`: `{ Authorization: "Bearer …" }`. */
export function connectionParamsFor(session: Session | null): Record<string, string> {
  return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
}

export interface ApiClients {
  client: Client;
  ws: WSClient;
  dispose(): void;
}

/**
 * Queries and mutations go as Automatic Persisted Queries (Apollo's protocol): a POST with
 * `extensions.persistedQuery.sha256Hash` (the codegen hash, `__meta__.hash`) and no `query`;
 * when the router answers `PersistedQueryNotFound`, once more with hash and the manifest's
 * text (see `withTrustedText`). Not enforced, so that retry happens.
 */
export function trustedDocumentsExchange(): Exchange {
  return persistedExchange({
    preferGetForPersistedQueries: false,
    enforcePersistedQueries: false,
    enableForMutation: true,
    enableForSubscriptions: false,
    generateHash: async (_query, document) => documentHash(document) ?? null,
  });
}

/**
 * One urql client and one graphql-transport-ws client for one access token: when the token
 * changes (sign in, refresh, sign out) both are made anew, so subscriptions reconnect with
 * the new `connectionParams`.
 */
export function createApiClients(
  session: Session | null,
  options: { url?: string; wsUrl?: string; fetch?: typeof fetch } = {},
): ApiClients {
  const ws = createWSClient({
    url: options.wsUrl ?? defaultWsUrl(),
    connectionParams: () => connectionParamsFor(session),
    lazy: true,
    retryAttempts: 10,
    keepAlive: 15_000,
    shouldRetry: () => true,
  });

  const client = new Client({
    url: options.url ?? GRAPHQL_PATH,
    fetch: withTrustedText(options.fetch ?? authenticator.fetch),
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      trustedDocumentsExchange(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request, operation) {
          // Subscriptions send their text, the manifest's: the router checks its hash.
          const input = { ...request, query: trustedText(operation.query) ?? request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    ws,
    dispose() {
      void ws.dispose();
    },
  };
}
