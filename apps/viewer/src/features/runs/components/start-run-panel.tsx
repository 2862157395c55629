import { errorMessage } from '../../../shared/api/api-error.js';
import { formatPercent } from '../../../shared/format/format.js';
import { shortId } from '../../../shared/format/short-id.js';
import { ACTIVE_STATUSES, type Run } from '../api/runs-api.js';
import { useStartRun } from '../hooks/use-runs.js';

/** Live progress of an active run: stage and percent, announced to screen readers. */
export function RunProgress({ run }: { run: Run }) {
  const percent = Math.max(0, Math.min(100, run.progress?.percent ?? 0));
  return (
    <div className="run-progress" role="status" aria-live="polite">
      <label>
        Run {shortId(run.id)}: {run.status === 'queued' ? 'queued' : `${run.progress?.stage ?? 'starting'} — ${formatPercent(percent / 100)}`}
        <progress max={100} value={run.status === 'queued' ? undefined : percent} />
      </label>
    </div>
  );
}

/** Starts a run; the page then follows it through `onStarted`. Disabled while a run is active. */
export function StartRunPanel({ activeRun, onStarted }: { activeRun: Run | undefined; onStarted: (run: Run) => void }) {
  const start = useStartRun();
  const busy = start.isPending || (!!activeRun && ACTIVE_STATUSES.includes(activeRun.status));
  return (
    <div className="start-run">
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => start.mutate('full', { onSuccess: onStarted })}
      >
        {start.isPending ? 'Starting…' : 'Start a run'}
      </button>
      {start.isError && (
        <p className="form-error" role="alert">
          {errorMessage(start.error)}
        </p>
      )}
    </div>
  );
}
