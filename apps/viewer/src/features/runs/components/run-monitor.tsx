import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../../../shared/components/states.js';
import { formatDateTime } from '../../../shared/format/format.js';
import { shortId } from '../../../shared/format/short-id.js';
import { ACTIVE_STATUSES, type Run } from '../api/runs-api.js';
import { RUN_HISTORY_DAYS, useRecentRuns, useRun, useRunChanges } from '../hooks/use-runs.js';
import { ChangeLog } from './change-log.js';
import { GroupSizeHistogram } from './group-size-histogram.js';
import { RunMetricsCard, RunStatusChip } from './run-metrics-card.js';
import { RunsChart } from './runs-chart.js';
import { RunProgress, StartRunPanel } from './start-run-panel.js';

function RunDetail({ runId }: { runId: string }) {
  const run = useRun(runId);
  const changes = useRunChanges(run.data);
  return (
    <QueryState query={run} loadingLabel="Loading run…">
      {(r) => (
        <div className="run-detail">
          {ACTIVE_STATUSES.includes(r.status) && <RunProgress run={r} />}
          <RunMetricsCard run={r} />
          <div className="two-columns">
            <section className="card">
              <h2>Group sizes</h2>
              <GroupSizeHistogram histogram={r.metrics?.groupSizeHistogram} />
            </section>
            <section className="card">
              <h2>Change log</h2>
              {r.status !== 'succeeded' ? (
                <EmptyState>Changes are recorded when a run succeeds.</EmptyState>
              ) : changes.isPending ? (
                <LoadingState label="Loading changes…" />
              ) : changes.error ? (
                <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />
              ) : (
                <ChangeLog changes={changes.data!} />
              )}
            </section>
          </div>
        </div>
      )}
    </QueryState>
  );
}

function RunList({ runs, selectedId }: { runs: Run[]; selectedId: string | undefined }) {
  return (
    <div className="table-scroll runs-list" tabIndex={0} role="region" aria-label="Run history">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Started</th>
            <th scope="col">Mode</th>
            <th scope="col">Status</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} aria-current={r.id === selectedId ? 'true' : undefined}>
              <td className="mono">
                <Link to={`/runs/${encodeURIComponent(r.id)}`} title={r.id}>
                  {shortId(r.id)}
                </Link>
              </td>
              <td>{formatDateTime(r.startedAt ?? r.createdAt)}</td>
              <td>{r.mode}</td>
              <td>
                <RunStatusChip status={r.status} />
              </td>
              <td className="truncate">{r.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The run monitor: one run in detail (the given one, else the latest), the 90-day history, and
 * a button to start a run whose progress is then followed live. */
export function RunMonitor({ runId }: { runId?: string }) {
  const runs = useRecentRuns();
  const navigate = useNavigate();
  const [failuresOnly, setFailuresOnly] = useState(false);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Runs</h1>
        <StartRunPanel
          activeRun={runs.data?.find((r) => ACTIVE_STATUSES.includes(r.status))}
          onStarted={(run) => navigate(`/runs/${encodeURIComponent(run.id)}`)}
        />
      </header>
      <QueryState query={runs} loadingLabel="Loading runs…">
        {(list) => {
          const selected = runId ?? list[0]?.id;
          const shown = failuresOnly ? list.filter((r) => r.status === 'failed') : list;
          return (
            <>
              {selected ? (
                <RunDetail runId={selected} />
              ) : (
                <EmptyState>No runs yet. Start one to cluster the accounts.</EmptyState>
              )}
              <section className="card">
                <header className="card-header">
                  <h2>Last {RUN_HISTORY_DAYS} days</h2>
                  <label className="check">
                    <input type="checkbox" checked={failuresOnly} onChange={(e) => setFailuresOnly(e.target.checked)} />
                    Failures only
                  </label>
                </header>
                <RunsChart runs={list} days={RUN_HISTORY_DAYS} failuresOnly={failuresOnly} />
                {shown.length ? (
                  <RunList runs={shown} selectedId={selected} />
                ) : (
                  <EmptyState>{failuresOnly ? 'No failed runs in this period.' : 'No runs in this period.'}</EmptyState>
                )}
              </section>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
