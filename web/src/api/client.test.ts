import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../test/sha256';
import { createApiClients, type ApiClients } from './client';
import { AddToCartMutation, CategoriesQuery, StockChangedSubscription } from './operations';
import { documentHash, TRUSTED_DOCUMENTS } from './trusted';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

const NOT_FOUND = {
  errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
};

const CATEGORIES = { __typename: 'Query', categories: [] };

/** A router: knows the hashes in `known`, learns a hash when sent with its matching text. */
function fakeRouter(known = new Set<string>()) {
  return vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(init!.body as string) as {
      query?: string;
      extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
    };
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    if (hash && body.query === undefined && !known.has(hash)) return json(NOT_FOUND);
    if (hash && body.query !== undefined) {
      if ((await sha256Hex(body.query)) !== hash) return json({ errors: [{ message: 'hash mismatch', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }] });
      known.add(hash);
    }
    return json({ data: CATEGORIES });
  });
}

type Sent = { query?: string; operationName?: string; variables?: unknown; extensions?: unknown };
const sentBodies = (fetchMock: ReturnType<typeof fakeRouter>): Sent[] =>
  fetchMock.mock.calls.map(([, init]) => JSON.parse(init!.body as string) as Sent);

let clients: ApiClients | null = null;
afterEach(() => {
  clients?.dispose();
  clients = null;
});

function clientWith(fetchMock: typeof fetch) {
  clients = createApiClients(null, { url: 'http://vitrine.test/graphql', wsUrl: 'ws://vitrine.test/graphql', fetch: fetchMock });
  return clients.client;
}

describe('urql client: trusted documents over APQ', () => {
  const hash = documentHash(CategoriesQuery)!;

  it('sends the hash alone, by POST, then hash and the manifest text on PersistedQueryNotFound', async () => {
    const router = fakeRouter();
    const result = await clientWith(router).query(CategoriesQuery, {}).toPromise();

    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(CATEGORIES);
    expect(router).toHaveBeenCalledTimes(2);
    for (const [, init] of router.mock.calls) expect(init!.method).toBe('POST');
    const [first, retry] = sentBodies(router);
    expect(first).not.toHaveProperty('query');
    expect(first).toMatchObject({
      operationName: 'Categories',
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    // The retry's text is the manifest's, byte for byte: its SHA-256 is the hash sent.
    expect(retry.query).toBe(TRUSTED_DOCUMENTS[hash]);
    expect(await sha256Hex(retry.query!)).toBe(hash);
    expect(retry).toMatchObject({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  });

  it('sends only the hash when the router knows the document', async () => {
    const router = fakeRouter(new Set([hash]));
    const result = await clientWith(router).query(CategoriesQuery, {}).toPromise();
    expect(result.data).toEqual(CATEGORIES);
    expect(router).toHaveBeenCalledTimes(1);
    expect(sentBodies(router)[0]).not.toHaveProperty('query');
  });

  it('retries once, not forever, and reports the error when the router never knows the hash', async () => {
    // urql warns (in development) about the second miss, which is the point here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const router = vi.fn(async () => json(NOT_FOUND));
    const result = await clientWith(router as unknown as typeof fetch).query(CategoriesQuery, {}).toPromise();
    expect(router).toHaveBeenCalledTimes(2);
    expect(result.error?.graphQLErrors[0]?.message).toBe('PersistedQueryNotFound');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('persists mutations the same way', async () => {
    const router = fakeRouter();
    const variables = { offerId: 'o1', quantity: 1, guestToken: null };
    await clientWith(router).mutation(AddToCartMutation, variables).toPromise();
    const mutationHash = documentHash(AddToCartMutation)!;
    const [first, retry] = sentBodies(router);
    expect(first).not.toHaveProperty('query');
    expect(first).toMatchObject({
      operationName: 'AddToCart',
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: mutationHash } },
    });
    expect(retry.query).toBe(TRUSTED_DOCUMENTS[mutationHash]);
  });

  it('sends subscriptions over WebSocket with the manifest text, which the router hashes', async () => {
    const router = fakeRouter();
    const client = clientWith(router);
    const subscribe = vi.spyOn(clients!.ws, 'subscribe').mockImplementation(() => () => undefined);
    const { unsubscribe } = client.subscription(StockChangedSubscription, { productId: 'p1' }).subscribe(() => undefined);
    await vi.waitFor(() => expect(subscribe).toHaveBeenCalledTimes(1));
    const payload = subscribe.mock.calls[0][0];
    const subscriptionHash = documentHash(StockChangedSubscription)!;
    expect(payload.query).toBe(TRUSTED_DOCUMENTS[subscriptionHash]);
    expect(await sha256Hex(payload.query)).toBe(subscriptionHash);
    expect(payload.variables).toEqual({ productId: 'p1' });
    expect(router).not.toHaveBeenCalled();
    unsubscribe();
  });
});
