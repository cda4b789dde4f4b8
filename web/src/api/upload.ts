import { CombinedError } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { SellerAddProductImageMutation } from '../consoles/seller/operations';
import type { SellerAddProductImageMutation as AddProductImageData } from '../gql/graphql';
import { GRAPHQL_PATH } from './auth';
import { trustedText } from './trusted';

/**
 * Files go to the API with the GraphQL multipart request spec
 * (https://github.com/jaydenseric/graphql-multipart-request-spec): a `multipart/form-data`
 * POST to `/graphql` of `operations` (the request as JSON, each file's variable null), `map`
 * (which file goes into which variable) and the files, with `apollo-require-preflight: true`
 * (the router refuses an upload without it: a cross-site form cannot send it). urql's
 * persisted-query client cannot send that, so these go by `fetch`, with the operation's text
 * (the trusted manifest's).
 */

/** The largest picture the API takes (the router refuses more with HTTP 413). */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;

/** The kinds of picture the API takes (it checks the bytes, not the name or the type). */
export const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** The header the router wants on every upload. */
export const PREFLIGHT_HEADER = 'apollo-require-preflight';

/** What an upload came back with: urql's shape, so the usual `Problem` can word a refusal. */
export interface UploadResult<Data> {
  data: Data | null;
  error: CombinedError | null;
  /** The HTTP status (0 when no answer came). */
  status: number;
}

export interface UploadOptions {
  fetch?: typeof fetch;
  url?: string;
}

/** The operation's text: the trusted manifest's for a generated document, else printed. */
function operationText(document: DocumentNode): string {
  return trustedText(document) ?? print(document);
}

/**
 * The multipart body for `document` with `variables`, each of `files` (variable name → file)
 * sent as its own part named 0, 1, … after `operations` and `map`, its variable null in
 * `operations` as the spec says.
 */
export function multipartBody(document: DocumentNode, variables: Readonly<Record<string, unknown>>, files: Record<string, Blob>): FormData {
  const names = Object.keys(files);
  const operations = { query: operationText(document), variables: { ...variables, ...Object.fromEntries(names.map((n) => [n, null])) } };
  const map = Object.fromEntries(names.map((name, i) => [String(i), [`variables.${name}`]]));
  const body = new FormData();
  body.append('operations', JSON.stringify(operations));
  body.append('map', JSON.stringify(map));
  names.forEach((name, i) => {
    const file = files[name];
    body.append(String(i), file, file instanceof File ? file.name : name);
  });
  return body;
}

interface ResponseBody<Data> {
  data?: Data | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Sends `document` with files as a multipart request and reads the JSON answer. */
export async function sendUpload<Data, Variables extends Record<string, unknown>>(
  token: string | null,
  document: TypedDocumentNode<Data, Variables>,
  /** The variables but the files'. */
  variables: Partial<Variables>,
  files: Record<string, Blob>,
  { fetch: fetchImpl = (...args) => globalThis.fetch(...args), url = GRAPHQL_PATH }: UploadOptions = {},
): Promise<UploadResult<Data>> {
  const headers: Record<string, string> = { accept: 'application/json', [PREFLIGHT_HEADER]: 'true' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    // No content-type: the browser writes multipart/form-data with its boundary.
    response = await fetchImpl(url, { method: 'POST', headers, body: multipartBody(document, variables, files) });
  } catch (e) {
    return { data: null, error: new CombinedError({ networkError: e instanceof Error ? e : new Error(String(e)) }), status: 0 };
  }
  const status = response.status;
  const body = (await response.json().catch(() => null)) as ResponseBody<Data> | null;
  if (body?.errors?.length) {
    return { data: body.data ?? null, error: new CombinedError({ graphQLErrors: body.errors, response }), status };
  }
  if (status === 413) {
    // Refused before the router read it (a proxy's limit, say): the same words as the router's.
    const tooLarge = { message: 'the upload is larger than 5 MiB', extensions: { code: 'BAD_USER_INPUT' } };
    return { data: null, error: new CombinedError({ graphQLErrors: [tooLarge], response }), status };
  }
  if (!response.ok || !body?.data) {
    return { data: null, error: new CombinedError({ networkError: new Error(`HTTP ${status}`), response }), status };
  }
  return { data: body.data, error: null, status };
}

/**
 * Adds `file` as a picture of the product (`addProductImage`), described by `alt`; `token` is
 * the session's access token (see `authenticator.freshSession`). The answer holds the
 * product's pictures, the new one last.
 */
export function uploadProductImage(
  token: string | null,
  productId: string,
  file: Blob,
  alt: string,
  options?: UploadOptions,
): Promise<UploadResult<AddProductImageData>> {
  return sendUpload(token, SellerAddProductImageMutation, { productId, alt }, { file }, options);
}
