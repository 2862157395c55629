import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/components/states.js';
import { formatCount } from '../../../shared/format/format.js';
import { useDebounced } from '../../../shared/hooks/use-debounced.js';
import type { AccountFilters } from '../api/accounts-api.js';
import { useAccountPages } from '../hooks/use-accounts.js';
import { AccountFiltersBar } from './account-filters-bar.js';
import { AccountsTable } from './accounts-table.js';

/** Filters live in the URL, so a filtered list can be shared and reloaded. */
function filtersFrom(params: URLSearchParams): AccountFilters {
  const size = Number.parseInt(params.get('minGroupSize') ?? '', 10);
  return {
    q: params.get('q') ?? undefined,
    industry: params.get('industry') ?? undefined,
    state: params.get('state') ?? undefined,
    country: params.get('country') ?? undefined,
    minGroupSize: Number.isFinite(size) ? size : undefined,
  };
}

export function AccountsView() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const settled = useDebounced(filters, 250);
  const query = useAccountPages(settled);

  const setFilters = useCallback(
    (next: AccountFilters) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') p.set(k, String(v));
      setParams(p, { replace: true });
    },
    [setParams],
  );

  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? 0;
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const needMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Accounts</h1>
        {query.data && (
          <p className="muted" aria-live="polite">
            {formatCount(total)} accounts
          </p>
        )}
      </header>
      <AccountFiltersBar filters={filters} onChange={setFilters} />
      {query.isPending ? (
        <LoadingState label="Loading accounts…" />
      ) : query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : total === 0 ? (
        <EmptyState>No accounts match these filters.</EmptyState>
      ) : (
        <AccountsTable rows={rows} total={total} onNeedMore={needMore} loadingMore={isFetchingNextPage} />
      )}
    </section>
  );
}
