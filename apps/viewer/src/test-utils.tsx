import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { createQueryClient } from './app/app.js';
import { AuthProvider } from './shared/auth/auth-context.js';
import { writeSession } from './shared/auth/session-key.js';

/** Renders with the app's real providers, signed in with a key (no request is made unless the
 * component under test makes one). */
export function renderWithProviders(ui: ReactNode, { path = '/', signedIn = true } = {}) {
  if (signedIn) writeSession({ apiKey: 'test-key', organisation: 'Acme Corp' });
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}
