import type { SegmentCounts } from '@kindred/contract';
import { Metric } from '../../../shared/components/metric.js';
import { formatCount } from '../../../shared/format/format.js';

export function ReachCounts({ counts, updating }: { counts: SegmentCounts; updating: boolean }) {
  return (
    <dl className="metrics reach" aria-label="Reach" aria-busy={updating} data-testid="reach">
      <Metric label="Matched directly" value={formatCount(counts.direct)} />
      <Metric label="Added through related accounts" value={formatCount(counts.related)} />
      <Metric label="Total reach" value={formatCount(counts.total)} />
    </dl>
  );
}
