/**
 * The signed-in session: tokens and who they belong to, kept in localStorage so a reload
 * stays signed in. Components read it through `useSession` (useSyncExternalStore).
 */
export interface SessionCustomer {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  customer: SessionCustomer;
}

export interface AuthPayloadLike {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  customer: SessionCustomer;
}

const STORAGE_KEY = 'vitrine.session';

export function sessionFromPayload(payload: AuthPayloadLike, now: number = Date.now()): Session {
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: now + payload.expiresIn * 1000,
    customer: {
      id: payload.customer.id,
      email: payload.customer.email,
      name: payload.customer.name,
      roles: [...payload.customer.roles],
    },
  };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function load(): Session | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (
      typeof parsed.accessToken === 'string' &&
      typeof parsed.refreshToken === 'string' &&
      typeof parsed.expiresAt === 'number' &&
      parsed.customer
    ) {
      return parsed as Session;
    }
  } catch {
    /* fall through */
  }
  return null;
}

type Listener = () => void;

export class SessionStore {
  private session: Session | null;
  private listeners = new Set<Listener>();

  constructor(initial: Session | null = load()) {
    this.session = initial;
  }

  get = (): Session | null => this.session;

  set(session: Session | null): void {
    this.session = session;
    const s = storage();
    if (s) {
      if (session) s.setItem(STORAGE_KEY, JSON.stringify(session));
      else s.removeItem(STORAGE_KEY);
    }
    this.listeners.forEach((l) => l());
  }

  clear(): void {
    this.set(null);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Re-reads localStorage (another tab signed in or out). */
  reload(): void {
    const next = load();
    if (JSON.stringify(next) !== JSON.stringify(this.session)) {
      this.session = next;
      this.listeners.forEach((l) => l());
    }
  }
}

export const sessionStore = new SessionStore();

const GUEST_KEY = 'vitrine.guestCartToken';

const guestListeners = new Set<Listener>();

/**
 * The token of an anonymous visitor's guest cart, if they started one. Components read it
 * through `useCartScope` and re-render when it changes: the header's cart badge is paused
 * until there is a token, so it must hear about the first one at once.
 */
export const guestCart = {
  get(): string | null {
    return storage()?.getItem(GUEST_KEY) ?? null;
  },
  set(token: string | null): void {
    const s = storage();
    if (!s) return;
    if (token) s.setItem(GUEST_KEY, token);
    else s.removeItem(GUEST_KEY);
    guestListeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    guestListeners.add(listener);
    return () => guestListeners.delete(listener);
  },
};
