import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClients } from './client';
import { authenticator, REFRESH_MARGIN_MS } from './auth';
import { sessionStore } from './session';
import { useSession } from './hooks';

/** Provides the urql client for the current access token and keeps the token fresh. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const token = session?.accessToken ?? null;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const clients = useMemo(() => createApiClients(sessionStore.get()), [token]);

  useEffect(() => () => clients.dispose(), [clients]);

  // Refresh shortly before the access token expires (subscriptions end when it does).
  useEffect(() => {
    if (!session) return;
    const delay = Math.max(1_000, session.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    const timer = window.setTimeout(() => {
      authenticator.refresh().catch(() => undefined);
    }, delay);
    return () => window.clearTimeout(timer);
  }, [session]);

  // Another tab signed in or out.
  useEffect(() => {
    const onStorage = () => sessionStore.reload();
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  return <Provider value={clients.client}>{children}</Provider>;
}
