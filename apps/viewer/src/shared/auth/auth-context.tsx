import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client.js';
import { clearSession, readSession, writeSession, type StoredSession } from './session-key.js';
import { fetchOrganisation } from './identity.js';

export interface AuthState {
  session: StoredSession | null;
  client: ApiClient | null;
  /** Checks the key against the API, then keeps it for the browser session. */
  signIn(apiKey: string): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => readSession());

  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
  }, []);

  const signIn = useCallback(async (apiKey: string) => {
    const key = apiKey.trim();
    if (!key) throw new Error('Enter an API key.');
    const organisation = await fetchOrganisation(new ApiClient(key));
    const next = { apiKey: key, organisation };
    writeSession(next);
    setSession(next);
  }, []);

  const client = useMemo(() => (session ? new ApiClient(session.apiKey, signOut) : null), [session, signOut]);
  const value = useMemo<AuthState>(() => ({ session, client, signIn, signOut }), [session, client, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The signed-in client; only for components rendered behind the sign-in guard. */
export function useApi(): ApiClient {
  const { client } = useAuth();
  if (!client) throw new Error('Not signed in');
  return client;
}
