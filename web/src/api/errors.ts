import type { CombinedError } from '@urql/core';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | string;

export interface ApiErrorItem {
  code: ErrorCode | null;
  message: string;
  extensions: Record<string, unknown>;
}

/** One entry per GraphQL error (with its `extensions.code`), or one for a network error. */
export function errorItems(error: CombinedError | null | undefined): ApiErrorItem[] {
  if (!error) return [];
  if (error.graphQLErrors.length > 0) {
    return error.graphQLErrors.map((e) => {
      const extensions = (e.extensions ?? {}) as Record<string, unknown>;
      const code = typeof extensions.code === 'string' ? extensions.code : null;
      return { code, message: e.message, extensions };
    });
  }
  if (error.networkError) {
    return [{ code: 'NETWORK', message: `Cannot reach the server: ${error.networkError.message}`, extensions: {} }];
  }
  return [{ code: null, message: error.message, extensions: {} }];
}

export function hasCode(error: CombinedError | null | undefined, code: ErrorCode): boolean {
  return errorItems(error).some((e) => e.code === code);
}

/** A network error (nothing definitive from the server): the same attempt may be retried. */
export function isNetworkOnly(error: CombinedError | null | undefined): boolean {
  return !!error && error.graphQLErrors.length === 0 && !!error.networkError;
}
