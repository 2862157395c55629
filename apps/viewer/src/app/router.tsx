import { createBrowserRouter, createMemoryRouter, Navigate, type RouteObject } from 'react-router';
import { Layout } from './layout.js';
import { RequireAuth } from './require-auth.js';
import { SignInPage } from './routes/sign-in-page.js';
import { AccountsPage } from './routes/accounts-page.js';
import { AccountPage } from './routes/account-page.js';
import { RunsPage } from './routes/runs-page.js';
import { RunPage } from './routes/run-page.js';
import { SegmentsPage } from './routes/segments-page.js';
import { SegmentPage } from './routes/segment-page.js';
import { WhatIfPage } from './routes/what-if-page.js';
import { NotFoundPage } from './routes/not-found-page.js';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/accounts" replace /> },
      { path: '/accounts', element: <AccountsPage /> },
      { path: '/accounts/:id', element: <AccountPage tab="profile" /> },
      { path: '/accounts/:id/related', element: <AccountPage tab="related" /> },
      { path: '/runs', element: <RunsPage /> },
      { path: '/runs/:id', element: <RunPage /> },
      { path: '/segments', element: <SegmentsPage /> },
      { path: '/segments/:id', element: <SegmentPage /> },
      { path: '/what-if', element: <WhatIfPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);

/** For component tests: the same routes in memory, starting at `path`. */
export const createTestRouter = (path: string) => createMemoryRouter(routes, { initialEntries: [path] });
