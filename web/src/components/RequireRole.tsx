import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../api/hooks';
import { consolesFor, hasAnyRole, type Role } from '../lib/roles';
import { RequireAuth } from './RequireAuth';

/**
 * A console page: signed-out visitors go to sign in; a signed-in person without one of
 * `roles` is told so (the API would refuse them anyway) and offered what they may open.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  return (
    <RequireAuth>
      <RoleGate roles={roles}>{children}</RoleGate>
    </RequireAuth>
  );
}

function RoleGate({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const session = useSession();
  const mine = session?.customer.roles ?? [];
  if (hasAnyRole(mine, roles)) return <>{children}</>;
  const others = consolesFor(mine);
  return (
    <div className="alert alert-warning" role="alert" data-testid="forbidden">
      <h1 className="h4">Not for this account</h1>
      <p className="mb-2">This page is for {roles.map((r) => r.toLowerCase()).join(' or ')} staff.</p>
      <p className="mb-0">
        <Link to="/">Back to the shop</Link>
        {others.map((c) => (
          <span key={c.path}>
            {' · '}
            <Link to={c.path}>{c.label} console</Link>
          </span>
        ))}
      </p>
    </div>
  );
}
