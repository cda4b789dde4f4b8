/**
 * SHA-256 (hex) of the UTF-8 bytes of `text`. Under Vitest `globalThis.crypto` is Node's
 * (`node:crypto`'s webcrypto), so this is Node's hashing, not the client's code.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
