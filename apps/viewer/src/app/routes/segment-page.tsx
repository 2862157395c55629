import { useParams } from 'react-router';
import { SavedSegmentView } from '../../features/segments/index.js';

export function SegmentPage() {
  const { id = '' } = useParams();
  return <SavedSegmentView segmentId={id} />;
}
