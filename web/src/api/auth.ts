import { sessionStore, sessionFromPayload, type Session, type SessionStore, type AuthPayloadLike } from './session';
import { RefreshSessionMutation } from './operations';
import { isPersistedQueryNotFound, persistedRequestBody } from './trusted';

export const GRAPHQL_PATH = '/graphql';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 30_000;

interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export function responseHasCode(body: GraphQLResponseBody | null, code: string): boolean {
  return !!body?.errors?.some((e) => e.extensions?.code === code);
}

/**
 * Trades refresh tokens for new sessions. Refresh tokens are single use (a replay ends the
 * sign-in), so concurrent callers share one in-flight exchange.
 */
export class Authenticator {
  private inflight: Promise<Session | null> | null = null;

  constructor(
    private readonly store: SessionStore = sessionStore,
    private readonly baseFetch: typeof fetch = (...args) => globalThis.fetch(...args),
    private readonly url: string = GRAPHQL_PATH,
  ) {}

  /** A new session from the stored refresh token; null (and signed out) when refused. */
  refresh(): Promise<Session | null> {
    if (this.inflight) return this.inflight;
    const current = this.store.get();
    if (!current) return Promise.resolve(null);
    this.inflight = (async () => {
      try {
        // A trusted document, sent as the urql client sends its operations: the hash alone,
        // then hash and text if the router does not know it (nothing ran, so the single-use
        // refresh token is still unspent).
        const post = (withQuery: boolean) =>
          this.baseFetch(this.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(
              persistedRequestBody(
                RefreshSessionMutation,
                { refreshToken: current.refreshToken },
                'RefreshSession',
                withQuery,
              ),
            ),
          });
        let res = await post(false);
        let body = (await res.json().catch(() => null)) as GraphQLResponseBody | null;
        if (isPersistedQueryNotFound(body)) {
          res = await post(true);
          body = (await res.json().catch(() => null)) as GraphQLResponseBody | null;
        }
        const payload = body?.data?.refreshToken as AuthPayloadLike | undefined;
        if (payload) {
          const next = sessionFromPayload(payload);
          // Someone may have signed out meanwhile; only replace the session we refreshed.
          if (this.store.get()?.refreshToken === current.refreshToken) this.store.set(next);
          return next;
        }
        if (body?.errors?.length) {
          // The refresh token was refused: that sign-in is over.
          if (this.store.get()?.refreshToken === current.refreshToken) this.store.clear();
          return null;
        }
        throw new Error(`refresh failed: HTTP ${res.status}`);
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  /** The session to send now, refreshed first when its access token is (about to be) expired. */
  async freshSession(now: number = Date.now()): Promise<Session | null> {
    const s = this.store.get();
    if (!s) return null;
    if (s.expiresAt - now > REFRESH_MARGIN_MS) return s;
    try {
      return await this.refresh();
    } catch {
      return s; // network trouble: try with what we have
    }
  }

  /**
   * A `fetch` for urql: adds `Authorization: Bearer …`, refreshes an expired token first, and
   * when the server still answers UNAUTHENTICATED, refreshes once and retries the request.
   */
  fetch: typeof fetch = async (input, init) => {
    const session = await this.freshSession();
    const send = (s: Session | null) => {
      const headers = new Headers(init?.headers);
      if (s) headers.set('authorization', `Bearer ${s.accessToken}`);
      else headers.delete('authorization');
      return this.baseFetch(input, { ...init, headers });
    };
    const res = await send(session);
    if (!session) return res;
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) return res;
    const body = (await res.clone().json().catch(() => null)) as GraphQLResponseBody | null;
    if (!responseHasCode(body, 'UNAUTHENTICATED')) return res;
    let next: Session | null = null;
    try {
      next = await this.refresh();
    } catch {
      return res;
    }
    if (!next) return res;
    return send(next);
  };
}

export const authenticator = new Authenticator();
