import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../shared/auth/auth-context.js';
import { writeSession } from '../shared/auth/session-key.js';
import { createQueryClient } from './app.js';
import { createTestRouter } from './router.js';

function renderAt(path: string) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AuthProvider>
        <RouterProvider router={createTestRouter(path)} />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

describe('routes', () => {
  it('sends visitors without a key to sign in, keeping where they were going', async () => {
    renderAt('/accounts/1/related');
    expect(await screen.findByLabelText('API key')).toBeInTheDocument();
  });

  it('shows the organisation and the navigation once signed in, and a page for unknown URLs', async () => {
    writeSession({ apiKey: 'k', organisation: 'Acme Corp' });
    renderAt('/no-such-page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByLabelText('Organisation')).toHaveTextContent('Acme Corp');
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent('AccountsSegmentsWhat-ifRuns');
  });
});
