import { describe, expect, it } from 'vitest';
import { consolesFor, hasAnyRole, landingFor } from './roles';

describe('roles', () => {
  it('sends each staff role to its console and shoppers to the shop', () => {
    expect(landingFor(['CUSTOMER'])).toBe('/');
    expect(landingFor(['CUSTOMER', 'SELLER'])).toBe('/seller');
    expect(landingFor(['CUSTOMER', 'KITCHEN'])).toBe('/kitchen');
    expect(landingFor(['CUSTOMER', 'COURIER'])).toBe('/courier');
    expect(landingFor(['CUSTOMER', 'ADMIN'])).toBe('/admin');
  });

  it('offers a person with several roles every console they may open', () => {
    expect(consolesFor(['CUSTOMER', 'SELLER', 'COURIER']).map((c) => c.path)).toEqual(['/courier', '/seller']);
    expect(consolesFor(['ADMIN']).map((c) => c.path)).toEqual(['/admin', '/kitchen', '/seller']);
    expect(consolesFor(['CUSTOMER'])).toEqual([]);
  });

  it('matches any of the wanted roles', () => {
    expect(hasAnyRole(['KITCHEN'], ['KITCHEN', 'ADMIN'])).toBe(true);
    expect(hasAnyRole(['CUSTOMER'], ['ADMIN'])).toBe(false);
  });
});
