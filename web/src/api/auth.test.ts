import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../test/sha256';
import { Authenticator } from './auth';
import { RefreshSessionMutation } from './operations';
import { SessionStore, type Session } from './session';
import { documentHash, TRUSTED_DOCUMENTS } from './trusted';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

const session: Session = {
  accessToken: 'old-access',
  refreshToken: 'old-refresh',
  expiresAt: Date.now() - 1,
  customer: { id: 'c1', email: 'a@example.kz', name: 'A', roles: ['CUSTOMER'] },
} as Session;

const refreshed = {
  data: {
    refreshToken: {
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      expiresIn: 900,
      customer: { id: 'c1', email: 'a@example.kz', name: 'A', roles: ['CUSTOMER'] },
    },
  },
};

describe('Authenticator.refresh: a trusted document too', () => {
  const hash = documentHash(RefreshSessionMutation)!;

  it('sends the hash alone, then hash and manifest text on PersistedQueryNotFound', async () => {
    const store = new SessionStore(session);
    const baseFetch = vi
      .fn(async (_input: RequestInfo | URL, _init?: RequestInit) => json(refreshed))
      .mockResolvedValueOnce(json({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }));
    const next = await new Authenticator(store, baseFetch, '/graphql').refresh();

    expect(next?.accessToken).toBe('new-access');
    expect(store.get()?.refreshToken).toBe('new-refresh');
    const [first, retry] = baseFetch.mock.calls.map(([, init]) => JSON.parse(init!.body as string));
    expect(first).not.toHaveProperty('query');
    expect(first).toEqual({
      operationName: 'RefreshSession',
      variables: { refreshToken: 'old-refresh' },
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(retry.query).toBe(TRUSTED_DOCUMENTS[hash]);
    expect(await sha256Hex(retry.query)).toBe(hash);
  });

  it('sends once when the router knows the hash', async () => {
    const store = new SessionStore(session);
    const baseFetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => json(refreshed));
    await new Authenticator(store, baseFetch, '/graphql').refresh();
    expect(baseFetch).toHaveBeenCalledTimes(1);
  });
});
