// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid, UUID_RE } from './ids';

describe('uuid', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes distinct version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 50 }, () => uuid()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_RE);
  });

  it('builds a valid UUID from random bytes without crypto.randomUUID', () => {
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => b.fill(0xff) });
    expect(uuid()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('falls back to Math.random without Web Crypto', () => {
    vi.stubGlobal('crypto', undefined);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(uuid()).toBe('00000000-0000-4000-8000-000000000000');
  });
});
