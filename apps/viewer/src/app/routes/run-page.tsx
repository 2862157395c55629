import { useParams } from 'react-router';
import { RunMonitor } from '../../features/runs/index.js';

export function RunPage() {
  const { id } = useParams();
  return <RunMonitor runId={id} />;
}
