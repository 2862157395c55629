import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunMetrics } from '@kindred/contract';
import { EmptyState } from '../../../shared/components/states.js';
import { formatCount } from '../../../shared/format/format.js';

export function GroupSizeHistogram({ histogram }: { histogram: RunMetrics['groupSizeHistogram'] | undefined }) {
  if (!histogram || histogram.length === 0) return <EmptyState>No group sizes yet: the run has no results.</EmptyState>;
  return (
    <figure className="chart" aria-label="Group-size histogram">
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 600, height: 220 }}>
          <BarChart data={histogram} margin={{ top: 8, right: 8, bottom: 12, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="size" tick={{ fontSize: 12 }} label={{ value: 'accounts per group', position: 'insideBottom', offset: -2, fontSize: 12 }} height={40} />
            <YAxis scale="sqrt" allowDecimals={false} width={48} tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v)} />
            <Tooltip formatter={(v) => formatCount(Number(v))} />
            <Bar dataKey="groups" name="Groups" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Groups by size</caption>
        <thead>
          <tr>
            <th scope="col">Accounts per group</th>
            <th scope="col">Groups</th>
          </tr>
        </thead>
        <tbody>
          {histogram.map((h) => (
            <tr key={h.size}>
              <td>{h.size}</td>
              <td>{formatCount(h.groups)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
