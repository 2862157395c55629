import { Link } from 'react-router';
import { QueryState } from '../../../shared/components/states.js';
import { useSegment } from '../hooks/use-segments.js';
import { fromDefinition } from './filter-model.js';
import { SegmentEditor } from './segment-editor.js';

/** A saved segment reopened in the builder, evaluated on demand. */
export function SavedSegmentView({ segmentId }: { segmentId: string }) {
  const query = useSegment(segmentId);
  return (
    <section className="page">
      <QueryState query={query} loadingLabel="Loading segment…">
        {(segment) => (
          <>
            <header className="page-header">
              <div>
                <p className="breadcrumb">
                  <Link to="/segments">Segments</Link> / {segment.id}
                </p>
                <h1>{segment.name}</h1>
              </div>
              <Link className="button" to={`/what-if?scope=segment&segment=${encodeURIComponent(segment.id)}`}>
                What-if for this segment
              </Link>
            </header>
            <SegmentEditor key={segment.id} initial={fromDefinition(segment.definition)} segmentId={segment.id} initialName={segment.name} />
          </>
        )}
      </QueryState>
    </section>
  );
}
