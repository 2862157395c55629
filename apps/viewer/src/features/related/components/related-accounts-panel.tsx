import { RELATIONS, TIERS, type Relation, type Tier } from '@kindred/contract';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/components/states.js';
import { formatCount } from '../../../shared/format/format.js';
import type { RelatedFilter } from '../api/related-api.js';
import { useRelated } from '../hooks/use-related.js';
import { GroupGraph } from './group-graph.js';
import { RelatedFilters } from './related-filters.js';
import { RelatedTable } from './related-table.js';

const isTier = (v: string): v is Tier => (TIERS as readonly string[]).includes(v);
const isRelation = (v: string): v is Relation => (RELATIONS as readonly string[]).includes(v);

/** The Related Accounts tab: filters (kept in the URL), graph, and the full table. */
export function RelatedAccountsPanel({ accountId, accountName }: { accountId: string; accountName: string }) {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<RelatedFilter>(
    () => ({ tiers: params.getAll('tier').filter(isTier), relations: params.getAll('relation').filter(isRelation) }),
    [params],
  );
  const query = useRelated(accountId, filter);

  const setFilter = (f: RelatedFilter) => {
    const p = new URLSearchParams();
    f.tiers.forEach((t) => p.append('tier', t));
    f.relations.forEach((r) => p.append('relation', r));
    setParams(p, { replace: true });
  };

  return (
    <section aria-label="Related accounts" aria-busy={query.isFetching}>
      <RelatedFilters value={filter} onChange={setFilter} />
      {query.isPending ? (
        <LoadingState label="Loading related accounts…" />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState>
          {filter.tiers.length || filter.relations.length
            ? 'No related accounts match these filters.'
            : 'No related accounts in the current run.'}
        </EmptyState>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {formatCount(query.data.length)} related accounts
          </p>
          <GroupGraph accountId={accountId} accountName={accountName} rows={query.data} />
          <RelatedTable accountId={accountId} rows={query.data} />
        </>
      )}
    </section>
  );
}
