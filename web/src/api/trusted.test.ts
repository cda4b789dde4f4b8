import { describe, expect, it, vi } from 'vitest';
import type { DocumentNode } from 'graphql';
import manifestText from '../gql/persisted-documents.json?raw';
import * as generated from '../gql/graphql';
import { sha256Hex } from '../test/sha256';
import * as operations from './operations';
import {
  documentHash,
  isPersistedQueryNotFound,
  persistedRequestBody,
  TRUSTED_DOCUMENTS,
  trustedText,
  withTrustedText,
} from './trusted';

// The file as it is on disk (what the build copies to dist/), not the bundler's JSON import.
const manifestFile = JSON.parse(manifestText) as Record<string, string>;

// The staff consoles keep their operations beside them (src/consoles/<role>/operations.ts).
const consoleOperations = import.meta.glob<Record<string, unknown>>('../consoles/**/operations.ts', { eager: true });

/** Every generated operation document (fragments carry no hash: they are never sent alone). */
const operationDocuments = [operations as Record<string, unknown>, ...Object.values(consoleOperations)]
  .flatMap((module) => Object.entries(module))
  .filter(
    (entry): entry is [string, DocumentNode] =>
      typeof entry[1] === 'object' &&
      entry[1] !== null &&
      'definitions' in entry[1] &&
      (entry[1] as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition'),
  );

describe('trusted documents (src/gql/persisted-documents.json)', () => {
  it('keys every document by the SHA-256 hex of exactly its text', async () => {
    const entries = Object.entries(manifestFile);
    expect(entries.length).toBeGreaterThan(0);
    for (const [hash, text] of entries) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await sha256Hex(text), text).toBe(hash);
    }
  });

  it('is what the bundle imports', () => {
    expect(TRUSTED_DOCUMENTS).toEqual(manifestFile);
  });

  it('holds every operation the storefront sends, under the hash the client sends for it', async () => {
    expect(operationDocuments.length).toBeGreaterThan(20);
    const sent = new Set<string>();
    for (const [name, document] of operationDocuments) {
      const hash = documentHash(document);
      expect(hash, name).toBeDefined();
      expect(Object.keys(manifestFile), name).toContain(hash);
      const text = trustedText(document)!;
      expect(await sha256Hex(text), name).toBe(hash);
      // The manifest's text is this document's operation.
      const op = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      expect(text, name).toContain(`${op.operation} ${op.name!.value}`);
      sent.add(hash!);
    }
    // And nothing in the manifest that the storefront does not send.
    expect([...sent].sort()).toEqual(Object.keys(manifestFile).sort());
  });

  it('every generated operation document carries its hash', () => {
    const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document'));
    expect(documents.length).toBe(Object.keys(manifestFile).length);
    for (const [name, document] of documents) expect(manifestFile[documentHash(document)!], name).toBeDefined();
  });

  it('builds APQ bodies with the hash, and the text only when asked', () => {
    const hash = documentHash(operations.CategoriesQuery)!;
    expect(persistedRequestBody(operations.CategoriesQuery, {}, 'Categories', false)).toEqual({
      operationName: 'Categories',
      variables: {},
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(persistedRequestBody(operations.CategoriesQuery, {}, 'Categories', true)).toMatchObject({
      query: manifestFile[hash],
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(() => persistedRequestBody({ kind: 'Document', definitions: [] }, {}, undefined, true)).toThrow(/codegen/);
  });

  it('recognizes PersistedQueryNotFound', () => {
    expect(isPersistedQueryNotFound({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] })).toBe(true);
    expect(isPersistedQueryNotFound({ errors: [{ message: 'Something else' }] })).toBe(false);
    expect(isPersistedQueryNotFound({ data: {} })).toBe(false);
    expect(isPersistedQueryNotFound(null)).toBe(false);
  });
});

describe('withTrustedText', () => {
  const hash = documentHash(operations.CategoriesQuery)!;
  const ok = () => new Response('{}', { headers: { 'content-type': 'application/json' } });

  it('replaces the text of an APQ request with the manifest text for its hash', async () => {
    const base = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => ok());
    const body = {
      query: 'query Categories {\n  categories {\n    id\n  }\n}',
      operationName: 'Categories',
      extensions: { persistedQuery: { version: 1, sha256Hash: hash, miss: true } },
    };
    await withTrustedText(base)('/graphql', { method: 'POST', body: JSON.stringify(body) });
    const sent = JSON.parse(base.mock.calls[0][1]!.body as string);
    expect(sent.query).toBe(manifestFile[hash]);
    expect(sent.extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: hash } });
    expect(sent.operationName).toBe('Categories');
  });

  it('leaves hash-only requests, unknown hashes and other requests alone', async () => {
    const base = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => ok());
    const wrapped = withTrustedText(base);
    const bodies = [
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      JSON.stringify({ query: '{ a }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
      JSON.stringify({ query: '{ a }' }),
      'persistedQuery but not JSON',
    ];
    for (const body of bodies) await wrapped('/graphql', { method: 'POST', body });
    expect(base.mock.calls.map(([, init]) => init!.body)).toEqual(bodies);
  });
});
