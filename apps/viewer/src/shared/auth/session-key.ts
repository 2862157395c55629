/** The API key lives in sessionStorage: it lasts for the browser session and no longer. */
const KEY = 'kindred.apiKey';
const ORG = 'kindred.organisation';

export interface StoredSession {
  apiKey: string;
  organisation: string;
}

export function readSession(): StoredSession | null {
  const apiKey = sessionStorage.getItem(KEY);
  if (!apiKey) return null;
  return { apiKey, organisation: sessionStorage.getItem(ORG) ?? '' };
}

export function writeSession(session: StoredSession): void {
  sessionStorage.setItem(KEY, session.apiKey);
  sessionStorage.setItem(ORG, session.organisation);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ORG);
}
