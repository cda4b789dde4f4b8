import manifest from '../gql/persisted-documents.json';

/**
 * Trusted documents: `npm run codegen` writes src/gql/persisted-documents.json, the SHA-256
 * (hex) of each operation's text → that text, and puts the hash on each generated document as
 * `__meta__.hash`. `vite build` copies the file to dist/, where the router loads it.
 *
 * The router checks a hash against sha256(text) of exactly this text, which is not what urql
 * would print for the same document; so whenever the storefront sends text (the retry after
 * `PersistedQueryNotFound`, and subscriptions over WebSocket) it is the manifest's.
 */
export const TRUSTED_DOCUMENTS: Readonly<Record<string, string>> = manifest;

/** What Apollo's APQ protocol answers for a hash the server does not know. */
export const PERSISTED_QUERY_NOT_FOUND = 'PersistedQueryNotFound';

/** The codegen hash of a generated document, or undefined for any other document. */
export function documentHash(document: unknown): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } } | null | undefined)?.__meta__?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** The manifest's text for a generated document, or undefined when it has none. */
export function trustedText(document: unknown, documents: Readonly<Record<string, string>> = TRUSTED_DOCUMENTS): string | undefined {
  const hash = documentHash(document);
  return hash === undefined ? undefined : documents[hash];
}

/** The body of an APQ request: the hash, and the text only when `withQuery`. */
export function persistedRequestBody(
  document: unknown,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  withQuery: boolean,
  documents: Readonly<Record<string, string>> = TRUSTED_DOCUMENTS,
): Record<string, unknown> {
  const sha256Hash = documentHash(document);
  const query = trustedText(document, documents);
  if (!sha256Hash || query === undefined) throw new Error('not a trusted document: run `npm run codegen`');
  return {
    ...(withQuery ? { query } : {}),
    operationName,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash } },
  };
}

/** Whether a GraphQL response body says the server does not know the hash. */
export function isPersistedQueryNotFound(body: unknown): boolean {
  const errors = (body as { errors?: Array<{ message?: unknown }> } | null | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.message === PERSISTED_QUERY_NOT_FOUND);
}

/**
 * A `fetch` for urql's fetchExchange: when an APQ request carries its text too (the retry
 * after `PersistedQueryNotFound`), the text becomes the manifest's for that hash, since urql
 * sends its own printing of the document, whose SHA-256 is another. Everything else passes
 * through untouched.
 */
export function withTrustedText(
  fetchImpl: typeof fetch,
  documents: Readonly<Record<string, string>> = TRUSTED_DOCUMENTS,
): typeof fetch {
  return (input, init) => {
    const body = init?.body;
    if (typeof body === 'string' && body.includes('"persistedQuery"')) {
      try {
        const parsed = JSON.parse(body) as {
          query?: string;
          extensions?: { persistedQuery?: { sha256Hash?: string; miss?: boolean } };
        };
        const persisted = parsed.extensions?.persistedQuery;
        const text = persisted?.sha256Hash ? documents[persisted.sha256Hash] : undefined;
        if (persisted && typeof parsed.query === 'string' && text !== undefined) {
          parsed.query = text;
          // urql's bookkeeping for its retry; not part of the protocol.
          delete persisted.miss;
          return fetchImpl(input, { ...init, body: JSON.stringify(parsed) });
        }
      } catch {
        // not JSON: send as is
      }
    }
    return fetchImpl(input, init);
  };
}
