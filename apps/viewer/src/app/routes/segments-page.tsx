import { SegmentsView } from '../../features/segments/index.js';

export function SegmentsPage() {
  return <SegmentsView />;
}
