import { Link, NavLink, useParams } from 'react-router';
import { AccountProfile, useAccount } from '../../features/accounts/index.js';
import { RelatedAccountsPanel } from '../../features/related/index.js';
import { QueryState } from '../../shared/components/states.js';

/** The account profile, with its fields and the Related Accounts tab, each at its own URL. */
export function AccountPage({ tab }: { tab: 'profile' | 'related' }) {
  const { id = '' } = useParams();
  const query = useAccount(id);
  const base = `/accounts/${encodeURIComponent(id)}`;
  return (
    <section className="page">
      <QueryState query={query} loadingLabel="Loading account…">
        {(view) => (
          <>
            <header className="page-header">
              <div>
                <p className="breadcrumb">
                  <Link to="/accounts">Accounts</Link> / {view.id}
                </p>
                <h1>{view.account.name ?? '(no name)'}</h1>
              </div>
              <Link className="button" to={`/what-if?scope=account&account=${encodeURIComponent(view.id)}`}>
                What-if for this neighbourhood
              </Link>
            </header>
            <nav className="tabs" aria-label="Account sections">
              <NavLink to={base} end>
                Profile
              </NavLink>
              <NavLink to={`${base}/related`}>Related Accounts</NavLink>
            </nav>
            {tab === 'profile' ? (
              <AccountProfile view={view} />
            ) : (
              <RelatedAccountsPanel accountId={view.id} accountName={view.account.name ?? view.id} />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
