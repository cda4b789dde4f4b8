/**
 * Which consoles a signed-in person may open. The API enforces every rule again; this only
 * decides where the web app sends people and what it offers them.
 */
export type Role = 'CUSTOMER' | 'SELLER' | 'KITCHEN' | 'COURIER' | 'ADMIN';

export interface Console {
  path: string;
  label: string;
  /** Any of these roles opens it. */
  roles: Role[];
}

/** In the order a person with several roles lands on them. */
export const CONSOLES: Console[] = [
  { path: '/admin', label: 'Admin', roles: ['ADMIN'] },
  { path: '/kitchen', label: 'Kitchen', roles: ['KITCHEN', 'ADMIN'] },
  { path: '/courier', label: 'Courier', roles: ['COURIER'] },
  { path: '/seller', label: 'Seller', roles: ['SELLER', 'ADMIN'] },
];

export function hasAnyRole(roles: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => roles.includes(role));
}

/** The consoles `roles` may open, in landing order. */
export function consolesFor(roles: readonly string[]): Console[] {
  return CONSOLES.filter((c) => hasAnyRole(roles, c.roles));
}

/** Where sign-in sends someone who did not ask for a page: their first console, else the shop. */
export function landingFor(roles: readonly string[]): string {
  return consolesFor(roles)[0]?.path ?? '/';
}
