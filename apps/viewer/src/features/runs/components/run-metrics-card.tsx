import { Metric } from '../../../shared/components/metric.js';
import { Chip } from '../../../shared/components/chip.js';
import { formatCount, formatDateTime, formatDecimal, formatDuration } from '../../../shared/format/format.js';
import { shortId } from '../../../shared/format/short-id.js';
import type { Run } from '../api/runs-api.js';

export function RunStatusChip({ status }: { status: Run['status'] }) {
  return <Chip tone={`status-${status}`}>{status}</Chip>;
}

/** The figures a data steward checks first about a run. */
export function RunMetricsCard({ run }: { run: Run }) {
  const last = run.lastSuccessfulRun;
  const m = run.metrics;
  return (
    <article className="card" aria-labelledby={`run-${run.id}-title`}>
      <header className="card-header">
        <h2 id={`run-${run.id}-title`}>
          Run <span title={run.id}>{shortId(run.id)}</span> <RunStatusChip status={run.status} />
        </h2>
        <span className="muted">
          {run.mode} · started {formatDateTime(run.startedAt ?? run.createdAt)}
        </span>
      </header>
      <dl className="metrics">
        <Metric label="Total account profiles" value={formatCount(m?.totalAccounts)} />
        <Metric label="Account groups" value={formatCount(m?.groups)} />
        <Metric label="Single-account groups" value={formatCount(m?.singleAccountGroups)} />
        <Metric label="Largest group size" value={formatCount(m?.largestGroupSize)} />
        <Metric label="Median group size" value={formatDecimal(m?.medianGroupSize)} />
        <Metric label="Last successful run" value={last ? formatDateTime(last.finishedAt) : 'none yet'} />
        <Metric label="Status" value={run.status} />
        <Metric label="Elapsed" value={formatDuration(run.elapsedMs)} />
      </dl>
      <p className="run-message">
        <span className="muted">Message: </span>
        {run.message ?? '—'}
      </p>
      {m && Object.keys(m.stageMs).length > 0 && (
        <details>
          <summary>Time per stage</summary>
          <dl className="metrics compact">
            {Object.entries(m.stageMs).map(([stage, ms]) => (
              <Metric key={stage} label={stage} value={formatDuration(ms)} />
            ))}
          </dl>
        </details>
      )}
    </article>
  );
}
