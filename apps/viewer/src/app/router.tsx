import { lazy } from 'react';
import { createBrowserRouter, createMemoryRouter, Navigate, type RouteObject } from 'react-router';
import { Layout } from './layout.js';
import { RequireAuth } from './require-auth.js';
import { SignInPage } from './routes/sign-in-page.js';
import { NotFoundPage } from './routes/not-found-page.js';
import { RouteErrorPage } from './routes/route-error-page.js';

// Pages load on first visit: the graph, chart and worker code only where they are used.
const AccountsPage = lazy(() => import('./routes/accounts-page.js').then((m) => ({ default: m.AccountsPage })));
const AccountPage = lazy(() => import('./routes/account-page.js').then((m) => ({ default: m.AccountPage })));
const RunsPage = lazy(() => import('./routes/runs-page.js').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('./routes/run-page.js').then((m) => ({ default: m.RunPage })));
const SegmentsPage = lazy(() => import('./routes/segments-page.js').then((m) => ({ default: m.SegmentsPage })));
const SegmentPage = lazy(() => import('./routes/segment-page.js').then((m) => ({ default: m.SegmentPage })));
const WhatIfPage = lazy(() => import('./routes/what-if-page.js').then((m) => ({ default: m.WhatIfPage })));

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteErrorPage /> },
  {
    errorElement: <RouteErrorPage />,
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
