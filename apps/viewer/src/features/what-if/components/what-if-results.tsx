import { TIERS } from '@kindred/contract';
import { Metric } from '../../../shared/components/metric.js';
import { formatCount, formatDelta, formatDuration } from '../../../shared/format/format.js';
import { TIER_LABELS } from '../../../shared/format/labels.js';
import type { WhatIfSummary } from '../worker/types.js';

function BeforeAfter({ before, after }: { before: number; after: number }) {
  return (
    <>
      {formatCount(before)} → <strong>{formatCount(after)}</strong>{' '}
      <span className={after === before ? 'muted' : 'delta'}>({formatDelta(after - before)})</span>
    </>
  );
}

/** What the new settings change against the current run's, on the same accounts. */
export function WhatIfResults({
  summary,
  elapsedMs,
  computing,
  revision = 0,
}: {
  summary: WhatIfSummary;
  elapsedMs: number;
  computing: boolean;
  revision?: number;
}) {
  return (
    <section className="card what-if-results" aria-label="What changed" aria-busy={computing}>
      <header className="card-header">
        <h2>What changed ({TIER_LABELS[summary.tier]} tier)</h2>
        <p className="timing" role="status" data-testid="what-if-elapsed" data-elapsed-ms={Math.round(elapsedMs)} data-compute-ms={Math.round(summary.computeMs)} data-revision={revision}>
          Updated in {formatDuration(elapsedMs)} after release (worker {formatDuration(summary.computeMs)}), {formatCount(summary.accounts)} accounts
        </p>
        <p className="muted stage-times" data-stage-ms={JSON.stringify(summary.stageMs)}>
          Worker time:{' '}
          {Object.entries(summary.stageMs)
            .map(([stage, ms]) => `${stage} ${formatDuration(ms)}`)
            .join(', ')}
        </p>
      </header>
      <dl className="metrics" data-testid="what-if-changes">
        <Metric label="Groups merged" value={formatCount(summary.merged)} />
        <Metric label="Groups split" value={formatCount(summary.split)} />
        <Metric label="Accounts moved" value={formatCount(summary.accountsMoved)} />
        {summary.reach && (
          <Metric
            label="Segment reach (total)"
            value={<BeforeAfter before={summary.reach.before.total} after={summary.reach.after.total} />}
          />
        )}
      </dl>
      {summary.reach && (
        <p className="muted">
          Reach before: {formatCount(summary.reach.before.direct)} direct + {formatCount(summary.reach.before.related)} through related; after:{' '}
          {formatCount(summary.reach.after.direct)} direct + {formatCount(summary.reach.after.related)} through related.
        </p>
      )}
      <table className="data-table compact">
        <caption>Groups per tier, current settings → these settings</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Groups</th>
            <th scope="col">Multi-account groups</th>
            <th scope="col">Largest group</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((t) => (
            <tr key={t} data-tier={t}>
              <th scope="row">{TIER_LABELS[t]}</th>
              <td>
                <BeforeAfter before={summary.before[t].groups} after={summary.after[t].groups} />
              </td>
              <td>
                <BeforeAfter before={summary.before[t].multiAccountGroups} after={summary.after[t].multiAccountGroups} />
              </td>
              <td>
                <BeforeAfter before={summary.before[t].largestGroupSize} after={summary.after[t].largestGroupSize} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.examples.length > 0 && (
        <>
          <h3>Largest changes</h3>
          <ul className="examples">
            {summary.examples.map((e, i) => (
              <li key={i}>
                <strong>{e.kind === 'merged' ? 'Merged' : 'Split into'}:</strong>{' '}
                {e.members.map((names) => `[${names.join(', ')}]`).join(e.kind === 'merged' ? ' + ' : ' | ')}
                {e.parts > e.members.length && <span className="muted"> and {formatCount(e.parts - e.members.length)} more groups</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
