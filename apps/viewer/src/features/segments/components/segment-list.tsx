import { Link } from 'react-router';
import { EmptyState, QueryState } from '../../../shared/components/states.js';
import { formatDateTime } from '../../../shared/format/format.js';
import { useSegments } from '../hooks/use-segments.js';

export function SegmentList() {
  const query = useSegments();
  return (
    <QueryState query={query} loadingLabel="Loading segments…">
      {(segments) =>
        segments.length === 0 ? (
          <EmptyState>No saved segments yet.</EmptyState>
        ) : (
          <ul className="segment-list">
            {segments.map((s) => (
              <li key={s.id}>
                <Link to={`/segments/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                <span className="muted"> · updated {formatDateTime(s.updatedAt)}</span>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
