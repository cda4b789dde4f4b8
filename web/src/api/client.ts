import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWSClient, type Client as WSClient } from 'graphql-ws';
import { authenticator, GRAPHQL_PATH } from './auth';
import type { Session } from './session';

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
 * One urql client and one graphql-transport-ws client for one access token: when the token
 * changes (sign in, refresh, sign out) both are made anew, so subscriptions reconnect with
 * the new `connectionParams`.
 */
export function createApiClients(
  session: Session | null,
  options: { url?: string; wsUrl?: string } = {},
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
    fetch: authenticator.fetch,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
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
