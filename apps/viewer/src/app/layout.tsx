import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { LoadingState } from '../shared/components/states.js';
import { useAuth } from '../shared/auth/auth-context.js';

const NAV = [
  { to: '/accounts', label: 'Accounts' },
  { to: '/segments', label: 'Segments' },
  { to: '/what-if', label: 'What-if' },
  { to: '/runs', label: 'Runs' },
];

export function Layout() {
  const { session, signOut } = useAuth();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Kindred</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          <span className="org" aria-label="Organisation">
            {session?.organisation}
          </span>
          <button type="button" className="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<LoadingState label="Loading page…" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
