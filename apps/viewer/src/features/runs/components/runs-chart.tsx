import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatDay } from '../../../shared/format/format.js';
import type { Run } from '../api/runs-api.js';

const DAY_MS = 86_400_000;

export interface RunDay {
  day: string;
  label: string;
  succeeded: number;
  failed: number;
  other: number;
}

/** Buckets runs into the last `days` calendar days (UTC), oldest first, one entry per day. */
export function runsPerDay(runs: Run[], days: number, now = Date.now()): RunDay[] {
  const today = Math.floor(now / DAY_MS);
  const out: RunDay[] = [];
  const index = new Map<number, RunDay>();
  for (let d = today - days + 1; d <= today; d++) {
    const iso = new Date(d * DAY_MS).toISOString().slice(0, 10);
    const entry = { day: iso, label: formatDay(d * DAY_MS), succeeded: 0, failed: 0, other: 0 };
    index.set(d, entry);
    out.push(entry);
  }
  for (const run of runs) {
    const entry = index.get(Math.floor(Date.parse(run.createdAt) / DAY_MS));
    if (!entry) continue;
    if (run.status === 'succeeded') entry.succeeded++;
    else if (run.status === 'failed') entry.failed++;
    else entry.other++;
  }
  return out;
}

/** Daily runs over the last 90 days, stacked by outcome; "failures only" keeps the failed ones. */
export function RunsChart({ runs, days, failuresOnly }: { runs: Run[]; days: number; failuresOnly: boolean }) {
  const data = useMemo(() => runsPerDay(runs, days), [runs, days]);
  const failed = data.reduce((n, d) => n + d.failed, 0);
  const total = data.reduce((n, d) => n + d.failed + d.succeeded + d.other, 0);
  return (
    <figure className="chart" aria-label={`Runs per day over the last ${days} days`}>
      <figcaption className="muted">
        {failuresOnly
          ? `${formatCount(failed)} failed runs in the last ${days} days`
          : `${formatCount(total)} runs in the last ${days} days, ${formatCount(failed)} failed`}
      </figcaption>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 800, height: 220 }}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={13} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} width={32} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {!failuresOnly && <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill="var(--ok)" isAnimationActive={false} />}
            <Bar dataKey="failed" name="Failed" stackId="runs" fill="var(--bad)" isAnimationActive={false} />
            {!failuresOnly && <Bar dataKey="other" name="Skipped or active" stackId="runs" fill="var(--muted)" isAnimationActive={false} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
